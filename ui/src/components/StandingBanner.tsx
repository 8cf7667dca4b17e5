import type { Balance } from '@ledgerline/api';
import { formatAmount } from '../money';

const day = (date: Date) => new Date(date).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });

/** The account's standing when it is not good: what happened, and what pays it off. */
export function StandingBanner({ balance }: { balance: Balance }) {
  if (balance.standing === 'good') {
    return null;
  }
  const due = formatAmount(balance.due, balance.currency);
  const since = balance.pastDueSince ? day(balance.pastDueSince) : 'recently';
  if (balance.standing === 'suspended') {
    return (
      <p class="notice error standing" role="alert" data-testid="standing">
        <strong>Account suspended.</strong> A payment has failed since {since} and {due} is still due. Pay the balance to restore the account.
      </p>
    );
  }
  const until = balance.suspendsAt ? ` by ${day(balance.suspendsAt)}` : '';
  return (
    <p class="notice warning standing" role="alert" data-testid="standing">
      <strong>Payment past due.</strong> A payment failed on {since}; {due} is due. Pay it{until} to keep the account in good standing.
    </p>
  );
}
