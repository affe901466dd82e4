import type { Migration } from './types';

/** Product holdings with maturity dates (产品持有/到期), and what undoing their import restores. Never edit once landed. */
export const m0006Holdings: Migration = {
  version: 6,
  name: 'holdings',
  up(db) {
    db.exec(`
      -- A customer's current products; an import replaces the holdings of the customers it lists.
      CREATE TABLE holdings (
        customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        -- The product code, or the name when the file has no code.
        product_key   TEXT NOT NULL,
        product_code  TEXT,
        product_name  TEXT NOT NULL,
        product_type  TEXT,
        amount        INTEGER,
        start_date    TEXT,
        maturity_date TEXT,
        PRIMARY KEY (customer_id, product_key)
      ) STRICT, WITHOUT ROWID;
      -- Maturities in the next 30/60 days (warnings, care calendar).
      CREATE INDEX holdings_maturity ON holdings (maturity_date, customer_id) WHERE maturity_date IS NOT NULL;

      -- Per customer an import touched: its holdings before (JSON array, possibly empty).
      CREATE TABLE import_undo_holdings (
        batch_id    INTEGER NOT NULL REFERENCES import_batches (id),
        customer_id INTEGER NOT NULL,
        before      TEXT NOT NULL,
        PRIMARY KEY (batch_id, customer_id)
      ) STRICT;
    `);
  },
};
