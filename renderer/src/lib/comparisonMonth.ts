import { addMonths } from '../../../shared/month';

/**
 * The month a comparison with `month` starts from by default (docs/domain.md, "Default months"): `back` months
 * before it when that month has data; else the earliest month with data after that and before `month`; else the
 * latest before that. Null when nothing before `month` has data. `months` are the months with data, any order.
 */
export function comparisonMonth(months: readonly string[], month: string, back: number): string | null {
  const target = addMonths(month, -back);
  const before = [...months].filter((m) => m < month).sort();
  return before.find((m) => m >= target) ?? before.at(-1) ?? null;
}
