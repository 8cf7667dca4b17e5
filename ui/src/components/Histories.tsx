import type { LedgerEntry, Payment, Subscription } from '@ledgerline/api';
import type { Clients } from '../api';
import type { Shell } from '../shell';
import { ConfirmPaymentButton } from './ConfirmPayment';
import { formatAmount } from '../money';
import { ReceiptButton, Statements } from './Documents';
import { PagedTable, type Column } from './PagedTable';

const PAGE = 10;
const when = (date: Date | null | undefined) => (date ? new Date(date).toLocaleString() : '—');
const words = (text: string) => text.replace(/_/g, ' ');

export function Histories({ api, shell, version, onChanged }: { api: Clients; shell: Shell; version: number; onChanged: () => Promise<void> }) {
  const ledgerColumns: Column<LedgerEntry>[] = [
    { header: 'Date', cell: e => when(e.createdAt) },
    { header: 'Type', cell: e => words(e.type) },
    { header: 'Description', cell: e => e.description },
    { header: 'Status', cell: e => e.status },
    { header: 'Amount', cell: e => formatAmount(e.amount, e.currency), numeric: true },
  ];
  const paymentColumns: Column<Payment>[] = [
    { header: 'Date', cell: p => when(p.createdAt) },
    { header: 'Kind', cell: p => words(p.kind) },
    { header: 'Status', cell: p => <span class={`badge ${p.status}`}>{words(p.status)}</span> },
    { header: 'Note', cell: p => p.failureMessage ?? '' },
    { header: 'Amount', cell: p => formatAmount(p.amount, p.currency), numeric: true },
    { header: 'Receipt', cell: p => <ReceiptButton api={api} payment={p} /> },
    { header: 'Action', cell: p => <ConfirmPaymentButton api={api} shell={shell} payment={p} onChanged={() => void onChanged()} /> },
  ];
  const subscriptionColumns: Column<Subscription>[] = [
    { header: 'Subscription', cell: s => s.id },
    { header: 'Status', cell: s => words(s.status) },
    { header: 'Price', cell: s => s.priceId ?? '—' },
    { header: 'Period ends', cell: s => when(s.currentPeriodEnd) },
    { header: 'Cancels at period end', cell: s => (s.cancelAtPeriodEnd ? 'yes' : 'no') },
  ];
  return (
    <>
      <PagedTable title="Ledger" testId="ledger" columns={ledgerColumns} version={version} empty="No entries yet."
                  load={cursor => api.ledger.listLedger({ limit: PAGE, cursor })} />
      <PagedTable title="Payments" testId="payments" columns={paymentColumns} version={version} empty="No payments yet."
                  load={cursor => api.payments.listPayments({ limit: PAGE, cursor })} />
      <Statements api={api} version={version} />
      <PagedTable title="Subscriptions" testId="subscriptions" columns={subscriptionColumns} version={version} empty="No subscriptions."
                  load={async () => api.subscriptions.listSubscriptions()} />
    </>
  );
}
