import { describe, expect, it } from 'vitest';
import { monthRange } from '../../../shared/month';
import { DEFAULT_TIER_RULE_SET, type TierRuleSet } from '../../../shared/schemas/tiers';
import { explainTierMonth } from './tier-explain';
import { computeTierHistory, rawTierIndex, ruleSetLookup, type TierOverride } from './tiering';

const WAN = 1_000_000; // 分 per 万元
const NAMES = Object.fromEntries(DEFAULT_TIER_RULE_SET.tiers.map((t) => [t.code, t.name]));

/** A series from 2024-01 on, in 万元 (null = month missing), assessed with the default rules unless given. */
function assess(
  values: Array<number | null>,
  options: { rules?: TierRuleSet[]; opened?: string; closed?: string; overrides?: TierOverride[] } = {},
) {
  const months = monthRange('2024-01', '2030-12').slice(0, values.length);
  return computeTierHistory({
    months: months.map((month, i) => ({
      month,
      valueFen: values[i] === null ? null : Math.round((values[i] as number) * WAN),
    })),
    rulesFor: ruleSetLookup(options.rules ?? [DEFAULT_TIER_RULE_SET]),
    openedMonth: options.opened ?? '2010-05',
    closedMonth: options.closed?.slice(0, 7) ?? null,
    overrides: options.overrides ?? [],
  });
}

const tiers = (values: Array<number | null>, options?: Parameters<typeof assess>[1]) =>
  assess(values, options).map((r) => r.tierCode);
const statuses = (values: Array<number | null>, options?: Parameters<typeof assess>[1]) =>
  assess(values, options).map((r) => r.status);

