/** The campaigns channels' handlers (the contract's `shared/contract/campaigns.ts`; dispatch applies its declarations around them). */
import type { campaignsChannels } from '../../../shared/contract/campaigns';
import { bookOf } from '../trust/access-scope';
import { viewerOf, type ChannelHandlers } from '../trust/caller';
import {
  campaignFeedback,
  campaignMembers,
  campaignResult,
  campaignsOfCustomer,
  compareList,
  createCampaign,
  listCampaigns,
  removeCampaign,
  setMemberStatus,
} from './campaigns';

export const campaignsHandlers: ChannelHandlers<typeof campaignsChannels> = {
  'campaigns.list': async (ctx, _input, caller) => listCampaigns(ctx, bookOf(viewerOf(caller), 'book')),
  'campaigns.create': async (ctx, input) => createCampaign(ctx, input),
  'campaigns.members': async (ctx, input) => campaignMembers(ctx, input),
  'campaigns.ofCustomer': async (ctx, input) => campaignsOfCustomer(ctx, input.customerNo),
  'campaigns.setStatus': async (ctx, input) => setMemberStatus(ctx, input),
  'campaigns.feedback': async (ctx, input) => campaignFeedback(ctx, input.campaignId, input.staffCode),
  'campaigns.compareList': async (ctx, input) => compareList(ctx, input.campaignId, ctx.uploads.file(input.fileToken)),
  'campaigns.result': async (ctx, input) => campaignResult(ctx, input.campaignId),
  'campaigns.remove': async (ctx, input) => removeCampaign(ctx, input.campaignId, input.staffCode),
};
