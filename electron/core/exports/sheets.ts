/** What every report template builds its sheets with: columns, the small-sheet helper, the template's shape. */
import { AppError } from '../../../shared/errors';
import { formatMonthTitle } from '../../../shared/format';
import { isPersonalTemplate, REPORT_TEMPLATE_NAMES, type ExportRequest } from '../../../shared/schemas/exports';
import { type CellValue, type ReportColumn, type SheetSpec } from './report-writer';
import { type CustomerView } from '../trust/access-scope';
import { type ReportSheet } from './write-report';
import { type CoreContext } from '../platform/context';

/** Rows read and sent to the writer at a time (between them, other calls run and a cancel is noticed). */
export const STEP = 5_000;

/** The customer list's page size (its largest). */
export const LIST_PAGE = 500;

export const col = (
  header: string,
  width: number,
  kind: ReportColumn['kind'],
  sum = false,
  customer?: ReportColumn['customer'],
): ReportColumn => ({ header, width, kind, sum, ...(customer ? { customer } : {}) });

/** The customer's number and name, the first two columns of every customer sheet. */
export const customerNoColumn = col('客户编号', 14, 'text', false, 'number');

export const customerNameColumn = (header = '姓名') => col(header, 10, 'string', false, 'name');

/** An amount of the customer's own (hidden from tellers), in 元. */
export const balance = (header: string, sum = false) => col(header, 16, 'yuan', sum, 'balance');

export const gender = (g: string | null) => (g === 'M' ? '男' : g === 'F' ? '女' : null);

export function noData(month: string): AppError {
  return new AppError('NOT_FOUND', `${month} 没有资产数据，无法导出。`, `${month} has no asset data to export.`, {
    field: 'month',
  });
}

/** The title row: branch, report, month, and whether personal data is masked. */
export function titleOf(branch: string, request: ExportRequest, extra = ''): string {
  const masking = isPersonalTemplate(request.template)
    ? request.full
      ? '（含完整个人信息）'
      : '（个人信息已脱敏）'
    : '';
  return (
    [branch, REPORT_TEMPLATE_NAMES[request.template], formatMonthTitle(request.month), extra]
      .filter(Boolean)
      .join(' ') + masking
  );
}

/**
 * A small sheet whose rows are all known. A column with a figure not shown (a group too small to show this viewer its
 * money) has no total: the sum of the rest would pass for the whole.
 */
export const fixedSheet = (spec: SheetSpec, rows: CellValue[][]): ReportSheet => ({
  spec: {
    ...spec,
    columns: spec.columns.map((c, i) => (c.sum && rows.some((row) => row[i] === null) ? { ...c, sum: false } : c)),
  },
  expectedRows: rows.length,
  chunks: [rows],
});

/**
 * Each template's sheets (`view`: whose rows and how masked; `title`: the title row; `branch`: the branch's name, for
 * templates that title their own).
 */
export type Template = (
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  title: string,
  branch: string,
) => ReportSheet[] | Promise<ReportSheet[]>;
