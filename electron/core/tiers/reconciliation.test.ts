import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperCaseFiles } from '../../../tests/fixtures/paper-case';
import { createTestContext } from '../../../tests/helpers/branch';
import { importFiles } from '../../../tests/helpers/imports';
import { loadDemoBranch } from '../demo/demo';
import { exportReport } from '../exports/exports';
import { getFlowReport } from '../flows/flows';
import { getGroupReport } from '../groups/groups';
import { getSegmentGrid } from '../segments/segments';
import { WHOLE_BRANCH } from '../trust/access-scope';
import { listTierSnapshotMonths, readTierSnapshot } from './tier-snapshots-repository';
import { getTierMatrix, getTierOverview } from './tiers';

/**
 * One truth on every screen (docs/domain.md, "Presence"): for months of the demo branch and of the 2011 paper case
 * imported into it, each tier's customer count and 月日均 sum are the same numbers on the overview, the tier matrix's
 * margins (into the month and out of it), the segment grid, group analysis, the two-period analysis (期末 and 期初)
 * and the monthly report workbook.
 */

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
let dir: string;
let dataMonths: string[];

beforeAll(async () => {
  ctx = createTestContext();
  dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-reconcile-'));
  await loadDemoBranch(ctx.store, { customers: 3_000, months: 12, endMonth: '2026-11', seed: 11 }, ctx.now());
  await importFiles(ctx, paperCaseFiles());
  dataMonths = listTierSnapshotMonths(ctx.store.sqlite).filter((month) => {
    const snapshot = readTierSnapshot(ctx.store.sqlite, month);
    return snapshot !== null && snapshot.aumFen.some((v) => !Number.isNaN(v));
  });
}, 120_000);
afterAll(async () => {
  await ctx.store.close();
  rmSync(dir, { recursive: true, force: true });
});

type Figures = Record<string, { count: number; aumFen: number }>;

function add(figures: Figures, code: string | null, count: number, aumFen: number | null): void {
  if (code === null) return;
  const entry = (figures[code] ??= { count: 0, aumFen: 0 });
  entry.count += count;
  entry.aumFen += aumFen ?? 0;
}

