import type { PaymentMethod, Settings } from '@ledgerline/api';

/** "Visa •••• 4242" or "STRIPE TEST BANK •••• 6789". */
export function describeMethod(method: PaymentMethod): string {
  const name = method.type === 'card'
    ? (method.brand ? method.brand.charAt(0).toUpperCase() + method.brand.slice(1) : 'Card')
    : (method.bankName ?? 'Bank account');
  return method.last4 ? `${name} •••• ${method.last4}` : name;
}

/** The method pay-balance will try first: the default, else the first active one by priority. */
export function methodToCharge(methods: PaymentMethod[], settings: Settings | null): PaymentMethod | undefined {
  const active = methods.filter(m => m.status === 'active');
  return active.find(m => m.id === settings?.defaultPaymentMethodId) ?? active[0];
}
