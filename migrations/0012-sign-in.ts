import type { Migration } from './types';

/** Staff sign-in: a hashed PIN or password per staff member, and the lockout after failures. Never edit once landed. */
export const m0012SignIn: Migration = {
  version: 12,
  name: 'sign-in',
  up(db) {
    db.exec(`
      CREATE TABLE staff_credentials (
        code        TEXT PRIMARY KEY REFERENCES staff (code) ON UPDATE CASCADE ON DELETE CASCADE,
        -- scrypt$N$r$p$salt$key (base64url).
        secret_hash TEXT NOT NULL,
        -- Consecutive failed sign-ins, and the lock they set.
        failures    INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        changed_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
