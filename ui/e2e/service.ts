// Starts the service jar the build made, on a free port, against the emulators the scripts run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';

export const WEBHOOK_SECRET = 'whsec_e2e_ledgerline_0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Service {
  url: string;
  stop(): void;
}

export async function startService(jar: string, localstripe: string, logFile: string): Promise<Service> {
  const port = await freePort();
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn('java', ['-jar', jar], {
    env: {
      ...process.env,
      MICRONAUT_SERVER_PORT: String(port),
      BILLING_DEV_MODE: 'true',
      BILLING_JOBS_ENABLED: 'false',
      BILLING_TABLE_NAME: `ledgerline-e2e-${randomUUID().slice(0, 8)}`,
      STRIPE_SECRET_KEY: 'sk_test_ledgerline_e2e',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ledgerline_e2e',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: localstripe,
      STRIPE_JS_URL: `${localstripe}/js.stripe.com/v3/`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The service exited with ${child.exitCode}; see ${logFile}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        return { url, stop: () => child.kill('SIGTERM') };
      }
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The service did not answer /health within 60 s; see ${logFile}`);
}
