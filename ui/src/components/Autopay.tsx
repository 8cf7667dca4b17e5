import type { PaymentMethod, Settings } from '@ledgerline/api';
import type { Clients } from '../api';
import { describeMethod } from './methods';
import { Card, Outcome, useAction } from './ui';

export function Autopay({ api, settings, methods, onChanged }:
  { api: Clients; settings: Settings | null; methods: PaymentMethod[]; onChanged: () => Promise<void> }) {
  const action = useAction();
  const defaultMethod = methods.find(m => m.id === settings?.defaultPaymentMethodId);
  const toggle = (enabled: boolean) => action.run(async () => {
    await api.settings.setAutopay({ autopayRequest: { enabled } });
    await onChanged();
    return enabled ? 'Autopay is on.' : 'Autopay is off.';
  });
  return (
    <Card title="Autopay" testId="autopay">
      <label class="switch">
        <input type="checkbox" role="switch" checked={settings?.autopayEnabled ?? false} disabled={action.busy || !settings}
               onChange={e => toggle(e.currentTarget.checked)} />
        Pay the balance automatically when it is due
      </label>
      <p class="muted">
        {defaultMethod ? <>Charged to the default, {describeMethod(defaultMethod)}, then the others in priority order.</>
          : 'No default payment method yet.'}
      </p>
      <Outcome action={action} />
    </Card>
  );
}
