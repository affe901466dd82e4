/**
 * Import measures: a 100,000-row monthly xlsx and a 200,000-row GBK CSV imported into a copy of the
 * bench branch — parse in the worker, validate, plan, commit and recompute — against the parser alone on the
 * same file. Each run is a child process (`tsx bench/imports.ts MODE FILE [DB]`), so its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { openStore } from '../electron/core/platform/connection';
import { createContext } from '../electron/core/platform/context';
import { analyzeImport, commitImport } from '../electron/core/imports/imports';
import { addMonths } from '../shared/month';
import { csvText, xlsxFile } from '../tests/fixtures/spreadsheets';
import { encodeChinese } from '../electron/core/platform/text-encoding';

export interface RunResult {
  /** Parse alone (floors), or read → validate → plan → commit (ours), without the tier recompute. */
  ms: number;
  /** Ours: the tier recompute that follows the commit. */
  recomputeMs?: number;
  maxRssMb: number;
  rows?: number;
}

const PARTS = [
  '储蓄存款月日均（元）',
  '活期存款月日均（元）',
  '理财月日均（元）',
  '基金月日均（元）',
  '保险月日均（元）',
];

/** A month of assets for the branch's first `count` customers, as head office would send it. */
function reportRows(dbFile: string, count: number, month: string): unknown[][] {
  const store = openStore(dbFile);
  const customers = store.sqlite
    .prepare('SELECT customer_no, name FROM customers ORDER BY id LIMIT ?')
    .raw()
    .all(count) as Array<[string, string]>;
  store.sqlite.close(); // synchronous: the WAL is checkpointed before the file is copied
  return customers.map(([no, name], i) => {
    const deposit = 10_000 + ((i * 7919) % 3_000_000);
    const parts = [deposit, Math.floor(deposit / 3), (i * 31) % 500_000, (i * 17) % 200_000, (i * 13) % 100_000];
    const aum = parts[0] + parts[2] + parts[3] + parts[4];
    return [i + 1, no, name, month, `${aum}.${String(i % 100).padStart(2, '0')}`, ...parts.map((p) => `${p}.00`)];
  });
}

const HEADER = ['序号', '客户号', '客户名称', '月份', '金融资产月日均（元）', ...PARTS];

/** Writes the two fixture files once (cached beside the bench database). */
export function importFixtures(cacheDir: string, dbFile: string, endMonth: string): { xlsx: string; csv: string } {
  const month = addMonths(endMonth, 1);
  const xlsx = path.join(cacheDir, `import-100k-${month}.xlsx`);
  const csv = path.join(cacheDir, `import-200k-${month}-gbk.csv`);
  if (!existsSync(xlsx))
    writeFileSync(
      xlsx,
      xlsxFile([
        {
          name: '金融资产月报',
          rows: [[`金融资产月报 ${month.replace('-', '年')}月`], [], HEADER, ...reportRows(dbFile, 100_000, month)],
        },
      ]),
    );
  if (!existsSync(csv))
    writeFileSync(csv, encodeChinese(csvText([HEADER, ...reportRows(dbFile, 200_000, month)]), 'gbk').bytes);
  return { xlsx, csv };
}

/** Runs one measure in a child process and reads its result. */
export function runChild(
  mode: 'floor-xlsx' | 'floor-csv' | 'ours',
  file: string,
  dbFile?: string,
  key?: string,
): RunResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/imports.ts', mode, file, ...(dbFile ? [dbFile] : []), ...(key ? [key] : [])],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      // The built worker, as the product runs it (`npm run bench` builds first).
      env: { ...process.env, TIERDESK_WORKER_DIR: path.resolve('dist/node') },
    },
  );
  return JSON.parse(output.trim().split('\n').pop() as string) as RunResult;
}

/**
 * A working copy of the bench branch for one import (the import changes it), on disk before the import starts: left
 * to the kernel, writing back half a gigabyte of copy would slow the import's own commit (its fsync) by a third.
 */
export function scratchCopy(dbFile: string): string {
  const copy = `${dbFile}.import-scratch`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  copyFileSync(dbFile, copy);
  const fd = openSync(copy, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  return copy;
}

async function child(mode: string, file: string, dbFile: string | undefined, key: string | undefined): Promise<void> {
  const bytes = readFileSync(file);
  const start = performance.now();
  let rows: number | undefined;
  let committed: number | null = null;
  if (mode === 'floor-xlsx') await readXlsxFile(bytes);
  else if (mode === 'floor-csv') Papa.parse(new TextDecoder('gb18030').decode(bytes), { skipEmptyLines: false });
  else {
    const store = openStore(dbFile as string, key ?? null);
    const ctx = createContext(store);
    const analysis = await analyzeImport(ctx, [{ name: path.basename(file), bytes }]);
    if (!analysis.preview.canCommit) throw new Error(`cannot commit: ${JSON.stringify(analysis.problems.slice(0, 3))}`);
    // The recompute's first phase ('read') marks the end of the import proper.
    const control = {
      signal: new AbortController().signal,
      report: (phase: string) => (committed ??= phase === 'read' ? performance.now() : null),
    };
    rows = (await commitImport(ctx, analysis, { replaceMonths: true, staffCode: null }, control)).assetRows;
    await store.close();
  }
  const end = performance.now();
  const ms = (committed ?? end) - start;
  console.log(
    JSON.stringify({
      ms,
      recomputeMs: committed === null ? undefined : end - committed,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      rows,
    }),
  );
}

if (process.argv[1]?.endsWith('imports.ts') && process.argv[2]) {
  child(process.argv[2], process.argv[3], process.argv[4], process.argv[5]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
