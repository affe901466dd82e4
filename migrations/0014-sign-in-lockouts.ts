import type { Migration } from './types';

/**
 * Lockouts that escalate instead of resetting: the number of locks since the last successful sign-in, so each lock
 * lasts longer than the one before. Never edit once landed.
 */
export const m0014SignInLockouts: Migration = {
  version: 14,
  name: 'sign-in-lockouts',
  up(db) {
    db.exec(`
      ALTER TABLE staff_credentials ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;
      -- A lock is cleared only by a successful sign-in or a new secret, so an account with one recorded has been
      -- locked since: it counts as its first lockout, and its next wrong secret locks again at once.
      UPDATE staff_credentials SET lockouts = 1 WHERE locked_until IS NOT NULL;
    `);
  },
};
