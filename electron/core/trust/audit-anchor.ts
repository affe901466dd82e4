/**
 * The audit chain's head kept outside the table. The hash chain shows an entry changed or removed in the middle, but
 * not the newest entries removed: nothing in the table knows where the chain ended. The anchor — the last entry's id
 * and hash, and how many entries there were — is kept beside the database in a small file (`tierdesk.audit-anchor`
 * beside `tierdesk.db`; `<backup>.anchor` beside a backup), authenticated with an HMAC under a key derived from the
 * database key, so editing the table no longer suffices: the anchor would have to be forged too.
 *
 * The anchor only moves forward after commits, and only while the entry it names is still in the table (a rolled-back
 * transaction cannot leave it ahead of the table; entries removed behind the triggers' back keep it where they were,
 * for verification to report).
 */
import type { Database } from 'better-sqlite3';
import { closeSync, existsSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { AuditTail } from '../../../shared/schemas/audit';
import type { Store } from '../platform/connection';
import {
  auditHashOf,
  countAudit,
  countAuditAfter,
  hasAuditAction,
  lastAuditEntry,
  lastAuditIdBefore,
} from './audit-repository';
import { appendAudit } from '../platform/audit-log';

/** Where the chain ended when it was last anchored (`lastId` 0 and `lastHash` '' for an empty log). */
export interface AuditAnchor {
  lastId: number;
  lastHash: string;
  count: number;
}

/** An anchor as found: none, one whose MAC fails (or that is not an anchor at all), or a valid one. */
export type AnchorReading = { state: 'absent' } | { state: 'invalid' } | { state: 'valid'; anchor: AuditAnchor };

/** The entry recording that the log was anchored (first, after a restore, or again after its anchor was lost). */
export const AUDIT_ANCHORED = 'audit.anchored';

const FORMAT = 'tierdesk-audit-anchor-1';
const HKDF_INFO = 'tierdesk audit anchor';
/**
 * The HMAC's input key material for a plaintext database (no key: tests only). Public, so such an anchor proves
 * nothing against someone who reads this source; an encrypted database's anchor is keyed by its secret key.
 */
const PLAINTEXT_DATABASE_SECRET = 'tierdesk: plaintext database, anchor not secret';

const AnchorFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  lastId: z.number().int().min(0),
  lastHash: z.string().regex(/^([0-9a-f]{64})?$/),
  count: z.number().int().min(0),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

/** HKDF-SHA256 of the database key: the anchor's MAC key, never the database key itself. */
function macKey(databaseKey: string | null): Buffer {
  const material =
    databaseKey === null ? Buffer.from(PLAINTEXT_DATABASE_SECRET, 'utf8') : Buffer.from(databaseKey, 'hex');
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), HKDF_INFO, 32));
}

function anchorMac(databaseKey: string | null, anchor: AuditAnchor): Buffer {
  return createHmac('sha256', macKey(databaseKey))
    .update(JSON.stringify([FORMAT, anchor.lastId, anchor.lastHash, anchor.count]))
    .digest();
}

function encodeAnchor(databaseKey: string | null, anchor: AuditAnchor): string {
  const { lastId, lastHash, count } = anchor;
  return `${JSON.stringify({ format: FORMAT, lastId, lastHash, count, mac: anchorMac(databaseKey, anchor).toString('hex') })}\n`;
}

