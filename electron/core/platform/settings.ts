/**
 * The branch's settings (one key/value table): the branch name, JSON settings each with its schema and defaults, and
 * the mark of tier results lagging the data. Every domain reads them; each setting's meaning lives with its domain.
 */
import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import {
  DEFAULT_DIMENSION_SETTINGS,
  DimensionSettingsSchema,
  type DimensionSettings,
} from '../../../shared/schemas/segments';
import {
  DEFAULT_WARNING_SETTINGS,
  WarningSettingsSchema,
  type WarningSettings,
} from '../../../shared/schemas/retention';
import type { DB } from './schema';
import { appendAudit } from './audit-log';
import { AccessSettingsSchema, DEFAULT_ACCESS_SETTINGS, type AccessSettings } from '../../../shared/schemas/auth';
import {
  ContactStandardsSchema,
  DEFAULT_CONTACT_STANDARDS,
  type ContactStandards,
} from '../../../shared/schemas/workbench';
import {
  DEFAULT_SUITABILITY_SETTINGS,
  SuitabilitySettingsSchema,
  type SuitabilitySettings,
} from '../../../shared/schemas/suitability';

export type BranchSettingKey =
  | 'branch_name'
  | 'branch_code'
  | 'head_office'
  | 'demo_seed'
  | 'dimension_settings'
  | 'warning_settings'
  | 'access_settings'
  | 'contact_standards'
  | 'suitability_settings'
  | 'tiers_stale_from';

export async function getBranchSetting(db: Kysely<DB>, key: BranchSettingKey): Promise<string | null> {
  const row = await db.selectFrom('branch_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** A setting's stored text, or null when never set (synchronous: services read settings inside transactions). */
export function readSetting(sqlite: Database, key: BranchSettingKey): string | null {
  return (
    (sqlite.prepare('SELECT value FROM branch_settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null
  );
}

/** Writes a setting's text, replacing what was stored. */
export function writeSetting(sqlite: Database, key: BranchSettingKey, value: string): void {
  sqlite
    .prepare(
      'INSERT INTO branch_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value);
}

export async function setBranchSetting(db: Kysely<DB>, key: BranchSettingKey, value: string): Promise<void> {
  await db
    .insertInto('branch_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Settings stored as JSON, each with its schema and defaults. */
const JSON_SETTINGS = {
  dimension_settings: {
    schema: DimensionSettingsSchema,
    defaults: DEFAULT_DIMENSION_SETTINGS,
    label: 'dimension settings',
  },
  warning_settings: { schema: WarningSettingsSchema, defaults: DEFAULT_WARNING_SETTINGS, label: 'warning settings' },
  access_settings: { schema: AccessSettingsSchema, defaults: DEFAULT_ACCESS_SETTINGS, label: 'access settings' },
  contact_standards: {
    schema: ContactStandardsSchema,
    defaults: DEFAULT_CONTACT_STANDARDS,
    label: 'contact standards',
  },
  suitability_settings: {
    schema: SuitabilitySettingsSchema,
    defaults: DEFAULT_SUITABILITY_SETTINGS,
    label: 'suitability settings',
  },
} as const;
type JsonSettingKey = keyof typeof JSON_SETTINGS;
type JsonSetting<K extends JsonSettingKey> = (typeof JSON_SETTINGS)[K]['defaults'];

/**
 * A JSON setting (synchronous: recompute reads them inside its work). Defaults when never saved; a stored value
 * this version cannot read falls back to the defaults, logged, rather than failing.
 */
function readJsonSetting<K extends JsonSettingKey>(sqlite: Database, key: K): JsonSetting<K> {
  const { schema, defaults, label } = JSON_SETTINGS[key];
  const text = readSetting(sqlite, key);
  if (text === null) return defaults;
  try {
    return schema.parse(JSON.parse(text)) as JsonSetting<K>;
  } catch {
    console.error(`[tierdesk] stored ${label} cannot be read; using the defaults`);
    return defaults;
  }
}

function writeJsonSetting<K extends JsonSettingKey>(sqlite: Database, key: K, value: JsonSetting<K>): void {
  writeSetting(sqlite, key, JSON.stringify(value));
}

/** Replaces a setting, recording what it was and what it becomes in the audit log, in one transaction. */
export function replaceJsonSetting<K extends JsonSettingKey>(
  sqlite: Database,
  key: K,
  settings: JsonSetting<K>,
  audit: { at: string; actor: string | null; action: string },
): void {
  sqlite.transaction(() => {
    const previous = readJsonSetting(sqlite, key);
    writeJsonSetting(sqlite, key, settings);
    appendAudit(sqlite, { ...audit, target: null, detail: { previous, settings } });
  })();
}

/** The branch's dimension thresholds. */
export const readDimensionSettings = (sqlite: Database): DimensionSettings =>
  readJsonSetting(sqlite, 'dimension_settings');
export const writeDimensionSettings = (sqlite: Database, settings: DimensionSettings) =>
  writeJsonSetting(sqlite, 'dimension_settings', settings);
/** The early-warning model's parameters. */
export const readWarningSettings = (sqlite: Database): WarningSettings => readJsonSetting(sqlite, 'warning_settings');
export const writeWarningSettings = (sqlite: Database, settings: WarningSettings) =>
  writeJsonSetting(sqlite, 'warning_settings', settings);
/** Idle lock, the managers' branch view and what tellers see. */
export const readAccessSettings = (sqlite: Database): AccessSettings => readJsonSetting(sqlite, 'access_settings');
export const writeAccessSettings = (sqlite: Database, settings: AccessSettings) =>
  writeJsonSetting(sqlite, 'access_settings', settings);

export const readContactStandards = (sqlite: Database): ContactStandards =>
  readJsonSetting(sqlite, 'contact_standards');
export const writeContactStandards = (sqlite: Database, standards: ContactStandards) =>
  writeJsonSetting(sqlite, 'contact_standards', standards);

/** The highest product risk level per customer level (docs/domain.md, "Suitability"). */
export const readSuitabilitySettings = (sqlite: Database): SuitabilitySettings =>
  readJsonSetting(sqlite, 'suitability_settings');
export const writeSuitabilitySettings = (sqlite: Database, settings: SuitabilitySettings) =>
  writeJsonSetting(sqlite, 'suitability_settings', settings);

/** Before every month: a stale mark or a deletion from here covers them all. */
export const EVERY_MONTH = '0000-01';

/** The month from which tier results lag the data (EVERY_MONTH: all), written with a data change, cleared by the recompute. */
export function tiersStaleFrom(sqlite: Database): string | null {
  return readSetting(sqlite, 'tiers_stale_from');
}

/** Marks tier results stale from `month` on (keeping an earlier mark): call in the data change's transaction. */
export function markTiersStale(sqlite: Database, month: string): void {
  const current = tiersStaleFrom(sqlite);
  if (current !== null && current <= month) return;
  writeSetting(sqlite, 'tiers_stale_from', month);
}

export function deleteSetting(sqlite: Database, key: BranchSettingKey): void {
  sqlite.prepare('DELETE FROM branch_settings WHERE key = ?').run(key);
}

export function clearTiersStale(sqlite: Database): void {
  deleteSetting(sqlite, 'tiers_stale_from');
}
