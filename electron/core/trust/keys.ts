/**
 * Where the database key lives. The key is 32 random bytes (64 hex digits) made when the database is created
 * or first encrypted. The desktop app wraps it with the OS (Electron `safeStorage`: DPAPI, Keychain, libsecret); browser
 * mode and the CLI keep it in a key file only its owner can read (0600) beside the database.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface KeyStore {
  /** Where it is kept (for messages). */
  readonly where: string;
  /** The key, or null when none was ever made. */
  load(): string | null;
  /** Keeps `key` (written whole: a temporary file renamed). */
  save(key: string): void;
}

export const newKey = (): string => randomBytes(32).toString('hex');

/** The key files a data directory may hold: plain (0600) or wrapped by the OS. */
export const KEY_FILE_NAMES = ['tierdesk.key', 'tierdesk.key.enc'] as const;

/** A key file readable only by its owner. */
export function fileKeyStore(dataDir: string, fileName: string = KEY_FILE_NAMES[0]): KeyStore {
  const file = path.join(dataDir, fileName);
  return {
    where: file,
    load: () => (existsSync(file) ? readFileSync(file, 'utf8').trim() : null),
    save: (key) => {
      writeFileSync(`${file}.part`, key, { mode: 0o600 });
      chmodSync(`${file}.part`, 0o600);
      renameSync(`${file}.part`, file);
    },
  };
}

/** A key kept wrapped by a protector (the OS's, in the desktop app): only the wrapped bytes reach the disk. */
export function wrappedKeyStore(
  dataDir: string,
  protector: { wrap(plain: string): Buffer; unwrap(wrapped: Buffer): string },
): KeyStore {
  const file = path.join(dataDir, KEY_FILE_NAMES[1]);
  return {
    where: file,
    load: () => (existsSync(file) ? protector.unwrap(readFileSync(file)) : null),
    save: (key) => {
      writeFileSync(`${file}.part`, protector.wrap(key), { mode: 0o600 });
      renameSync(`${file}.part`, file);
    },
  };
}
