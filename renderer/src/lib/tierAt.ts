import type { CustomerFilter } from '../../../shared/schemas/customer';
import { MonthSchema } from '../../../shared/schemas/common';

export type TierAt = NonNullable<CustomerFilter['tierAt']>;

/** `?tierAt=2025-10:T3,2026-10:T2` in links to the customer list (a migration-matrix cell). */
export function formatTierAt(tierAt: TierAt): string {
  return tierAt.map((t) => `${t.month}:${encodeURIComponent(t.tierCode)}`).join(',');
}

/** The link's tier-in-month conditions; anything malformed is ignored rather than shown as an error. */
export function parseTierAt(text: string | null): TierAt {
  if (!text) return [];
  return text
    .split(',')
    .slice(0, 2)
    .flatMap((part) => {
      const [month, code] = part.split(':');
      return MonthSchema.safeParse(month).success && code && /^[A-Za-z0-9_-]{1,12}$/.test(decodeURIComponent(code))
        ? [{ month, tierCode: decodeURIComponent(code) }]
        : [];
    });
}

/** Where a migration-matrix cell (tier at `fromMonth` → tier at `toMonth`; null = not assessed) links to. */
export function matrixCellHref(fromMonth: string, toMonth: string) {
  return (fromCode: string | null, toCode: string | null) =>
    `#/customers?tierAt=${formatTierAt([
      { month: fromMonth, tierCode: fromCode ?? 'missing' },
      { month: toMonth, tierCode: toCode ?? 'missing' },
    ])}`;
}
