import type { Migration } from './types';

/** Branch settings, staff, customers, monthly assets and the audit log. Never edit once landed. */
export const m0001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE branch_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- 工号 is the bank's staff number; customers point at it.
      CREATE TABLE staff (
        code       TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('manager', 'branch_manager', 'teller', 'admin')),
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE customers (
        id                 INTEGER PRIMARY KEY,
        customer_no        TEXT NOT NULL UNIQUE,
        name               TEXT NOT NULL,
        gender             TEXT CHECK (gender IN ('M', 'F')),
        id_number          TEXT,
        birth_date         TEXT,
        mobile             TEXT,
        -- For "search by the last 4 digits of the mobile" without a scan.
        mobile_last4       TEXT GENERATED ALWAYS AS (substr(mobile, -4)) VIRTUAL,
        occupation         TEXT,
        annual_income      INTEGER,
        risk_level         TEXT CHECK (risk_level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
        risk_assessed_date TEXT,
        opened_date        TEXT,
        closed_date        TEXT,
        manager_code       TEXT REFERENCES staff (code) ON UPDATE CASCADE ON DELETE SET NULL,
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX customers_name ON customers (name, id);
      CREATE INDEX customers_manager ON customers (manager_code, id);
      -- A manager's book under each list sort, without sorting the whole book.
      CREATE INDEX customers_manager_name ON customers (manager_code, name, id);
      CREATE INDEX customers_manager_opened ON customers (manager_code, opened_date, id);
      CREATE INDEX customers_manager_no ON customers (manager_code, customer_no);
      CREATE INDEX customers_opened ON customers (opened_date, id);
      CREATE INDEX customers_mobile_last4 ON customers (mobile_last4);

      -- 月日均 (monthly average daily balance) per customer and month, all in 分.
      -- aum_avg is the total financial assets (loans excluded); parts may be unknown (NULL).
      CREATE TABLE monthly_assets (
        customer_id    INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        month          TEXT NOT NULL,
        aum_avg        INTEGER NOT NULL,
        deposit_avg    INTEGER,
        demand_avg     INTEGER,
        wealth_avg     INTEGER,
        fund_avg       INTEGER,
        insurance_avg  INTEGER,
        other_avg      INTEGER,
        loan_avg       INTEGER,
        aum_month_end  INTEGER,
        -- Clustered by month: a month's rows are read together (recompute, reports) far more often than one
        -- customer's 24 rows (the card, served by the index below).
        PRIMARY KEY (month, customer_id)
      ) STRICT, WITHOUT ROWID;
      -- Covers 月日均 too, so a list driven by a customer-table sort joins a month's value without a table lookup.
      CREATE INDEX monthly_assets_customer ON monthly_assets (customer_id, month, aum_avg);
      -- Sort and range-filter a month by 月日均.
      CREATE INDEX monthly_assets_month_aum ON monthly_assets (month, aum_avg, customer_id);

      -- Append-only; hash_prev/hash chain the entries (filled by the audit service).
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT,
        action    TEXT NOT NULL,
        target    TEXT,
        detail    TEXT,
        hash_prev TEXT,
        hash      TEXT
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