describe('tiers: rise fast, fall slowly (docs/domain.md)', () => {
  it('upgrades at once when a month reaches a higher threshold', () => {
    expect(tiers([30, 60, 250])).toEqual(['T1', 'T2', 'T3']);
    expect(statuses([30, 60, 250])).toEqual(['normal', 'upgraded', 'upgraded']);
  });

  it('two months below with grace 3 → 观察 with 1 month left and the amount needed to hold', () => {
    const history = assess([60, 40, 45]);
    expect(history.map((r) => r.tierCode)).toEqual(['T2', 'T2', 'T2']);
    expect(history[2]).toMatchObject({ status: 'watch', monthsBelow: 2, monthsLeft: 1, holdGapFen: 5 * WAN });
  });

  it('the 3rd month below takes the tier of the best of those 3 months, not the lowest', () => {
    const history = assess([60, 30, 4, 3]);
    expect(history.map((r) => r.tierCode)).toEqual(['T2', 'T2', 'T2', 'T1']);
    expect(history[3].status).toBe('downgraded');
    expect(history[3].reasons).toContainEqual({
      kind: 'downgraded',
      fromCode: 'T2',
      toCode: 'T1',
      bestMonth: '2024-02',
    });
  });

  it('a month back at or above the threshold ends the watch', () => {
    const history = assess([60, 40, 50, 40, 40]);
    expect(history.map((r) => r.status)).toEqual(['normal', 'watch', 'normal', 'watch', 'watch']);
    expect(history.map((r) => r.monthsBelow)).toEqual([0, 1, 0, 1, 2]);
  });

  it('private-banking and diamond tiers have 6 months of grace', () => {
    expect(tiers([700, 500, 500, 500, 500, 500])).toEqual(['T4', 'T4', 'T4', 'T4', 'T4', 'T4']);
    expect(assess([700, 500, 500, 500, 500, 500])[5].monthsLeft).toBe(1);
    expect(tiers([700, 500, 500, 500, 500, 500, 500])[6]).toBe('T3');
  });

  it('grace 0 is the raw tier of each month', () => {
    const raw: TierRuleSet = {
      ...DEFAULT_TIER_RULE_SET,
      tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) => ({ ...t, graceMonths: 0 })),
    };
    expect(tiers([700, 40, 3, 250], { rules: [raw] })).toEqual(['T4', 'T1', 'T0', 'T3']);
    expect(statuses([700, 40, 3, 250], { rules: [raw] })).toEqual(['normal', 'downgraded', 'downgraded', 'upgraded']);
  });

  it('a missing month is unknown, not zero: the tier stays and the watch count neither grows nor resets', () => {
    const history = assess([60, null, 40, null, 45, 44]);
    expect(history.map((r) => r.tierCode)).toEqual(['T2', 'T2', 'T2', 'T2', 'T2', 'T1']);
    expect(history.map((r) => r.status)).toEqual(['normal', 'missing', 'watch', 'missing', 'watch', 'downgraded']);
    expect(history.map((r) => r.monthsBelow)).toEqual([0, 0, 1, 1, 2, 0]);
  });

  it('before its first month with data a customer has no state at all (absent), not 数据缺失 or 大众', () => {
    const history = assess([null, null, 8]);
    expect(history.map((r) => [r.tierCode, r.status])).toEqual([
      [null, 'absent'],
      [null, 'absent'],
      ['T1', 'normal'],
    ]);
  });

  it('the first month with data is 新客 when the account was opened within 6 months', () => {
    expect(statuses([8, 9], { opened: '2023-09' })).toEqual(['new', 'normal']);
    expect(statuses([8], { opened: '2023-07' })).toEqual(['normal']);
  });

  it('a manual override wins until its expiry, and the rules carry on underneath', () => {
    const overrides = [{ tierCode: 'T4', reason: '战略客户', from: '2024-02', until: '2024-03' }];
    const history = assess([250, 250, 250, 250], { overrides });
    expect(history.map((r) => r.tierCode)).toEqual(['T3', 'T4', 'T4', 'T3']);
    expect(history.map((r) => r.overridden)).toEqual([false, true, true, false]);
    expect(explainTierMonth(history[1].reasons, (c) => NAMES[c])).toContain(
      '人工指定为私人银行客户（原因：战略客户；有效至 2024-03）',
    );
  });

  it('applies an effective-dated rule change from its month on', () => {
    const stricter: TierRuleSet = {
      ...DEFAULT_TIER_RULE_SET,
      validFrom: '2024-03',
      tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) => (t.code === 'T4' ? { ...t, thresholdFen: 800 * WAN } : t)),
    };
    const history = assess([700, 700, 700], { rules: [DEFAULT_TIER_RULE_SET, stricter] });
    expect(history.map((r) => r.tierCode)).toEqual(['T4', 'T4', 'T4']);
    expect(history[2]).toMatchObject({ status: 'watch', monthsBelow: 1, holdGapFen: 100 * WAN });
  });

  it('states the amount needed to hold the tier and to reach the next one', () => {
    const history = assess([700, 500, 482.1]);
    expect(history[2].holdGapFen).toBe(117.9 * WAN);
    expect(explainTierMonth(history[2].reasons, (c) => NAMES[c])).toBe(
      '2024-03 月日均 482.10万 < 私人银行客户 600万；连续 2 个月低于门槛（宽限 6 个月）；2024-04 月日均需 ≥ 600万 才能保级，差 117.90万',
    );
    expect(assess([180])[0].nextGapFen).toBe(20 * WAN);
    expect(explainTierMonth(assess([180])[0].reasons, (c) => NAMES[c])).toBe(
      '2024-01 月日均 180.00万 ≥ 白金客户 门槛 50万；距钻石客户 200万 还差 20.00万',
    );
  });
});

