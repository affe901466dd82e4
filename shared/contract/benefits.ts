/** Tier benefits (客户权益): channels (docs/architecture.md, "Channels"; docs/domain.md, "Benefits"). */
import { z } from 'zod';
import { actsOn, ADMIN, ANYONE, BOOK, customerRows, NO_CUSTOMERS } from '../roles';
import { ActorSchema, MonthSchema } from '../schemas/common';
import {
  BenefitAnalysisCustomersQuerySchema,
  BenefitAnalysisCustomersSchema,
  BenefitAnalysisQuerySchema,
  BenefitAnalysisSchema,
  BenefitCatalogueSchema,
  BenefitCataloguesSchema,
  BenefitUseInputSchema,
  CustomerBenefitsSchema,
  DowngradeLossesSchema,
} from '../schemas/benefits';
import { type ChannelSpec } from './spec';

export const benefitsChannels = {
  'benefits.catalogues': {
    input: z.strictObject({}),
    output: BenefitCataloguesSchema,
    doc: 'The benefit catalogues (客户权益), each from its 生效月份, oldest first.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'benefits.saveCatalogue': {
    input: z.strictObject({ catalogue: BenefitCatalogueSchema, staffCode: ActorSchema }),
    output: BenefitCataloguesSchema,
    doc: 'Save the benefit catalogue of a month (replacing one of that month); audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'benefits.removeCatalogue': {
    input: z.strictObject({ validFrom: MonthSchema, staffCode: ActorSchema }),
    output: BenefitCataloguesSchema,
    doc: 'Remove the benefit catalogue of a month; audited.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'benefits.customer': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: CustomerBenefitsSchema,
    doc: "A customer's benefits this counting year (used, quota, remaining), the uses, and what a downgrade would take.",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'benefits.downgradeLosses': {
    input: z.strictObject({
      month: MonthSchema,
      customerNos: z.array(z.string().trim().min(1).max(64)).max(500),
    }),
    output: DowngradeLossesSchema,
    doc: "What the next assessment would take from each warned customer named (the warning list's 降级将失去).",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'benefits.analysis': {
    input: BenefitAnalysisQuerySchema,
    output: BenefitAnalysisSchema,
    doc: 'Per tier of a month: customers entitled to each benefit, users, uses and quota used in the year, and who used none.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'benefits.analysisCustomers': {
    input: BenefitAnalysisCustomersQuerySchema,
    output: BenefitAnalysisCustomersSchema,
    doc: 'The customers behind one count of the benefits analysis; masked like every customer list.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'benefits.recordUse': {
    input: BenefitUseInputSchema,
    output: z.object({ id: z.number().int(), remaining: z.number().int().nullable(), overridden: z.boolean() }),
    doc: 'Record a benefit use on the card; refused with the reason unless the 支行长 overrides with one; audited.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
} as const satisfies Record<string, ChannelSpec>;