async function monthlyReport(month: string): Promise<Figures> {
  const out = path.join(dir, `月度-${month}.xlsx`);
  await exportReport(
    ctx,
    {
      template: 'monthly',
      month,
      format: 'xlsx',
      encoding: 'utf8',
      full: false,
      reason: null,
      staffCode: '3201001',
    },
    WHOLE_BRANCH,
    out,
    { signal: new AbortController().signal, report: () => undefined },
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.getWorksheet('层级汇总') as ExcelJS.Worksheet;
  const figures: Figures = {};
  sheet.eachRow((row, n) => {
    const code = row.getCell(1).value;
    if (n < 3 || code === '合计') return;
    // The workbook writes 万元 with the 分 kept (two decimals).
    add(figures, String(code), Number(row.getCell(4).value), Math.round(Number(row.getCell(6).value) * WAN));
  });
  return figures;
}

/** Every screen's count and 月日均 per tier for a month, by screen. */
async function figuresOf(month: string): Promise<Record<string, Figures>> {
  const overview = getTierOverview(ctx, month);
  const codes = overview.tiers.map((t) => t.code);
  const screens: Record<string, Figures> = { overview: {} };
  for (const t of overview.tiers) add(screens.overview, t.code, t.count, t.aumFen);

  const at = dataMonths.indexOf(month);
  const before = dataMonths[at - 1];
  const after = dataMonths[at + 1];
  if (before) {
    screens.matrixInto = {};
    for (const c of getTierMatrix(ctx, before, month).cells) add(screens.matrixInto, c.to, c.count, c.toAumFen);
    screens.flowsEnd = {};
    for (const code of codes) {
      const end = getFlowReport(ctx, { fromMonth: before, toMonth: month, tierCode: code }).groups.end;
      add(screens.flowsEnd, code, end.count, end.aumBFen);
    }
  }
  if (after) {
    screens.matrixOutOf = {};
    for (const c of getTierMatrix(ctx, month, after).cells) add(screens.matrixOutOf, c.from, c.count, c.fromAumFen);
    screens.flowsStart = {};
    for (const code of codes) {
      const start = getFlowReport(ctx, { fromMonth: month, toMonth: after, tierCode: code }).groups.start;
      add(screens.flowsStart, code, start.count, start.aumAFen);
    }
  }
  screens.segmentGrid = {};
  for (const c of getSegmentGrid(ctx, month, 'tier', 'status').cells)
    add(screens.segmentGrid, c.row, c.count, c.aumFen);
  screens.groups = {};
  for (const code of codes) {
    const report = await getGroupReport(ctx, { month, tierCode: code, dimension: 'gender' });
    add(screens.groups, code, report.count, report.aumFen);
    // The report's own rows add up to its totals.
    expect(report.rows.reduce((n, r) => n + r.count, 0)).toBe(report.count);
  }
  screens.monthlyReport = await monthlyReport(month);
  // A tier nobody is in is written by some screens (0) and left out by others.
  for (const figures of Object.values(screens)) for (const code of codes) figures[code] ??= { count: 0, aumFen: 0 };
  return screens;
}

describe('every screen shows the same tier totals', () => {
  it('covers the paper case and the demo, with customers in every presence state', () => {
    expect(dataMonths).toEqual(expect.arrayContaining(['2011-01', '2011-05', '2025-12', '2026-11']));
    const statusCount = (month: string, status: string) =>
      getTierOverview(ctx, month).statuses.find((s) => s.status === status)?.count ?? 0;
    const inTiers = (month: string) => getTierOverview(ctx, month).tiers.reduce((n, t) => n + t.count, 0);
    // The paper's 8 churned customers: January, then four months without data by May: 无数据.
    expect(statusCount('2011-05', 'nodata')).toBe(8);
    // May's 205 keep their tiers through June–August (数据缺失), then leave every tier.
    expect([inTiers('2011-08'), statusCount('2011-08', 'missing')]).toEqual([205, 205]);
    expect([inTiers('2011-09'), statusCount('2011-09', 'nodata')]).toEqual([0, 213]);
    // Demo customers are in no 2011 tier (absent, shown nowhere); paper customers in no demo month's.
    expect(getTierOverview(ctx, '2011-05').statuses.map((s) => s.status)).not.toContain('absent');
    expect(countPresent('2026-11', (no) => no.startsWith('6220'))).toBe(0);
    expect(statusCount('2026-11', 'closed')).toBeGreaterThan(0);
  });

  it.each(['2011-01', '2011-05', '2025-12', '2026-05', '2026-11'])('%s', async (month) => {
    const screens = await figuresOf(month);
    expect(Object.keys(screens).length).toBeGreaterThanOrEqual(6);
    for (const [screen, figures] of Object.entries(screens))
      expect({ screen, figures }).toEqual({
        screen,
        figures: screens.overview,
      });
    // Not vacuous: the month has customers in tiers.
    expect(Object.values(screens.overview).reduce((n, f) => n + f.count, 0)).toBeGreaterThan(0);
  });
});

/** Customers in a tier in a month (optionally only those whose number passes `keep`), read from the stored results. */
function countPresent(month: string, keep: (customerNo: string) => boolean = () => true): number {
  const snapshot = readTierSnapshot(ctx.store.sqlite, month);
  if (!snapshot) return 0;
  const numbers = new Map(
    (ctx.store.sqlite.prepare('SELECT id, customer_no FROM customers').raw().all() as Array<[number, string]>).map(
      ([id, no]) => [id, no],
    ),
  );
  let count = 0;
  for (let slot = 0; slot < snapshot.tier.length; slot++)
    if (snapshot.tier[slot] >= 0 && keep(numbers.get(snapshot.customerIds[slot]) ?? '')) count++;
  return count;
}
