// The billing panel in a real browser (Debian's chromium, driven by playwright-core) against the
// real service with dynoxide and localstripe, whose fake Stripe.js renders the card field. This is
// the webhook run: the harness relays setup_intent.succeeded as Stripe would. The run command's
// run, with no relay, is offline.e2e.ts.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { check, checksRun, fillCard, methodIds, runInBrowser, watchConsole } from './browser';
import { startService, WEBHOOK_SECRET } from './service';
import { deliver } from './webhooks';

const root = resolve(process.cwd(), '..');
const jar = process.env.SERVICE_JAR ?? resolve(root, 'target/ledgerline-0.1.0-SNAPSHOT.jar');
const localstripe = process.env.LOCALSTRIPE_URL ?? 'http://127.0.0.1:8420';
const outDir = resolve(root, 'target/e2e');

/** Like Stripe after a card is set up: the SetupIntent localstripe returned, as a signed webhook. */
function relaySetupIntents(page: Page, serviceUrl: string): void {
  page.on('response', async response => {
    if (!/\/v1\/setup_intents\/seti_\w+\/confirm$/.test(response.url()) || response.status() !== 200) {
      return;
    }
    const intent = await response.json();
    if (intent.status === 'succeeded') {
      await deliver(serviceUrl, WEBHOOK_SECRET, 'setup_intent.succeeded', intent);
    }
  });
}

/**
 * The panel asks the service to refresh the setup from Stripe first, which would store the card
 * before the relayed event arrives. Answered here as "Stripe has not said yet", so that only the
 * webhook can store it: this run keeps the webhook path (and the panel's wait for it) tested.
 */
async function leaveSetupsToTheWebhook(page: Page): Promise<void> {
  await page.route(/\/api\/billing\/setup-intents\/seti_\w+\/refresh$/, route => route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ setupIntentId: /seti_\w+/.exec(route.request().url())![0], status: 'processing' }),
  }));
}

/** Clicks a download button and checks what the browser saved is a PDF; DocumentsIT reads its lines. */
async function pdfFrom(page: Page, button: Locator): Promise<{ name: string; size: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF');
  return { name: download.suggestedFilename(), size: bytes.length };
}

