import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { problemMessage } from '../api';

export interface Action {
  busy: boolean;
  error: string | null;
  success: string | null;
  /** Runs {@code work}; its resolved text (if any) is shown as the success message. */
  run(work: () => Promise<string | void>): Promise<void>;
  clear(): void;
}

/** Progress, success and failure of one user action. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  return {
    busy,
    error,
    success,
    async run(work) {
      setBusy(true);
      setError(null);
      setSuccess(null);
      try {
        const message = await work();
        if (message) {
          setSuccess(message);
        }
      } catch (e) {
        setError(await problemMessage(e));
      } finally {
        setBusy(false);
      }
    },
    clear() {
      setError(null);
      setSuccess(null);
    },
  };
}

interface ButtonProps {
  busy?: boolean;
  disabled?: boolean;
  kind?: 'primary' | 'secondary' | 'danger';
  type?: 'button' | 'submit';
  onClick?: () => void;
  label?: string;
  testId?: string;
  children: ComponentChildren;
}

export function Button({ busy, disabled, kind = 'secondary', type = 'button', onClick, label, testId, children }: ButtonProps) {
  return (
    <button type={type} class={`button ${kind}`} disabled={busy || disabled} aria-busy={busy ? 'true' : 'false'}
            aria-label={label} onClick={onClick} data-testid={testId}>
      {busy && <span class="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}

/** The outcome of an action, announced to screen readers. */
export function Outcome({ action }: { action: Action }) {
  if (action.error) {
    return <p class="notice error" role="alert">{action.error}</p>;
  }
  if (action.success) {
    return <p class="notice success" role="status">{action.success}</p>;
  }
  return null;
}

export function Card({ title, children, testId }: { title: string; children: ComponentChildren; testId?: string }) {
  return (
    <section class="card" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