describe('presence: who is in a tier at all (docs/domain.md, "Presence")', () => {
  const rows = (history: ReturnType<typeof assess>) => history.map((r) => `${r.tierCode ?? '-'} ${r.status}`);
  const keeping = (kept: number): TierRuleSet[] => [{ ...DEFAULT_TIER_RULE_SET, missingMonthsKept: kept }];

  it.each([
    {
      name: 'a gap up to the kept months keeps the tier; the next missing month leaves every tier',
      values: [60, null, null, null, null, null],
      expected: ['T2 normal', 'T2 missing', 'T2 missing', 'T2 missing', '- nodata', '- nodata'],
    },
    {
      name: 'data back within the kept months carries on (watch count kept)',
      values: [60, 40, null, null, null, 40, 40],
      expected: ['T2 normal', 'T2 watch', 'T2 missing', 'T2 missing', 'T2 missing', 'T2 watch', 'T1 downgraded'],
    },
    {
      name: 'data back after 无数据 is assessed afresh: the raw tier, no watch carried over',
      values: [700, 500, null, null, null, null, 40],
      expected: ['T4 normal', 'T4 watch', 'T4 missing', 'T4 missing', 'T4 missing', '- nodata', 'T1 normal'],
    },
    {
      name: 'the count of missing months restarts with every month of data',
      values: [60, null, null, null, 60, null, null, null, 60],
      expected: [
        'T2 normal',
        'T2 missing',
        'T2 missing',
        'T2 missing',
        'T2 normal',
        'T2 missing',
        'T2 missing',
        'T2 missing',
        'T2 normal',
      ],
    },
  ])('$name', ({ values, expected }) => {
    expect(rows(assess(values))).toEqual(expected);
  });

  it("the kept months are the rule set's: 0 leaves at the first missing month, 12 keeps a year", () => {
    expect(rows(assess([60, null, 60], { rules: keeping(0) }))).toEqual(['T2 normal', '- nodata', 'T2 normal']);
    const year = assess([60, ...Array<null>(13).fill(null)], { rules: keeping(12) });
    expect(year.filter((r) => r.status === 'missing')).toHaveLength(12);
    expect(year[13]).toMatchObject({ tierCode: null, status: 'nodata' });
  });

  it('a closed customer leaves every tier from the closing month, even if data still comes', () => {
    expect(rows(assess([250, 250, 250, 250], { closed: '2024-03-15' }))).toEqual([
      'T3 normal',
      'T3 normal',
      '- closed',
      '- closed',
    ]);
    expect(explainTierMonth(assess([250, 250, 250], { closed: '2024-03-15' })[2].reasons, (c) => NAMES[c])).toBe(
      '2024-03 已销户，不计入任何层级',
    );
  });

  it('a customer opened later has no state in the months before its first data', () => {
    const history = assess([null, null, null, null, null, 8], { opened: '2024-06' });
    expect(rows(history)).toEqual(['- absent', '- absent', '- absent', '- absent', '- absent', 'T1 new']);
  });

  it('an override does not put a customer without data or closed back in a tier', () => {
    const overrides = [{ tierCode: 'T4', reason: '战略客户', from: '2024-01', until: '2024-12' }];
    expect(rows(assess([250, null, null, null, null, 250], { overrides }))).toEqual([
      'T4 normal',
      'T4 missing',
      'T4 missing',
      'T4 missing',
      '- nodata',
      'T4 normal',
    ]);
    expect(rows(assess([250, 250], { overrides, closed: '2024-02-01' }))).toEqual(['T4 normal', '- closed']);
  });

  it('explains 无数据 and the return of data', () => {
    const history = assess([60, null, null, null, null, 8]);
    expect(explainTierMonth(history[4].reasons, (c) => NAMES[c])).toBe(
      '2024-05 无资产数据，已连续 4 个月（最多沿用 3 个月），不计入任何层级（无数据）',
    );
    expect(explainTierMonth(history[5].reasons, (c) => NAMES[c])).toContain('2024-06 恢复数据，重新评定');
    // Out of every tier, the count goes on month after month.
    expect(explainTierMonth(assess([60, null, null, null, null, null])[5].reasons, (c) => NAMES[c])).toBe(
      '2024-06 无资产数据，已连续 5 个月（最多沿用 3 个月），不计入任何层级（无数据）',
    );
  });
});

describe('tier properties over random series', () => {
  /** Seeded so a failure can be replayed. */
  function series(seed: number, length: number): Array<number | null> {
    let state = seed;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    let level = 10 ** (next() * 3.5); // 1万 … 3000万
    return Array.from({ length }, () => {
      level *= Math.exp((next() - 0.5) * 0.8);
      return next() < 0.05 ? null : Math.round(level * 100) / 100;
    });
  }

  it('is deterministic and never drops a tier faster than its grace allows', () => {
    const rules = DEFAULT_TIER_RULE_SET;
    const index = (code: string | null) => rules.tiers.findIndex((t) => t.code === code);
    for (let seed = 1; seed <= 300; seed++) {
      const values = series(seed, 36);
      const history = assess(values);
      expect(assess(values)).toEqual(history);
      let belowRun = 0;
      for (let m = 0; m < history.length; m++) {
        const value = values[m];
        const previous = m > 0 ? index(history[m - 1].tierCode) : -1;
        const current = index(history[m].tierCode);
        if (value === null) {
          // Kept while missing; out of every tier once missing longer than the rule set keeps it.
          expect(current).toBe(history[m].status === 'missing' ? previous : -1);
          continue;
        }
        const raw = rawTierIndex(rules, Math.round(value * WAN));
        // Never below the month's own raw tier; never above it unless held from before.
        expect(current).toBeGreaterThanOrEqual(raw);
        if (current > raw) expect(current).toBeLessThanOrEqual(previous);
        belowRun = previous >= 0 && raw < previous ? belowRun + 1 : 0;
        if (previous >= 0 && current < previous) {
          expect(belowRun).toBeGreaterThanOrEqual(Math.max(rules.tiers[previous].graceMonths, 1));
          belowRun = 0;
        }
      }
    }
  });
});
