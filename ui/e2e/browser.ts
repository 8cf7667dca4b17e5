// What the browser runs share: Debian's chromium through playwright-core, the numbered checks,
// the console watch, and the card field of localstripe's fake Stripe.js.
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Service } from './service';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * One browser run: the service, then chromium; both are stopped however the checks end, and a
 * failed check fails the process.
 */
export function runInBrowser(start: () => Promise<Service>, checks: (browser: Browser, service: Service) => Promise<void>): void {
  const run = async () => {
    const service = await start();
    try {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
      try {
        await checks(browser, service);
      } finally {
        await browser.close();
      }
    } finally {
      await service.stop();
    }
  };
  run().catch(error => {
    console.error(error);
    process.exit(1);
  });
}

let step = 0;
export async function check(name: string, work: () => Promise<void>): Promise<void> {
  step++;
  const started = Date.now();
  await work();
  console.log(`  ok ${step} - ${name} (${Date.now() - started} ms)`);
}

export function checksRun(): number {
  return step;
}

/** Console errors and page errors, except those {@code expected} accepts; the run asserts there are none. */
export function watchConsole(page: Page, expected: (text: string, url: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' && !expected(message.text(), message.location().url)) {
      problems.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  return problems;
}

export async function fillCard(page: Page, number: string): Promise<void> {
  await page.getByRole('button', { name: 'Add card' }).click();
  const field = page.getByTestId('card-field');
  await field.getByPlaceholder('number').fill(number);
  await field.getByPlaceholder('exp_month').fill('12');
  await field.getByPlaceholder('exp_year').fill('31');
  await field.getByPlaceholder('cvc').fill('123');
  await field.getByPlaceholder('postal_code').fill('10001');
  await page.getByRole('button', { name: 'Save card' }).click();
}

export async function methodIds(page: Page): Promise<string[]> {
  return page.getByTestId('payment-method').evaluateAll(items => items.map(item => item.getAttribute('data-id') ?? ''));
}
