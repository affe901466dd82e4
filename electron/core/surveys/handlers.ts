/** The surveys channels' handlers (the contract's `shared/contract/surveys.ts`; dispatch applies its declarations around them). */
import { listTemplates, recordResponse, saveTemplate, surveyResults } from './surveys';
import { type ChannelHandlers } from '../trust/caller';
import type { surveysChannels } from '../../../shared/contract/surveys';

export const surveysHandlers: ChannelHandlers<typeof surveysChannels> = {
  'surveys.templates': async (ctx) => listTemplates(ctx),
  'surveys.templates.save': async (ctx, input) => saveTemplate(ctx, input),
  'surveys.respond': (ctx, input) => recordResponse(ctx, input),
  'surveys.results': (ctx, input) => surveyResults(ctx, input),
};
