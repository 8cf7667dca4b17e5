import type { Payment, PaymentMethod } from '@ledgerline/api';
import type { Clients } from '../api';
import { waitForMethod } from './waitForMethod';

/** Statuses after which Stripe has nothing more to say about a payment. */
const FINAL: ReadonlySet<Payment['status']> = new Set(['succeeded', 'failed', 'canceled']);

/**
 * A payment that is not final yet, as Stripe reports it now: the service retrieves it from Stripe
 * and applies it like the webhook would, so the panel does not wait for one (the run command's
 * localstripe sends few, and Stripe's can lag by minutes). When the refresh itself fails, the
 * payment is shown as it was: the webhook still settles it.
 */
export async function refreshed(api: Clients, payment: Payment): Promise<Payment> {
  if (FINAL.has(payment.status)) {
    return payment;
  }
  try {
    return await api.payments.refreshPayment({ paymentId: payment.id });
  } catch {
    return payment;
  }
}

/**
 * After Stripe.js confirmed a setup: the service asks Stripe and stores the method at once (the
 * same code as the webhook, once whichever comes first). If Stripe does not report it stored yet,
 * or the refresh fails, the list is polled for what the webhook stores.
 */
export async function storedAfterSetup(api: Clients, setupIntentId: string, paymentMethodId: string): Promise<PaymentMethod | null> {
  try {
    const refresh = await api.methods.refreshSetupIntent({ setupIntentId });
    if (refresh.paymentMethod) {
      return refresh.paymentMethod;
    }
  } catch {
    // The webhook is the path that always arrives: wait for it below.
  }
  return waitForMethod(api, paymentMethodId);
}

/**
 * Back from Stripe Checkout (its success URL carries ?checkout=success): the newest Checkout
 * payment, refreshed from Stripe; null when there is none. The query is removed so that a reload
 * of the page does not ask again.
 */
export async function returnFromCheckout(api: Clients): Promise<Payment | null> {
  const url = new URL(window.location.href);
  if (url.searchParams.get('checkout') !== 'success') {
    return null;
  }
  url.searchParams.delete('checkout');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  const newest = (await api.payments.listPayments({ limit: 25 })).data.find(p => p.kind === 'checkout');
  return newest ? refreshed(api, newest) : null;
}