mkdirSync(resolve(outDir, 'screenshots'), { recursive: true });
runInBrowser(() => startService(jar, localstripe, resolve(outDir, 'service.log')), async (browser, service) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // The one expected error: Chrome logs the 402 with which Stripe declines the test card.
  const problems = watchConsole(page, (text, url) => /\/v1\/setup_intents\/seti_\w+\/confirm$/.test(url) && text.includes('402'));
  relaySetupIntents(page, service.url);
  await leaveSetupsToTheWebhook(page);

  console.log(`Billing panel at ${service.url}`);
  await check('the shell is served with a CSP allowing only the Stripe.js origin', async () => {
    const response = await page.goto(service.url + '/');
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9_-]+' http:\/\/127\.0\.0\.1:8420/);
    assert.doesNotMatch(csp, /unsafe-eval/);
  });

  const email = `e2e-${Date.now()}@example.com`;
  await check('sign up and sign in', async () => {
    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct-horse-battery-staple');
    await page.getByLabel('Account name').fill('Browser test');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Billing' }).waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '$0.00');
  });

  await check('add card 4242 4242 4242 4242 through the card field; it appears once the webhook stored it', async () => {
    await fillCard(page, '4242424242424242');
    await page.getByText('Visa •••• 4242 was saved.').waitFor();
    assert.equal((await methodIds(page)).length, 1);
    await page.getByTestId('payment-method').getByText('Default').waitFor();
  });

  await check('add a test charge', async () => {
    await page.getByTestId('dev-charge').getByLabel('Amount').fill('25.00');
    await page.getByRole('button', { name: 'Add test charge' }).click();
    await page.getByText('Added a charge of $25.00.').waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '$25.00');
    assert.equal(await page.getByTestId('due').textContent(), '$25.00');
  });

  await check('pay the balance (with the keyboard), after the confirmation step; the balance shows 0', async () => {
    await page.getByRole('button', { name: 'Pay balance' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Pay $25.00 with Visa •••• 4242?').waitFor();
    await page.getByRole('button', { name: 'Confirm payment' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Paid $25.00.').waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '$0.00');
    await page.getByTestId('payments').getByText('succeeded').waitFor();
  });

  await check("download the payment's receipt and this month's statement as PDFs", async () => {
    const receipt = await pdfFrom(page, page.getByTestId('payments').getByRole('button', { name: /Download the receipt of payment/ }));
    assert.match(receipt.name, /^receipt-pay_[\w-]+\.pdf$/);
    const statement = await pdfFrom(page, page.getByTestId('statements').getByRole('button', { name: /Download the statement for/ }).first());
    assert.match(statement.name, /^statement-\d{4}-\d{2}\.pdf$/);
    assert.ok(statement.size > 1000 && receipt.size > 1000, 'not empty');
  });

  await check("a declined card (4000 0000 0000 0002) shows Stripe's message", async () => {
    await fillCard(page, '4000000000000002');
    await page.getByTestId('add-card').getByRole('alert').getByText('Your card was declined.').waitFor();
    await page.getByTestId('add-card').getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await methodIds(page)).length, 1);
  });

  await check('reorder two methods', async () => {
    await fillCard(page, '5555555555554444');
    await page.getByText('•••• 4444 was saved.').waitFor();
    const before = await methodIds(page);
    assert.equal(before.length, 2);
    await page.getByRole('button', { name: /Move .*4242 down/ }).click();
    await page.getByText('Priority saved.').waitFor();
    assert.deepEqual(await methodIds(page), [before[1], before[0]]);
  });

  await context.pages()[0].setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: resolve(outDir, 'screenshots/billing-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: resolve(outDir, 'screenshots/billing-phone.png'), fullPage: true });
  await check('the panel fits a phone screen', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone screen`);
  });
  await page.setViewportSize({ width: 1280, height: 900 });

  await check('remove one (after confirming)', async () => {
    const [first] = await methodIds(page);
    await page.locator(`[data-id="${first}"]`).getByRole('button', { name: 'Remove' }).click();
    await page.locator(`[data-id="${first}"]`).getByRole('button', { name: 'Confirm remove' }).click();
    await page.getByText('was removed.').waitFor();
    assert.equal((await methodIds(page)).length, 1);
    assert.ok(!(await methodIds(page)).includes(first));
  });

  // A second customer: a payment that fails makes the account past due; one the bank wants
  // authenticated (3-D Secure, 4000 0027 6000 3184) is confirmed in the panel and ends it.
  const second = await context.newPage();
  second.setDefaultTimeout(20_000);
  relaySetupIntents(second, service.url);
  await leaveSetupsToTheWebhook(second);
  await check('a failed payment shows the past-due banner', async () => {
    await second.goto(service.url + '/');
    await second.getByRole('button', { name: 'New here? Create an account' }).click();
    await second.getByLabel('Email').fill(`e2e-3ds-${Date.now()}@example.com`);
    await second.getByLabel('Password').fill('correct-horse-battery-staple');
    await second.getByLabel('Account name').fill('Browser test 3DS');
    await second.getByRole('button', { name: 'Create account' }).click();
    await second.getByRole('heading', { name: 'Billing' }).waitFor();
    await fillCard(second, '4000000000000341');
    await second.getByText('Visa •••• 0341 was saved.').waitFor();
    await second.getByTestId('dev-charge').getByLabel('Amount').fill('20.00');
    await second.getByRole('button', { name: 'Add test charge' }).click();
    await second.getByText('Added a charge of $20.00.').waitFor();
    await second.getByRole('button', { name: 'Pay balance' }).click();
    await second.getByRole('button', { name: 'Confirm payment' }).click();
    await second.getByTestId('balance-card').getByRole('alert').getByText('Your card was declined.').waitFor();
    await second.getByTestId('standing').getByText('Payment past due.').waitFor();
  });

  await check('a payment that needs 3-D Secure is confirmed in the panel; the account is in good standing again', async () => {
    await fillCard(second, '4000002760003184');
    // localstripe's Stripe.js plays the bank's challenge when the card is saved, and again for the payment.
    await second.getByRole('button', { name: 'Complete authentication' }).click();
    await second.getByText('Visa •••• 3184 was saved.').waitFor();
    const [declining] = await methodIds(second);
    await second.locator(`[data-id="${declining}"]`).getByRole('button', { name: 'Remove' }).click();
    await second.locator(`[data-id="${declining}"]`).getByRole('button', { name: 'Confirm remove' }).click();
    await second.getByText('was removed.').waitFor();
    await second.getByRole('button', { name: 'Pay balance' }).click();
    await second.getByText('Pay $20.00 with Visa •••• 3184?').waitFor();
    await second.getByRole('button', { name: 'Confirm payment' }).click();
    await second.getByRole('button', { name: 'Complete authentication' }).click();
    await second.getByText('Paid $20.00.').waitFor();
    assert.equal(await second.getByTestId('balance').textContent(), '$0.00');
    await second.getByTestId('payments').getByText('succeeded').first().waitFor();
    assert.equal(await second.getByTestId('standing').count(), 0, 'no banner in good standing');
    await second.screenshot({ path: resolve(outDir, 'screenshots/billing-3ds-paid.png'), fullPage: true });
  });

  await check('no console errors', async () => {
    assert.deepEqual(problems, []);
  });
  console.log(`All ${checksRun()} browser checks passed; screenshots in ${resolve(outDir, 'screenshots')}`);
});
