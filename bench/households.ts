/**
 * Households on the 200,000-customer branch (docs/domain.md, "Households"): 60,000 households of 2–4 members
 * (consecutive customers, the first the head, then a spouse, a child, a parent), inside a transaction rolled back
 * after. Measured: the full recompute with household qualification on against the same recompute without it (same
 * run, best of two each), the card's 家庭 part, and a page of the household list.
 */
import { performance } from 'node:perf_hooks';
import type { CoreContext } from '../electron/core/platform/context';
import { recomputeTiers } from '../electron/core/tiers/tier-recompute';
import { getTierRules, replaceTierRuleSets } from '../electron/core/tiers/tier-rules';
import type { HouseholdRole } from '../shared/schemas/households';

export const HOUSEHOLDS = 60_000;
const ROLES: HouseholdRole[] = ['head', 'spouse', 'child', 'parent'];

export interface HouseholdsMeasure {
  households: number;
  members: number;
  /** Full recompute without households and with household qualification on (ms, best of two). */
  without: number;
  with: number;
  /** The card's 家庭 part and a page of the list, each call timed (ms). */
  card: number[];
  page: number[];
}

type Call = (channel: string, input: unknown) => Promise<unknown>;

export async function measureHouseholds(
  ctx: CoreContext,
  month: string,
  firstMonth: string,
  times: number,
  call: Call,
): Promise<HouseholdsMeasure> {
  const { sqlite } = ctx.store;
  sqlite.exec('BEGIN');
  try {
    // The demo's own households make way for the measured ones (rolled back after).
    sqlite.exec('DELETE FROM household_members; DELETE FROM households;');
    const ids = sqlite.prepare('SELECT id, customer_no FROM customers ORDER BY id').raw().all() as Array<
      [number, string]
    >;
    const insertHousehold = sqlite.prepare("INSERT INTO households (created_date, created_at) VALUES (?, '')");
    const members: Array<[number, number, string]> = [];
    const heads: string[] = [];
    let at = 0;
    for (let h = 0; h < HOUSEHOLDS && at < ids.length; h++) {
      const size = 2 + (h % 3);
      const household = Number(insertHousehold.run(`${firstMonth}-01`).lastInsertRowid);
      heads.push(ids[at][1]);
      for (let k = 0; k < size && at < ids.length; k++, at++) members.push([household, ids[at][0], ROLES[k]]);
    }
    sqlite
      .prepare(
        `INSERT INTO household_members (household_id, customer_id, role, joined_date, created_at)
         SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), ?, ''
         FROM json_each(?) j`,
      )
      .run(`${firstMonth}-01`, JSON.stringify(members));

    const recompute = async () => {
      let best = Infinity;
      for (let i = 0; i < 2; i++) {
        const start = performance.now();
        await recomputeTiers(sqlite, ctx.now());
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    const without = await recompute();
    const rules = getTierRules(ctx).ruleSets;
    replaceTierRuleSets(
      sqlite,
      rules.map((r) => ({
        ...r,
        tiers: r.tiers.map((t, i) =>
          i >= r.tiers.length - 2
            ? { ...t, household: { spouseParentsOnly: i === r.tiers.length - 1, minOwnFen: 0 } }
            : t,
        ),
      })),
      ctx.now(),
      null,
    );
    const withHouseholds = await recompute();

    const card: number[] = [];
    await call('households.customer', { customerNo: heads[0] });
    for (let i = 0; i < times; i++) {
      const customerNo = heads[(i * 7919) % heads.length];
      const start = performance.now();
      await call('households.customer', { customerNo });
      card.push(performance.now() - start);
    }
    const page: number[] = [];
    const query = (i: number) => ({
      month,
      sort: { field: (['aum', 'size', 'headNo'] as const)[i % 3], direction: i % 2 === 0 ? 'desc' : 'asc' },
      filter: i % 5 === 4 ? { minSize: 3 } : {},
      offset: (i % 10) * 50,
      limit: 50,
    });
    for (let i = 0; i < 6; i++) await call('households.page', query(i)); // the warm-up: the month read and each order made once
    for (let i = 0; i < times; i++) {
      const start = performance.now();
      await call('households.page', query(i));
      page.push(performance.now() - start);
    }
    return { households: heads.length, members: members.length, without, with: withHouseholds, card, page };
  } finally {
    sqlite.exec('ROLLBACK');
    ctx.cache.clear();
  }
}
