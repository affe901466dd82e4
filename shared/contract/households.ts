/** Households (家庭): channels (docs/architecture.md, "Channels"; docs/domain.md, "Households"). */
import { actsOn, ANYONE, BOOK, customerRows } from '../roles';
import { z } from 'zod';
import {
  CustomerHouseholdSchema,
  HouseholdAddInputSchema,
  HouseholdCreateInputSchema,
  HouseholdLeaveInputSchema,
  HouseholdListQuerySchema,
  HouseholdPageSchema,
} from '../schemas/households';
import { type ChannelSpec } from './spec';

export const householdsChannels = {
  'households.customer': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: CustomerHouseholdSchema,
    doc: "A customer's household: members (other books' masked), history and the household's 月日均 by month.",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'households.create': {
    input: HouseholdCreateInputSchema,
    output: CustomerHouseholdSchema,
    doc: 'Start a household headed by a customer of no household; audited.',
    roles: BOOK,
    customers: customerRows('branchView'),
    acts: [actsOn('customer', 'headCustomerNo')],
  },
  'households.addMember': {
    input: HouseholdAddInputSchema,
    output: CustomerHouseholdSchema,
    doc: "Add a customer to a head's household with a role (another book's customer: the 支行长 only); audited.",
    roles: BOOK,
    customers: customerRows('branchView'),
    acts: [actsOn('customer', 'headCustomerNo'), actsOn('customer', 'customerNo')],
  },
  'households.leave': {
    input: HouseholdLeaveInputSchema,
    output: CustomerHouseholdSchema,
    doc: 'A member leaves their household on a date (the head: only as its last member); audited.',
    roles: BOOK,
    customers: customerRows('branchView'),
    acts: [actsOn('customer', 'customerNo')],
  },
  'households.page': {
    input: HouseholdListQuerySchema,
    output: HouseholdPageSchema,
    doc: "A page of the households of a month, by their head: size and the household's 月日均; masked like customers.",
    roles: ANYONE,
    customers: customerRows('branchView', 'filter.managerCode'),
  },
} as const satisfies Record<string, ChannelSpec>;
