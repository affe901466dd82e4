/**
 * Export measure: the 客户明细 workbook of the whole bench branch against a bare exceljs streaming writer
 * writing the same rows (read beforehand). Each run is a child process (`tsx bench/exports.ts MODE DB OUT`), so its
 * peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { openStore } from '../electron/core/platform/connection';
import { createContext } from '../electron/core/platform/context';
import { exportReport } from '../electron/core/exports/exports';
import { WHOLE_BRANCH } from '../electron/core/trust/access-scope';

export interface ExportRun {
  ms: number;
  maxRssMb: number;
  rows: number;
}

export function runExportChild(mode: 'floor' | 'ours', dbFile: string, out: string, month: string): ExportRun {
  // The report worker as the product runs it (built), not compiled from source on start.
  const env = { ...process.env, TIERDESK_WORKER_DIR: path.resolve('dist/node') };
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/exports.ts', mode, dbFile, out, month], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    env,
  });
  rmSync(out, { force: true });
  return JSON.parse(output.trim().split('\n').pop() as string) as ExportRun;
}

async function child(mode: string, dbFile: string, out: string, month: string): Promise<void> {
  const store = openStore(dbFile);
  let rows = 0;
  let ms: number;
  if (mode === 'floor') {
    // The same values, read first; then only the writer's work is timed.
    const data = store.sqlite
      .prepare(
        `SELECT c.customer_no, c.name, c.gender, c.birth_date, c.id_number, c.mobile, c.manager_code, s.name, c.opened_date, 'T1', '正常',
                a.aum_avg / 100.0, a.deposit_avg / 100.0, a.demand_avg / 100.0, a.wealth_avg / 100.0, a.fund_avg / 100.0, a.insurance_avg / 100.0, a.other_avg / 100.0
         FROM customers c LEFT JOIN staff s ON s.code = c.manager_code LEFT JOIN monthly_assets a ON a.month = ? AND a.customer_id = c.id ORDER BY c.id`,
      )
      .raw()
      .all(month) as unknown[][];
    const start = performance.now();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('客户明细');
    for (const row of data) {
      sheet.addRow(row).commit();
      rows += 1;
    }
    sheet.commit();
    await workbook.commit();
    ms = performance.now() - start;
  } else {
    const start = performance.now();
    const ctx = createContext(store);
    const request = {
      template: 'customers',
      month,
      format: 'xlsx',
      encoding: 'utf8',
      full: false,
      reason: null,
      staffCode: null,
    } as const;
    rows = (
      await exportReport(ctx, request, WHOLE_BRANCH, out, {
        signal: new AbortController().signal,
        report: () => undefined,
      })
    ).rows;
    ms = performance.now() - start;
  }
  await store.close();
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, rows }));
}

if (process.argv[1]?.endsWith('exports.ts') && process.argv[2]) {
  child(process.argv[2], process.argv[3], process.argv[4], process.argv[5]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
