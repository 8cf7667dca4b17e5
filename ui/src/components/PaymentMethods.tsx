import { useState } from 'preact/hooks';
import type { PaymentMethod } from '@ledgerline/api';
import type { Clients } from '../api';
import { describeMethod } from './methods';
import { Button, Card, Outcome, useAction } from './ui';

interface Props {
  api: Clients;
  methods: PaymentMethod[];
  onChanged: () => Promise<void>;
}

const STATUS_LABEL: Record<string, string> = { pending_verification: 'Pending verification', failed: 'Failed' };

/** The saved methods in priority order: reorder (drag, or the arrow buttons), make default, remove. */
export function PaymentMethods({ api, methods, onChanged }: Props) {
  const action = useAction();
  const [removing, setRemoving] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);

  const reorder = (ids: string[]) => action.run(async () => {
    await api.methods.setPaymentMethodPriority({ paymentMethodPriorityRequest: { paymentMethodIds: ids } });
    await onChanged();
    return 'Priority saved.';
  });
  const move = (index: number, by: number) => {
    const ids = methods.map(m => m.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id);
    void reorder(ids);
  };
  const dropOn = (target: string) => {
    if (!dragged || dragged === target) {
      return;
    }
    const ids = methods.map(m => m.id).filter(id => id !== dragged);
    ids.splice(ids.indexOf(target), 0, dragged);
    setDragged(null);
    void reorder(ids);
  };
  const makeDefault = (method: PaymentMethod) => action.run(async () => {
    await api.methods.setDefaultPaymentMethod({ defaultPaymentMethodRequest: { paymentMethodId: method.id } });
    await onChanged();
    return `${describeMethod(method)} is now the default.`;
  });
  const remove = (method: PaymentMethod) => action.run(async () => {
    setRemoving(null);
    await api.methods.deletePaymentMethod({ paymentMethodId: method.id });
    await onChanged();
    return `${describeMethod(method)} was removed.`;
  });

  return (
    <Card title="Payment methods" testId="payment-methods">
      {methods.length === 0 && <p class="muted">No payment methods yet.</p>}
      <ol class="methods">
        {methods.map((method, index) => (
          <li key={method.id} data-testid="payment-method" data-id={method.id} draggable={methods.length > 1}
              class={dragged === method.id ? 'dragging' : ''}
              onDragStart={() => setDragged(method.id)} onDragEnd={() => setDragged(null)}
              onDragOver={e => e.preventDefault()} onDrop={e => { e.preventDefault(); dropOn(method.id); }}>
            <span class="priority" aria-label={`Priority ${method.priority}`}>{method.priority}</span>
            <span class="method-name">
              {describeMethod(method)}
              {method.expMonth && method.expYear && <span class="muted"> expires {String(method.expMonth).padStart(2, '0')}/{method.expYear}</span>}
            </span>
            {method.isDefault && <span class="badge default">Default</span>}
            {STATUS_LABEL[method.status] && <span class={`badge ${method.status}`}>{STATUS_LABEL[method.status]}</span>}
            <span class="actions">
              <Button label={`Move ${describeMethod(method)} up`} disabled={index === 0 || action.busy} onClick={() => move(index, -1)}>↑</Button>
              <Button label={`Move ${describeMethod(method)} down`} disabled={index === methods.length - 1 || action.busy}
                      onClick={() => move(index, 1)}>↓</Button>
              {!method.isDefault && method.status === 'active' && (
                <Button disabled={action.busy} onClick={() => makeDefault(method)}>Make default</Button>
              )}
              {removing === method.id ? (
                <span role="group" aria-label="Confirm removal">
                  <Button kind="danger" onClick={() => remove(method)}>Confirm remove</Button>
                  <Button onClick={() => setRemoving(null)}>Keep</Button>
                </span>
              ) : (
                <Button kind="danger" disabled={action.busy} onClick={() => setRemoving(method.id)}>Remove</Button>
              )}
            </span>
          </li>
        ))}
      </ol>
      {action.busy && <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> Saving…</p>}
      <Outcome action={action} />
    </Card>
  );
}
