/** The customer list, the card and reveals: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { actsOn, ANYONE, BOOK, customerRows } from '../roles';
import {
  CustomerCardSchema,
  CustomerCountQuerySchema,
  CustomerPageQuerySchema,
  CustomerPageSchema,
} from '../schemas/customer';
import { CustomerSearchInputSchema, CustomerSearchResultSchema } from '../schemas/customer-search';
import { RevealInputSchema } from '../schemas/auth';
import { type ChannelSpec } from './spec';

export const customersChannels = {
  'customers.page': {
    input: CustomerPageQuerySchema,
    output: CustomerPageSchema,
    doc: 'One keyset page of the customer list for a month, sorted and filtered; personal data masked.',
    roles: ANYONE,
    customers: customerRows('branchView', 'filter.managerCode'),
  },
  'customers.count': {
    input: CustomerCountQuerySchema,
    output: z.object({ total: z.number().int() }),
    doc: 'How many customers match a filter (for the list footer).',
    roles: ANYONE,
    customers: customerRows('branchView', 'filter.managerCode'),
  },
  'customers.search': {
    input: CustomerSearchInputSchema,
    output: CustomerSearchResultSchema,
    doc: 'Customers found by number prefix, mobile last 4, any part of the name or its pinyin (full or initials); masked.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'customers.card': {
    input: z.strictObject({ customerNo: z.string().trim().min(1).max(64) }),
    output: CustomerCardSchema,
    doc: "One customer's profile and monthly assets; personal data masked.",
    roles: ANYONE,
    customers: customerRows('branchView'),
  },
  'customers.reveal': {
    input: RevealInputSchema,
    output: z.object({ value: z.string().nullable(), expiresAt: z.string() }),
    doc: "One customer's ID number or mobile in full, with a reason; audited, shown for a minute.",
    roles: BOOK,
    customers: customerRows('book'),
    acts: [actsOn('customer', 'customerNo')],
  },
} as const satisfies Record<string, ChannelSpec>;
