import { auditActionName, auditDetailText } from '../../../../shared/audit-words';
import { addMonths } from '../../../../shared/month';
import { type ExportRequest } from '../../../../shared/schemas/exports';
import { staffNames } from '../../trust/staff';
import { type ReportSheet } from '../write-report';
import { type CoreContext } from '../../platform/context';
import { listAuditRowsBetween } from '../exports-repository';
import { col, fixedSheet } from '../sheets';

/** 审计日志: every entry of the 12 months to the month, oldest first, with its link in the chain. */
export function auditSheets(ctx: CoreContext, request: ExportRequest, title: string): ReportSheet[] {
  const fromMonth = addMonths(request.month, -11);
  const names = staffNames(ctx.store.sqlite);
  // The action and details in words beside the text the chain's hashes cover (docs/architecture.md, "Audit log").
  const rows = listAuditRowsBetween(ctx.store.sqlite, `${fromMonth}-01`, `${addMonths(request.month, 1)}-01`).map(
    ([id, at, actor, action, target, detail, hash]) => [
      id,
      at,
      actor,
      actor === null ? null : (names.get(actor as string) ?? null),
      auditActionName(action as string, 'zh'),
      action,
      target,
      auditDetailText(detail as string | null, 'zh'),
      detail,
      hash,
    ],
  );
  return [
    fixedSheet(
      {
        name: '审计日志',
        title: `${title}（${fromMonth} 至 ${request.month}）`,
        columns: [
          col('序号', 8, 'int'),
          col('时间', 22, 'text'),
          col('工号', 10, 'text'),
          col('姓名', 10, 'string'),
          col('操作', 20, 'string'),
          col('操作代码', 22, 'text'),
          col('对象', 16, 'text'),
          col('详情', 60, 'string'),
          col('详情原文', 40, 'text'),
          col('链校验值', 66, 'text'),
        ],
      },
      rows,
    ),
  ];
}
