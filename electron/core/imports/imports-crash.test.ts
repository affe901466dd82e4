import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText } from '../../../tests/fixtures/spreadsheets';
import { seedBranch } from '../../../tests/helpers/branch';
import { runAndKill } from '../../../tests/helpers/kill-child';
import { openStore } from '../platform/connection';

const CUSTOMERS = 3_000;
const IMPORTED = 30_000;
const RUNS = 50;
const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-crash-'));
const seeded = path.join(dir, 'seeded.db');
const file = path.join(dir, '3月月报.csv');

beforeAll(async () => {
  const store = openStore(seeded);
  seedBranch(
    store,
    Array.from({ length: CUSTOMERS }, (_, i) => ({ customer_no: `C${i}`, assets: { '2024-02': (i + 1) * 10_000 } })),
  );
  await store.close();
  const rows = Array.from({ length: IMPORTED }, (_, i) => [`N${i}`, `新客户${i}`, '2024-03', `${i}.25`]);
  writeFileSync(file, csvText([['客户号', '客户名称', '月份', '月日均（元）'], ...rows]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 during an import commit', () => {
  it(`leaves the database intact and the batch whole or absent (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    const outcomes = { killed: 0, finished: 0 };
    for (let run = 0; run < RUNS; run++) {
      const dbFile = path.join(dir, `run-${run}.db`);
      copyFileSync(seeded, dbFile);
      // Spread the kills over the write: early, middle, late and after it.
      outcomes[await runAndKill('tests/helpers/import-child.ts', [dbFile, file], 'COMMITTING', (run * 37) % 700)] += 1;
      const store = openStore(dbFile);
      const { sqlite } = store;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const batches = sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get() as number;
      const march = sqlite
        .prepare("SELECT count(*) FROM monthly_assets WHERE month = '2024-03'")
        .pluck()
        .get() as number;
      const customers = sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
      if (batches === 1) expect([march, customers]).toEqual([IMPORTED, CUSTOMERS + IMPORTED]);
      else expect([batches, march, customers]).toEqual([0, 0, CUSTOMERS]);
      expect(sqlite.prepare("SELECT count(*) FROM monthly_assets WHERE month = '2024-02'").pluck().get()).toBe(
        CUSTOMERS,
      );
      await store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    }
    // Both outcomes happened, so the kills did land inside the write.
    expect(outcomes.killed).toBeGreaterThan(0);
    expect(outcomes.finished + outcomes.killed).toBe(RUNS);
  });
});
