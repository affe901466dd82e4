import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './connection';
import { createContext } from './context';
import { derivedKind } from './derived-data';
import { seedBranch } from '../../../tests/helpers/branch';

/**
 * Tables with no version trigger, and why nothing decoded goes stale when they alone change. A new table must be
 * added here or given triggers in its migration (docs/architecture.md, "Derived data").
 */
const UNVERSIONED: Record<string, string> = {
  customers: 'bulk; written by imports with their batch, and by a recorded risk assessment with its record',
  monthly_assets: 'bulk; written only by imports, with their batch',
  holdings: 'bulk; written only by imports, with their batch',
  customer_name_parts: 'search index of the names; written with the customers, nothing decoded reads it',
  import_undo_customers: 'undo data, written with the batch',
  import_undo_assets: 'undo data, written with the batch',
  import_undo_holdings: 'undo data, written with the batch',
  import_undo_products: 'undo data, written with the batch',
  import_undo_staff: 'undo data, written with the batch',
  handover_actions: 'undo data, written with the handover',
  staff_backups: 'who covers whose book; read live by each call’s access, nothing decoded reads it',
  staff_absences: 'when a book is covered; read live by each call’s access, nothing decoded reads it',
  import_layouts: 'remembered column mappings; nothing decoded reads them',
  survey_answers: 'written with their response or their batch',
  survey_tallies: 'written with their response or their batch',
  survey_templates: 'questions; nothing decoded reads them',
  saved_segments: 'definitions; nothing decoded reads them',
  plan_items: 'read live by the workbench',
  campaigns: 'campaign lists; read live, nothing decoded reads them',
  campaign_members: 'campaign lists; read live, nothing decoded reads them',
  events: 'read live by the workbench',
  benefit_uses: 'read live by the card and the benefits analysis; nothing decoded reads it',
  event_invitees: 'read live by the workbench',
  audit_log: 'append-only record; nothing decoded reads it',
  staff_credentials: 'sign-in; nothing decoded reads it',
  data_versions: 'the versions themselves',
  loyalty_rule_sets: 'read live by the points plan (accrual, card, analysis); nothing decoded reads them',
  loyalty_gifts: 'read live by the points plan; nothing decoded reads them',
  loyalty_expiry_runs: 'when the points plan last expired points; nothing decoded reads it',
  loyalty_ledger: 'bulk (a line per customer per month accrued); read live by the points plan, nothing decoded',
};

const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

function open(file = ':memory:'): Store {
  const store = openStore(file);
  opened.push(store);
  return store;
}

/** A kind counting how often its value is made. */
function counting(options: { readsServiceRecord?: boolean } = {}) {
  const kind = derivedKind<number>('test', 2, options);
  let made = 0;
  return { kind, made: () => made, make: () => ++made };
}

