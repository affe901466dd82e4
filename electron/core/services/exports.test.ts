import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { exportCustomerDetail, type CustomerExportRequest } from './exports';
import { recomputeTiers } from './tier-recompute';

const WAN = 1_000_000;
const MONTH = '2024-02';
let ctx: ReturnType<typeof createTestContext>;
let dir: string;

beforeEach(async () => {
  ctx = createTestContext();
  dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-export-'));
  seedBranch(ctx.store, [
    { customer_no: '0510000001', name: '王芳', gender: 'F', birth_date: '1980-05-10', id_number: '110105198005101234', mobile: '13812345678', manager_code: 'M01', opened_date: '2010-03-01', assets: { '2024-01': 700 * WAN, [MONTH]: 612.34 * WAN }, wealth: { [MONTH]: 100 * WAN } },
    { customer_no: '0510000002', name: '=HYPERLINK("http://x","点我")', assets: { [MONTH]: 3 * WAN } },
    { customer_no: '0510000003', name: '@SUM(A1)', assets: { [MONTH]: 0.5 * WAN } },
    { customer_no: '0510000004', name: '+1' },
    { customer_no: '0510000005', name: '\t制表开头' },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const control = (signal = new AbortController().signal) => ({ signal, report: () => undefined });
const request = (over: Partial<CustomerExportRequest> = {}): CustomerExportRequest => ({ month: MONTH, out: path.join(dir, '客户明细.xlsx'), full: false, reason: null, staffCode: 'M01', ...over });

async function readBack(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.getWorksheet('客户明细') as ExcelJS.Worksheet;
}

describe('客户明细 export', () => {
  it('writes a title, a frozen header, text IDs, numbers in 元, real dates, a 合计 row, masked personal data', async () => {
    const result = await exportCustomerDetail(ctx, request(), control());
    expect(result.rows).toBe(5);
    const sheet = await readBack(result.file);
    expect(String(sheet.getCell('A1').value)).toContain(`客户明细 ${MONTH}（个人信息已脱敏）`);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(2).getCell(1).value).toBe('客户编号');
    const first = sheet.getRow(3);
    expect(first.getCell(1)).toMatchObject({ value: '0510000001', type: ExcelJS.ValueType.String });
    expect(first.getCell(5).value).toBe('110105********1234');
    expect(first.getCell(6).value).toBe('138****5678');
    expect(first.getCell(4).value).toEqual(new Date('1980-05-10T00:00:00Z'));
    expect(first.getCell(10).value).toBe('私人银行客户');
    expect(first.getCell(11).value).toBe('正常');
    expect(first.getCell(12)).toMatchObject({ value: 6_123_400, type: ExcelJS.ValueType.Number });
    expect(first.getCell(12).numFmt).toBe('#,##0.00');
    expect(first.getCell(15).value).toBe(1_000_000);
    const total = sheet.getRow(8);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(12).value).toBe(6_123_400 + 30_000 + 5_000);
    // Nothing anywhere is a formula; hostile names come back as the text they are.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(sheet.getRow(4).getCell(2)).toMatchObject({ value: '=HYPERLINK("http://x","点我")', type: ExcelJS.ValueType.String });
    expect(sheet.getRow(5).getCell(2).value).toBe('@SUM(A1)');
    expect(sheet.getRow(6).getCell(2).value).toBe('+1');
    expect(sheet.getRow(7).getCell(2).value).toBe('\t制表开头');
    const audit = ctx.store.sqlite.prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'exports.customers'").get() as { actor: string; detail: string };
    expect(audit.actor).toBe('M01');
    expect(JSON.parse(audit.detail)).toMatchObject({ full: false, rows: 5, outcome: 'written' });
  });

  it('exports full personal data only with a reason, audited', async () => {
    await expect(exportCustomerDetail(ctx, request({ full: true }), control())).rejects.toThrow('须写明原因');
    const result = await exportCustomerDetail(ctx, request({ full: true, reason: '总行反洗钱核查' }), control());
    const sheet = await readBack(result.file);
    expect(sheet.getRow(3).getCell(5).value).toBe('110105198005101234');
    expect(String(sheet.getCell('A1').value)).toContain('含完整个人信息');
    const detail = JSON.parse(ctx.store.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'exports.customers' ORDER BY id DESC").pluck().get() as string);
    expect(detail).toMatchObject({ full: true, reason: '总行反洗钱核查', outcome: 'written' });
  });

  it('leaves no file when the path cannot be written, when cancelled, or for a month without data', async () => {
    await expect(exportCustomerDetail(ctx, request({ out: path.join(dir, 'missing', 'x.xlsx') }), control())).rejects.toThrow(/无法写入 .*x\.xlsx/);
    await expect(exportCustomerDetail(ctx, request({ month: '2023-12' }), control())).rejects.toThrow('2023-12 没有资产数据');
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(existsSync(path.join(dir, 'missing'))).toBe(false);
    const outcomes = ctx.store.sqlite.prepare("SELECT json_extract(detail, '$.outcome') FROM audit_log WHERE action = 'exports.customers' ORDER BY id").pluck().all();
    expect(outcomes).toEqual(['failed']);
  });

  it('stops when cancelled midway and leaves no file', async () => {
    seedBranch(ctx.store, Array.from({ length: 6_000 }, (_, i) => ({ customer_no: `C${i}`, assets: { [MONTH]: WAN } })), []);
    const controller = new AbortController();
    const out = path.join(dir, '大表.xlsx');
    await expect(exportCustomerDetail(ctx, request({ out }), { signal: controller.signal, report: () => controller.abort() })).rejects.toThrow('已取消');
    expect(readdirSync(dir)).toEqual([]);
    const detail = JSON.parse(ctx.store.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'exports.customers'").pluck().get() as string);
    expect(detail).toMatchObject({ outcome: 'cancelled', rows: 5_000 });
  });
});
