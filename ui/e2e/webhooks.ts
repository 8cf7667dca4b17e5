// Stripe's webhooks, as the harness delivers them: localstripe does not send setup_intent.succeeded,
// so the object it returned to the browser is wrapped in an event, signed and posted, as Stripe would.
import { createHmac, randomUUID } from 'node:crypto';
import { Configuration, StripeWebhooksApi } from '@ledgerline/api';

export async function deliver(serviceUrl: string, secret: string, type: string, object: unknown): Promise<void> {
  const created = Math.floor(Date.now() / 1000);
  const payload = JSON.stringify({
    id: `evt_e2e_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: '2026-07-29.dahlia',
    created,
    livemode: false,
    pending_webhooks: 1,
    type,
    data: { object },
  });
  const signature = `t=${created},v1=${createHmac('sha256', secret).update(`${created}.${payload}`).digest('hex')}`;
  // A Blob keeps the generated client from JSON-encoding the raw event a second time.
  const body = new Blob([payload], { type: 'application/json' }) as unknown as string;
  await new StripeWebhooksApi(new Configuration({ basePath: serviceUrl })).receiveStripeWebhook({ body, stripeSignature: signature });
}
