import type { PaymentMethod } from '@ledgerline/api';
import type { Clients } from '../api';

/**
 * Stripe confirms a saved method by webhook, so the list is polled until the method appears as
 * stored (active, pending verification or failed) or the time runs out.
 */
export async function waitForMethod(api: Clients, paymentMethodId: string, timeoutMs = 30_000): Promise<PaymentMethod | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await api.methods.listPaymentMethods()).data.find(m => m.id === paymentMethodId);
    if (found) {
      return found;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  return null;
}
