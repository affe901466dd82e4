/** The households channels' handlers (the contract's `shared/contract/households.ts`). */
import type { householdsChannels } from '../../../shared/contract/households';
import type { ChannelHandlers } from '../trust/caller';
import {
  addHouseholdMember,
  createHousehold,
  getCustomerHousehold,
  getHouseholdPage,
  leaveHousehold,
} from './households';

export const householdsHandlers: ChannelHandlers<typeof householdsChannels> = {
  'households.customer': async (ctx, input, caller) => getCustomerHousehold(ctx, input.customerNo, caller.view),
  'households.create': async (ctx, input, caller) => createHousehold(ctx, input, caller.view),
  'households.addMember': async (ctx, input, caller) => addHouseholdMember(ctx, input, caller.view),
  'households.leave': async (ctx, input, caller) => leaveHousehold(ctx, input, caller.view),
  'households.page': async (ctx, input, caller) => getHouseholdPage(ctx, input, caller.view),
};
