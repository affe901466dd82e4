import { z } from 'zod';
import { DateSchema } from './common';

export const COMPLAINT_STATUSES = ['registered', 'accepted', 'processing', 'replied', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_NAMES: Record<ComplaintStatus, string> = { registered: '登记', accepted: '受理', processing: '处理中', replied: '已答复', closed: '办结' };

export const COMPLAINT_CHANNELS = ['counter', 'phone', 'hotline', 'letter', 'online', 'regulator'] as const;
export const COMPLAINT_CHANNEL_NAMES: Record<(typeof COMPLAINT_CHANNELS)[number], string> = {
  counter: '柜面',
  phone: '电话',
  hotline: '客服热线',
  letter: '信函',
  online: '网络',
  regulator: '监管转办',
};

export const COMPLAINT_CATEGORIES = ['deposit', 'wealth', 'card', 'loan', 'fee', 'service', 'privacy', 'other'] as const;
export const COMPLAINT_CATEGORY_NAMES: Record<(typeof COMPLAINT_CATEGORIES)[number], string> = {
  deposit: '存款',
  wealth: '理财',
  card: '银行卡',
  loan: '贷款',
  fee: '收费',
  service: '服务态度',
  privacy: '信息安全',
  other: '其他',
};

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;

const StaffCodeSchema = z.string().min(1).max(32).nullable();
const ComplaintIdSchema = z.number().int().positive();

export const ComplaintInputSchema = z.strictObject({
  receivedAt: DateSchema,
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  customerNo: z.string().trim().min(1).max(64).nullable(),
  /** The staff member the complaint is about. */
  involvedStaffCode: z.string().min(1).max(32).nullable(),
  description: z.string().trim().min(2, '请填写投诉内容').max(2000, '投诉内容最多 2000 个字'),
  demand: z.string().trim().max(1000, '诉求最多 1000 个字').nullable(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  regulatorReferred: z.boolean(),
  staffCode: StaffCodeSchema,
});
export type ComplaintInput = z.infer<typeof ComplaintInputSchema>;

/** A move along 登记 → 受理 → 处理中 → 已答复 → 办结, on a date; a reply needs its content, closing the customer's verdict. */
export const ComplaintTransitionSchema = z
  .strictObject({
    complaintId: ComplaintIdSchema,
    to: z.enum(COMPLAINT_STATUSES),
    date: DateSchema,
    /** On acceptance: a complex case (30 days instead of 15). */
    complex: z.boolean().optional(),
    reply: z.string().trim().max(2000, '答复内容最多 2000 个字').optional(),
    satisfied: z.boolean().optional(),
    staffCode: StaffCodeSchema,
  })
  .refine((t) => t.to !== 'replied' || (t.reply ?? '').length >= 2, { path: ['reply'], message: '答复须写明答复内容' })
  .refine((t) => t.to !== 'closed' || t.satisfied !== undefined, { path: ['satisfied'], message: '办结须记录客户是否满意' });
export type ComplaintTransition = z.infer<typeof ComplaintTransitionSchema>;

export const ComplaintExtensionSchema = z.strictObject({
  complaintId: ComplaintIdSchema,
  days: z.number().int(),
  approverCode: z.string().trim().min(1, '延期须有审批人').max(32),
  reason: z.string().trim().min(2, '延期须写明原因').max(500),
  staffCode: StaffCodeSchema,
});
export type ComplaintExtension = z.infer<typeof ComplaintExtensionSchema>;
