import { useMemo, useState } from 'preact/hooks';
import type { LoginResponse } from '@ledgerline/api';
import { clients, storeSession, storedSession } from '../api';
import type { Shell } from '../shell';
import { BillingPanel } from './BillingPanel';
import { SignIn } from './SignIn';

export function App({ shell }: { shell: Shell }) {
  const [login, setLogin] = useState<LoginResponse | null>(storedSession());
  const api = useMemo(() => (login ? clients(shell.apiBase, login) : null), [login]);

  const signIn = (next: LoginResponse) => {
    storeSession(next);
    setLogin(next);
  };
  const signOut = () => {
    storeSession(null);
    setLogin(null);
  };

  if (!login || !api) {
    return <SignIn shell={shell} onSignedIn={signIn} />;
  }
  return (
    <>
      <header class="topbar">
        <span class="brand">Ledgerline</span>
        <nav aria-label="Control panel"><a aria-current="page" href="/">Billing</a></nav>
        <button type="button" class="link" onClick={() => { void api.auth.logout().catch(() => undefined).finally(signOut); }}>
          Sign out
        </button>
      </header>
      <main>
        <h1>Billing</h1>
        <BillingPanel api={api} shell={shell} onSignedOut={signOut} />
      </main>
    </>
  );
}
