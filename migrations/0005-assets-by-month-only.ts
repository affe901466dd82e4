import type { Migration } from './types';

/**
 * Drops the (customer, month, 月日均) index of monthly_assets. Every new month had to be threaded into it
 * customer by customer — a page split per customer, more than half of a 200,000-row import's write time —
 * while the primary key (month, customer) answers the same look-ups: a list's (month, customer) probe
 * directly, and one customer's history as one probe per month. Never edit once landed.
 */
export const m0005AssetsByMonthOnly: Migration = {
  version: 5,
  name: 'assets-by-month-only',
  up(db) {
    db.exec('DROP INDEX monthly_assets_customer;');
  },
};
