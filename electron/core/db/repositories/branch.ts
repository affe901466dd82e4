import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { DEFAULT_DIMENSION_SETTINGS, DimensionSettingsSchema, type DimensionSettings } from '../../../../shared/schemas/segments';
import type { DB } from '../schema';

export type BranchSettingKey = 'branch_name' | 'demo_seed' | 'dimension_settings' | 'tiers_stale_from';

export async function getBranchSetting(db: Kysely<DB>, key: BranchSettingKey): Promise<string | null> {
  const row = await db.selectFrom('branch_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setBranchSetting(db: Kysely<DB>, key: BranchSettingKey, value: string): Promise<void> {
  await db
    .insertInto('branch_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * The branch's dimension thresholds (synchronous: recompute reads them inside its work). Defaults when never
 * saved; a stored value this version cannot read falls back to the defaults, logged, rather than failing.
 */
export function readDimensionSettings(sqlite: Database): DimensionSettings {
  const text = sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'dimension_settings'").pluck().get() as string | undefined;
  if (text === undefined) return DEFAULT_DIMENSION_SETTINGS;
  try {
    return DimensionSettingsSchema.parse(JSON.parse(text));
  } catch {
    console.error('[tierdesk] stored dimension settings cannot be read; using the defaults');
    return DEFAULT_DIMENSION_SETTINGS;
  }
}

export function writeDimensionSettings(sqlite: Database, settings: DimensionSettings): void {
  sqlite
    .prepare("INSERT INTO branch_settings (key, value) VALUES ('dimension_settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    .run(JSON.stringify(settings));
}

/** Before every month: a stale mark or a deletion from here covers them all. */
export const EVERY_MONTH = '0000-01';

/** The month from which tier results lag the data (EVERY_MONTH: all), written with a data change, cleared by the recompute. */
export function tiersStaleFrom(sqlite: Database): string | null {
  return (sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'tiers_stale_from'").pluck().get() as string | undefined) ?? null;
}

/** Marks tier results stale from `month` on (keeping an earlier mark): call in the data change's transaction. */
export function markTiersStale(sqlite: Database, month: string): void {
  const current = tiersStaleFrom(sqlite);
  if (current !== null && current <= month) return;
  sqlite.prepare("INSERT INTO branch_settings (key, value) VALUES ('tiers_stale_from', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(month);
}

export function clearTiersStale(sqlite: Database): void {
  sqlite.prepare("DELETE FROM branch_settings WHERE key = 'tiers_stale_from'").run();
}

export async function listStaff(db: Kysely<DB>) {
  return db.selectFrom('staff').selectAll().orderBy('code').execute();
}
