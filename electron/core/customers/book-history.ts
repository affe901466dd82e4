/**
 * Book history (docs/domain.md, "Book history"): who managed a customer when. The periods follow from the changes
 * kept (each import or handover that moved the customer) and the customer's first manager, who holds the customer from the first
 * month with data (else the opening date) until the first change.
 */
import { addDays } from '../../../shared/month';
import type { HandoverReason } from '../../../shared/schemas/books';
import type { ManagerPeriod } from '../../../shared/schemas/customer';
import type { CoreContext } from '../platform/context';
import { listManagerChanges, type ManagerChangeRow } from './book-history-repository';

/**
 * The periods of a customer's managers, oldest first: the first manager from `since` (null: unknown), then one per
 * change; a first change from nobody (a first assignment) begins at `since`. A period that ended the day it began
 * (two changes the same day) is left out.
 */
export function managerPeriods(
  changes: readonly ManagerChangeRow[],
  current: { code: string | null; name: string | null },
  since: string | null,
): ManagerPeriod[] {
  if (changes.length === 0)
    return [
      {
        managerCode: current.code,
        managerName: current.name,
        from: since,
        to: null,
        source: 'first',
        reason: null,
        batchId: null,
        handoverId: null,
      },
    ];
  const first = changes[0];
  const periods: ManagerPeriod[] = [
    {
      managerCode: first.from_code,
      managerName: first.from_name,
      from: since,
      to: addDays(first.effective_date, -1),
      source: 'first',
      reason: null,
      batchId: null,
      handoverId: null,
    },
    ...changes.map((change, i): ManagerPeriod => {
      const next = changes[i + 1];
      return {
        managerCode: change.to_code,
        managerName: change.to_name,
        from: change.effective_date,
        to: next ? addDays(next.effective_date, -1) : null,
        ...(change.handover_id === null
          ? { source: 'import' as const, reason: null }
          : { source: 'handover' as const, reason: change.reason as HandoverReason }),
        batchId: change.import_batch_id,
        handoverId: change.handover_id,
      };
    }),
  ];
  // A first assignment (from nobody) holds the customer from the start, as the managers of record do.
  if (first.from_code === null) {
    periods.shift();
    periods[0] = { ...periods[0], from: since === null || since < first.effective_date ? since : first.effective_date };
  }
  return periods.filter((p) => p.from === null || p.to === null || p.from <= p.to);
}

/** A customer's book history as the card shows it. */
export function managerHistoryOf(
  ctx: CoreContext,
  customer: { id: number; managerCode: string | null; managerName: string | null; openedDate: string | null },
  firstMonth: string | null,
): ManagerPeriod[] {
  const since = firstMonth !== null ? `${firstMonth}-01` : customer.openedDate;
  return managerPeriods(
    listManagerChanges(ctx.store.sqlite, customer.id),
    { code: customer.managerCode, name: customer.managerName },
    since,
  );
}
