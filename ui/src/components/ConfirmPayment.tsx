import { useEffect, useState } from 'preact/hooks';
import type { Payment } from '@ledgerline/api';
import type { Clients } from '../api';
import { formatAmount } from '../money';
import type { Shell } from '../shell';
import { loadStripe } from '../stripe';
import { Button, Outcome, useAction } from './ui';

/**
 * The customer authenticates a payment their bank holds (3-D Secure) with Stripe.js, then the
 * service asks Stripe how it ended (the browser's word is not taken). Returns the payment as the
 * service then has it.
 */
export async function confirmPayment(api: Clients, shell: Shell, payment: Payment): Promise<Payment> {
  const { clientSecret, paymentMethodId } = await api.payments.startPaymentConfirmation({ paymentId: payment.id });
  const stripe = await loadStripe(shell.stripeJsUrl, shell.publishableKey);
  // Declined off-session for want of authentication: confirmed again with its card, here, where the bank can ask.
  const result = paymentMethodId
    ? await stripe.confirmCardPayment(clientSecret, { payment_method: paymentMethodId })
    : stripe.handleNextAction
      ? await stripe.handleNextAction({ clientSecret })
      : await stripe.confirmCardPayment(clientSecret);
  const after = await api.payments.refreshPayment({ paymentId: payment.id });
  if (result.error && after.status !== 'succeeded') {
    throw new Error(result.error.message ?? 'The payment was not confirmed.');
  }
  return after;
}

/** The payments table's action for a payment that waits for the customer. */
export function ConfirmPaymentButton({ api, shell, payment, onChanged }:
  { api: Clients; shell: Shell; payment: Payment; onChanged: () => void }) {
  const action = useAction();
  if (payment.status !== 'requires_action' || payment.kind === 'checkout') {
    return null;
  }
  const amount = formatAmount(payment.amount, payment.currency);
  return (
    <>
      <Button kind="primary" busy={action.busy} testId={`confirm-${payment.id}`} label={`Confirm the payment of ${amount}`}
              onClick={() => action.run(async () => {
                const after = await confirmPayment(api, shell, payment);
                onChanged();
                return after.status === 'succeeded' ? `Paid ${amount}.` : `The payment is ${after.status.replace('_', ' ')}.`;
              })}>
        Confirm payment
      </Button>
      <Outcome action={action} />
    </>
  );
}

/**
 * The email's link (`?confirm=<payment id>`): the payment it names, with its confirm button, at the
 * top of the panel while it still waits for the customer.
 */
export function ConfirmFromLink({ api, shell, version, onChanged }:
  { api: Clients; shell: Shell; version: number; onChanged: () => void }) {
  const [payment, setPayment] = useState<Payment | null>(null);
  const wanted = new URLSearchParams(window.location.search).get('confirm');
  useEffect(() => {
    if (!wanted) {
      return;
    }
    void api.payments.listPayments({ limit: 100 })
      .then(page => setPayment(page.data.find(p => p.id === wanted && p.status === 'requires_action') ?? null))
      .catch(() => setPayment(null));
  }, [version, wanted]);
  if (!payment) {
    return null;
  }
  return (
    <div class="notice warning" role="status" data-testid="confirm-from-link">
      <p>Your bank asks you to confirm the payment of {formatAmount(payment.amount, payment.currency)}.</p>
      <ConfirmPaymentButton api={api} shell={shell} payment={payment} onChanged={onChanged} />
    </div>
  );
}
