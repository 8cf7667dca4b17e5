import { useState } from 'preact/hooks';
import type { Clients } from '../api';
import { formatAmount, parseAmount } from '../money';
import { AmountInput } from './AmountInput';
import { Button, Card, Outcome, useAction } from './ui';

/** Dev mode only: post a test charge to the ledger. */
export function DevCharge({ api, currency, onChanged }: { api: Clients; currency: string; onChanged: () => Promise<void> }) {
  const [amount, setAmount] = useState('25.00');
  const [description, setDescription] = useState('Test charge');
  const action = useAction();
  const submit = () => action.run(async () => {
    const minor = parseAmount(amount, currency);
    if (minor === null || minor < 1) {
      throw new Error('Enter an amount such as 12.50.');
    }
    const entry = await api.dev.devAddCharge({ chargeRequest: { amount: minor, description } });
    await onChanged();
    return `Added a charge of ${formatAmount(entry.amount, currency)}.`;
  });
  return (
    <Card title="Add test charge (dev mode)" testId="dev-charge">
      <form onSubmit={e => { e.preventDefault(); void submit(); }}>
        <AmountInput label="Amount" value={amount} onInput={setAmount} />
        <label>Description<input required maxLength={500} value={description} onInput={e => setDescription(e.currentTarget.value)} /></label>
        <Button type="submit" busy={action.busy}>Add test charge</Button>
        <Outcome action={action} />
      </form>
    </Card>
  );
}
