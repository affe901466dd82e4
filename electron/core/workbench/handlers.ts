/** The workbench channels' handlers (the contract's `shared/contract/workbench.ts`; dispatch applies its declarations around them). */
import { bookOf } from '../trust/access-scope';
import { contactCoverage, getContactStandards, saveContactStandards, todayOf } from './workbench';
import { careCalendar } from './care';
import { addPlanItems, branchPlans, markPlanItem, planOf, removePlanItem } from './plans';
import { eventDetail, inviteToEvent, listEvents, saveEvent, setAttendance } from './events';
import { type ChannelHandlers, viewerOf } from '../trust/caller';
import type { workbenchChannels } from '../../../shared/contract/workbench';

export const workbenchHandlers: ChannelHandlers<typeof workbenchChannels> = {
  'workbench.today': async (ctx, input) => todayOf(ctx, input.managerCode),
  'workbench.coverage': async (ctx, input, caller) => {
    // Figures per manager, not customer rows: a 客户经理 sees their own row and the branch's.
    const coverage = contactCoverage(ctx, input);
    const own = bookOf(viewerOf(caller), 'book');
    return own === null ? coverage : { ...coverage, managers: coverage.managers.filter((m) => m.managerCode === own) };
  },
  'workbench.standards': async (ctx) => getContactStandards(ctx),
  'workbench.saveStandards': async (ctx, input) => saveContactStandards(ctx, input.settings, input.staffCode),
  'care.calendar': async (ctx, input) => careCalendar(ctx, input),
  'plans.week': async (ctx, input) => planOf(ctx, input),
  'plans.add': (ctx, input) => addPlanItems(ctx, input),
  'plans.mark': async (ctx, input) => markPlanItem(ctx, input),
  'plans.remove': async (ctx, input) => removePlanItem(ctx, input.id, input.staffCode),
  'plans.branch': async (ctx, input) => branchPlans(ctx, input.week),
  'events.list': async (ctx, input) => listEvents(ctx, input),
  'events.detail': async (ctx, input, caller) => eventDetail(ctx, input.eventId, caller.view.bookOf),
  'events.save': async (ctx, input) => saveEvent(ctx, input),
  // A saved segment's customers are invited from the 客户经理's own book only.
  'events.invite': (ctx, input, caller) => inviteToEvent(ctx, input, bookOf(viewerOf(caller), 'book')),
  'events.attendance': (ctx, input) => setAttendance(ctx, input),
};
