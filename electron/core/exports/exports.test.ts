import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../../shared/schemas/exports';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { WHOLE_BRANCH } from '../trust/access-scope';
import { exportForDownload, exportReport } from './exports';
import { getGroupReport } from '../groups/groups';
import { registerComplaint, transitionComplaint } from '../complaints/complaints';
import { getWarnings } from '../retention/retention';
import { recomputeTiers } from '../tiers/tier-recompute';
import { getTierOverview } from '../tiers/tiers';

const WAN = 1_000_000;
const MONTH = '2024-02';
let ctx: ReturnType<typeof createTestContext>;
let dir: string;

const HOSTILE = ['=HYPERLINK("http://x","点我")', '@SUM(A1)', '+1', '\t制表开头', '-2+3'];

beforeEach(async () => {
  ctx = createTestContext();
  dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-export-'));
  seedBranch(ctx.store, [
    {
      customer_no: '0510000001',
      name: '王芳',
      gender: 'F',
      birth_date: '1980-05-10',
      id_number: '110105198005101234',
      mobile: '13812345678',
      manager_code: 'M01',
      opened_date: '2010-03-01',
      assets: { '2024-01': 700 * WAN, [MONTH]: 612.34 * WAN },
      wealth: { [MONTH]: 100 * WAN },
    },
    { customer_no: '0510000002', name: HOSTILE[0], assets: { [MONTH]: 3 * WAN } },
    { customer_no: '0510000003', name: HOSTILE[1], assets: { [MONTH]: 0.5 * WAN } },
    { customer_no: '0510000004', name: HOSTILE[2] },
    { customer_no: '0510000005', name: HOSTILE[3] },
    {
      customer_no: '0510000006',
      name: HOSTILE[4],
      id_number: '110105199001011237',
      mobile: '13900001111',
      assets: { '2024-01': 55 * WAN, [MONTH]: 48 * WAN },
    },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const control = (signal = new AbortController().signal) => ({ signal, report: () => undefined });
const request = (over: Partial<ExportRequest> = {}): ExportRequest => ({
  template: 'customers',
  month: MONTH,
  format: 'xlsx',
  encoding: 'utf8',
  full: false,
  reason: null,
  staffCode: 'M01',
  ...over,
});

async function exportTo(name: string, over: Partial<ExportRequest> = {}) {
  const out = path.join(dir, name);
  const result = await exportReport(ctx, request(over), WHOLE_BRANCH, out, control());
  return { out, result };
}

async function readBack(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** A second, independent reader: every cell of every sheet, with any formula it holds. */
function cellsOf(file: string) {
  const book = XLSX.read(readFileSync(file), { cellFormula: true, cellDates: true });
  return book.SheetNames.flatMap((name) =>
    Object.entries(book.Sheets[name])
      .filter(([ref]) => !ref.startsWith('!'))
      .map(([ref, cell]) => ({ name, ref, cell: cell as XLSX.CellObject })),
  );
}

const audits = () =>
  (
    ctx.store.sqlite
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'exports.report' ORDER BY id")
      .all() as Array<{ actor: string; detail: string }>
  ).map((a): Record<string, unknown> => ({ actor: a.actor, ...(JSON.parse(a.detail) as Record<string, unknown>) }));

describe('客户明细 (template b)', () => {
  it('writes a title, a frozen header, text IDs, numbers in 元, real dates, a 合计 row, masked personal data', async () => {
    const { out, result } = await exportTo('客户明细.xlsx');
    expect(result.rows).toBe(6);
    const sheet = (await readBack(out)).getWorksheet('客户明细') as ExcelJS.Worksheet;
    expect(String(sheet.getCell('A1').value)).toContain('客户明细 2024年2月（个人信息已脱敏）');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(2).getCell(1).value).toBe('客户编号');
    const first = sheet.getRow(3);
    expect(first.getCell(1)).toMatchObject({ value: '0510000001', type: ExcelJS.ValueType.String });
    expect(first.getCell(1).numFmt).toBe('@');
    expect(first.getCell(5).value).toBe('110105********1234');
    expect(first.getCell(6).value).toBe('138****5678');
    expect(first.getCell(4).value).toEqual(new Date('1980-05-10T00:00:00Z'));
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(10).value).toBe('私人银行客户');
    expect(first.getCell(11).value).toBe('正常');
    expect(first.getCell(12)).toMatchObject({ value: 6_123_400, type: ExcelJS.ValueType.Number });
    expect(first.getCell(12).numFmt).toBe('#,##0.00');
    expect(first.getCell(15).value).toBe(1_000_000);
    const total = sheet.getRow(9);
    expect(total.getCell(1).value).toBe('合计（6 户）');
    expect(total.getCell(12).value).toBe(6_123_400 + 30_000 + 5_000 + 480_000);
    // Hostile names come back as the text they are, in text cells; no cell anywhere holds a formula.
    HOSTILE.forEach((name, i) =>
      expect(sheet.getRow(4 + i).getCell(2)).toMatchObject({ value: name, type: ExcelJS.ValueType.String }),
    );
    const cells = cellsOf(out);
    expect(cells.filter(({ cell }) => cell.f !== undefined)).toEqual([]);
    expect(cells.find(({ ref }) => ref === 'B4')?.cell).toMatchObject({ t: 's', v: HOSTILE[0] });
    expect(audits()).toEqual([
      expect.objectContaining({
        actor: 'M01',
        template: 'customers',
        format: 'xlsx',
        full: false,
        rows: 6,
        outcome: 'written',
      }),
    ]);
  });

  it('exports full personal data only with a reason, audited', async () => {
    await expect(exportTo('x.xlsx', { full: true })).rejects.toThrow('须写明原因');
    const { out } = await exportTo('full.xlsx', { full: true, reason: '总行反洗钱核查' });
    const sheet = (await readBack(out)).getWorksheet('客户明细') as ExcelJS.Worksheet;
    expect(sheet.getRow(3).getCell(5).value).toBe('110105198005101234');
    expect(String(sheet.getCell('A1').value)).toContain('含完整个人信息');
    expect(audits().pop()).toMatchObject({ full: true, reason: '总行反洗钱核查', outcome: 'written' });
  });

  it('writes CSV with a BOM, exact money, IDs as text and formula-like text made inert', async () => {
    const { out } = await exportTo('客户明细.csv', { format: 'csv' });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '客户编号,姓名,性别,出生日期,证件号码,手机号,客户经理工号,客户经理,开户日期,客户层级,层级状态,金融资产月日均（元）,储蓄存款（元）,其中活期（元）,理财（元）,基金（元）,保险（元）,其他（元）',
    );
    expect(lines[1]).toBe(
      '0510000001,王芳,女,1980-05-10,110105********1234,138****5678,M01,周文静,2010-03-01,私人银行客户,正常,6123400.00,5123400.00,,1000000.00,0.00,0.00,0.00',
    );
    expect(lines[2].split(',').slice(0, 2)).toEqual(['0510000002', `"'=HYPERLINK(""http://x""`]);
    expect(lines[3]).toMatch(/^0510000003,'@SUM\(A1\),/);
    expect(lines[4]).toMatch(/^0510000004,'\+1,/);
    expect(lines[5]).toMatch(/^0510000005,'\t制表开头,/);
    expect(lines[6]).toMatch(/^0510000006,'-2\+3,/);
    expect(lines[7]).toBe('合计（6 户）,,,,,,,,,,,6638400.00,5638400.00,0.00,1000000.00,0.00,0.00,0.00');
  });

  it('writes CSV in GBK on request, and counts characters GBK lacks', async () => {
    ctx.store.sqlite.prepare("UPDATE customers SET name = '王芳😀' WHERE customer_no = '0510000001'").run();
    const out = path.join(dir, 'gbk.csv');
    const result = await exportReport(ctx, request({ format: 'csv', encoding: 'gbk' }), WHOLE_BRANCH, out, control());
    expect(result.unencodable).toBe(1);
    const text = new TextDecoder('gbk').decode(readFileSync(out));
    expect(text.split('\r\n')[1]).toMatch(/^0510000001,王芳\?,女,/);
  });

  it('writes CSV in GB18030 on request: rare name characters and emoji survive, nothing replaced', async () => {
    ctx.store.sqlite.prepare("UPDATE customers SET name = '王䶮㛃😀' WHERE customer_no = '0510000001'").run();
    const out = path.join(dir, 'gb18030.csv');
    const result = await exportReport(
      ctx,
      request({ format: 'csv', encoding: 'gb18030' }),
      WHOLE_BRANCH,
      out,
      control(),
    );
    expect(result.unencodable).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 2)]).not.toEqual([0xef, 0xbb]); // no UTF-8 byte order mark
    expect(new TextDecoder('gb18030').decode(bytes).split('\r\n')[1]).toMatch(/^0510000001,王䶮㛃😀,女,/);
  });

  it('leaves no file when the path cannot be written, or for a month without data, and audits the failure', async () => {
    await expect(
      exportReport(ctx, request(), WHOLE_BRANCH, path.join(dir, 'missing', 'x.xlsx'), control()),
    ).rejects.toThrow(/无法写入 .*x\.xlsx/);
    await expect(exportTo('y.xlsx', { month: '2023-12' })).rejects.toThrow('2023-12 没有资产数据');
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
    expect(audits().map((a) => a.outcome)).toEqual(['failed', 'failed']);
  });

  it('stops when cancelled midway and leaves no file', async () => {
    seedBranch(
      ctx.store,
      Array.from({ length: 6_000 }, (_, i) => ({ customer_no: `C${i}`, assets: { [MONTH]: WAN } })),
      [],
    );
    const controller = new AbortController();
    const out = path.join(dir, '大表.xlsx');
    const abortOnExport = {
      signal: controller.signal,
      report: (phase: string) => phase === 'export' && controller.abort(),
    };
    await expect(exportReport(ctx, request(), WHOLE_BRANCH, out, abortOnExport)).rejects.toThrow('已取消');
    expect(readdirSync(dir)).toEqual([]);
    expect(audits()).toEqual([expect.objectContaining({ outcome: 'cancelled', rows: 5_000 })]);
  });
});

describe('the other templates', () => {
  it('月度分层报表: tier summary, statuses, migration matrix, warnings, retention results', async () => {
    const { out } = await exportTo('月度.xlsx', { template: 'monthly' });
    const workbook = await readBack(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '层级汇总',
      '层级状态',
      '层级迁移（户数）',
      '层级迁移（本月月日均）',
      '防降级预警',
      '保级成效',
    ]);
    const overview = getTierOverview(ctx, MONTH);
    const summary = workbook.getWorksheet('层级汇总') as ExcelJS.Worksheet;
    overview.tiers.forEach((t, i) => {
      const row = summary.getRow(3 + i);
      expect([row.getCell(1).value, row.getCell(4).value, row.getCell(6).value, row.getCell(8).value]).toEqual([
        t.code,
        t.count,
        (t.aumFen as number) / WAN,
        t.previousCount,
      ]);
    });
    const totals = summary.getRow(3 + overview.tiers.length);
    expect(totals.getCell(1).value).toBe('合计');
    expect(totals.getCell(4).value).toBe(4); // customers with data in February
    expect(totals.getCell(5).value).toBeCloseTo(1, 10);
    expect(summary.getCell('F3').numFmt).toBe('#,##0.00');
    const matrix = workbook.getWorksheet('层级迁移（户数）') as ExcelJS.Worksheet;
    expect(String(matrix.getCell('A1').value)).toContain('2024-01 → 2024-02');
    const matrixTotal = matrix.getRow(matrix.rowCount);
    expect(matrixTotal.getCell(matrix.columnCount).value).toBe(4); // assessed in either month
    const warnings = workbook.getWorksheet('防降级预警') as ExcelJS.Worksheet;
    const expected = getWarnings(ctx, { month: MONTH, offset: 0, limit: 500 });
    expect(warnings.rowCount).toBe(2 + expected.total + 1);
    expect(warnings.getRow(3).getCell(1).value).toBe(expected.rows[0].customerNo);
    expect(warnings.getRow(3).getCell(8).value).toBe((expected.rows[0].amountNeededFen as number) / 100);
    expect(workbook.getWorksheet('保级成效')?.getRow(2).getCell(3).value).toBe('预警客户');
    expect(cellsOf(out).filter(({ cell }) => cell.f !== undefined)).toEqual([]);
  });

  it('群体特征: every dimension of a segment with a 合计 row, then its concentration', async () => {
    const { out } = await exportTo('群体.xlsx', { template: 'groups', segment: { thresholdFen: 2 * WAN } });
    const workbook = await readBack(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '资产区间',
      '年龄',
      '性别',
      '职业',
      '年收入',
      '风险等级',
      '开户年限',
      '客户经理',
      '适当性',
      '家庭人数',
      '家庭角色',
      '集中度',
      '洛伦兹曲线',
    ]);
    const report = await getGroupReport(ctx, { month: MONTH, dimension: 'gender', thresholdFen: 2 * WAN });
    const sheet = workbook.getWorksheet('性别') as ExcelJS.Worksheet;
    expect(String(sheet.getCell('A1').value)).toContain('月日均≥2万（3 户');
    report.rows.forEach((r, i) =>
      expect([
        sheet.getRow(3 + i).getCell(1).value,
        sheet.getRow(3 + i).getCell(2).value,
        sheet.getRow(3 + i).getCell(4).value,
      ]).toEqual([r.label, r.count, (r.aumFen as number) / WAN]),
    );
    const total = sheet.getRow(3 + report.rows.length);
    expect([total.getCell(1).value, total.getCell(2).value]).toEqual(['合计', 3]);
    expect(sheet.getCell('C3').numFmt).toBe('0.0%');
    const pareto = workbook.getWorksheet('集中度') as ExcelJS.Worksheet;
    expect(pareto.getRow(3).getCell(2).value).toBeCloseTo(report.pareto[0].aumShare, 10);
  });

  it('客户列表: the list with its filter and order as shown, masked unless full', async () => {
    const filter = { aumMinFen: 1 * WAN };
    const sort = { field: 'aum', direction: 'desc' } as const;
    const { out } = await exportTo('列表.csv', { template: 'list', format: 'csv', filter, sort });
    const lines = readFileSync(out, 'utf8').slice(1).split('\r\n');
    expect(lines[0].startsWith('客户编号,姓名,性别,年龄,月日均（元）,层级')).toBe(true);
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['0510000001', '0510000006', '0510000002']);
    expect(lines[2]).toContain('139****1111');
    expect(lines[4]).toBe('合计（3 户）,,,,6633400.00,,,,,,,,');
    const full = await exportTo('列表全.csv', {
      template: 'list',
      format: 'csv',
      filter,
      sort,
      full: true,
      reason: '客户本人申请',
    });
    expect(readFileSync(full.out, 'utf8')).toContain('13900001111,110105199001011237');
  });

  it('投诉统计: the complaints of the 12 months to the month with their handling, and the analysis tables', async () => {
    const { id } = await registerComplaint(ctx, {
      receivedAt: '2024-02-05',
      channel: 'hotline',
      category: 'fee',
      customerNo: '0510000001',
      involvedStaffCode: null,
      description: '年费扣收有误',
      demand: null,
      severity: 'low',
      regulatorReferred: true,
      staffCode: 'M01',
    });
    transitionComplaint(ctx, { complaintId: id, to: 'accepted', date: '2024-02-05', staffCode: 'M01' });
    transitionComplaint(ctx, {
      complaintId: id,
      to: 'replied',
      date: '2024-02-08',
      reply: '已退还年费',
      staffCode: 'M01',
    });
    const { out } = await exportTo('投诉.xlsx', { template: 'complaints' });
    const workbook = await readBack(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '投诉记录',
      '按月份',
      '按类别',
      '按渠道',
      '按客户经理',
      '重复投诉',
    ]);
    const log = workbook.getWorksheet('投诉记录') as ExcelJS.Worksheet;
    expect(String(log.getCell('A1').value)).toContain('2023-03 至 2024-02 收到');
    expect(log.getRow(3).values).toEqual([
      undefined,
      'TS2024020001',
      new Date('2024-02-05T00:00:00Z'),
      '0510000001',
      '王芳',
      '周文静',
      '收费',
      '客服热线',
      '是',
      '已答复',
      new Date('2024-02-05T00:00:00Z'),
      new Date('2024-02-20T00:00:00Z'),
      new Date('2024-02-08T00:00:00Z'),
      3,
      '是',
      undefined,
      0,
    ]);
    expect(workbook.getWorksheet('按类别')?.getRow(3).values).toEqual([undefined, '收费', 1]);
  });

  it('审计日志: the entries of the 12 months to the month with their chain links, the export itself recorded after', async () => {
    await exportTo('先导出.xlsx', { template: 'monthly' });
    const { out, result } = await exportTo('审计.xlsx', { template: 'audit', month: '2024-04' }); // the test clock's month
    const sheet = (await readBack(out)).getWorksheet('审计日志') as ExcelJS.Worksheet;
    expect(String(sheet.getCell('A1').value)).toContain('审计日志 2024年4月（2023-05 至 2024-04）');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '序号',
      '时间',
      '工号',
      '姓名',
      '操作',
      '操作代码',
      '对象',
      '详情',
      '详情原文',
      '链校验值',
    ]);
    const rows = Array.from({ length: result.rows }, (_, i) => sheet.getRow(3 + i).values as unknown[]);
    const exported = rows.find((r) => r[6] === 'exports.report') as unknown[];
    expect(exported.slice(3, 6)).toEqual(['M01', '周文静', '导出报表']);
    expect(exported[8]).toMatch(/^模板：monthly；格式：xlsx；文件：先导出\.xlsx；完整个人信息：否；/);
    expect(JSON.parse(String(exported[9]))).toMatchObject({ template: 'monthly', format: 'xlsx', full: false });
    expect(String(exported[10])).toMatch(/^[0-9a-f]{64}$/);
    expect(audits().at(-1)).toMatchObject({ template: 'audit', outcome: 'written', rows: result.rows });
  });

  it('关怀名单: the care dates of the period with the mobile to call, masked unless full', async () => {
    const care = { from: '2024-05-08', to: '2024-05-14', kinds: ['birthday' as const] };
    const { out, result } = await exportTo('关怀.xlsx', { template: 'callList', month: '2024-05', care });
    expect(result.rows).toBe(1);
    const sheet = (await readBack(out)).getWorksheet('关怀名单') as ExcelJS.Worksheet;
    expect(String(sheet.getCell('A1').value)).toContain(
      '关怀名单 2024年5月 2024-05-08 至 2024-05-14（个人信息已脱敏）',
    );
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      new Date('2024-05-10T00:00:00Z'),
      '生日',
      '44 岁生日',
      '0510000001',
      '王芳',
      '私人银行客户',
      '周文静',
      '138****5678',
    ]);
    const full = await exportTo('关怀-完整.xlsx', {
      template: 'callList',
      month: '2024-05',
      care,
      full: true,
      reason: '生日关怀外呼',
    });
    expect((await readBack(full.out)).getWorksheet('关怀名单')?.getRow(3).getCell(8).value).toBe('13812345678');
  });

  it('refuses a full export of a report without personal data, and one without its segment', async () => {
    const { ExportRequestSchema } = await import('../../../shared/schemas/exports');
    expect(
      ExportRequestSchema.safeParse({
        ...request({ template: 'monthly', full: true, reason: '核查' }),
        staffCode: undefined,
      }).error?.issues[0].message,
    ).toContain('不含个人信息');
    expect(
      ExportRequestSchema.safeParse({ ...request({ template: 'groups' }), staffCode: undefined }).error?.issues[0]
        .message,
    ).toContain('须选择一个层级或门槛');
  });

  it('holds a finished export under a token for the user to fetch, in a private folder', async () => {
    const result = await exportForDownload(ctx, request({ template: 'monthly' }), WHOLE_BRANCH, control());
    expect(result).toMatchObject({ fileName: '月度分层报表-2024-02.xlsx', rows: expect.any(Number) });
    // Only whoever exported it may fetch it: a token alone proves nothing.
    expect(() => ctx.downloads.get(result.token, 'T01')).toThrow('已过期');
    const held = ctx.downloads.get(result.token, 'M01');
    expect(existsSync(held.file)).toBe(true);
    const target = path.join(dir, '保存.xlsx');
    ctx.downloads.saveAs(result.token, 'M01', target);
    expect(existsSync(target)).toBe(true);
    expect(existsSync(held.file)).toBe(false);
    expect(() => ctx.downloads.get(result.token, 'M01')).toThrow('已过期');
    ctx.downloads.dispose();
  });
});

const soffice = spawnSync('soffice', ['--version']).status === 0;

describe.skipIf(!soffice)('read back by LibreOffice', () => {
  it('converts 客户明细 to CSV with text IDs, money and dates as written', async () => {
    const { out } = await exportTo('客户明细.xlsx');
    execFileSync(
      'soffice',
      ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, out],
      { timeout: 120_000 },
    );
    const lines = readFileSync(path.join(dir, '客户明细.csv'), 'utf8').split(/\r?\n/);
    expect(lines[2]).toMatch(/^0510000001,王芳,女,1980-05-10,110105\*{8}1234,/);
    expect(lines[3]).toContain('=HYPERLINK');
  });
});
