import { useEffect, useState } from 'preact/hooks';
import type { Payment } from '@ledgerline/api';
import type { Clients } from '../api';
import { Button, Card, Outcome, useAction } from './ui';

/**
 * Saves a PDF the service made. The API needs the session headers, which a plain link cannot
 * send, so the panel fetches the bytes with the generated client and hands them to the browser
 * as a download.
 */
function save(pdf: Blob, filename: string): void {
  const url = URL.createObjectURL(pdf);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser reads the object URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The payments table's receipt button: only a succeeded payment has one. */
export function ReceiptButton({ api, payment }: { api: Clients; payment: Payment }) {
  const action = useAction();
  if (payment.status !== 'succeeded') {
    return null;
  }
  return (
    <>
      <Button busy={action.busy} testId={`receipt-${payment.id}`} label={`Download the receipt of payment ${payment.id}`}
              onClick={() => action.run(async () => save(await api.documents.getPaymentReceipt({ paymentId: payment.id }),
                `receipt-${payment.id}.pdf`))}>
        Receipt (PDF)
      </Button>
      <Outcome action={action} />
    </>
  );
}

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Every month's statement, newest first. */
export function Statements({ api, version }: { api: Clients; version: number }) {
  const [months, setMonths] = useState<string[]>([]);
  const list = useAction();
  const download = useAction();
  useEffect(() => { void list.run(async () => setMonths((await api.documents.listStatements()).data.map(m => m.month))); }, [version]);
  return (
    <Card title="Statements" testId="statements">
      <p class="muted">A PDF per calendar month (UTC): the opening balance, every entry, the totals and the closing balance.</p>
      <ul class="statement-list">
        {months.map(month => (
          <li key={month}>
            <span>{monthName(month)}</span>
            <Button busy={download.busy} testId={`statement-${month}`} label={`Download the statement for ${monthName(month)}`}
                    onClick={() => download.run(async () => save(await api.documents.getStatement({ month }), `statement-${month}.pdf`))}>
              Download (PDF)
            </Button>
          </li>
        ))}
      </ul>
      <Outcome action={list} />
      <Outcome action={download} />
    </Card>
  );
}
