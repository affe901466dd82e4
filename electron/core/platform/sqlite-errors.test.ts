import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { databaseError } from './sqlite-errors';

const sqliteFailure = (code: string) => Object.assign(new Error(`raw ${code} message`), { code });

describe('SQLite failures in the app’s words', () => {
  it.each([
    ['SQLITE_FULL', 'DISK_FULL', '磁盘空间不足'],
    ['SQLITE_READONLY', 'READ_ONLY', '数据目录只读'],
    ['SQLITE_READONLY_DBMOVED', 'READ_ONLY', '数据目录只读'],
    ['SQLITE_IOERR_WRITE', 'IO_ERROR', '磁盘或文件系统出错'],
    ['SQLITE_IOERR', 'IO_ERROR', '磁盘或文件系统出错'],
    ['SQLITE_CORRUPT', 'DB_CORRUPT', '数据库文件已损坏'],
    ['SQLITE_NOTADB', 'DB_CORRUPT', '数据库文件已损坏'],
  ])('%s → %s', (sqlite, code, words) => {
    const error = databaseError(sqliteFailure(sqlite));
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(words);
    expect(error?.messageEn).not.toContain('raw');
  });

  it('leaves other failures alone', () => {
    expect(databaseError(sqliteFailure('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(databaseError(sqliteFailure('SQLITE_FULLNESS'))).toBeNull();
    expect(databaseError(new Error('SQLITE_FULL in a message only'))).toBeNull();
  });
});

describe('a full disk or a read-only database, met by a call', () => {
  let ctx: ReturnType<typeof createTestContext>;
  beforeEach(() => {
    ctx = createTestContext();
    seedBranch(ctx.store, [{ customer_no: '0001', name: '王芳', manager_code: 'M01', assets: { '2024-03': 100 } }]);
  });
  afterEach(() => ctx.store.close());

  const register = () =>
    dispatch(ctx, testSession(), 'complaints.register', {
      receivedAt: '2024-04-01',
      channel: 'counter',
      category: 'service',
      customerNo: '0001',
      involvedStaffCode: null,
      description: '排队过久'.repeat(400),
      demand: null,
      severity: 'low',
      regulatorReferred: false,
    });
  const complaints = () => ctx.store.sqlite.prepare('SELECT count(*) FROM complaints').pluck().get();

  it('answers DISK_FULL in Chinese and English, nothing changed', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // No free pages left, and no room to grow.
    ctx.store.sqlite.exec('VACUUM');
    ctx.store.sqlite.pragma(`max_page_count = ${ctx.store.sqlite.pragma('page_count', { simple: true }) as number}`);
    const result = await register();
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'DISK_FULL',
        message: expect.stringContaining('磁盘空间不足'),
        messageEn: expect.stringContaining('The disk is full'),
      },
    });
    expect(complaints()).toBe(0);
    expect(JSON.stringify(result)).not.toContain('database or disk is full');
    log.mockRestore();
  });

  it('answers READ_ONLY, nothing changed, and a job says the same', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ctx.store.sqlite.pragma('query_only = 1');
    expect(await register()).toMatchObject({
      ok: false,
      error: { code: 'READ_ONLY', message: expect.stringContaining('数据目录只读') },
    });
    const started = await dispatch(ctx, testSession(), 'jobs.start', { request: { kind: 'tiers.recompute' } });
    await ctx.jobs.idle();
    const status = await dispatch(
      ctx,
      testSession(),
      'jobs.status',
      started.ok ? (started.value as { jobId: string }) : { jobId: 'none' },
    );
    expect(status).toMatchObject({ ok: true, value: { state: 'failed', error: { code: 'READ_ONLY' } } });
    ctx.store.sqlite.pragma('query_only = 0');
    expect(complaints()).toBe(0);
    log.mockRestore();
  });
});
