/**
 * The household figures the tiers read (docs/domain.md, "Households"): every membership as columns for the
 * recompute, and one customer's household figure by month for their card's explanation. Imports nothing of tiers/
 * (which imports this file).
 */
import type { Database } from 'better-sqlite3';
import { HOUSEHOLD_ROLES, type HouseholdRole } from '../../../shared/schemas/households';
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

/**
 * Each member's household figure of a month and their role (docs/domain.md, "Households"): the sum of the values of
 * the members in the household that month, each member's value given by `valueOf` (NaN: no data), as the recompute
 * sums them. By customer id; customers in no household that month are absent.
 */
export function householdFiguresOfMonth(
  sqlite: Database,
  month: string,
  valueOf: (customerId: number) => number,
): Map<number, { fen: number; role: HouseholdRole }> {
  const m = readMembershipColumns(sqlite);
  const sums = new Map<number, number>();
  const active: number[] = [];
  for (let k = 0; k < m.customerIds.length; k++) {
    if (m.joinedMonths[k] > month || (m.leftMonths[k] !== null && (m.leftMonths[k] as string) <= month)) continue;
    active.push(k);
    const value = valueOf(m.customerIds[k]);
    if (!Number.isNaN(value)) sums.set(m.households[k], (sums.get(m.households[k]) ?? 0) + value);
  }
  const out = new Map<number, { fen: number; role: HouseholdRole }>();
  for (const k of active) {
    const fen = sums.get(m.households[k]);
    if (fen !== undefined) out.set(m.customerIds[k], { fen, role: m.roles[k] });
  }
  return out;
}

/**
 * Each customer's household in a month, its size then and their role, by customer id (the group analysis's columns;
 * docs/domain.md, "Households"): household 0, size 0 and role −1 for a customer in none.
 */
export function householdColumnsOfMonth(
  sqlite: Database,
  month: string,
  maxCustomerId: number,
): { household: Int32Array; size: Uint8Array; role: Int8Array } {
  const m = readMembershipColumns(sqlite);
  const household = new Int32Array(maxCustomerId + 1);
  const size = new Uint8Array(maxCustomerId + 1);
  const role = new Int8Array(maxCustomerId + 1).fill(-1);
  const sizes = new Map<number, number>();
  const active: number[] = [];
  for (let k = 0; k < m.customerIds.length; k++) {
    if (m.joinedMonths[k] > month || (m.leftMonths[k] !== null && (m.leftMonths[k] as string) <= month)) continue;
    if (m.customerIds[k] > maxCustomerId) continue;
    active.push(k);
    sizes.set(m.households[k], (sizes.get(m.households[k]) ?? 0) + 1);
  }
  for (const k of active) {
    const id = m.customerIds[k];
    household[id] = m.households[k];
    size[id] = sizes.get(m.households[k]) ?? 0;
    role[id] = HOUSEHOLD_ROLES.indexOf(m.roles[k]);
  }
  return { household, size, role };
}
