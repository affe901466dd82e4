import type { CoreContext } from '../../electron/core/platform/context';

/** Each customer's assessment columns: number, level, date, channel, professional investor (1/0), by number. */
export const assessmentColumns = (ctx: CoreContext) =>
  ctx.store.sqlite
    .prepare(
      'SELECT customer_no, risk_level, risk_assessed_date, risk_assessed_channel, professional_investor FROM customers ORDER BY 1',
    )
    .raw()
    .all() as unknown[][];

/** The assessment record, oldest first: number, level, date, channel, whether an import wrote it (1/0). */
export const assessmentRecord = (ctx: CoreContext) =>
  ctx.store.sqlite
    .prepare(
      `SELECT c.customer_no, a.risk_level, a.assessed_date, a.channel, a.import_batch_id IS NOT NULL
       FROM risk_assessments a JOIN customers c ON c.id = a.customer_id ORDER BY a.id`,
    )
    .raw()
    .all() as unknown[][];
