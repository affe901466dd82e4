/** Satisfaction surveys: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { actsOn, AGGREGATES, ANYONE, BOOK, NO_CUSTOMERS, SETTINGS } from '../roles';
import {
  ResponseInputSchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveyTemplateSchema,
  TemplateInputSchema,
} from '../schemas/surveys';
import { type ChannelSpec } from './spec';

export const surveysChannels = {
  'surveys.templates': {
    input: z.strictObject({}),
    output: z.object({ templates: z.array(SurveyTemplateSchema) }),
    doc: 'Survey templates, the latest version of each, with their response counts.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'surveys.templates.save': {
    input: TemplateInputSchema,
    output: SurveyTemplateSchema,
    doc: 'Save a survey template: a used version is kept and the edit becomes the next version; audited.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'surveys.respond': {
    input: ResponseInputSchema,
    output: z.object({
      id: z.number().int(),
      followUpActionId: z.number().int().nullable(),
      followUpProblem: z.string().nullable(),
    }),
    doc: "Record a customer's answers; out of range refused naming the question; a low score creates a follow-up action.",
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'surveys.results': {
    input: SurveyResultsQuerySchema,
    output: SurveyResultsSchema,
    doc: 'CSAT and NPS with respondents by month, tier, manager and template; per question and free text for one template.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
} as const satisfies Record<string, ChannelSpec>;
