// The control panel talks to the service only through the client generated from
// openapi/billing.yaml (target/ts-client, made by `mvn generate-sources`; never committed).
import {
  AuthApi,
  ConfigApi,
  Configuration,
  type BillingConfig,
  type LoginResponse,
} from '@ledgerline/api';

/** A client configuration that sends the session headers every billing call needs. */
export function sessionConfiguration(basePath: string, login: LoginResponse): Configuration {
  return new Configuration({
    basePath,
    headers: { 'X-SESSION-ID': login.sessionId },
    accessToken: async () => login.token,
  });
}

export async function signIn(basePath: string, email: string, password: string): Promise<LoginResponse> {
  return new AuthApi(new Configuration({ basePath })).login({ loginRequest: { email, password } });
}

export async function loadConfig(configuration: Configuration): Promise<BillingConfig> {
  return new ConfigApi(configuration).getBillingConfig();
}
