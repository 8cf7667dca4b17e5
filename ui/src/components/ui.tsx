import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Availability } from '@ledgerline/api';
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
  /** The id of the text that explains the button (why it is disabled, say). */
  describedBy?: string;
  children: ComponentChildren;
}

export function Button({ busy, disabled, kind = 'secondary', type = 'button', onClick, label, testId, describedBy, children }: ButtonProps) {
  return (
    <button type={type} class={`button ${kind}`} disabled={busy || disabled} aria-busy={busy ? 'true' : 'false'}
            aria-label={label} onClick={onClick} data-testid={testId} aria-describedby={describedBy}>
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

/**
 * Why a feature's button is disabled on this deployment, and how to get it (the service's
 * {@code GET /api/billing/config}); nothing when the feature is available.
 */
export function Unavailable({ id, availability }: { id: string; availability: Availability }) {
  if (availability.available) {
    return null;
  }
  return <p class="notice unavailable" id={id} data-testid={id}>{availability.reason ?? 'Not available on this deployment.'}</p>;
}

export function Card({ title, children, testId }: { title: string; children: ComponentChildren; testId?: string }) {
  return (
    <section class="card" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
