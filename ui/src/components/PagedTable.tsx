import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button, Card, Outcome, useAction } from './ui';

export interface Column<T> {
  header: string;
  cell: (row: T) => ComponentChildren;
  numeric?: boolean;
}

interface Props<T> {
  title: string;
  testId: string;
  columns: Column<T>[];
  /** One page after {@code cursor} (none: the first page). */
  load: (cursor?: string) => Promise<{ data: T[]; nextCursor?: string | null }>;
  /** Changes whenever the data may have changed, to reload the first page. */
  version: number;
  empty: string;
}

/** A table paged with the API's opaque cursors; Previous goes back through the cursors seen. */
export function PagedTable<T>({ title, testId, columns, load, version, empty }: Props<T>) {
  const [rows, setRows] = useState<T[]>([]);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [next, setNext] = useState<string | null>(null);
  const action = useAction();

  const show = (stack: (string | undefined)[]) => action.run(async () => {
    const page = await load(stack[stack.length - 1]);
    setRows(page.data);
    setNext(page.nextCursor ?? null);
    setCursors(stack);
  });

  useEffect(() => { void show([undefined]); }, [version]);

  return (
    <Card title={title} testId={testId}>
      <div class="table-scroll">
        <table>
          <thead><tr>{columns.map(c => <th key={c.header} class={c.numeric ? 'numeric' : ''} scope="col">{c.header}</th>)}</tr></thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>{columns.map(c => <td key={c.header} class={c.numeric ? 'numeric' : ''}>{c.cell(row)}</td>)}</tr>
            ))}
            {rows.length === 0 && !action.busy && <tr><td colSpan={columns.length} class="muted">{empty}</td></tr>}
          </tbody>
        </table>
      </div>
      <div class="pager">
        <Button disabled={cursors.length < 2} busy={action.busy} onClick={() => show(cursors.slice(0, -1))}>Previous</Button>
        <Button disabled={!next} busy={action.busy} onClick={() => show([...cursors, next!])}>Next</Button>
      </div>
      <Outcome action={action} />
    </Card>
  );
}
