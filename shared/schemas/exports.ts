import { z } from 'zod';
import { ANYONE, NOT_TELLER, SETTINGS } from '../roles';
import { MonthSchema, type StaffRole, ActorSchema } from './common';
import { CustomerFilterSchema, CustomerSortSchema } from './customer';
import { GroupSegmentSchema } from './groups';
import { CareQuerySchema } from './workbench';

/** The head-office report templates. */
export const REPORT_TEMPLATES = [
  'monthly',
  'customers',
  'groups',
  'list',
  'complaints',
  'audit',
  'callList',
  'suitability',
  'handover',
  'benefits',
  'loyalty',
] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];
export const REPORT_TEMPLATE_NAMES: Record<ReportTemplate, string> = {
  monthly: '月度分层报表',
  customers: '客户明细',
  groups: '群体特征',
  list: '客户列表',
  complaints: '投诉统计',
  audit: '审计日志',
  callList: '关怀名单',
  suitability: '适当性检查',
  handover: '交接清单',
  benefits: '客户权益分析',
  loyalty: '积分分析',
};

/**
 * Each template declared like a channel: who may export it, whether it holds branch aggregates (tier counts and
 * 月日均 totals) and customer rows (narrowed to a 客户经理's book unless the branch view is on, masked for tellers),
 * and whether it holds ID numbers and mobiles (`personal`: masked unless exported in full with a reason).
 */
export const REPORT_TEMPLATE_SPECS: Record<
  ReportTemplate,
  { roles: readonly StaffRole[]; aggregates: boolean; rows: boolean; personal: boolean }
> = {
  monthly: { roles: ANYONE, aggregates: true, rows: true, personal: false },
  customers: { roles: NOT_TELLER, aggregates: false, rows: true, personal: true },
  groups: { roles: ANYONE, aggregates: true, rows: false, personal: false },
  list: { roles: NOT_TELLER, aggregates: false, rows: true, personal: true },
  complaints: { roles: ANYONE, aggregates: false, rows: true, personal: false },
  // The log names customers only by number, for those who keep it.
  audit: { roles: SETTINGS, aggregates: false, rows: false, personal: false },
  callList: { roles: NOT_TELLER, aggregates: false, rows: true, personal: true },
  // Counts per manager are of the exporting 客户经理's own book where narrowed; no amounts.
  suitability: { roles: ANYONE, aggregates: false, rows: true, personal: false },
  // A handover's customers for both managers to sign: the branch manager's, as the handover is.
  handover: { roles: ['branch_manager'], aggregates: false, rows: true, personal: false },
  // Counts per tier are of the exporting 客户经理's own book where narrowed; no amounts.
  benefits: { roles: ANYONE, aggregates: false, rows: true, personal: false },
  // The branch's points per tier and month: the plan's keepers', as its screen is.
  loyalty: { roles: SETTINGS, aggregates: true, rows: false, personal: false },
};
/** Templates with ID numbers and mobiles (masked unless exported in full, with a reason). */
export const isPersonalTemplate = (template: ReportTemplate): boolean => REPORT_TEMPLATE_SPECS[template].personal;

/** The encodings a CSV export is written in. */
export const CSV_ENCODINGS = ['utf8', 'gb18030', 'gbk'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export const ExportRequestSchema = z
  .strictObject({
    template: z.enum(REPORT_TEMPLATES),
    month: MonthSchema,
    format: z.enum(['xlsx', 'csv']),
    /** CSV only: UTF-8 with BOM (default), GB18030 (every character) or GBK for systems that insist on it. */
    encoding: z.enum(CSV_ENCODINGS),
    /** Unmasked ID numbers and mobiles: needs a reason, which is audited. */
    full: z.boolean(),
    reason: z.string().trim().max(200, '原因最多 200 个字').nullable(),
    /** 群体特征: the segment (a tier or 月日均 ≥ X) and its AUM bands. */
    segment: GroupSegmentSchema.optional(),
    /** 客户列表: the list's filter and order, as shown. */
    filter: CustomerFilterSchema.optional(),
    sort: CustomerSortSchema.optional(),
    /** 关怀名单: the care calendar's period, book and kinds, as shown. */
    care: CareQuerySchema.optional(),
    /** 交接清单: the handover (default: the latest). */
    handoverId: z.number().int().positive().optional(),
    staffCode: ActorSchema,
  })
  .refine((r) => !r.full || (r.reason ?? '').length >= 2, {
    path: ['reason'],
    message: '导出完整个人信息须写明原因（至少 2 个字）',
  })
  .refine((r) => !r.full || isPersonalTemplate(r.template), {
    path: ['full'],
    message: '该报表不含个人信息，无需完整导出',
  })
  .refine((r) => r.template !== 'groups' || r.segment !== undefined, {
    path: ['segment'],
    message: '群体特征报表须选择一个层级或门槛',
  })
  .refine((r) => r.template !== 'list' || (r.filter !== undefined && r.sort !== undefined), {
    path: ['filter'],
    message: '客户列表导出须带上列表的筛选和排序',
  })
  .refine((r) => r.template !== 'callList' || r.care !== undefined, {
    path: ['care'],
    message: '关怀名单导出须带上日历的日期范围',
  });
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

export const ExportResultSchema = z.object({
  /** Fetch the file with it: `exports.save` (Electron's save dialog) or GET /download/TOKEN (browser mode). */
  token: z.string(),
  fileName: z.string(),
  rows: z.number().int(),
  /** CSV in GBK: characters GBK lacks (rare name characters, emoji), written as `?`. */
  unencodable: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;
