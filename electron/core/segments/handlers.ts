/** The segments channels' handlers (the contract's `shared/contract/segments.ts`; dispatch applies its declarations around them). */
import { getSegmentGrid } from './segments';
import { getDimensionSettings, saveDimensionSettings } from './dimension-settings';
import { listSavedSegments, removeSegment, saveSegment } from './saved-segments';
import { type SavedSegment } from '../../../shared/schemas/customer';
import { customerViewOf } from '../trust/access-scope';
import { maskName } from '../trust/masking';
import { type ChannelHandlers, type JobWork, viewerOf } from '../trust/caller';
import type { segmentsChannels, segmentsJobs } from '../../../shared/contract/segments';

export const segmentsHandlers: ChannelHandlers<typeof segmentsChannels> = {
  'segments.grid': async (ctx, input) => getSegmentGrid(ctx, input.month, input.rows, input.columns),
  'dimensions.settings': async (ctx) => getDimensionSettings(ctx),
  'segments.saved': async (ctx, _input, caller) => {
    const { segments } = await listSavedSegments(ctx);
    const view = customerViewOf(viewerOf(caller), 'branchView');
    // A segment's search is often a customer's name: masked for a teller like every name, and for a 客户经理 without
    // the branch view in others' segments (another book's customer, perhaps). Such a segment then finds no one for
    // them; they look a customer up by name in the list's own search.
    const masked = (s: SavedSegment) =>
      s.filter.search !== undefined && (view.masksNames || (view.bookOf !== null && s.createdBy !== view.bookOf));
    return {
      segments: segments.map((s) =>
        masked(s) ? { ...s, filter: { ...s.filter, search: maskName(s.filter.search ?? '') } } : s,
      ),
    };
  },
  'segments.save': (ctx, input) => saveSegment(ctx, input),
  'segments.remove': (ctx, input) => removeSegment(ctx, input.id),
};

export const segmentsJobWork: JobWork<typeof segmentsJobs> = {
  'dimensions.saveSettings': (ctx, request, _view, control) =>
    saveDimensionSettings(ctx, request.settings, request.staffCode, control),
};
