import { randomBytes } from 'node:crypto';
import { createWriteStream, openSync, rmSync, renameSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import { TIER_STATUS_NAMES, TIER_STATUSES } from '../../../shared/schemas/tiers';
import { appendAudit } from '../db/repositories/audit';
import { getBranchSetting } from '../db/repositories/branch';
import { maskIdNumber, maskMobile } from '../engine/masking';
import { pause, type JobControl } from '../jobs';
import type { CoreContext } from './context';
import { tierNames } from './tier-history';
import { rulesForMonth, tierSnapshotOf } from './tiers';
import { snapshotSlot } from '../db/repositories/tier-snapshots';

export interface CustomerExportRequest {
  month: string;
  /** The file to write (replaced only once the new one is complete). */
  out: string;
  /** Unmasked ID numbers and mobiles: needs a reason, audited. */
  full: boolean;
  reason: string | null;
  staffCode: string | null;
}

const YUAN = '#,##0.00';
const TEXT = '@';
const DATE = 'yyyy-mm-dd';
/** Rows between progress reports and pauses (cancel checks). */
const STEP = 5_000;

/** 客户明细's columns: header, width, and how the cell is written. */
const COLUMNS: Array<{ header: string; width: number; format?: string }> = [
  { header: '客户编号', width: 14, format: TEXT },
  { header: '姓名', width: 10 },
  { header: '性别', width: 6 },
  { header: '出生日期', width: 12, format: DATE },
  { header: '证件号码', width: 20, format: TEXT },
  { header: '手机号', width: 14, format: TEXT },
  { header: '客户经理工号', width: 12, format: TEXT },
  { header: '客户经理', width: 10 },
  { header: '开户日期', width: 12, format: DATE },
  { header: '客户层级', width: 12 },
  { header: '层级状态', width: 10 },
  { header: '金融资产月日均（元）', width: 18, format: YUAN },
  { header: '储蓄存款（元）', width: 16, format: YUAN },
  { header: '其中活期（元）', width: 16, format: YUAN },
  { header: '理财（元）', width: 16, format: YUAN },
  { header: '基金（元）', width: 16, format: YUAN },
  { header: '保险（元）', width: 16, format: YUAN },
  { header: '其他（元）', width: 16, format: YUAN },
];
const MONEY_FROM = 11;

/** A `YYYY-MM-DD` as a real date (UTC midnight, so Excel shows that day). */
const toDate = (text: string | null) => (text ? new Date(`${text}T00:00:00Z`) : null);
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

function cannotWrite(out: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('VALIDATION', `无法写入 ${out}：${reason}。请换一个位置。`, `Cannot write ${out}: ${reason}. Choose another location.`, { field: 'out' });
}

/**
 * 客户明细 (template b): one row per customer with the month's tier, status and assets in 元; customer numbers, ID
 * numbers and mobiles as text; personal data masked unless `full` (with a reason). Written with exceljs's streaming
 * writer to a temporary name beside `out`, renamed when complete; on failure or cancel nothing is left behind.
 * Every export, also a failed one, is in the audit log.
 */
export async function exportCustomerDetail(ctx: CoreContext, request: CustomerExportRequest, control: JobControl): Promise<{ rows: number; file: string }> {
  if (request.full && (request.reason ?? '').trim().length < 2) {
    throw new AppError('VALIDATION', '导出完整个人信息须写明原因（至少 2 个字）。', 'A full export needs a reason.', { field: 'reason' });
  }
  const snapshot = tierSnapshotOf(ctx, request.month);
  if (!snapshot || !snapshot.aumFen.some((v) => !Number.isNaN(v))) {
    throw new AppError('NOT_FOUND', `${request.month} 没有资产数据，无法导出客户明细。`, `${request.month} has no asset data.`, { field: 'month' });
  }
  const { sqlite, db } = ctx.store;
  const audit = (outcome: string, rows: number) =>
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: request.staffCode,
      action: 'exports.customers',
      target: request.month,
      detail: { file: path.basename(request.out), full: request.full, reason: request.reason, rows, outcome },
    });
  const temp = path.join(path.dirname(request.out), `.${path.basename(request.out)}.${randomBytes(4).toString('hex')}.part`);
  let rows = 0;
  let stream: WriteStream | null = null;
  try {
    const total = sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    const branch = (await getBranchSetting(db, 'branch_name')) ?? '';
    const names = tierNames(rulesForMonth(ctx, request.month));
    // Opened here, so a folder that does not exist or cannot be written fails at once, not inside the writer.
    try {
      stream = createWriteStream('', { fd: openSync(temp, 'wx') });
    } catch (error) {
      throw cannotWrite(request.out, error);
    }
    let streamError: unknown = null;
    stream.on('error', (error) => (streamError = error));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('客户明细', { views: [{ state: 'frozen', ySplit: 2 }] });
    sheet.columns = COLUMNS.map((c) => ({ width: c.width, style: c.format ? { numFmt: c.format } : {} }));
    const title = sheet.addRow([`${branch} 客户明细 ${request.month}${request.full ? '（含完整个人信息）' : '（个人信息已脱敏）'}`]);
    title.font = { bold: true, size: 13 };
    sheet.mergeCells(1, 1, 1, COLUMNS.length);
    title.commit();
    const header = sheet.addRow(COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();

    // In steps of customers by id (no statement stays open across a pause: other calls share the connection).
    const customers = sqlite.prepare(
      `SELECT c.id, c.customer_no, c.name, c.gender, c.birth_date, c.id_number, c.mobile, c.manager_code, s.name AS manager_name, c.opened_date
       FROM customers c LEFT JOIN staff s ON s.code = c.manager_code WHERE c.id > ? ORDER BY c.id LIMIT ${STEP}`,
    );
    const assets = sqlite.prepare(
      `SELECT customer_id, aum_avg, deposit_avg, demand_avg, wealth_avg, fund_avg, insurance_avg, other_avg FROM monthly_assets
       WHERE month = ? AND customer_id BETWEEN ? AND ?`,
    );
    const sums = new Array<number>(COLUMNS.length - MONEY_FROM).fill(0);
    for (let after = 0; ; ) {
      const chunk = customers.raw().all(after) as Array<Array<string | number | null>>;
      if (chunk.length === 0) break;
      after = chunk[chunk.length - 1][0] as number;
      const partsOf = new Map((assets.raw().all(request.month, chunk[0][0], after) as Array<Array<number | null>>).map((r) => [r[0] as number, r.slice(1)]));
      for (const c of chunk) {
        const id = c[0] as number;
        const slot = snapshotSlot(snapshot, id);
        const tier = slot >= 0 && snapshot.tier[slot] >= 0 ? snapshot.tierCodes[snapshot.tier[slot]] : null;
        const status = slot >= 0 ? TIER_STATUSES[snapshot.status[slot]] : 'missing';
        const idNumber = c[5] as string | null;
        const mobile = c[6] as string | null;
        const money = (partsOf.get(id) ?? []).map((fen) => yuan(fen));
        money.forEach((v, i) => (sums[i] += v ?? 0));
        sheet
          .addRow([
            c[1],
            c[2],
            c[3] === 'M' ? '男' : c[3] === 'F' ? '女' : null,
            toDate(c[4] as string | null),
            idNumber && !request.full ? maskIdNumber(idNumber) : idNumber,
            mobile && !request.full ? maskMobile(mobile) : mobile,
            c[7],
            c[8],
            toDate(c[9] as string | null),
            tier ? (names.get(tier) ?? tier) : null,
            TIER_STATUS_NAMES[status],
            ...money,
          ])
          .commit();
      }
      rows += chunk.length;
      control.report('write', rows, total);
      await pause(control.signal);
    }
    const totals = sheet.addRow(['合计', `${rows} 位`, ...new Array<null>(MONEY_FROM - 2).fill(null), ...sums.map((v) => Math.round(v * 100) / 100)]);
    totals.font = { bold: true };
    totals.commit();
    sheet.commit();
    await workbook.commit();
    if (streamError) throw cannotWrite(request.out, streamError);
    try {
      renameSync(temp, request.out);
    } catch (error) {
      throw cannotWrite(request.out, error);
    }
    audit('written', rows);
    return { rows, file: request.out };
  } catch (error) {
    // Closed before it is removed (an open file cannot be deleted on Windows).
    stream?.destroy();
    rmSync(temp, { force: true });
    audit(error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'failed', rows);
    if (error instanceof AppError) throw error;
    throw cannotWrite(request.out, error);
  }
}
