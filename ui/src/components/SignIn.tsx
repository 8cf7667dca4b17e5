import { useState } from 'preact/hooks';
import type { LoginResponse } from '@ledgerline/api';
import { anonymousAuth } from '../api';
import type { Shell } from '../shell';
import { Button, Outcome, useAction } from './ui';

/** Sign in, or (when the service allows it) create an account and sign in. */
export function SignIn({ shell, onSignedIn }: { shell: Shell; onSignedIn: (login: LoginResponse) => void }) {
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [accountName, setAccountName] = useState('');
  const action = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const auth = anonymousAuth(shell.apiBase);
      if (mode === 'signup') {
        await auth.signup({ signupRequest: { email, password, accountName } });
      }
      onSignedIn(await auth.login({ loginRequest: { email, password } }));
    });
  };

  return (
    <main class="signin">
      <h1>Ledgerline</h1>
      <form class="card" onSubmit={submit} aria-label={mode === 'signin' ? 'Sign in' : 'Create an account'}>
        <h2>{mode === 'signin' ? 'Sign in' : 'Create an account'}</h2>
        <label>Email<input type="email" name="email" autoComplete="username" required value={email}
                           onInput={e => setEmail(e.currentTarget.value)} /></label>
        <label>Password<input type="password" name="password" required minLength={mode === 'signup' ? 12 : 1}
                              autoComplete={mode === 'signup' ? 'new-password' : 'current-password'} value={password}
                              onInput={e => setPassword(e.currentTarget.value)} /></label>
        {mode === 'signup' && (
          <label>Account name<input name="accountName" required maxLength={100} value={accountName}
                                    onInput={e => setAccountName(e.currentTarget.value)} /></label>
        )}
        <Button type="submit" kind="primary" busy={action.busy}>{mode === 'signin' ? 'Sign in' : 'Create account'}</Button>
        <Outcome action={action} />
        {shell.signupEnabled && (
          <button type="button" class="link" onClick={() => { action.clear(); setMode(mode === 'signin' ? 'signup' : 'signin'); }}>
            {mode === 'signin' ? 'New here? Create an account' : 'Have an account? Sign in'}
          </button>
        )}
      </form>
    </main>
  );
}
