/**
 * Head-office report workbooks: 月度分层报表, 客户明细, 群体特征 and any customer list as shown, as xlsx or CSV.
 * Each template turns the services' figures into sheets (plain rows: money in 分, dates as text); the report worker
 * writes them. Each template reads only the rows of the exporting 客户经理's book where it is narrowed; every sheet's
 * customer rows are then narrowed and masked row by row (`protectSheet`): ID numbers and mobiles masked unless the
 * user exports in full with a reason, no balance for a teller. Every export, also a failed or cancelled one, is in
 * the audit log with what was exported.
 */
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  REPORT_TEMPLATE_NAMES,
  type ExportRequest,
  type ExportResult,
  type ReportTemplate,
} from '../../../shared/schemas/exports';
import { appendAudit } from '../platform/audit-log';
import { branchTitle, readProfile } from '../branch/profile';
import { type CustomerView } from '../trust/access-scope';
import { protectSheet } from './export-rows';
import { writeReport } from './write-report';
import { type JobControl } from '../platform/jobs';
import { type CoreContext } from '../platform/context';
import { titleOf, type Template } from './sheets';
import { customerDetailSheet } from './templates/customers';
import { monthlySheets } from './templates/monthly';
import { groupSheets } from './templates/groups';
import { listSheet } from './templates/list';
import { complaintSheets } from './templates/complaints';
import { callListSheet } from './templates/call-list';
import { auditSheets } from './templates/audit';
import { suitabilitySheets } from './templates/suitability';
import { handoverSheets } from './templates/handover';
import { benefitSheets } from './templates/benefits';
import { loyaltySheets } from './templates/loyalty';

/** Each template's sheets (`templates/<template>.ts`), by the request's template. */
const TEMPLATES: Record<ReportTemplate, Template> = {
  monthly: monthlySheets,
  customers: (ctx, request, view, title) => [customerDetailSheet(ctx, request, view, title)],
  groups: (ctx, request, view, _title, branch) => groupSheets(ctx, request, view, branch),
  list: async (ctx, request, view, title) => [await listSheet(ctx, request, view, title)],
  complaints: (ctx, request, _view, title) => complaintSheets(ctx, request, title),
  audit: (ctx, request, _view, title) => auditSheets(ctx, request, title),
  callList: (ctx, request, view, _title, branch) => [callListSheet(ctx, request, view, branch)],
  suitability: (ctx, request, view, title) => suitabilitySheets(ctx, request, view, title),
  handover: (ctx, request, _view, title) => handoverSheets(ctx, request, title),
  benefits: (ctx, request, view, title) => benefitSheets(ctx, request, view, title),
  loyalty: (ctx, request, _view, title) => loyaltySheets(ctx, request, title),
};

/** The name the file is offered under: `客户明细-2024-03.xlsx`. */
export function exportFileName(request: Pick<ExportRequest, 'template' | 'month' | 'format'>): string {
  return `${REPORT_TEMPLATE_NAMES[request.template]}-${request.month}.${request.format}`;
}

/**
 * Writes the report `request` asks for to `out` as `view` may see it (replaced only once the new file is complete;
 * nothing left on failure or cancel). Audited with what was exported, also when it fails.
 */
export async function exportReport(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  out: string,
  control: JobControl,
): Promise<{ rows: number; unencodable: number }> {
  if (request.full && (request.reason ?? '').trim().length < 2) {
    throw new AppError('VALIDATION', '导出完整个人信息须写明原因（至少 2 个字）。', 'A full export needs a reason.', {
      field: 'reason',
    });
  }
  const audit = (outcome: string, rows: number) =>
    appendAudit(ctx.store.sqlite, {
      at: ctx.now(),
      actor: request.staffCode,
      action: 'exports.report',
      target: request.month,
      detail: {
        template: request.template,
        format: request.format === 'csv' ? `csv-${request.encoding}` : 'xlsx',
        file: path.basename(out),
        full: request.full,
        reason: request.reason,
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.segment ? { segment: request.segment } : {}),
        rows,
        outcome,
      },
    });
  let rows = 0;
  try {
    const branch = branchTitle(readProfile(ctx));
    const title = titleOf(branch, request);
    control.report('read', 0, 0);
    const sheets = (await TEMPLATES[request.template](ctx, request, view, title, branch)).map((sheet) =>
      protectSheet(ctx, view, request.full, sheet),
    );
    const format = { format: request.format, encoding: request.encoding };
    const result = await writeReport(out, format, sheets, {
      signal: control.signal,
      report: (phase, done, total) => control.report(phase, (rows = done), total),
    });
    audit('written', result.rows);
    return result;
  } catch (error) {
    audit(error instanceof AppError && error.code === 'CANCELLED' ? 'cancelled' : 'failed', rows);
    throw error;
  }
}

/** The export job: the report written to the private downloads folder, held under a token for whoever exported it. */
export async function exportForDownload(
  ctx: CoreContext,
  request: ExportRequest,
  view: CustomerView,
  control: JobControl,
): Promise<ExportResult> {
  const fileName = exportFileName(request);
  const file = ctx.downloads.reserve(fileName);
  const { rows, unencodable } = await exportReport(ctx, request, view, file, control);
  return { token: ctx.downloads.add(file, fileName, request.staffCode), fileName, rows, unencodable };
}
