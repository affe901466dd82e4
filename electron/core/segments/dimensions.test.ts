import { describe, expect, it } from 'vitest';
import {
  SIGNAL_IDLE_DEMAND,
  SIGNAL_INFLOW,
  SIGNAL_NEAR_NEXT_TIER,
  SIGNAL_RISK_EXPIRED,
  dimensionFacts,
  lifecycleWithStatus,
  priorityOf,
  withTierSignals,
  type DimensionInput,
} from './dimensions';

const WAN = 1_000_000;
const base: DimensionInput = {
  month: '2024-03',
  aumFen: 100 * WAN,
  categories: 1,
  idleDemand: false,
  previousAumFen: 100 * WAN,
  aumThreeMonthsAgoFen: 100 * WAN,
  hadAssets: true,
  openedDate: '2015-06-01',
  closedDate: null,
  riskAssessedDate: '2023-12-01',
};
const facts = (patch: Partial<DimensionInput>) => dimensionFacts({ ...base, ...patch });

describe('relationship depth: categories held', () => {
  it.each([
    [{}, 'shallow'],
    [{ categories: 2 }, 'medium'],
    [{ categories: 3 }, 'medium'],
    [{ categories: 4 }, 'deep'],
  ])('%o → %s', (patch, depth) => expect(facts(patch).depth).toBe(depth));
});

describe('opportunity signals and priority', () => {
  it('flags idle 活期, a recent inflow and an expired risk assessment', () => {
    expect(facts({ idleDemand: true }).signals & SIGNAL_IDLE_DEMAND).toBeTruthy();
    expect(facts({ previousAumFen: 80 * WAN }).signals & SIGNAL_INFLOW).toBeTruthy();
    expect(facts({ riskAssessedDate: '2023-02-28' }).signals & SIGNAL_RISK_EXPIRED).toBeTruthy();
    expect(facts({}).signals).toBe(0);
  });

  it('adds "near the next tier" from the tier at read time', () => {
    expect(withTierSignals(0, 170 * WAN, 200 * WAN) & SIGNAL_NEAR_NEXT_TIER).toBeTruthy();
    expect(withTierSignals(0, 150 * WAN, 200 * WAN)).toBe(0);
    expect(withTierSignals(0, 900 * WAN, null)).toBe(0);
  });

  it('A with two or more signals, B with one, C with none', () => {
    expect(priorityOf(SIGNAL_IDLE_DEMAND | SIGNAL_INFLOW)).toBe('A');
    expect(priorityOf(SIGNAL_RISK_EXPIRED)).toBe('B');
    expect(priorityOf(0)).toBe('C');
  });
});

describe('lifecycle', () => {
  it.each([
    [{ openedDate: '2023-11-20' }, 'new'],
    [{ aumThreeMonthsAgoFen: 80 * WAN }, 'growth'],
    [{ aumThreeMonthsAgoFen: 120 * WAN }, 'decline'],
    [{}, 'mature'],
    [{ closedDate: '2024-03-05' }, 'churned'],
    [{ aumFen: 500 * 100 }, 'churned'],
  ])('%o → %s', (patch, lifecycle) => expect(facts(patch).lifecycle).toBe(lifecycle));

  it('观察 turns growth or mature into decline', () => {
    expect(lifecycleWithStatus('mature', true)).toBe('decline');
    expect(lifecycleWithStatus('new', true)).toBe('new');
    expect(lifecycleWithStatus('growth', false)).toBe('growth');
  });
});
