/** The complaint log: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { actsOn, ANYONE, BOOK, customerRows, NO_CUSTOMERS } from '../roles';
import {
  COMPLAINT_STATUSES,
  ComplaintAnalysisQuerySchema,
  ComplaintAnalysisSchema,
  ComplaintBoardSchema,
  ComplaintDatedSchema,
  ComplaintDeadlineSchema,
  ComplaintDetailSchema,
  ComplaintExtensionSchema,
  ComplaintInputSchema,
  ComplaintListQuerySchema,
  ComplaintPauseSchema,
  ComplaintSummarySchema,
  ComplaintTransitionSchema,
} from '../schemas/complaints';
import { type ChannelSpec } from './spec';

export const complaintsChannels = {
  'complaints.board': {
    input: z.strictObject({ managerCode: z.string().min(1).max(32).optional() }),
    output: ComplaintBoardSchema,
    doc: 'Open complaints overdue, due within 3 days, paused and regulator-referred, and counts per customer manager.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'complaints.list': {
    input: ComplaintListQuerySchema,
    output: z.object({ total: z.number().int(), rows: z.array(ComplaintSummarySchema) }),
    doc: 'The complaint log, newest first, by status and customer manager, each with its deadline.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'complaints.detail': {
    input: z.strictObject({ complaintId: z.number().int().positive() }),
    output: ComplaintDetailSchema,
    doc: 'One complaint: texts, deadline, paused spans, every event, the next steps and the review window.',
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'complaints.analysis': {
    input: ComplaintAnalysisQuerySchema,
    output: ComplaintAnalysisSchema,
    doc: 'Complaints received in a period by category, channel, month and manager; median handling days, on-time and satisfied rates; repeat complainants.',
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'complaints.register': {
    input: ComplaintInputSchema,
    output: z.object({ id: z.number().int(), complaintNo: z.string() }),
    doc: 'Register a complaint (登记) under the next number of its month; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'complaints.transition': {
    input: ComplaintTransitionSchema,
    output: z.object({ status: z.enum(COMPLAINT_STATUSES) }),
    doc: 'Move a complaint one step (受理 / 处理中 / 已答复 / 办结); out of order refused naming the next steps; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.extend': {
    input: ComplaintExtensionSchema,
    output: ComplaintDeadlineSchema,
    doc: 'Extend the handling time with an approver and a reason (30 days more at most, 60 in all); audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.pause': {
    input: ComplaintPauseSchema,
    output: z.object({ paused: z.literal(true) }),
    doc: 'Pause the clock for appraisal or third-party time from a date; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.resume': {
    input: ComplaintDatedSchema,
    output: z.object({ resumed: z.literal(true) }),
    doc: 'Resume the clock on a date (the paused days move the due date); audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
  'complaints.review': {
    input: ComplaintDatedSchema,
    output: z.object({ status: z.enum(COMPLAINT_STATUSES) }),
    doc: 'Request a review (复核) within 30 days of the reply: reopens the complaint with a fresh handling period; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('complaint', 'complaintId')],
  },
} as const satisfies Record<string, ChannelSpec>;
