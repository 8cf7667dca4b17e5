import { useEffect, useState } from 'preact/hooks';
import type { Balance, BillingConfig, PaymentMethod, Settings } from '@ledgerline/api';
import { isUnauthorized, problemMessage, type Clients } from '../api';
import { formatAmount } from '../money';
import type { Shell } from '../shell';
import { AddBankAccount } from './AddBankAccount';
import { AddCard } from './AddCard';
import { Autopay } from './Autopay';
import { BalanceCard } from './BalanceCard';
import { StandingBanner } from './StandingBanner';
import { ConfirmFromLink } from './ConfirmPayment';
import { DevCharge } from './DevCharge';
import { Histories } from './Histories';
import { OneTimeCharge } from './OneTimeCharge';
import { PaymentMethods } from './PaymentMethods';
import { returnFromCheckout } from './refresh';

interface State {
  balance: Balance;
  methods: PaymentMethod[];
  settings: Settings;
  config: BillingConfig;
}

/** The Billing panel: everything reloads together after any change, so the figures always agree. */
export function BillingPanel({ api, shell, onSignedOut }: { api: Clients; shell: Shell; onSignedOut: () => void }) {
  const [state, setState] = useState<State | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [checkoutNotice, setCheckoutNotice] = useState<string | null>(null);

  const reload = async () => {
    try {
      // The config (what this deployment offers) does not change while the page is open: read once.
      const [balance, methods, settings, config] = await Promise.all([
        api.ledger.getBalance(), api.methods.listPaymentMethods(), api.settings.getSettings(),
        state?.config ?? api.config.getBillingConfig()]);
      setState({ balance, methods: methods.data, settings, config });
      setError(null);
      setVersion(v => v + 1);
    } catch (e) {
      if (isUnauthorized(e)) {
        onSignedOut();
        return;
      }
      setError(await problemMessage(e));
    }
  };

  useEffect(() => {
    void (async () => {
      try {
        const payment = await returnFromCheckout(api);
        if (payment) {
          const paid = formatAmount(payment.amount, payment.currency);
          setCheckoutNotice(payment.status === 'succeeded' ? `Paid ${paid} with Checkout.`
            : `The Checkout payment of ${paid} is ${payment.status.replace('_', ' ')}.`);
        }
      } catch {
        // Only a notice is lost: the webhook still settles the payment, and the tables show it.
      }
      await reload();
    })();
  }, []);

  if (!state) {
    return error
      ? <p class="notice error" role="alert">{error}</p>
      : <p class="muted" role="status"><span class="spinner" aria-hidden="true" /> Loading billing…</p>;
  }
  const { balance, methods, settings, config } = state;
  return (
    <div class="panel">
      {error && <p class="notice error" role="alert">{error}</p>}
      {checkoutNotice && <p class="notice success" role="status">{checkoutNotice}</p>}
      <StandingBanner balance={balance} />
      <ConfirmFromLink api={api} shell={shell} version={version} onChanged={() => void reload()} />
      <div class="grid">
        <BalanceCard api={api} shell={shell} balance={balance} methods={methods} settings={settings} onChanged={reload} />
        <PaymentMethods api={api} methods={methods} onChanged={reload} />
        <AddCard api={api} shell={shell} onChanged={reload} />
        <AddBankAccount api={api} shell={shell} availability={config.usBankAccount} onChanged={reload} />
        <Autopay api={api} settings={settings} methods={methods} onChanged={reload} />
        <OneTimeCharge api={api} methods={methods} currency={balance.currency} checkout={config.checkout} onChanged={reload} />
        {shell.devMode && <DevCharge api={api} currency={balance.currency} onChanged={reload} />}
      </div>
      <Histories api={api} shell={shell} version={version} onChanged={reload} />
    </div>
  );
}
