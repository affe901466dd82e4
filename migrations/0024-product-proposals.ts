import type { Migration } from './types';

/**
 * Product proposals in the contact log (docs/domain.md, "Suitability"): the product proposed, whether it was the
 * customer's own request and why, and the 双录 reference number. Contacts stay append-only. Never edit once landed.
 */
export const m0024ProductProposals: Migration = {
  version: 24,
  name: 'product-proposals',
  up(db) {
    db.exec(`
      -- The catalogue code proposed (kept as written: a catalogue import may later replace the product).
      ALTER TABLE contacts ADD COLUMN product_code TEXT;
      ALTER TABLE contacts ADD COLUMN own_request INTEGER NOT NULL DEFAULT 0 CHECK (own_request IN (0, 1));
      ALTER TABLE contacts ADD COLUMN own_request_reason TEXT;
      ALTER TABLE contacts ADD COLUMN dual_recording_ref TEXT;
    `);
  },
};
