/** The complaints channels' handlers (the contract's `shared/contract/complaints.ts`; dispatch applies its declarations around them). */
import {
  complaintAnalysis,
  complaintBoard,
  complaintDetail,
  extendComplaint,
  listComplaints,
  pauseComplaint,
  registerComplaint,
  requestReview,
  resumeComplaint,
  transitionComplaint,
} from './complaints';
import { type ChannelHandlers } from '../trust/caller';
import type { complaintsChannels } from '../../../shared/contract/complaints';

export const complaintsHandlers: ChannelHandlers<typeof complaintsChannels> = {
  'complaints.board': async (ctx, input) => complaintBoard(ctx, input),
  'complaints.list': async (ctx, input) => listComplaints(ctx, input),
  'complaints.detail': async (ctx, input) => complaintDetail(ctx, input.complaintId),
  'complaints.analysis': async (ctx, input) => complaintAnalysis(ctx, input),
  'complaints.register': (ctx, input) => registerComplaint(ctx, input),
  'complaints.transition': async (ctx, input) => transitionComplaint(ctx, input),
  'complaints.extend': async (ctx, input) => extendComplaint(ctx, input),
  'complaints.pause': async (ctx, input) => pauseComplaint(ctx, input),
  'complaints.resume': async (ctx, input) => resumeComplaint(ctx, input),
  'complaints.review': async (ctx, input) => requestReview(ctx, input),
};
