import type { Migration } from './types';

/** Tables whose every change makes the branch's decoded data stale (tier results, dimensions, analyses). */
const BRANCH_DATA_TABLES = [
  'import_batches',
  'tier_snapshots',
  'month_values',
  'tier_rule_sets',
  'tier_overrides',
  'branch_settings',
  'staff',
];
/** Tables of the service record, which only the warning lists read. */
const SERVICE_RECORD_TABLES = [
  'contacts',
  'retention_actions',
  'complaints',
  'complaint_events',
  'complaint_pauses',
  'survey_responses',
];

function bumpTriggers(table: string, kind: string): string {
  return ['INSERT', 'UPDATE', 'DELETE']
    .map(
      (event) => `CREATE TRIGGER ${table}_${event.toLowerCase()}_bumps_version AFTER ${event} ON ${table}
        BEGIN UPDATE data_versions SET version = lower(hex(randomblob(8))) WHERE kind = '${kind}'; END;`,
    )
    .join('\n');
}

/**
 * A version per kind of data, replaced by triggers in the transaction of every change, so what is decoded from the
 * data is kept exactly as long as it is current — whoever wrote, this process or another (docs/architecture.md,
 * "Derived data"). A version is random, never a count: one seen inside a transaction later rolled back never comes
 * back for other data. The bulk tables (customers, monthly_assets, holdings, survey answers) have no trigger: only an
 * import writes them, and it writes its batch in the same transaction. Never edit once landed.
 */
export const m0017DataVersions: Migration = {
  version: 17,
  name: 'data-versions',
  up(db) {
    db.exec(`
      CREATE TABLE data_versions (
        kind    TEXT PRIMARY KEY,
        version TEXT NOT NULL
      ) STRICT;
      INSERT INTO data_versions (kind, version) VALUES ('branchData', lower(hex(randomblob(8)))),
        ('serviceRecord', lower(hex(randomblob(8))));
      ${BRANCH_DATA_TABLES.map((t) => bumpTriggers(t, 'branchData')).join('\n')}
      ${SERVICE_RECORD_TABLES.map((t) => bumpTriggers(t, 'serviceRecord')).join('\n')}
    `);
  },
};
