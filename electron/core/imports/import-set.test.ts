import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { csvText, xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { QUESTIONS } from '../../../tests/fixtures/surveys';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { runMigrations } from '../platform/migrate';
import { tiersStaleFrom } from '../platform/settings';
import { saveTemplate } from '../surveys/surveys';
import { recomputeTiers } from '../tiers/tier-recompute';
import { getTierOverview } from '../tiers/tiers';
import {
  analyzeHeldFiles,
  analyzeImport,
  commitImport,
  listImports,
  problemsWorkbook,
  undoLatestImport,
  type ImportFile,
} from './imports';
import { readWorkbook } from './parse/read-workbook';
import { allRows } from '../../../tests/helpers/sheets';
import { cellText } from './import-cells';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(ctx.store, [
    { customer_no: '0510001', name: '王芳', manager_code: 'M01', assets: { '2024-01': 700 * WAN } },
    { customer_no: '0510002', name: '李强', manager_code: 'M01', assets: { '2024-01': 30 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const analyze = (files: ImportFile[]) => analyzeImport(ctx, files, { inProcess: true });

/** 客户信息: two new customers (one under a manager the branch lacks), and a new mobile for 王芳. */
const master = (rows: unknown[][] = []): ImportFile => ({
  name: '客户信息.xlsx',
  bytes: xlsxFile([
    {
      name: '客户信息',
      rows: [
        ['客户号', '客户名称', '手机号码', '开户日期', '客户经理工号', '客户经理'],
        ['0510001', '王芳', '13800001111', '2015-03-01', 'M01', null],
        ['0520001', '钱新', null, '2023-11-20', 'M77', '孙丽'],
        ['0520002', '孙明', null, '2024-01-08', 'M77', '孙丽'],
        ...rows,
      ],
    },
  ]),
});

/** A monthly report (万元) naming the set's new customers and their manager again. */
function report(month: string, rows: Array<[string, number | string]>, name = `${month}月报.csv`): ImportFile {
  return {
    name,
    bytes: Buffer.from(
      csvText([
        ['客户号', '月份', '金融资产月日均（万元）', '客户经理工号'],
        ...rows.map(([no, wan]) => [no, month, wan, no.startsWith('052') ? 'M77' : 'M01']),
      ]),
    ),
  };
}

const books: ImportFile = {
  name: '管户关系.xlsx',
  bytes: xlsxFile([
    {
      name: '管户关系',
      rows: [
        ['客户号', '客户经理工号'],
        ['0510002', 'M77'],
      ],
    },
  ]),
};

const holdingsFile: ImportFile = {
  name: '产品持有.xlsx',
  bytes: xlsxFile([
    {
      name: '持有',
      rows: [
        ['客户号', '产品代码', '产品名称', '产品类型', '持有金额（万元）', '起息日', '到期日'],
        ['0520001', 'W1', '稳盈 90 天', '理财', 100, '2024-01-05', '2024-04-05'],
      ],
    },
  ]),
};

const answers: ImportFile = {
  name: '答卷.xlsx',
  bytes: xlsxFile([
    {
      name: '答卷',
      rows: [
        ['客户号', '调查日期', '调查方式', '1. 对本次服务的满意度', '2. 向亲友推荐我行的可能性'],
        ['0510001', '2024-03-20', '电话', 1, 3],
      ],
    },
  ]),
};

/** Everything an import writes or undoes, per kind, and a digest of it all. */
function branchState() {
  const all = (sql: string) => ctx.store.sqlite.prepare(sql).all();
  const state = {
    customers: all('SELECT * FROM customers ORDER BY id'),
    assets: all('SELECT * FROM monthly_assets ORDER BY month, customer_id'),
    staff: all('SELECT code, name, role FROM staff ORDER BY code'),
    holdings: all('SELECT * FROM holdings ORDER BY customer_id, product_key'),
    answers: all('SELECT * FROM survey_responses ORDER BY id'),
    followUps: all('SELECT * FROM retention_actions ORDER BY id'),
    tiers: all(
      'SELECT month, tier_codes, customers, summary, hex(columns) AS columns FROM tier_snapshots ORDER BY month',
    ),
  };
  return { ...state, digest: createHash('sha256').update(JSON.stringify(state)).digest('hex') };
}

const batchCount = () => ctx.store.sqlite.prepare('SELECT count(*) FROM import_batches').pluck().get();

/** The phases a job went through, each change once: how many recomputes ran ('read' starts one). */
function phases() {
  const seen: string[] = [];
  const control = {
    signal: new AbortController().signal,
    report: (phase: string) => {
      if (seen.at(-1) !== phase) seen.push(phase);
    },
  };
  return { seen, control };
}

describe('several files imported as one set', () => {
  it('imports the master first whatever the order chosen, months ascending, in one transaction and one recompute', async () => {
    const march = report('2024-03', [
      ['0510001', 720],
      ['0520001', 60],
      ['0520002', 3],
    ]);
    const february = report('2024-02', [
      ['0510001', 710],
      ['0520001', 55],
    ]);
    const analysis = await analyze([march, february, master()]);
    const { preview } = analysis;
    expect(preview.files.map((f) => f.fileName)).toEqual(['客户信息.xlsx', '2024-02月报.csv', '2024-03月报.csv']);
    expect(preview.order).toEqual([2, 1, 0]);
    // The reports are planned against the branch as the master leaves it: its customers and staff exist.
    expect(preview.files.map((f) => [f.newCustomers, f.updatedCustomers, f.newStaff, f.errors])).toEqual([
      [2, 1, ['M77'], 0],
      [0, 0, [], 0],
      [0, 0, [], 0],
    ]);
    expect(preview.totals).toMatchObject({
      rows: 8,
      newCustomers: 2,
      updatedCustomers: 1,
      newStaff: ['M77'],
      errors: 0,
      months: [
        { month: '2024-02', rows: 2, replacesRows: 0 },
        { month: '2024-03', rows: 3, replacesRows: 0 },
      ],
    });
    expect(preview.canCommit).toBe(true);
    expect(batchCount()).toBe(0); // a preview writes nothing

    const { seen, control } = phases();
    const result = await commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'B01' }, control);
    expect(seen.filter((p) => p === 'read')).toHaveLength(1); // one recompute, after every file
    expect(result).toMatchObject({
      newCustomers: 2,
      updatedCustomers: 1,
      assetRows: 5,
      newStaff: 1,
      tiersRecomputed: true,
    });
    expect(result.months).toEqual(['2024-02', '2024-03']);
    expect(result.files.map((f) => [f.fileName, f.batchId - result.setId])).toEqual([
      ['客户信息.xlsx', 0],
      ['2024-02月报.csv', 1],
      ['2024-03月报.csv', 2],
    ]);
    expect(ctx.store.sqlite.prepare("SELECT count(*) FROM staff WHERE code = 'M77'").pluck().get()).toBe(1);
    expect(
      ctx.store.sqlite.prepare("SELECT name, opened_date FROM customers WHERE customer_no = '0520001'").get(),
    ).toEqual({ name: '钱新', opened_date: '2023-11-20' });
    // Tiers right after: March assessed for the three in it and 李强 (a missing month keeps the tier), none stale.
    expect(getTierOverview(ctx, '2024-03').tiers.reduce((n, t) => n + t.count, 0)).toBe(4); // 李强's tier kept
    expect(tiersStaleFrom(ctx.store.sqlite)).toBeNull();
    // One audit entry for the set, naming its files.
    const audit = ctx.store.sqlite
      .prepare("SELECT target, detail FROM audit_log WHERE action = 'imports.commit'")
      .all() as Array<{ target: string; detail: string }>;
    expect(audit.map((a) => a.target)).toEqual(['客户信息.xlsx 等 3 个文件']);
    expect((JSON.parse(audit[0].detail) as { files: unknown[] }).files).toHaveLength(3);
    // The history shows the set's files together, all undone by one undo.
    expect(listImports(ctx).batches.map((b) => [b.fileName, b.setId === result.setId, b.canUndo])).toEqual([
      ['2024-03月报.csv', true, true],
      ['2024-02月报.csv', true, true],
      ['客户信息.xlsx', true, true],
    ]);
  });

  it('undo of a set of every kind restores exactly the branch before it, each kind and the tiers, recomputing once', async () => {
    saveTemplate(ctx, { name: '季度满意度', questions: QUESTIONS, staffCode: null });
    const before = branchState();
    const analysis = await analyze([
      answers,
      holdingsFile,
      report('2024-01', [['0510001', 650]]), // replaces January's two rows
      books,
      // An earlier month: the latest stays January, whose tiers the survey's follow-up is given by.
      report('2023-12', [
        ['0520001', 60],
        ['0520002', 3],
      ]),
      master(),
    ]);
    expect(analysis.preview.files.map((f) => f.kind)).toEqual([
      'customers',
      'assignments',
      'assets',
      'assets',
      'holdings',
      'surveys',
    ]);
    expect(analysis.preview.replaces).toEqual([{ month: '2024-01', rows: 2 }]);
    expect(analysis.preview.canCommit).toBe(true);
    const result = await commitImport(ctx, analysis, { replaceMonths: true, staffCode: null });
    expect(result).toMatchObject({ holdingRows: 1, surveyRows: 1, followUps: 1, assetRows: 3 });
    // The holding went to the customer the set's master created (its id as the preview's dry run gave it).
    expect(
      ctx.store.sqlite
        .prepare(
          "SELECT c.customer_no FROM holdings h JOIN customers c ON c.id = h.customer_id WHERE h.product_key = 'W1'",
        )
        .pluck()
        .all(),
    ).toEqual(['0520001']);
    const after = branchState();
    for (const kind of ['customers', 'assets', 'staff', 'holdings', 'answers', 'followUps'] as const)
      expect(after[kind], kind).not.toEqual(before[kind]);

    const { seen, control } = phases();
    const undone = await undoLatestImport(ctx, 'B01', control);
    expect(undone.batchIds).toEqual(result.files.map((f) => f.batchId));
    expect(seen.filter((p) => p === 'read')).toHaveLength(1);
    const restored = branchState();
    for (const kind of ['customers', 'assets', 'staff', 'holdings', 'answers', 'followUps'] as const)
      expect(restored[kind], kind).toEqual(before[kind]);
    // The tiers of every month with data as before (the recompute leaves the results of the month undone, before
    // the first month with data, in place: no screen offers a month without data).
    expect(restored.tiers.filter((t) => (t as { month: string }).month >= '2024-01')).toEqual(before.tiers);
    expect(listImports(ctx).batches.every((b) => b.undoneAt !== null && !b.canUndo)).toBe(true);
    expect(
      ctx.store.sqlite.prepare("SELECT target FROM audit_log WHERE action = 'imports.undo'").pluck().all(),
    ).toEqual(['客户信息.xlsx 等 6 个文件']);
    await expect(undoLatestImport(ctx, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the undo data of every file of the latest set only: the set before is not offered again', async () => {
    const first = await commitImport(ctx, await analyze([report('2024-02', [['0510001', 700]]), master()]), {
      replaceMonths: false,
      staffCode: null,
    });
    const afterFirst = branchState();
    await commitImport(ctx, await analyze([report('2024-03', [['0510002', 31]])]), {
      replaceMonths: false,
      staffCode: null,
    });
    expect(listImports(ctx).batches.map((b) => [b.setId === first.setId, b.canUndo])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
    await undoLatestImport(ctx, null);
    expect(branchState().digest).toBe(afterFirst.digest);
    expect(listImports(ctx).batches.map((b) => b.canUndo)).toEqual([false, false, false]);
    await expect(undoLatestImport(ctx, null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('refuses a set, writing nothing', () => {
    /** Commits the set and expects the refusal; the branch and its batches are as they were. */
    async function refused(files: ImportFile[], options = { replaceMonths: true }) {
      const before = branchState();
      const batches = batchCount();
      const analysis = await analyze(files);
      const error = await commitImport(ctx, analysis, { ...options, staffCode: null }).then(
        () => null,
        (e: unknown) => e as { code: string; message: string; messageEn: string },
      );
      expect(error).not.toBeNull();
      expect(branchState().digest).toBe(before.digest);
      expect(batchCount()).toBe(batches);
      return { error: error as NonNullable<typeof error>, preview: analysis.preview };
    }

    it('when a file cannot be read at all: the refusal names it', async () => {
      const before = branchState();
      await expect(
        analyze([report('2024-03', [['0510001', 700]]), { name: '空白.csv', bytes: Buffer.from('\n\n') }]),
      ).rejects.toMatchObject({
        code: 'IMPORT_REJECTED',
        message: expect.stringMatching(/^“空白\.csv”：/),
      });
      expect(branchState().digest).toBe(before.digest);
      expect(
        ctx.store.sqlite.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'").pluck().get(),
      ).toBe(0);
    });

    it('when a file has errors: the others are planned and shown, none written', async () => {
      const { error, preview } = await refused([master(), report('2024-03', [['0520001', 'abc']], 'bad.csv')]);
      expect(preview.canCommit).toBe(false);
      expect(preview.files.map((f) => f.errors > 0)).toEqual([false, true]);
      expect(error.code).toBe('IMPORT_REJECTED');
      expect(error.message).toContain('“bad.csv”有 1 处错误');
    });

    it('when a file was already imported, or is in the set twice', async () => {
      await commitImport(ctx, await analyze([master()]), { replaceMonths: false, staffCode: null });
      const again = await refused([master(), report('2024-03', [['0520001', 60]])]);
      expect(again.preview.files[0].alreadyImported).not.toBeNull();
      expect(again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('“客户信息.xlsx”已于') });

      const march = report('2024-03', [['0510001', 700]]);
      const twice = await refused([march, { ...march, name: '三月副本.csv' }]);
      expect(twice.preview.files[1].problems[0]).toMatchObject({
        severity: 'error',
        file: '三月副本.csv',
        row: null,
        message: '与本次的“2024-03月报.csv”是同一个文件，同一文件只能导入一次',
      });
    });

    it('when two customer masters are in one set (a master names no branch): both files named', async () => {
      const other = { ...master([['0530001', '周强', null, '2020-01-01', 'M01', null]]), name: '另一支行客户.xlsx' };
      const { error, preview } = await refused([master(), other]);
      expect(preview.files[1].problems[0].message).toContain('本次已有客户信息“客户信息.xlsx”');
      expect(error.message).toContain('“另一支行客户.xlsx”有 1 处错误（本次已有客户信息“客户信息.xlsx”');
      expect(error.message).toContain('未写入任何数据');
    });

    it('when two monthly reports carry the same month: both files named', async () => {
      const { error } = await refused([
        report('2024-03', [['0510001', 700]], '三月.csv'),
        report('2024-03', [['0510002', 30]], '三月补充.csv'),
      ]);
      expect(error.message).toContain('2024-03 的月报同时在“三月.csv”和本文件中');
      expect(error.message).toContain('“三月补充.csv”');
    });

    it('when months already present are not confirmed: each month named with its rows', async () => {
      const { error, preview } = await refused(
        [report('2024-01', [['0510001', 650]]), report('2024-02', [['0510001', 650]])],
        { replaceMonths: false },
      );
      expect(preview.replaces).toEqual([{ month: '2024-01', rows: 2 }]);
      expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('将替换 2024-01（2 行）') });
    });
  });

  it('lists the problems of every file of the set in one workbook, each naming its file', async () => {
    const held = [
      report('2024-03', [['0510001', 'abc']], '三月.csv'),
      master([['0510001', '王芳二', null, null, null, null]]),
    ].map((file) => ({ fileToken: ctx.uploads.put(file.name, file.bytes).token }));
    const { analysisId, preview } = await analyzeHeldFiles(ctx, { files: held });
    expect(preview.order).toEqual([1, 0]);
    const { fileName, base64 } = await problemsWorkbook(ctx, analysisId);
    expect(fileName).toBe('导入2个文件-问题清单.xlsx');
    const rows = allRows((await readWorkbook(Buffer.from(base64, 'base64'), fileName)).sheets[0]).map((row) =>
      row.map(cellText),
    );
    expect(rows.slice(1).map((r) => [r[1], r[3]])).toEqual([
      ['客户信息.xlsx', '3'], // a manager the branch lacks: a warning
      ['客户信息.xlsx', '5'], // the same customer twice
      ['三月.csv', '2'],
    ]);
  });

  it('previews a master and five months of 20,000 customers in reasonable time', async () => {
    const n = 20_000;
    const numbers = Array.from({ length: n }, (_, i) => `P${String(i).padStart(6, '0')}`);
    const masterFile = {
      name: '客户信息.csv',
      bytes: Buffer.from(
        csvText([['客户号', '客户名称', '开户日期'], ...numbers.map((no) => [no, `客户${no}`, '2020-01-01'])]),
      ),
    };
    const months = ['2023-10', '2023-11', '2023-12', '2024-02', '2024-03'].map((month, m) => ({
      name: `${month}.csv`,
      bytes: Buffer.from(
        csvText([['客户号', '月份', '月日均（元）'], ...numbers.map((no, i) => [no, month, String(1000 + i + m)])]),
      ),
    }));
    const started = performance.now();
    const analysis = await analyzeImport(ctx, [...months, masterFile]);
    const seconds = (performance.now() - started) / 1000;
    console.log(`preview of a master and five months of ${n} customers: ${seconds.toFixed(1)} s`);
    expect(analysis.preview.totals).toMatchObject({ rows: 6 * n, newCustomers: n, errors: 0 });
    expect(analysis.preview.files.slice(1).every((f) => f.newCustomers === 0)).toBe(true);
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});

describe('migration 0018', () => {
  it('makes every earlier batch a set of its own', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 17),
    );
    const insert = db.prepare(
      "INSERT INTO import_batches (id, file_name, sha256, kind, summary, created_at) VALUES (?, 'a.xlsx', ?, 'assets', '{}', '2024-04-01')",
    );
    insert.run(3, 'x');
    insert.run(7, 'y');
    runMigrations(db, migrations);
    expect(db.prepare('SELECT id, set_id FROM import_batches ORDER BY id').all()).toEqual([
      { id: 3, set_id: 3 },
      { id: 7, set_id: 7 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
