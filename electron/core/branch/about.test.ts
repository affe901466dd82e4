import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../migrations';
import packageJson from '../../../package.json';
import { createTestContext, seedBranch, TEST_NOW } from '../../../tests/helpers/branch';
import { openStore } from '../platform/connection';
import { createContext, type CoreContext } from '../platform/context';
import { createBackup } from '../trust/backups';
import { fileKeyStore, newKey } from '../trust/keys';
import { getAbout } from './about';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('about', () => {
  it("says the app's version, the schema and the data a database holds", async () => {
    const ctx = createTestContext();
    seedBranch(ctx.store, [
      { customer_no: 'C1', assets: { '2024-02': 100, '2024-03': 200 } },
      { customer_no: 'C2', assets: { '2024-03': 300 } },
    ]);
    const about = await getAbout(ctx);
    expect(about).toMatchObject({
      version: packageJson.version,
      databaseBytes: null,
      encrypted: false,
      keyWhere: null,
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      customerCount: 2,
      months: ['2024-03', '2024-02'],
    });
    expect(about.versions.node).toBe(process.versions.node);
    expect(about.versions.electron).toBeNull();
    expect(about.versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
  });

  it('says where the encrypted file and its key are, its size and the newest backup', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-about-'));
    const keys = fileKeyStore(dir);
    const ctx: CoreContext = createContext(openStore(path.join(dir, 'tierdesk.db'), newKey()));
    ctx.keyWhere = keys.where;
    expect((await getAbout(ctx)).lastBackup).toBeNull();
    ctx.now = () => '2024-04-09T09:00:00.000Z';
    await createBackup(ctx, 'daily');
    ctx.now = () => TEST_NOW;
    await createBackup(ctx, 'manual');
    const about = await getAbout(ctx);
    await ctx.store.close();
    expect(about).toMatchObject({
      dataDir: dir,
      databaseFile: 'tierdesk.db',
      encrypted: true,
      keyWhere: path.join(dir, 'tierdesk.key'),
      lastBackup: { at: TEST_NOW, reason: 'manual' },
    });
    expect(about.databaseBytes).toBeGreaterThan(0);
  });
});
