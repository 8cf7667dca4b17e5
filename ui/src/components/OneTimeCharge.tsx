import { useRef, useState } from 'preact/hooks';
import type { Availability, PaymentMethod } from '@ledgerline/api';
import { SubmissionKey, type Clients } from '../api';
import { formatAmount, parseAmount } from '../money';
import { AmountInput } from './AmountInput';
import { describeMethod } from './methods';
import { refreshed } from './refresh';
import { Button, Card, Outcome, Unavailable, useAction } from './ui';

/** Charge an amount once to a chosen method, and pay through Stripe Checkout. */
export function OneTimeCharge({ api, methods, currency, checkout: checkoutAvailability, onChanged }:
  { api: Clients; methods: PaymentMethod[]; currency: string; checkout: Availability; onChanged: () => Promise<void> }) {
  const active = methods.filter(m => m.status === 'active');
  const [methodId, setMethodId] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [checkoutAmount, setCheckoutAmount] = useState('');
  const charge = useAction();
  const checkout = useAction();
  const chargeKey = useRef(new SubmissionKey());

  const submit = () => charge.run(async () => {
    const minor = parseAmount(amount, currency);
    if (minor === null || minor < 1) {
      throw new Error('Enter an amount such as 12.50.');
    }
    const request = { paymentMethodId: active.some(m => m.id === methodId) ? methodId : active[0].id, amount: minor, description };
    let payment;
    try {
      payment = await api.payments.chargeOnce({
        idempotencyKey: chargeKey.current.next(JSON.stringify(request)),
        chargeOnceRequest: request,
      });
      chargeKey.current.settled();
    } catch (error) {
      chargeKey.current.settled(error);
      throw error;
    }
    // Not final yet (processing, say)? Ask Stripe now rather than wait for its webhook.
    payment = await refreshed(api, payment);
    await onChanged();
    if (payment.status === 'failed') {
      throw new Error(payment.failureMessage ?? 'The charge failed.');
    }
    return `Charged ${formatAmount(payment.amount, currency)} (${payment.status}).`;
  });

  const payWithCheckout = () => checkout.run(async () => {
    const minor = checkoutAmount ? parseAmount(checkoutAmount, currency) : undefined;
    if (minor === null) {
      throw new Error('Enter an amount such as 12.50, or leave it empty to pay what is due.');
    }
    const session = await api.payments.createCheckoutSession({ checkoutSessionRequest: minor ? { amount: minor } : {} });
    window.location.assign(session.url);
    return 'Opening Stripe Checkout…';
  });

  return (
    <Card title="One-time payment" testId="one-time">
      <form onSubmit={e => { e.preventDefault(); void submit(); }} aria-label="One-time charge">
        <label>Method
          <select value={methodId || active[0]?.id || ''} onChange={e => setMethodId(e.currentTarget.value)} disabled={active.length === 0}>
            {active.map(m => <option key={m.id} value={m.id}>{describeMethod(m)}</option>)}
          </select>
        </label>
        <AmountInput label="Amount" value={amount} onInput={setAmount} />
        <label>Description<input required maxLength={500} value={description} onInput={e => setDescription(e.currentTarget.value)} /></label>
        <Button type="submit" busy={charge.busy} disabled={active.length === 0}>Charge now</Button>
        <Outcome action={charge} />
      </form>
      <form onSubmit={e => { e.preventDefault(); void payWithCheckout(); }} aria-label="Pay with Checkout">
        <AmountInput label="Checkout amount (empty: what is due)" value={checkoutAmount} onInput={setCheckoutAmount} required={false}
                     disabled={!checkoutAvailability.available} />
        <Button type="submit" busy={checkout.busy} disabled={!checkoutAvailability.available}
                describedBy={checkoutAvailability.available ? undefined : 'checkout-unavailable'}>Pay with Checkout</Button>
        <Unavailable id="checkout-unavailable" availability={checkoutAvailability} />
        <Outcome action={checkout} />
      </form>
    </Card>
  );
}