/** JSON text as a value, or undefined when it is not JSON (a damaged or foreign file: an invalid anchor). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function decodeAnchor(databaseKey: string | null, text: string): AnchorReading {
  const parsed = AnchorFileSchema.safeParse(parseJson(text));
  if (!parsed.success) return { state: 'invalid' };
  const { lastId, lastHash, count, mac } = parsed.data;
  const anchor = { lastId, lastHash, count };
  const valid = timingSafeEqual(Buffer.from(mac, 'hex'), anchorMac(databaseKey, anchor));
  return valid ? { state: 'valid', anchor } : { state: 'invalid' };
}

/** Writes `text` whole: a 0600 temporary file, flushed, renamed over `file`, and the rename flushed too. */
function writeFileWhole(file: string, text: string): void {
  const part = `${file}.part`;
  const fd = openSync(part, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(part, file);
  // A first anchor lost to a power cut would be reported as removed; Windows cannot open a folder to flush it.
  if (process.platform !== 'win32') {
    const dir = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

/** An anchor file (a backup's `<backup>.anchor`; the live one is `auditAnchorFile`), checked with the database's key. */
export function readAnchorFile(file: string, databaseKey: string | null): AnchorReading {
  return existsSync(file) ? decodeAnchor(databaseKey, readFileSync(file, 'utf8')) : { state: 'absent' };
}

export function writeAnchorFile(file: string, databaseKey: string | null, anchor: AuditAnchor): void {
  writeFileWhole(file, encodeAnchor(databaseKey, anchor));
}

/** The live database's anchor file: `tierdesk.audit-anchor` beside `tierdesk.db`. */
export function auditAnchorFile(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), `${path.basename(databaseFile, '.db')}.audit-anchor`);
}

/** Anchors of databases in memory (tests): they have no folder, and live as long as their store. */
const memoryAnchors = new WeakMap<Store, string>();
/** The anchor last read or written per store, so a call that added no entry costs one SELECT and no file access. */
const knownAnchors = new WeakMap<Store, AuditAnchor>();

export function readAuditAnchor(store: Store): AnchorReading {
  if (store.file !== ':memory:') return readAnchorFile(auditAnchorFile(store.file), store.key);
  const text = memoryAnchors.get(store);
  return text === undefined ? { state: 'absent' } : decodeAnchor(store.key, text);
}

export function writeAuditAnchor(store: Store, anchor: AuditAnchor): void {
  if (store.file === ':memory:') memoryAnchors.set(store, encodeAnchor(store.key, anchor));
  else writeAnchorFile(auditAnchorFile(store.file), store.key, anchor);
  knownAnchors.set(store, anchor);
}

/** The chain's head as it is in the table now (a full count: for anchoring afresh and for backups, not per call). */
export function currentAuditHead(sqlite: Database): AuditAnchor {
  const last = lastAuditEntry(sqlite);
  return { lastId: last?.id ?? 0, lastHash: last?.hash ?? '', count: countAudit(sqlite) };
}

/** Whether the entry an anchor names is in the table as it was anchored (the empty log's anchor always is). */
function anchoredEntryHolds(sqlite: Database, anchor: AuditAnchor): boolean {
  return anchor.lastId === 0 || auditHashOf(sqlite, anchor.lastId) === anchor.lastHash;
}

/**
 * Moves the anchor forward to the table's head, after commits (never inside a transaction: one that rolls back
 * would leave the anchor ahead of the table). It does not move when the anchored entry is gone or differs, nor when
 * the anchor is missing or invalid (recreating it would hide what verification must report). Returns whether it moved.
 */
export function syncAuditAnchor(store: Store): boolean {
  const { sqlite } = store;
  if (!sqlite.open || sqlite.inTransaction) return false;
  const head = lastAuditEntry(sqlite);
  const known = knownAnchors.get(store);
  if (known && known.lastId === (head?.id ?? 0) && known.lastHash === (head?.hash ?? '')) return false;
  const reading = readAuditAnchor(store);
  if (reading.state !== 'valid' || !anchoredEntryHolds(sqlite, reading.anchor)) return false;
  const { anchor } = reading;
  if (head === null || (head.id === anchor.lastId && head.hash === anchor.lastHash)) {
    knownAnchors.set(store, anchor);
    return false;
  }
  writeAuditAnchor(store, {
    lastId: head.id,
    lastHash: head.hash,
    count: anchor.count + countAuditAfter(sqlite, anchor.lastId),
  });
  return true;
}

/**
 * Anchors the table's head anew and records that it did (`reason`: why). The anchor is written first, then the entry
 * appended and the anchor moved onto it: a crash in between leaves the anchor one entry behind, which verification
 * accepts, never a recorded anchoring without its file.
 */
export function reanchorAuditLog(store: Store, entry: { at: string; actor: string | null; reason: string }): void {
  const head = currentAuditHead(store.sqlite);
  writeAuditAnchor(store, head);
  appendAudit(store.sqlite, {
    at: entry.at,
    actor: entry.actor,
    action: AUDIT_ANCHORED,
    target: null,
    detail: { reason: entry.reason, entries: head.count },
  });
  syncAuditAnchor(store);
}

/**
 * At open: a log never anchored (every branch from before anchors, or a new one) is anchored now, and that is
 * recorded; one anchored before moves forward. A lost, invalid or contradicted anchor is left for verification to
 * report; the tail is returned for the start-up log.
 */
export function openAuditAnchor(store: Store, at: string): AuditTail {
  if (!hasAuditAction(store.sqlite, AUDIT_ANCHORED)) {
    // A valid anchor without its entry is a crash between the first anchor's file and its entry: kept, not replaced.
    if (readAuditAnchor(store).state === 'valid') {
      appendAudit(store.sqlite, {
        at,
        actor: null,
        action: AUDIT_ANCHORED,
        target: null,
        detail: { reason: 'first', entries: countAudit(store.sqlite) },
      });
    } else {
      reanchorAuditLog(store, { at, actor: null, reason: 'first' });
    }
  }
  syncAuditAnchor(store);
  return checkAuditTail(store);
}

/** A database's end compared with a valid anchor: as anchored (newer entries after it are fine), cut short, or changed. */
export function compareAuditTail(sqlite: Database, anchor: AuditAnchor): AuditTail {
  if (anchoredEntryHolds(sqlite, anchor)) return { state: 'ok', anchoredId: anchor.lastId };
  // Ids are never used twice: the anchored entry gone, it and those before it back to the last one kept are missing.
  if (auditHashOf(sqlite, anchor.lastId) === null) {
    const lastId = lastAuditIdBefore(sqlite, anchor.lastId);
    return { state: 'missing', anchoredId: anchor.lastId, lastId, missing: anchor.lastId - lastId };
  }
  return { state: 'changed', anchoredId: anchor.lastId };
}

/**
 * The live log's end checked against its anchor. A missing anchor of a log anchored before (it has an
 * `audit.anchored` entry) is reported, as is one whose MAC fails; a log never anchored says so.
 */
export function checkAuditTail(store: Store): AuditTail {
  const reading = readAuditAnchor(store);
  if (reading.state === 'valid') return compareAuditTail(store.sqlite, reading.anchor);
  if (reading.state === 'invalid') return { state: 'anchorInvalid' };
  return hasAuditAction(store.sqlite, AUDIT_ANCHORED) ? { state: 'anchorMissing' } : { state: 'unanchored' };
}
