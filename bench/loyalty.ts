/**
 * The points plan's measures (docs/domain.md, "Loyalty points"): a month's accrual for every customer of a large
 * branch, as the tier recompute runs it — first, again with a tenth of the customers changed (their earn lines
 * reversed and written anew), and again unchanged (nothing written); then 积分分析 of a year of such months. On its own
 * database of `customers` customers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../electron/core/platform/connection';
import { accruePoints, type AccrualMonth } from '../electron/core/loyalty/accrual';
import { insertLedgerLine, saveLoyaltyRuleSet } from '../electron/core/loyalty/loyalty-repository';
import { getPointsAnalysis } from '../electron/core/loyalty/points-analysis';
import { createContext } from '../electron/core/platform/context';
import { addMonths } from '../shared/month';
import { defaultLoyaltyRuleSet } from '../shared/schemas/loyalty';

type Report = (measure: string, value: string, target: string, ok: boolean, floor: string, ratio: string) => void;

/** A month of tier results as the recompute hands it over: 月日均 spread like a branch's, tiers by the default rules. */
function syntheticMonth(month: string, customers: number, seed: number): AccrualMonth {
  const customerIds = new Int32Array(customers);
  const aumFen = new Float64Array(customers);
  const tier = new Int8Array(customers);
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const thresholds = [0, 5e6, 5e7, 2e8, 6e8];
  for (let i = 0; i < customers; i++) {
    customerIds[i] = i + 1;
    aumFen[i] = Math.round(Math.exp(13 + next() * 7)); // about 4,400 元 … 485万: most customers earn
    let t = 0;
    while (t + 1 < thresholds.length && aumFen[i] >= thresholds[t + 1]) t++;
    tier[i] = t;
  }
  return { month, tierCodes: ['T0', 'T1', 'T2', 'T3', 'T4'], customerIds, aumFen, tier };
}

export async function benchLoyalty(customers: number, report: Report): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-loyalty-'));
  const store = openStore(path.join(dir, 'loyalty.db'));
  try {
    const { sqlite } = store;
    sqlite.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${customers})
      INSERT INTO customers (id, customer_no, name, created_at, updated_at)
      SELECT i, printf('%08d', i), '客户', 'x', 'x' FROM n`);
    const now = '2026-12-07T00:00:00.000Z';
    saveLoyaltyRuleSet(sqlite, defaultLoyaltyRuleSet('2026-01'), now, null);
    const timed = (data: AccrualMonth) => {
      const start = performance.now();
      const summary = sqlite.transaction(() => accruePoints(sqlite, [data], now)).immediate();
      return { ms: performance.now() - start, summary };
    };
    const month = syntheticMonth('2026-11', customers, 11);
    const first = timed(month);
    report(
      `points accrual, ${customers.toLocaleString('en')} customers (ms)`,
      first.ms.toFixed(0),
      '≤1000 ms',
      first.ms <= 1000,
      `${first.summary.earned.toLocaleString('en')} earns`,
      '',
    );
    // The month re-imported with a tenth of the customers' 月日均 changed.
    for (let i = 0; i < customers; i += 10) month.aumFen[i] += 3_000_000;
    const again = timed(month);
    report(
      'points accrual, month re-imported (ms)',
      again.ms.toFixed(0),
      '≤1000 ms',
      again.ms <= 1000 && again.summary.reversed > 0,
      `${again.summary.reversed.toLocaleString('en')} reversed`,
      '',
    );
    const same = timed(month);
    report(
      'points accrual, nothing changed (ms)',
      same.ms.toFixed(0),
      '≤1000 ms',
      same.ms <= 1000 && same.summary.earned === 0,
      'writes nothing',
      '',
    );
    // 积分分析 of a year: eleven months more accrued, then counted once (kept) and brought up to date on each call
    // after a line written meanwhile (a redemption at the counter). No tier results here: every customer in no tier.
    for (let k = 1; k <= 11; k++) {
      const earlier = syntheticMonth(addMonths('2026-11', -k), customers, 11 + k);
      sqlite.transaction(() => accruePoints(sqlite, [earlier], now)).immediate();
    }
    const ctx = createContext(store);
    const range = { fromMonth: '2025-12', toMonth: '2026-11' };
    let start = performance.now();
    getPointsAnalysis(ctx, range);
    const cold = performance.now() - start;
    const samples: number[] = [];
    for (let k = 0; k < 50; k++) {
      insertLedgerLine(sqlite, {
        customerId: 1 + ((k * 7919) % customers),
        kind: 'adjust',
        points: 1,
        month: '2026-11',
        reason: '基准',
        createdAt: now,
        createdBy: null,
      });
      start = performance.now();
      getPointsAnalysis(ctx, range);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const p95 = samples[Math.ceil(samples.length * 0.95) - 1];
    report(
      'points analysis, 12 months, p95 (ms)',
      p95.toFixed(1),
      '≤300 ms',
      p95 <= 300,
      `first ${cold.toFixed(0)} ms`,
      '',
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
