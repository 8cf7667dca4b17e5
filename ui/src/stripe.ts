// Stripe.js is loaded from the configured URL (the real one, or localstripe's fake offline), only
// when a screen needs it. Only the few calls the panel uses are typed here.

export interface StripeCardElement {
  mount(target: HTMLElement): void;
  destroy(): void;
  on(event: 'change', handler: (event?: { error?: { message: string } }) => void): void;
}

export interface StripeResultError {
  message?: string;
}

export interface StripeJs {
  elements(): { create(type: 'card', options?: object): StripeCardElement };
  confirmCardSetup(clientSecret: string, data: { payment_method: { card: StripeCardElement } }):
    Promise<{ error?: StripeResultError | null; setupIntent?: { id: string; status: string; payment_method: string | { id: string } } }>;
  collectBankAccountForSetup?(options: object): Promise<{ error?: StripeResultError; setupIntent?: { id: string; status: string } }>;
  confirmUsBankAccountSetup?(clientSecret: string): Promise<{ error?: StripeResultError; setupIntent?: { id: string; status: string } }>;
  /** Shows the bank's challenge (3-D Secure) for a PaymentIntent in requires_action; Stripe.js's current way. */
  handleNextAction?(options: { clientSecret: string }): Promise<{ error?: StripeResultError; paymentIntent?: { id: string; status: string } }>;
  /** The older way, which localstripe's fake Stripe.js offers; with a saved card to confirm an intent that needs one again. */
  confirmCardPayment(clientSecret: string, data?: { payment_method: string }): Promise<{ error?: StripeResultError; paymentIntent?: { id: string; status: string } }>;
}

declare global {
  interface Window {
    Stripe?: (publishableKey: string) => StripeJs;
  }
}

let loading: Promise<StripeJs> | null = null;

export function loadStripe(url: string, publishableKey: string): Promise<StripeJs> {
  if (!loading) {
    loading = new Promise<StripeJs>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => (window.Stripe ? resolve(window.Stripe(publishableKey)) : reject(new Error('Stripe.js did not load.')));
      script.onerror = () => {
        loading = null;
        reject(new Error('Stripe.js could not be loaded; check your connection and try again.'));
      };
      document.head.appendChild(script);
    });
  }
  return loading;
}
