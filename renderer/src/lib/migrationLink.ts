import {
  MigrationGroupFilterSchema,
  type MigrationGroupName,
  type MigrationQuery,
} from '../../../shared/schemas/migration';

export type MigrationGroupFilter = MigrationQuery & { group: MigrationGroupName };

/** `?migration=2024-01,2024-05,T4,,lost` (or `2024-01,2024-05,,500000000,viaWealth`) in links to the customer list. */
export function formatMigrationLink(query: MigrationQuery, group: MigrationGroupName): string {
  return [query.fromMonth, query.toMonth, query.tierCode ?? '', query.thresholdFen ?? '', group]
    .map((part) => encodeURIComponent(part))
    .join(',');
}

/** The link's group; anything malformed is ignored rather than shown as an error. */
export function parseMigrationLink(text: string | null): MigrationGroupFilter | null {
  if (!text) return null;
  const [fromMonth, toMonth, tierCode, threshold, group] = text.split(',').map((part) => decodeURIComponent(part));
  const parsed = MigrationGroupFilterSchema.safeParse({
    fromMonth,
    toMonth,
    group,
    ...(tierCode ? { tierCode } : {}),
    ...(threshold ? { thresholdFen: Number(threshold) } : {}),
  });
  return parsed.success ? parsed.data : null;
}
