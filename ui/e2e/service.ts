// Starts the service jar the build made, on a free port, against the emulators the scripts run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';

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
  /** The demo login the service created at start-up (the run command's), when started like it. */
  demo?: { email: string; password: string };
  stop(): Promise<void>;
}

/**
 * How the run command starts the service (scripts/run.sh, keep the two alike): dev mode with a
 * demo login, Stripe's keys left to dev mode's defaults, STRIPE_EMULATOR=localstripe, the jobs on,
 * and the webhook registered with localstripe under the service's secret.
 */
export interface RunCommand {
  demoEmail: string;
  demoPassword: string;
  webhookSecret: string;
}

/**
 * localstripe's registration for this run's service; `events: []` switches it off again
 * (localstripe cannot delete one), so that it stops posting to a port nothing listens on.
 */
async function localstripeWebhook(localstripe: string, url: string, secret: string, events: string[] | null): Promise<void> {
  const response = await fetch(`${localstripe}/_config/webhooks/ledgerline-e2e`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: `${url}/api/stripe/webhook`, secret, events }),
  });
  if (!response.ok) {
    throw new Error(`localstripe refused the webhook registration: ${response.status}`);
  }
}

export function runCommandLogin(): RunCommand {
  return {
    demoEmail: 'demo@ledgerline.local',
    demoPassword: randomBytes(18).toString('base64url'),
    webhookSecret: 'whsec_ledgerline_dev',
  };
}

export async function startService(jar: string, localstripe: string, logFile: string, runCommand?: RunCommand): Promise<Service> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const table = { BILLING_TABLE_NAME: `ledgerline-e2e-${randomUUID().slice(0, 8)}` };
  const env: NodeJS.ProcessEnv = runCommand
    ? {
      ...withoutStripeKeys(process.env), ...table,
      PORT: String(port),
      BILLING_DEV_MODE: 'true',
      STRIPE_API_BASE: localstripe,
      STRIPE_JS_URL: `${localstripe}/js.stripe.com/v3/`,
      STRIPE_EMULATOR: 'localstripe',
      STRIPE_WEBHOOK_SECRET: runCommand.webhookSecret,
      BILLING_DEMO_EMAIL: runCommand.demoEmail,
      BILLING_DEMO_PASSWORD: runCommand.demoPassword,
      LOG_FORMAT: 'text',
    }
    : {
      ...process.env, ...table,
      MICRONAUT_SERVER_PORT: String(port),
      BILLING_DEV_MODE: 'true',
      BILLING_JOBS_ENABLED: 'false',
      STRIPE_SECRET_KEY: 'sk_test_ledgerline_e2e',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ledgerline_e2e',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: localstripe,
      STRIPE_JS_URL: `${localstripe}/js.stripe.com/v3/`,
    };
  if (runCommand) {
    await localstripeWebhook(localstripe, url, runCommand.webhookSecret, null);
  }
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn('java', ['-jar', jar], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    child.kill('SIGTERM');
    if (runCommand) {
      await localstripeWebhook(localstripe, url, runCommand.webhookSecret, []);
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The service exited with ${child.exitCode}; see ${logFile}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) {
        const demo = runCommand && { email: runCommand.demoEmail, password: runCommand.demoPassword };
        return { url, demo, stop };
      }
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The service did not answer /health within 60 s; see ${logFile}`);
}

/** The run command leaves the keys to dev mode when none are set (with keys it talks to Stripe instead). */
function withoutStripeKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { STRIPE_SECRET_KEY: _secret, STRIPE_PUBLISHABLE_KEY: _publishable, ...rest } = env;
  return rest;
}
