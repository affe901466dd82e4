import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/seeded-random';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { addMonths, monthRange } from '../../../shared/month';
import { defaultLoyaltyRuleSet } from '../../../shared/schemas/loyalty';
import { AppError } from '../../../shared/errors';
import { recomputeTiers } from '../tiers/tier-recompute';
import { tierSnapshotOf } from '../tiers/tiers';
import { awardPoints, redeemGift, saveGift, saveLoyaltyRules } from './loyalty';
import { monthlyAccrual } from './points-rules';

const WAN = 1_000_000;
const MONTHS = monthRange('2022-10', '2023-09');
let ctx: ReturnType<typeof createTestContext> | null = null;
afterEach(() => ctx?.store.close());

/** Refusals are part of the sequence: only an AppError may come back. */
async function refusedOrDone(call: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
}

describe('the ledger on a real database (property)', () => {
  it('any sequence of re-imports, redemptions, bonuses, adjustments and years passing keeps balance = sum ≥ 0, and each month pays exactly once what its data says', async () => {
    const kindsSeen = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const next = seededRandom(seed);
      const pick = (n: number) => Math.floor(next() * n);
      const c = createTestContext();
      ctx = c;
      const assets = () => Object.fromEntries(MONTHS.map((m) => [m, pick(300) * WAN]));
      seedBranch(c.store, [
        { customer_no: 'C1', assets: assets() },
        { customer_no: 'C2', assets: assets() },
      ]);
      let year = 2023;
      const setToday = (date: string) => {
        c.today = () => date;
        c.now = () => `${date}T09:00:00.000Z`;
      };
      setToday('2023-10-10');
      await recomputeTiers(c.store.sqlite, c.now());
      saveLoyaltyRules(c, defaultLoyaltyRuleSet(MONTHS[0]), 'A01');
      saveGift(c, { code: 'G1', name: '保温杯', pointsPrice: 1 + pick(200), stock: pick(4), active: true }, 'A01');
      const { sqlite } = c.store;
      for (let step = 0; step < 20; step++) {
        const customerNo = pick(2) === 0 ? 'C1' : 'C2';
        const customerId = customerNo === 'C1' ? 1 : 2;
        switch (pick(6)) {
          case 0:
          case 1: {
            // A month re-imported with other figures, or without this customer.
            const month = MONTHS[pick(MONTHS.length)];
            if (pick(4) === 0)
              sqlite.prepare('DELETE FROM monthly_assets WHERE month = ? AND customer_id = ?').run(month, customerId);
            else
              sqlite
                .prepare(
                  `INSERT INTO monthly_assets (customer_id, month, aum_avg) VALUES (?, ?, ?)
                   ON CONFLICT (month, customer_id) DO UPDATE SET aum_avg = excluded.aum_avg`,
                )
                .run(customerId, month, pick(700) * WAN);
            await recomputeTiers(sqlite, c.now(), { fromMonth: month });
            break;
          }
          case 2:
            await refusedOrDone(() =>
              redeemGift(c, { customerNo, giftCode: 'G1', quantity: 1 + pick(2), staffCode: 'M01' }),
            );
            break;
          case 3:
            await refusedOrDone(() =>
              awardPoints(c, {
                customerNo,
                points: pick(600) - 300,
                bonusEvent: null,
                reason: '调整',
                staffCode: 'B01',
              }),
            );
            break;
          case 4:
            await refusedOrDone(() =>
              awardPoints(c, { customerNo, bonusEvent: 'survey', reason: '填写问卷', staffCode: 'M01' }),
            );
            break;
          default:
            // A year passes: the next recompute expires what is due.
            year += 1;
            setToday(`${year}-0${1 + pick(9)}-15`);
            await recomputeTiers(sqlite, c.now(), { fromMonth: addMonths(MONTHS.at(-1) as string, 0) });
        }
        const sums = sqlite
          .prepare(
            'SELECT customer_id AS id, sum(points) AS balance, min(points) FROM loyalty_ledger GROUP BY customer_id',
          )
          .all() as Array<{ id: number; balance: number }>;
        for (const { balance } of sums) expect(balance, `seed ${seed} step ${step}`).toBeGreaterThanOrEqual(0);
        // Each customer's balance as running sums never dipped below zero either (lines in the order written).
        const runs = sqlite
          .prepare(
            'SELECT min(run) FROM (SELECT sum(points) OVER (PARTITION BY customer_id ORDER BY id) AS run FROM loyalty_ledger)',
          )
          .pluck()
          .get() as number | null;
        expect(runs ?? 0, `seed ${seed} step ${step}: never below zero`).toBeGreaterThanOrEqual(0);
        // At most one live earn per customer and month: what the month's data earns now, less what reversals could not
        // take back of its earlier earns (points spent are not owed back, so the month has paid those already).
        for (const month of MONTHS) {
          const snapshot = tierSnapshotOf(c, month);
          for (const id of [1, 2]) {
            const live = sqlite
              .prepare(
                `SELECT points FROM loyalty_ledger e WHERE kind = 'earn' AND month = ? AND customer_id = ?
                 AND NOT EXISTS (SELECT 1 FROM loyalty_ledger r WHERE r.reverses = e.id)`,
              )
              .pluck()
              .all(month, id) as number[];
            const slot = snapshot ? Array.from(snapshot.customerIds).indexOf(id) : -1;
            const expected =
              snapshot && slot >= 0
                ? monthlyAccrual(
                    defaultLoyaltyRuleSet(MONTHS[0]),
                    snapshot.aumFen[slot],
                    snapshot.tier[slot] >= 0 ? snapshot.tierCodes[snapshot.tier[slot]] : null,
                  )
                : 0;
            const kept = sqlite
              .prepare(
                `SELECT coalesce(sum(r.points + e.points), 0) FROM loyalty_ledger r JOIN loyalty_ledger e ON e.id = r.reverses
                 WHERE r.kind = 'reversal' AND r.month = ? AND r.customer_id = ?`,
              )
              .pluck()
              .get(month, id) as number;
            const owed = expected - kept;
            expect(live, `seed ${seed} step ${step} ${month} customer ${id}`).toEqual(owed > 0 ? [owed] : []);
          }
        }
      }
      for (const kind of sqlite.prepare('SELECT DISTINCT kind FROM loyalty_ledger').pluck().all() as string[])
        kindsSeen.add(kind);
      await c.store.close();
      ctx = null;
    }
    // The sequences reached every kind of line.
    expect([...kindsSeen].sort()).toEqual(['adjust', 'bonus', 'earn', 'expire', 'redeem', 'reversal']);
  });
});
