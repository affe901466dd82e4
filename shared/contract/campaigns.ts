/** Campaign lists (名单制营销): channels (docs/architecture.md, "Channels"; docs/domain.md, "Campaign lists"). */
import { z } from 'zod';
import { actsOn, AGGREGATES, BOOK, customerRows, NO_CUSTOMERS } from '../roles';
import { ActorSchema } from '../schemas/common';
import {
  CampaignCreatedSchema,
  CampaignInputSchema,
  CampaignResultSchema,
  CampaignSchema,
  MemberPageSchema,
  MemberQuerySchema,
  MemberStatusInputSchema,
  MEMBER_STATUSES,
} from '../schemas/campaigns';
import type { StaffRole } from '../schemas/common';
import { type ChannelSpec } from './spec';

/** Campaigns are made, fed back and measured by the branch manager. */
const BRANCH_MANAGER: readonly StaffRole[] = ['branch_manager'];

export const campaignsChannels = {
  'campaigns.list': {
    input: z.strictObject({}),
    output: z.object({ campaigns: z.array(CampaignSchema) }),
    doc: "The campaigns, newest first, with their members counted (a 客户经理's: their book's).",
    roles: BOOK,
    customers: AGGREGATES,
  },
  'campaigns.create': {
    input: CampaignInputSchema,
    output: CampaignCreatedSchema,
    doc: "Make a campaign from a saved segment as of a month or head office's list; members assigned, hold-out drawn; audited.",
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'campaigns.members': {
    input: MemberQuerySchema,
    output: MemberPageSchema,
    doc: "A page of a campaign's members in the list's order, by status, credit, group or outcome (a 客户经理: their book's).",
    roles: BOOK,
    customers: customerRows('book', 'managerCode'),
  },
  'campaigns.ofCustomer': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: z.object({
      customerNo: z.string(),
      campaigns: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
    doc: 'The campaigns running today that list a customer outside their hold-out (a contact may name one).',
    roles: BOOK,
    customers: customerRows('book'),
  },
  'campaigns.setStatus': {
    input: MemberStatusInputSchema,
    output: z.object({ status: z.enum(MEMBER_STATUSES) }),
    doc: "Set a member's status by hand (not the hold-out's); the caller is credited; audited.",
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'campaigns.feedback': {
    input: z.strictObject({ campaignId: z.number().int().positive(), staffCode: ActorSchema }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    doc: "The feedback for head office: its list as it came plus status, date, manager's 工号 and note (CSV); audited.",
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'campaigns.compareList': {
    input: z.strictObject({ campaignId: z.number().int().positive(), fileToken: z.uuid() }),
    output: z.object({ rows: z.number().int(), added: z.number().int(), changed: z.number().int() }),
    doc: 'A file read back against a campaign: the members it would add or change (the feedback file: none). Writes nothing.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'campaigns.result': {
    input: z.strictObject({ campaignId: z.number().int().positive() }),
    output: CampaignResultSchema,
    doc: 'Worked members against the hold-out on the goal, with a 95 % interval, in total and per manager credited.',
    roles: BRANCH_MANAGER,
    customers: AGGREGATES,
  },
  'campaigns.remove': {
    input: z.strictObject({ campaignId: z.number().int().positive(), staffCode: ActorSchema }),
    output: z.object({ campaignId: z.number().int() }),
    doc: 'Remove a campaign nobody has worked yet (a list made by mistake), with its members; audited.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
