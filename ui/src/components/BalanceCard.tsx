import { useRef, useState } from 'preact/hooks';
import type { Balance, PaymentMethod, Settings } from '@ledgerline/api';
import { SubmissionKey, type Clients } from '../api';
import { formatAmount } from '../money';
import type { Shell } from '../shell';
import { confirmPayment } from './ConfirmPayment';
import { describeMethod, methodToCharge } from './methods';
import { refreshed } from './refresh';
import { Button, Card, Outcome, useAction } from './ui';

interface Props {
  api: Clients;
  shell: Shell;
  balance: Balance;
  methods: PaymentMethod[];
  settings: Settings | null;
  onChanged: () => Promise<void>;
}

/** The balance, and paying what is due after a confirmation step. */
export function BalanceCard({ api, shell, balance, methods, settings, onChanged }: Props) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const payKey = useRef(new SubmissionKey());
  const method = methodToCharge(methods, settings);
  const money = (amount: number) => formatAmount(amount, balance.currency);

  const pay = () => action.run(async () => {
    setConfirming(false);
    let payment;
    try {
      payment = await api.payments.payBalance({ idempotencyKey: payKey.current.next(`${balance.due}:${method?.id ?? ''}`) });
      payKey.current.settled();
    } catch (error) {
      payKey.current.settled(error);
      throw error;
    }
    // Not final yet (processing, say)? Ask Stripe now rather than wait for its webhook.
    payment = await refreshed(api, payment);
    // The bank wants the customer to authenticate it (3-D Secure), and the customer is here: ask now.
    if (payment.status === 'requires_action') {
      payment = await confirmPayment(api, shell, payment);
    }
    await onChanged();
    if (payment.status === 'failed') {
      throw new Error(payment.failureMessage ?? 'The payment failed.');
    }
    return payment.status === 'succeeded'
      ? `Paid ${money(payment.amount)}.`
      : `The payment of ${money(payment.amount)} is ${payment.status.replace('_', ' ')}; the balance updates when it clears.`;
  });

  return (
    <Card title="Balance" testId="balance-card">
      <dl class="figures">
        <div><dt>Balance</dt><dd data-testid="balance">{money(balance.balance)}</dd></div>
        <div><dt>Due now</dt><dd data-testid="due">{money(balance.due)}</dd></div>
        <div><dt>Pending payments</dt><dd>{money(balance.pendingPayments)}</dd></div>
        <div><dt>Pending charges</dt><dd>{money(balance.pendingCharges)}</dd></div>
      </dl>
      <p class="muted">Last updated {new Date(balance.updatedAt).toLocaleString()}</p>
      {!confirming && (
        <Button kind="primary" busy={action.busy} disabled={balance.due <= 0 || !method}
                onClick={() => { action.clear(); setConfirming(true); }}>Pay balance</Button>
      )}
      {balance.due > 0 && !method && <p class="muted">Add a payment method to pay.</p>}
      {confirming && method && (
        <div class="confirm" role="group" aria-label="Confirm payment">
          <p>Pay <strong>{money(balance.due)}</strong> with <strong>{describeMethod(method)}</strong>? If it is declined,
            your other methods are tried in priority order.</p>
          <Button kind="primary" onClick={pay}>Confirm payment</Button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </div>
      )}
      <Outcome action={action} />
    </Card>
  );
}
