/**
 * The household figures the tiers read (docs/domain.md, "Households"): every membership as columns for the
 * recompute, and one customer's household figure by month for their card's explanation. Imports nothing of tiers/
 * (which imports this file).
 */
import type { Database } from 'better-sqlite3';
import type { HouseholdRole } from '../../../shared/schemas/households';
import { householdMonthsOfCustomer, readMembershipColumns, type MembershipColumns } from './households-repository';

export type { MembershipColumns };

/** Every membership, past and present, as columns. */
export const membershipColumns = (sqlite: Database): MembershipColumns => readMembershipColumns(sqlite);

/** A head as an explanation names them: the surname and 某 (张某), whoever reads it. */
export function headCall(name: string | null): string | null {
  if (!name) return null;
  return `${[...name][0]}某`;
}

export interface CustomerHouseholdMonth {
  avgFen: number;
  monthEndFen: number | null;
  role: HouseholdRole;
  head: string | null;
}

/** One customer's household figure by month (the months they were in one with data). */
export function householdFiguresOfCustomer(sqlite: Database, customerId: number): Map<string, CustomerHouseholdMonth> {
  return new Map(
    householdMonthsOfCustomer(sqlite, customerId).map((r) => [
      r.month,
      { avgFen: r.avg, monthEndFen: r.monthEnd, role: r.role, head: headCall(r.head) },
    ]),
  );
}
