/** The customers channels' handlers (the contract's `shared/contract/customers.ts`; dispatch applies its declarations around them). */
import { getCustomerCard, getCustomersCount, getCustomersPage, revealCustomerField } from './customers';
import { searchCustomers } from './customer-search';
import { type ChannelHandlers } from '../trust/caller';
import type { customersChannels } from '../../../shared/contract/customers';

export const customersHandlers: ChannelHandlers<typeof customersChannels> = {
  'customers.page': (ctx, input, caller) => getCustomersPage(ctx, input, caller.view.masksNames),
  'customers.count': (ctx, input, caller) => getCustomersCount(ctx, input, caller.view.masksNames),
  'customers.search': async (ctx, input, caller) => searchCustomers(ctx, input, caller.view),
  'customers.card': (ctx, input) => getCustomerCard(ctx, input.customerNo),
  'customers.reveal': (ctx, input) => revealCustomerField(ctx, input),
};
