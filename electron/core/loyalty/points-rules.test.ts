import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/seeded-random';
import { AppError } from '../../../shared/errors';
import { defaultLoyaltyRuleSet, type LoyaltyRuleSet } from '../../../shared/schemas/loyalty';
import {
  balanceOf,
  expiryDateOf,
  expiryDue,
  monthlyAccrual,
  nextExpiryOf,
  pointsMultiplierOf,
  reaccrual,
  redemptionRefusal,
  ruleSetForMonth,
  validateLoyaltyRules,
  type PointsLine,
} from './points-rules';

const rules = defaultLoyaltyRuleSet('2024-01');
const WAN = 1_000_000;

function refusalOf(f: () => void): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('monthly accrual', () => {
  it('counts full 1万元 units of 月日均 times the tier multiplier, rounded down', () => {
    expect(monthlyAccrual(rules, 3 * WAN, 'T0')).toBe(3);
    expect(monthlyAccrual(rules, 3 * WAN - 1, 'T0')).toBe(2); // 2.99万 is 2 full units
    expect(monthlyAccrual(rules, 3 * WAN, 'T3')).toBe(4); // 3 × 1.5 = 4.5 → 4
    expect(monthlyAccrual(rules, 600 * WAN, 'T4')).toBe(1200);
    expect(monthlyAccrual(rules, 50 * WAN, 'X9')).toBe(50); // a tier not listed earns ×1
  });
  it('earns nothing without data, in no tier, below one unit or with the plan off', () => {
    expect(monthlyAccrual(rules, Number.NaN, 'T1')).toBe(0);
    expect(monthlyAccrual(rules, 5 * WAN, null)).toBe(0);
    expect(monthlyAccrual(rules, WAN - 1, 'T1')).toBe(0);
    expect(monthlyAccrual({ ...rules, enabled: false }, 5 * WAN, 'T1')).toBe(0);
    expect(monthlyAccrual(null, 5 * WAN, 'T1')).toBe(0);
  });
  it('counts a multiplier with two decimals exactly (0.29 × 100 is 29, not 28.999…)', () => {
    const r: LoyaltyRuleSet = { ...rules, multipliers: [{ tierCode: 'T1', multiplier: 0.29 }] };
    expect(monthlyAccrual(r, 100 * WAN, 'T1')).toBe(29);
    expect(pointsMultiplierOf(r, 'T1')).toBe(0.29);
    expect(pointsMultiplierOf(r, 'T2')).toBe(1);
    expect(pointsMultiplierOf(null, 'T1')).toBe(0);
  });
  it('takes the version in force for the month', () => {
    const later = { ...rules, validFrom: '2024-06', pointsPerUnit: 2 };
    expect(ruleSetForMonth([later, rules], '2023-12')).toBeNull();
    expect(ruleSetForMonth([later, rules], '2024-05')).toBe(rules);
    expect(ruleSetForMonth([later, rules], '2024-06')).toBe(later);
  });
});

describe('expiry', () => {
  it('points earned in a year expire at the end of the next year', () => {
    expect(expiryDateOf('2024-03', 1)).toBe('2025-12-31');
    expect(expiryDateOf('2024-12', 2)).toBe('2026-12-31');
  });
  it('expires what is left of a year, oldest spent first, once', () => {
    const lines: PointsLine[] = [
      { points: 100, month: '2022-05' },
      { points: 50, month: '2023-02' },
      { points: -30, month: '2023-03' }, // spent from 2022's points
    ];
    expect(expiryDue(lines, '2023-12-31', 1)).toEqual([]);
    const due = expiryDue(lines, '2024-01-01', 1);
    expect(due).toEqual([{ year: 2022, points: -70, month: '2023-12' }]);
    const after = [...lines, ...due.map((d) => ({ points: d.points, month: d.month }))];
    expect(expiryDue(after, '2024-06-01', 1)).toEqual([]);
    expect(balanceOf(after)).toBe(50);
    expect(nextExpiryOf(after, '2024-06-01', 1)).toEqual({ date: '2024-12-31', points: 50 });
    expect(expiryDue(after, '2025-01-01', 1)).toEqual([{ year: 2023, points: -50, month: '2024-12' }]);
  });
  it('a reversal lessens its own year, spending nothing: the older points expire whole', () => {
    const lines: PointsLine[] = [
      { points: 100, month: '2023-05', kind: 'earn' },
      { points: 50, month: '2024-02', kind: 'earn' },
      { points: -50, month: '2024-02', kind: 'reversal' },
    ];
    expect(nextExpiryOf(lines, '2024-06-01', 1)).toEqual({ date: '2024-12-31', points: 100 });
    expect(expiryDue(lines, '2025-01-01', 1)).toEqual([{ year: 2023, points: -100, month: '2024-12' }]);
  });
});

