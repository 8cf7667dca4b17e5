// The control panel talks to the service only through the client generated from
// openapi/billing.yaml (target/ts-client, made by `mvn generate-sources`; never committed).
import {
  AuthApi,
  ConfigApi,
  Configuration,
  DevApi,
  DocumentsApi,
  LedgerApi,
  PaymentMethodsApi,
  PaymentsApi,
  ResponseError,
  SettingsApi,
  SubscriptionsApi,
  type LoginResponse,
} from '@ledgerline/api';

/** The session is kept in sessionStorage (this tab only, gone when it closes), never in a cookie. */
const SESSION_KEY = 'ledgerline.session';

export function storedSession(): LoginResponse | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) {
    return null;
  }
  try {
    const login = JSON.parse(raw) as LoginResponse;
    return new Date(login.expiresAt).getTime() > Date.now() ? login : null;
  } catch {
    return null;
  }
}

export function storeSession(login: LoginResponse | null): void {
  if (login) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(login));
  } else {
    sessionStorage.removeItem(SESSION_KEY);
  }
}

/** A client configuration that sends the session headers every billing call needs. */
export function sessionConfiguration(basePath: string, login: LoginResponse): Configuration {
  return new Configuration({
    basePath,
    headers: { 'X-SESSION-ID': login.sessionId },
    accessToken: async () => login.token,
  });
}

export interface Clients {
  auth: AuthApi;
  config: ConfigApi;
  settings: SettingsApi;
  ledger: LedgerApi;
  methods: PaymentMethodsApi;
  payments: PaymentsApi;
  subscriptions: SubscriptionsApi;
  dev: DevApi;
  documents: DocumentsApi;
}

export function clients(basePath: string, login: LoginResponse): Clients {
  const configuration = sessionConfiguration(basePath, login);
  return {
    auth: new AuthApi(configuration),
    config: new ConfigApi(configuration),
    settings: new SettingsApi(configuration),
    ledger: new LedgerApi(configuration),
    methods: new PaymentMethodsApi(configuration),
    payments: new PaymentsApi(configuration),
    subscriptions: new SubscriptionsApi(configuration),
    dev: new DevApi(configuration),
    documents: new DocumentsApi(configuration),
  };
}

export function anonymousAuth(basePath: string): AuthApi {
  return new AuthApi(new Configuration({ basePath }));
}

/** A message for people: the problem+json `detail` when the service sent one. */
export async function problemMessage(error: unknown): Promise<string> {
  if (error instanceof ResponseError) {
    try {
      const problem = await error.response.clone().json();
      if (problem && typeof problem.detail === 'string') {
        return problem.detail;
      }
    } catch {
      // not a problem document
    }
    return `The service answered ${error.response.status}.`;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return 'Something went wrong; try again.';
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ResponseError && error.response.status === 401;
}

/** A key per user action, so a retried click cannot pay twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * One Idempotency-Key per submission: the same key is sent again when the submission is retried
 * after an unknown outcome (no answer, or a 5xx), so a retry can never charge twice; a definite
 * answer (success or a 4xx) ends the submission, and the next one gets a new key.
 */
export class SubmissionKey {
  private current: string | null = null;

  /** The key for this attempt of the submission identified by {@code content} (a changed form is a new submission). */
  next(content: string): string {
    if (this.current === null || this.content !== content) {
      this.current = idempotencyKey();
      this.content = content;
    }
    return this.current;
  }

  /** After an attempt: keep the key only when the outcome is unknown. */
  settled(error?: unknown): void {
    const unknownOutcome = error !== undefined
      && (!(error instanceof ResponseError) || error.response.status >= 500);
    if (!unknownOutcome) {
      this.current = null;
    }
  }

  private content = '';
}
