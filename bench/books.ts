/**
 * Handovers and the managers of record (docs/domain.md, "Book history"), inside a transaction rolled back after:
 * a handover of 5,000 customers of one book, effective three months before the data month (its preview, then its
 * commit), and the per-manager figures that read the managers of record — contact coverage over 6 months (the
 * screen's default) and 保级成效 over the last month — before the handover (the book as it is today, no history) and
 * after it.
 */
import { performance } from 'node:perf_hooks';
import { handOver, previewHandover } from '../electron/core/books/handovers';
import type { CoreContext } from '../electron/core/platform/context';
import { getRetentionResults } from '../electron/core/retention/retention';
import { contactCoverage } from '../electron/core/workbench/workbench';
import { addMonths } from '../shared/month';
import type { HandoverRequest } from '../shared/schemas/books';

export const HANDED_OVER = 5_000;

export interface BooksMeasure {
  /** The preview, then the commit of the handover (ms, one each). */
  preview: number;
  commit: number;
  /** p95 (ms) of coverage and 保级成效, before the handover and after it. */
  coverage: { before: number[]; after: number[] };
  results: { before: number[]; after: number[] };
}

async function samples(fn: () => unknown, times: number): Promise<number[]> {
  await fn(); // the warm-up: what a screen has decoded already
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export async function measureBooks(ctx: CoreContext, month: string, times: number): Promise<BooksMeasure> {
  const { sqlite } = ctx.store;
  const figures = async () => ({
    coverage: await samples(() => contactCoverage(ctx, { fromMonth: addMonths(month, -5), toMonth: month }), times),
    results: await samples(() => getRetentionResults(ctx, { fromMonth: addMonths(month, -1), toMonth: month }), times),
  });
  sqlite.exec('BEGIN');
  try {
    const before = await figures();
    const [from, to] = sqlite
      .prepare(
        'SELECT manager_code FROM customers WHERE manager_code IS NOT NULL GROUP BY manager_code ORDER BY count(*) DESC LIMIT 2',
      )
      .pluck()
      .all() as string[];
    const customerNos = sqlite
      .prepare('SELECT customer_no FROM customers WHERE manager_code = ? ORDER BY id LIMIT ?')
      .pluck()
      .all(from, HANDED_OVER) as string[];
    const request: HandoverRequest = {
      selection: { by: 'customers', customerNos },
      toManagerCode: to,
      effectiveDate: `${addMonths(month, -2)}-15`,
      reason: 'balance',
      transitionDays: 30,
      staffCode: null,
    };
    let start = performance.now();
    const { totals } = previewHandover(ctx, request);
    const preview = performance.now() - start;
    start = performance.now();
    handOver(ctx, { ...request, previewed: totals.customers });
    const commit = performance.now() - start;
    const after = await figures();
    return {
      preview,
      commit,
      coverage: { before: before.coverage, after: after.coverage },
      results: { before: before.results, after: after.results },
    };
  } finally {
    sqlite.exec('ROLLBACK');
    ctx.cache.clear();
  }
}