describe('derived data follows the data versions', () => {
  it('every table either replaces a version on each change or is listed with the reason it need not', () => {
    const { sqlite } = open();
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const versioned = new Set(
      sqlite
        .prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_bumps_version'")
        .pluck()
        .all() as string[],
    );
    for (const table of tables) {
      if (versioned.has(table)) {
        expect(UNVERSIONED[table], `${table} is versioned and listed as unversioned`).toBeUndefined();
        const events = sqlite
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%_bumps_version'",
          )
          .pluck()
          .all(table);
        expect(events, table).toHaveLength(3); // insert, update, delete
      } else expect(UNVERSIONED[table], `${table}: give it version triggers or say why not`).toBeDefined();
    }
    for (const table of Object.keys(UNVERSIONED)) expect(tables, table).toContain(table);
  });

  it('a value is kept until a change commits, of the branch data for every kind and of the service record for its readers', () => {
    const ctx = createContext(open());
    seedBranch(ctx.store, [{ customer_no: 'A' }]);
    const tiers = counting();
    const warnings = counting({ readsServiceRecord: true });
    const read = () => [ctx.cache.get(tiers.kind, 'm', tiers.make), ctx.cache.get(warnings.kind, 'm', warnings.make)];
    expect(read()).toEqual([1, 1]);
    expect(read()).toEqual([1, 1]);
    ctx.store.sqlite
      .prepare(
        "INSERT INTO contacts (customer_id, contact_date, channel, purpose, created_at) VALUES (1, '2024-04-01', 'phone', 'care', '')",
      )
      .run();
    expect(read()).toEqual([1, 2]);
    ctx.store.sqlite.prepare("INSERT INTO branch_settings (key, value) VALUES ('branch_name', '太湖支行')").run();
    expect(read()).toEqual([2, 3]);
    ctx.store.sqlite.prepare("UPDATE branch_settings SET value = '梁溪支行'").run();
    expect(read()).toEqual([3, 4]);
    ctx.store.sqlite.prepare('DELETE FROM branch_settings').run();
    expect(read()).toEqual([4, 5]);
  });

  it('what was made inside a transaction rolled back is never taken for the data committed after it', () => {
    const ctx = createContext(open());
    const { kind, make } = counting();
    const { sqlite } = ctx.store;
    expect(ctx.cache.get(kind, 'm', make)).toBe(1);
    const rename = sqlite.prepare("INSERT OR REPLACE INTO branch_settings (key, value) VALUES ('branch_name', ?)");
    sqlite.exec('BEGIN');
    rename.run('甲');
    expect(ctx.cache.get(kind, 'm', make)).toBe(2); // made from uncommitted data
    expect(ctx.cache.get(kind, 'm', make)).toBe(2);
    sqlite.exec('ROLLBACK');
    rename.run('乙'); // one change after the rollback, as there was one inside it (a count would now read the same)
    expect(ctx.cache.get(kind, 'm', make)).toBe(3);
  });

  it('a value made in steps is kept only when no change committed while it was made', async () => {
    const ctx = createContext(open());
    const { kind, make } = counting();
    const rename = ctx.store.sqlite.prepare(
      "INSERT OR REPLACE INTO branch_settings (key, value) VALUES ('branch_name', ?)",
    );
    const inSteps = (between: () => void) =>
      ctx.cache.getInSteps(kind, 'm', async () => {
        const value = make();
        await Promise.resolve();
        between();
        return value;
      });
    expect(await inSteps(() => rename.run('甲'))).toBe(1);
    expect(ctx.cache.peek(kind, 'm')).toBeUndefined(); // made from data changed meanwhile
    expect(await inSteps(() => undefined)).toBe(2);
    expect(ctx.cache.peek(kind, 'm')).toBe(2);
    expect(await inSteps(() => undefined)).toBe(2); // kept: not made again
  });

  it('a change committed by another connection (the command line beside the app) is seen', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tierdesk-derived-')), 'branch.db');
    const ctx = createContext(open(file));
    const other = open(file);
    const { kind, make } = counting();
    expect(ctx.cache.get(kind, 'm', make)).toBe(1);
    other.sqlite.prepare("INSERT INTO branch_settings (key, value) VALUES ('branch_name', '太湖支行')").run();
    expect(ctx.cache.get(kind, 'm', make)).toBe(2);
  });

  it('a database replaced under the context (a restore) is read afresh, and at most `keep` values are kept', () => {
    const ctx = createContext(open());
    const { kind, made, make } = counting();
    ctx.cache.get(kind, 'a', make);
    ctx.store = open();
    expect(ctx.cache.get(kind, 'a', make)).toBe(2);
    ctx.cache.get(kind, 'b', make);
    ctx.cache.get(kind, 'a', make); // used last: 'b' is now the oldest
    ctx.cache.get(kind, 'c', make);
    expect(ctx.cache.peek(kind, 'a')).toBe(2);
    expect(ctx.cache.peek(kind, 'b')).toBeUndefined();
    expect(made()).toBe(4);
  });
});
