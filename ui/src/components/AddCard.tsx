import { useEffect, useRef, useState } from 'preact/hooks';
import type { Clients } from '../api';
import type { Shell } from '../shell';
import { loadStripe, type StripeCardElement, type StripeJs } from '../stripe';
import { describeMethod } from './methods';
import { storedAfterSetup } from './refresh';
import { Button, Card, Outcome, useAction } from './ui';

/** Stripe Elements' card field, confirmCardSetup, then the service asks Stripe and stores the card (or the webhook does). */
export function AddCard({ api, shell, onChanged }: { api: Clients; shell: Shell; onChanged: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const action = useAction();
  const mountPoint = useRef<HTMLDivElement>(null);
  const stripe = useRef<StripeJs | null>(null);
  const card = useRef<StripeCardElement | null>(null);

  useEffect(() => () => card.current?.destroy(), []);

  const start = () => action.run(async () => {
    stripe.current = await loadStripe(shell.stripeJsUrl, shell.publishableKey);
    setOpen(true);
  });

  useEffect(() => {
    if (open && stripe.current && mountPoint.current && !card.current) {
      card.current = stripe.current.elements().create('card');
      card.current.mount(mountPoint.current);
    }
  }, [open]);

  const save = () => action.run(async () => {
    const intent = await api.methods.createCardSetupIntent();
    const result = await stripe.current!.confirmCardSetup(intent.clientSecret, { payment_method: { card: card.current! } });
    if (result.error || !result.setupIntent) {
      throw new Error(result.error?.message ?? 'The card could not be saved.');
    }
    const pm = result.setupIntent.payment_method;
    setWaiting(true);
    try {
      const stored = await storedAfterSetup(api, intent.setupIntentId, typeof pm === 'string' ? pm : pm.id);
      await onChanged();
      if (!stored) {
        return 'Stripe has not confirmed the card yet; it will appear here when it does.';
      }
      card.current?.destroy();
      card.current = null;
      setOpen(false);
      return `${describeMethod(stored)} was saved.`;
    } finally {
      setWaiting(false);
    }
  });

  return (
    <Card title="Add a card" testId="add-card">
      {!open && <Button busy={action.busy} onClick={start}>Add card</Button>}
      {open && (
        <form onSubmit={e => { e.preventDefault(); void save(); }}>
          <div class="card-field" ref={mountPoint} data-testid="card-field" />
          <Button type="submit" kind="primary" busy={action.busy}>Save card</Button>
          <Button disabled={action.busy} onClick={() => { card.current?.destroy(); card.current = null; setOpen(false); action.clear(); }}>
            Cancel
          </Button>
        </form>
      )}
      {waiting && <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> Waiting for confirmation from Stripe…</p>}
      <Outcome action={action} />
    </Card>
  );
}
