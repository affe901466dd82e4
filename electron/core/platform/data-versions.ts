import type { Database, Statement } from 'better-sqlite3';

/** What a change touched: the branch's data (customers, assets, tiers, rules, settings, staff), or only the service
 * record (contacts, actions, complaints, surveys) that the warning lists read. */
export type DataKind = 'branchData' | 'serviceRecord';

export type DataVersions = Record<DataKind, string>;

const statements = new WeakMap<Database, Statement<[], [string, string]>>();

/** The versions the database's triggers replace in the transaction of every change (docs/architecture.md, "Derived data"). */
export function readDataVersions(sqlite: Database): DataVersions {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare<[], [string, string]>('SELECT kind, version FROM data_versions').raw();
    statements.set(sqlite, statement);
  }
  const versions: DataVersions = { branchData: '', serviceRecord: '' };
  for (const [kind, version] of statement.all()) versions[kind as DataKind] = version;
  return versions;
}
