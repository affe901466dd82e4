import { z } from 'zod';
import { DateSchema, MonthSchema, ActorSchema } from './common';

export const QUESTION_KINDS = ['score', 'nps', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SURVEY_CHANNELS = ['visit', 'phone', 'sms', 'branch'] as const;
export const SURVEY_CHANNEL_NAMES: Record<(typeof SURVEY_CHANNELS)[number], string> = {
  visit: '面访',
  phone: '电话',
  sms: '短信',
  branch: '网点',
};

export const QuestionSchema = z
  .strictObject({
    kind: z.enum(QUESTION_KINDS),
    text: z.string().trim().min(1, '请填写题目').max(200, '题目最多 200 个字'),
    /** Choices of a single or multiple choice question. */
    options: z.array(z.string().trim().min(1, '选项不能为空').max(60)).max(20).optional(),
  })
  .refine(
    (q) => (q.kind === 'single' || q.kind === 'multiple' ? (q.options?.length ?? 0) >= 2 : q.options === undefined),
    {
      path: ['options'],
      message: '选择题至少要有 2 个选项；其他题型不设选项',
    },
  );
export type Question = z.infer<typeof QuestionSchema>;

export const TemplateInputSchema = z.strictObject({
  /** The template edited (its latest version); absent for a new one. */
  familyId: z.number().int().positive().optional(),
  name: z.string().trim().min(1, '请填写问卷名称').max(40, '问卷名称最多 40 个字'),
  questions: z.array(QuestionSchema).min(1, '问卷至少要有 1 道题').max(30, '问卷最多 30 道题'),
  staffCode: ActorSchema,
});
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

export const SurveyTemplateSchema = z.object({
  id: z.number().int(),
  familyId: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  questions: z.array(QuestionSchema),
  responses: z.number().int(),
});
export type SurveyTemplate = z.infer<typeof SurveyTemplateSchema>;

/** One answer per question, in the template's order: a number (score, NPS), option indexes, text, or null (skipped). */
export const AnswerSchema = z.union([
  z.number().int(),
  z.array(z.number().int().min(0)).max(20),
  z.string().trim().max(1000),
  z.null(),
]);

export const ResponseInputSchema = z.strictObject({
  templateId: z.number().int().positive(),
  customerNo: z.string().trim().min(1).max(64),
  date: DateSchema,
  channel: z.enum(SURVEY_CHANNELS),
  answers: z.array(AnswerSchema).max(30),
  staffCode: ActorSchema,
});
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

export const SurveyResultsQuerySchema = z
  .strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema, familyId: z.number().int().positive().optional() })
  .refine((q) => q.fromMonth <= q.toMonth, { path: ['toMonth'], message: '起始月份不能晚于结束月份' });
export type SurveyResultsQuery = z.infer<typeof SurveyResultsQuerySchema>;

/** CSAT = share of 4–5 among the 1–5 answers; NPS = % promoters (9–10) − % detractors (0–6), in points. */
const FiguresSchema = z.object({
  key: z.string(),
  label: z.string(),
  respondents: z.number().int(),
  csatAnswers: z.number().int(),
  csat: z.number().nullable(),
  npsAnswers: z.number().int(),
  nps: z.number().nullable(),
});
export type SurveyFigures = z.infer<typeof FiguresSchema>;

export const SurveyResultsSchema = z.object({
  fromMonth: MonthSchema,
  toMonth: MonthSchema,
  total: FiguresSchema,
  byMonth: z.array(FiguresSchema),
  /** By the customer's tier and manager when surveyed (the latest month with data then). */
  byTier: z.array(FiguresSchema),
  byManager: z.array(FiguresSchema),
  byTemplate: z.array(FiguresSchema),
  /** With a template chosen: each question's figures (scores: average and CSAT; NPS; choices: counts), and free text. */
  questions: z.array(
    z.object({
      index: z.number().int(),
      kind: z.enum(QUESTION_KINDS),
      text: z.string(),
      answers: z.number().int(),
      average: z.number().nullable(),
      csat: z.number().nullable(),
      nps: z.number().nullable(),
      options: z.array(z.object({ label: z.string(), count: z.number().int() })),
      texts: z.array(z.object({ date: DateSchema, text: z.string() })),
    }),
  ),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;
