import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, lastFullMonth, openCore } from './app-core';
import { openStore } from './db/connection';
import { fileKeyStore } from './db/keys';
import { markTiersStale, tiersStaleFrom } from './db/repositories/branch';

const dataDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-core-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('opening the branch database', { timeout: 60_000 }, () => {
  it('finishes a recompute a data change left undone (closed or crashed in between)', async () => {
    const first = await openCore({ dataDir, demoCustomers: 300, log: () => undefined });
    await first.close();
    const month = lastFullMonth();
    // What a crash right after an import's commit leaves: the mark, and no results for the month imported.
    const store = openStore(path.join(dataDir, DATABASE_FILE_NAME), fileKeyStore(dataDir).load());
    store.sqlite.prepare('DELETE FROM tier_snapshots WHERE month = ?').run(month);
    markTiersStale(store.sqlite, month);
    await store.close();

    const lines: string[] = [];
    const core = await openCore({ dataDir, log: (line) => lines.push(line) });
    expect(lines.join('\n')).toContain(`分层结果落后于数据（自 ${month} 起）`);
    expect(core.ctx.store.sqlite.prepare('SELECT count(*) FROM tier_snapshots WHERE month = ?').pluck().get(month)).toBe(1);
    expect(tiersStaleFrom(core.ctx.store.sqlite)).toBeNull();
    await core.close();
  });
});
