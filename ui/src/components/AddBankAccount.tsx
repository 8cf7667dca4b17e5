import { useState } from 'preact/hooks';
import type { Availability } from '@ledgerline/api';
import type { Clients } from '../api';
import type { Shell } from '../shell';
import { loadStripe } from '../stripe';
import { Button, Card, Outcome, Unavailable, useAction } from './ui';

const PENDING_KEY = 'ledgerline.pendingBankSetup';

/**
 * ACH: Stripe.js collects the account (instant verification where it can), and when Stripe falls
 * back to microdeposits the two amounts or the descriptor code are verified here.
 */
export function AddBankAccount({ api, shell, availability, onChanged }:
  { api: Clients; shell: Shell; availability: Availability; onChanged: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [pending, setPending] = useState<string | null>(sessionStorage.getItem(PENDING_KEY));
  const [amount1, setAmount1] = useState('');
  const [amount2, setAmount2] = useState('');
  const [code, setCode] = useState('');
  const action = useAction();
  const verifyAction = useAction();

  const connect = () => action.run(async () => {
    const stripe = await loadStripe(shell.stripeJsUrl, shell.publishableKey);
    if (!stripe.collectBankAccountForSetup || !stripe.confirmUsBankAccountSetup) {
      throw new Error('This Stripe.js cannot collect bank accounts (the offline test double only does cards).');
    }
    const intent = await api.methods.createUsBankSetupIntent();
    const collected = await stripe.collectBankAccountForSetup({
      clientSecret: intent.clientSecret,
      params: { payment_method_type: 'us_bank_account', payment_method_data: { billing_details: { name } } },
    });
    if (collected.error) {
      throw new Error(collected.error.message);
    }
    const confirmed = await stripe.confirmUsBankAccountSetup(intent.clientSecret);
    if (confirmed.error) {
      throw new Error(confirmed.error.message);
    }
    await onChanged();
    if (confirmed.setupIntent?.status === 'requires_action') {
      sessionStorage.setItem(PENDING_KEY, intent.setupIntentId);
      setPending(intent.setupIntentId);
      return 'Stripe sent two small deposits; verify them below when they arrive (1-2 business days).';
    }
    return 'Bank account connected; it appears above once Stripe confirms it.';
  });

  const verify = () => verifyAction.run(async () => {
    const amounts = [amount1, amount2].map(a => Number.parseInt(a, 10));
    await api.methods.verifyMicrodeposits({
      verifyMicrodepositsRequest: code
        ? { setupIntentId: pending!, descriptorCode: code.trim().toUpperCase() }
        : { setupIntentId: pending!, amounts },
    });
    sessionStorage.removeItem(PENDING_KEY);
    setPending(null);
    await onChanged();
    return 'Verified; the account becomes active once Stripe confirms it.';
  });

  return (
    <Card title="Add a bank account (ACH)" testId="add-bank">
      <form onSubmit={e => { e.preventDefault(); void connect(); }}>
        <label>Account holder name<input required maxLength={100} value={name} disabled={!availability.available}
                                         onInput={e => setName(e.currentTarget.value)} /></label>
        <Button type="submit" busy={action.busy} disabled={!availability.available}
                describedBy={availability.available ? undefined : 'bank-unavailable'}>Connect bank account</Button>
        <Unavailable id="bank-unavailable" availability={availability} />
      </form>
      <Outcome action={action} />
      {pending && (
        <form class="verify" onSubmit={e => { e.preventDefault(); void verify(); }} aria-label="Verify microdeposits">
          <p>Enter the two deposit amounts in cents, or the 6-character code from the statement (starts with SM).</p>
          <div class="row">
            <label>Amount 1<input inputMode="numeric" pattern="[0-9]{1,2}" value={amount1} onInput={e => setAmount1(e.currentTarget.value)} /></label>
            <label>Amount 2<input inputMode="numeric" pattern="[0-9]{1,2}" value={amount2} onInput={e => setAmount2(e.currentTarget.value)} /></label>
            <label>or code<input pattern="SM[A-Za-z0-9]{4}" value={code} onInput={e => setCode(e.currentTarget.value)} /></label>
          </div>
          <Button type="submit" busy={verifyAction.busy} disabled={!code && (!amount1 || !amount2)}>Verify</Button>
          <Outcome action={verifyAction} />
        </form>
      )}
    </Card>
  );
}
