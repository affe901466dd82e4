import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedBranch } from '../../../tests/helpers/branch';
import { auditAnchorFile, openAuditAnchor, readAnchorFile, readAuditAnchor, syncAuditAnchor } from './audit-anchor';
import { newKey } from './keys';
import { openStore, type Store } from '../platform/connection';
import { lastAuditEntry } from './audit-repository';
import { appendAudit } from '../platform/audit-log';

let dir: string;
let store: Store;
const key = newKey();
const anchorFile = () => auditAnchorFile(store.file);
const signIn = (at: string) =>
  appendAudit(store.sqlite, { at, actor: 'M01', action: 'auth.signIn', target: null, detail: {} });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-anchor-'));
  store = openStore(path.join(dir, 'tierdesk.db'), key);
  seedBranch(store, []);
  signIn('2024-04-10T09:00:00.000Z');
  openAuditAnchor(store, '2024-04-10T09:01:00.000Z');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit anchor file', () => {
  it('sits beside the database, readable by its owner only, naming the head under a MAC keyed from the database key', () => {
    expect(anchorFile()).toBe(path.join(dir, 'tierdesk.audit-anchor'));
    if (process.platform !== 'win32') expect(statSync(anchorFile()).mode & 0o777).toBe(0o600);
    const text = readFileSync(anchorFile(), 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'tierdesk-audit-anchor-1',
      lastId: 2,
      lastHash: lastAuditEntry(store.sqlite)?.hash,
      count: 2,
    });
    expect(text).not.toContain(key);
    expect(readAnchorFile(anchorFile(), key).state).toBe('valid');
    expect(readAnchorFile(anchorFile(), newKey()).state).toBe('invalid');
    expect(readAnchorFile(anchorFile(), null).state).toBe('invalid');
  });

  it('moves with the head after commits, counting the entries, and is not rewritten when nothing was added', () => {
    const { ino } = statSync(anchorFile());
    expect(syncAuditAnchor(store)).toBe(false);
    expect(statSync(anchorFile()).ino).toBe(ino);
    signIn('2024-04-10T10:00:00.000Z');
    signIn('2024-04-10T11:00:00.000Z');
    expect(syncAuditAnchor(store)).toBe(true);
    expect(readAuditAnchor(store)).toEqual({
      state: 'valid',
      anchor: { lastId: 4, lastHash: lastAuditEntry(store.sqlite)?.hash, count: 4 },
    });
    expect(existsSync(`${anchorFile()}.part`)).toBe(false);
  });

  it('is never recreated once lost, nor moved once it fails its MAC', () => {
    rmSync(anchorFile());
    signIn('2024-04-10T10:00:00.000Z');
    expect(syncAuditAnchor(store)).toBe(false);
    expect(openAuditAnchor(store, '2024-04-10T10:01:00.000Z')).toEqual({ state: 'anchorMissing' });
    expect(existsSync(anchorFile())).toBe(false);

    writeFileSync(anchorFile(), '{"format":"tierdesk-audit-anchor-1","lastId":1}');
    signIn('2024-04-10T11:00:00.000Z');
    expect(syncAuditAnchor(store)).toBe(false);
    expect(openAuditAnchor(store, '2024-04-10T11:01:00.000Z')).toEqual({ state: 'anchorInvalid' });
    expect(readFileSync(anchorFile(), 'utf8')).toBe('{"format":"tierdesk-audit-anchor-1","lastId":1}');
  });
});