describe('redemption', () => {
  it('is refused beyond the balance or the stock, naming the field', () => {
    expect(redemptionRefusal(100, 50, 2, 5)).toBeNull();
    expect(redemptionRefusal(99, 50, 2, 5)?.details).toMatchObject({ field: 'quantity', needed: 100, balance: 99 });
    expect(redemptionRefusal(1000, 50, 2, 1)?.details).toMatchObject({ field: 'giftCode', stock: 1 });
    expect(redemptionRefusal(1000, 50, 0, 1)?.details).toMatchObject({ field: 'quantity' });
  });
});

describe('rules validation', () => {
  it('accepts the defaults', () => expect(() => validateLoyaltyRules(rules)).not.toThrow());
  it('refuses a negative multiplier naming the tier', () => {
    const e = refusalOf(() => validateLoyaltyRules({ ...rules, multipliers: [{ tierCode: 'T2', multiplier: -1 }] }));
    expect(e.details).toEqual({ field: 'rules.multipliers.T2' });
    expect(e.message).toContain('不能为负数');
  });
  it('refuses other bad numbers naming the field', () => {
    expect(refusalOf(() => validateLoyaltyRules({ ...rules, unitFen: 0 })).details).toEqual({ field: 'rules.unitFen' });
    expect(refusalOf(() => validateLoyaltyRules({ ...rules, expireAfterYears: 0 })).details).toEqual({
      field: 'rules.expireAfterYears',
    });
    expect(refusalOf(() => validateLoyaltyRules({ ...rules, bonus: { ...rules.bonus, survey: -5 } })).details).toEqual({
      field: 'rules.bonus.survey',
    });
    expect(
      refusalOf(() => validateLoyaltyRules({ ...rules, multipliers: [{ tierCode: 'T1', multiplier: 1.234 }] })).details,
    ).toEqual({ field: 'rules.multipliers.T1' });
  });
});

describe('ledger invariants (property)', () => {
  it('any sequence of earn, redeem, expire, adjust and re-import keeps balance = sum ≥ 0 and one earn per month', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const pick = (n: number) => Math.floor(next() * n);
      interface Line extends PointsLine {
        kind: string;
        earnOf?: string;
        reversed?: boolean;
      }
      const ledger: Line[] = [];
      let balance = 0; // kept as a running total, as the card's query sums
      const write = (line: Line) => {
        ledger.push(line);
        balance += line.points;
      };
      const accrue = (month: string, points: number) => {
        const earlier = ledger.find((l) => l.kind === 'earn' && l.earnOf === month && !l.reversed) ?? null;
        // What reversals of the month could not take back: paid already.
        const kept = ledger
          .filter((l) => l.month === month && ((l.kind === 'earn' && l.reversed) || l.kind === 'reversal'))
          .reduce((n, l) => n + l.points, 0);
        const plan = reaccrual(earlier?.points ?? null, points, kept, balanceOf(ledger));
        if (!plan) return;
        if (plan.reversal !== null && earlier) {
          earlier.reversed = true;
          write({ kind: 'reversal', points: plan.reversal, month });
        }
        if (plan.earn > 0) write({ kind: 'earn', points: plan.earn, month, earnOf: month });
      };
      let year = 2021;
      for (let step = 0; step < 60; step++) {
        const month = `${year}-${String(1 + pick(12)).padStart(2, '0')}`;
        switch (pick(6)) {
          case 0:
          case 1: // earn, or the same month re-imported with other figures
            accrue(month, pick(5) === 0 ? 0 : pick(500));
            break;
          case 2: {
            const price = 1 + pick(300);
            const quantity = 1 + pick(3);
            if (!redemptionRefusal(balanceOf(ledger), price, quantity, pick(4))) {
              write({ kind: 'redeem', points: -price * quantity, month });
            }
            break;
          }
          case 3: {
            const points = pick(400) - 200;
            if (balanceOf(ledger) + points >= 0) write({ kind: 'adjust', points, month });
            break;
          }
          case 4:
            year += pick(2);
            for (const d of expiryDue(ledger, `${year}-06-30`, 1))
              write({ kind: 'expire', points: d.points, month: d.month });
            break;
          default: {
            const earned = ledger.filter((l) => l.kind === 'earn' && !l.reversed);
            if (earned.length > 0) accrue(earned[pick(earned.length)].month, pick(600));
          }
        }
        const sum = balanceOf(ledger);
        expect(sum, `seed ${seed} step ${step}`).toBe(balance);
        expect(sum, `seed ${seed} step ${step}`).toBeGreaterThanOrEqual(0);
        const months = ledger.filter((l) => l.kind === 'earn' && !l.reversed).map((l) => l.month);
        expect(new Set(months).size, `seed ${seed}: one earn per month`).toBe(months.length);
      }
    }
  });
});
