import { z } from 'zod';
import { DateSchema } from './common';

/** 审计日志 as the viewer asks for it: a period, who, what (an action or its prefix, e.g. `imports.`), a page. */
export const AuditQuerySchema = z
  .strictObject({
    fromDate: DateSchema.optional(),
    toDate: DateSchema.optional(),
    actor: z.string().trim().min(1).max(32).optional(),
    action: z.string().trim().min(1).max(60).optional(),
    limit: z.number().int().min(1).max(500),
    offset: z.number().int().min(0),
  })
  .refine((q) => q.fromDate === undefined || q.toDate === undefined || q.fromDate <= q.toDate, {
    path: ['toDate'],
    message: '起始日期不能晚于结束日期',
  });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The entry's details (JSON text as written; never personal data). */
  detail: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({ total: z.number().int(), rows: z.array(AuditEntrySchema) });

/**
 * The log's end against its anchor (kept outside the table): as anchored (`anchoredId` 0: anchored empty), the last
 * entries missing, the anchored entry no longer the one anchored (changed, or removed and others written in its
 * place), the anchor missing or failing its MAC, or a log never anchored (anchored by this check).
 */
export const AuditTailSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok'), anchoredId: z.number().int() }),
  z.object({
    state: z.literal('missing'),
    anchoredId: z.number().int(),
    lastId: z.number().int(),
    missing: z.number().int(),
  }),
  z.object({ state: z.literal('changed'), anchoredId: z.number().int() }),
  z.object({ state: z.literal('anchorMissing') }),
  z.object({ state: z.literal('anchorInvalid') }),
  z.object({ state: z.literal('unanchored') }),
]);
export type AuditTail = z.infer<typeof AuditTailSchema>;

/** The chain verified from the first entry (every link holds, or the first broken one) and its end against its anchor. */
export const AuditVerificationSchema = z.object({
  entries: z.number().int(),
  firstBroken: z
    .object({ id: z.number().int(), at: z.string(), action: z.string(), reason: z.enum(['changed', 'unlinked']) })
    .nullable(),
  tail: AuditTailSchema,
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
