/** Suitability (适当性): channels (docs/architecture.md, "Channels"; docs/domain.md, "Suitability"). */
import { z } from 'zod';
import { actsOn, ANYONE, BOOK, customerRows, NO_CUSTOMERS, SETTINGS } from '../roles';
import { ActorSchema, DateSchema } from '../schemas/common';
import {
  AssessmentInputSchema,
  CustomerSuggestionsSchema,
  CustomerSuitabilitySchema,
  SuitabilityBenchSchema,
  SuitabilityCustomersQuerySchema,
  SuitabilityCustomersSchema,
  SuitabilityOverviewSchema,
  SuitabilityQuerySchema,
  SuitabilitySettingsSchema,
  SuggestionsQuerySchema,
} from '../schemas/suitability';
import { type ChannelSpec } from './spec';

export const suitabilityChannels = {
  'suitability.customer': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: CustomerSuitabilitySchema,
    doc: "One customer's risk assessment and each holding checked against it as of today.",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'suitability.suggestions': {
    input: SuggestionsQuerySchema,
    output: CustomerSuggestionsSchema,
    doc: "A customer's product suggestions (产品建议) as of the data month end, each with one line saying why.",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'suitability.recordAssessment': {
    input: AssessmentInputSchema,
    output: z.object({ validUntil: DateSchema.nullable() }),
    doc: "Record a customer's risk assessment (level, date, channel, professional investor) on the card; audited.",
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'suitability.overview': {
    input: SuitabilityQuerySchema,
    output: SuitabilityOverviewSchema,
    doc: 'The 适当性检查 counts as of the data month end: customers by worst finding, in all and per manager.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'suitability.customers': {
    input: SuitabilityCustomersQuerySchema,
    output: SuitabilityCustomersSchema,
    doc: 'The customers behind one count of the 适当性检查 screen; masked like every customer list.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'suitability.bench': {
    input: z.strictObject({ managerCode: z.string().min(1).max(32).optional() }),
    output: SuitabilityBenchSchema,
    doc: "The workbench's part: the book's assessments expiring within 30 days, and its holdings above level.",
    roles: BOOK,
    customers: customerRows('book', 'managerCode'),
  },
  'suitability.settings': {
    input: z.strictObject({}),
    output: SuitabilitySettingsSchema,
    doc: 'The branch suitability setting: the highest product level per customer level, and for professional investors.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'suitability.saveSettings': {
    input: z.strictObject({ settings: SuitabilitySettingsSchema, staffCode: ActorSchema }),
    output: SuitabilitySettingsSchema,
    doc: 'Replace the branch suitability setting; audited.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
