// The run command's panel in a real browser, as a newcomer meets it: the service started the way
// scripts/run.sh starts it (dev mode, demo login, localstripe with the webhook registered), and no
// event sent or relayed by the harness. What localstripe sends by itself may arrive (signed); the
// card and the payment must not need anything else: the panel asks the service to refresh them
// from Stripe. Checkout and bank accounts are disabled, saying why and how to get them.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { check, checksRun, fillCard, methodIds, runInBrowser, watchConsole } from './browser';
import { runCommandLogin, startService } from './service';

const root = resolve(process.cwd(), '..');
const jar = process.env.SERVICE_JAR ?? resolve(root, 'target/ledgerline-0.1.0-SNAPSHOT.jar');
const localstripe = process.env.LOCALSTRIPE_URL ?? 'http://127.0.0.1:8420';
const outDir = resolve(root, 'target/e2e');
const logFile = resolve(outDir, 'service-offline.log');

mkdirSync(resolve(outDir, 'screenshots'), { recursive: true });
runInBrowser(() => startService(jar, localstripe, logFile, runCommandLogin()), async (browser, service) => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(20_000);
  const problems = watchConsole(page);
  const refreshes: string[] = [];
  page.on('request', request => {
    if (/\/api\/billing\/(setup-intents|payments)\/\w+\/refresh$/.test(request.url())) {
      refreshes.push(new URL(request.url()).pathname);
    }
  });

  console.log(`Billing panel as the run command serves it, at ${service.url} (no relayed events)`);
  await check('sign in with the demo login the run command prints', async () => {
    await page.goto(service.url + '/');
    await page.getByLabel('Email').fill(service.demo!.email);
    await page.getByLabel('Password').fill(service.demo!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Billing' }).waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '$0.00');
  });

  await check('Checkout and bank accounts are disabled, saying why and how to get them', async () => {
    for (const [button, reasonId, why] of [
      ['Pay with Checkout', 'checkout-unavailable', 'has no Checkout'],
      ['Connect bank account', 'bank-unavailable', 'cards only'],
    ]) {
      const target = page.getByRole('button', { name: button });
      assert.ok(await target.isDisabled(), `${button} is disabled`);
      assert.equal(await target.getAttribute('aria-describedby'), reasonId);
      const reason = (await page.getByTestId(reasonId).textContent()) ?? '';
      assert.match(reason, new RegExp(why));
      assert.match(reason, /STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY,\s+STRIPE_WEBHOOK_SECRET/);
      assert.match(reason, /Stripe test mode/);
    }
  });

  await check('add card 4242 4242 4242 4242: it is listed at once, stored by the refresh', async () => {
    await fillCard(page, '4242424242424242');
    await page.getByText('Visa •••• 4242 was saved.').waitFor();
    assert.equal((await methodIds(page)).length, 1);
    await page.getByTestId('payment-method').getByText('Default').waitFor();
    assert.equal(refreshes.filter(path => path.startsWith('/api/billing/setup-intents/')).length, 1);
  });

  await check('add a test charge', async () => {
    await page.getByTestId('dev-charge').getByLabel('Amount').fill('25.00');
    await page.getByRole('button', { name: 'Add test charge' }).click();
    await page.getByText('Added a charge of $25.00.').waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '$25.00');
  });

  await check('pay the balance; the balance shows $0.00', async () => {
    await page.getByRole('button', { name: 'Pay balance' }).click();
    await page.getByText('Pay $25.00 with Visa •••• 4242?').waitFor();
    await page.getByRole('button', { name: 'Confirm payment' }).click();
    await page.getByText('Paid $25.00.').waitFor();
    assert.equal(await page.getByTestId('balance').textContent(), '$0.00');
    assert.equal(await page.getByTestId('due').textContent(), '$0.00');
    await page.getByTestId('payments').getByText('succeeded').waitFor();
  });

  await check('the ledger lists both entries: the charge and the payment', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger"] tbody tr').length === 2);
    // Newest first; the columns are date, type, description, status, amount.
    const rows = await page.getByTestId('ledger').locator('tbody tr').evaluateAll(trs =>
      trs.map(tr => Array.from(tr.querySelectorAll('td')).slice(1).map(td => td.textContent ?? '')));
    assert.deepEqual(rows.map(([type, , status, amount]) => [type, status, amount]),
      [['payment', 'settled', '-$25.00'], ['charge', 'settled', '$25.00']]);
  });

  await check('what localstripe sent arrived signed (never refused for its signature)', async () => {
    const log = readFileSync(logFile, 'utf8');
    assert.match(log, /POST \/api\/stripe\/webhook 200/);
    assert.doesNotMatch(log, /POST \/api\/stripe\/webhook 400/);
  });

  await page.screenshot({ path: resolve(outDir, 'screenshots/billing-offline.png'), fullPage: true });
  await check('no console errors', async () => {
    assert.deepEqual(problems, []);
  });
  console.log(`All ${checksRun()} browser checks of the run command's panel passed`);
});
