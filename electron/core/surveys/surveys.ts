/**
 * Satisfaction surveys (满意度, docs/domain.md, "Surveys"): versioned templates, responses entered by staff, and results — CSAT (share of
 * 4–5 on a 1–5 question) and NPS (% promoters 9–10 − % detractors 0–6) by month, tier, manager and template, and per
 * question. A low score (≤ 2, or NPS ≤ 6) creates a follow-up action for the customer's manager.
 *
 * A template's first 1–5 question is its satisfaction question and its first 0–10 question its NPS question; their
 * answers are kept on the response with the customer's tier and manager, and triggers keep running totals by month,
 * template, tier and manager (survey_tallies), so results over hundreds of thousands of responses read a few rows.
 */
import type { Database } from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../../shared/errors';
import { addDays, addMonths, lastDayOfMonth } from '../../../shared/month';
import type {
  Question,
  ResponseInput,
  SurveyFigures,
  SurveyResults,
  SurveyResultsQuery,
  SurveyTemplate,
  TemplateInput,
} from '../../../shared/schemas/surveys';
import { appendAudit } from '../platform/audit-log';
import { staffNames } from '../trust/staff';
import { edgeAssetMonth, listAssetMonths, managerOnDay } from '../customers/lookup';
import type { CoreContext } from '../platform/context';
import { requireCustomerByNo, requireStaff } from '../customers/lookup';
import { monthWarnings } from '../retention/retention';
import { insertAction } from '../retention/retention';
import { answerProblem, lowScores, type Answer } from './survey-answers';
import { tierNames } from '../tiers/tier-history';
import { rulesForMonth, tierSnapshotOf } from '../tiers/tiers';
import { snapshotSlot, type TierSnapshot } from '../tiers/tiers';
import {
  findLatestTemplateVersion,
  findTemplate,
  insertTemplateFamily,
  insertTemplateVersion,
  listFamilyAnswers,
  listLatestTemplates,
  listSurveyTallies,
  responseWriter,
  templateFamilyNames,
  templateHasResponses,
  updateTemplate,
  type TemplateRow,
} from './surveys-repository';

export type { TemplateRow } from './surveys-repository';

/** Days after the response that a low score's follow-up is due. */
const FOLLOW_UP_DAYS = 3;
/** Free-text answers listed per question. */
const TEXTS_SHOWN = 50;

function toTemplate(row: TemplateRow, responses: number): SurveyTemplate {
  return {
    id: row.id,
    familyId: row.family_id,
    version: row.version,
    name: row.name,
    questions: JSON.parse(row.questions) as Question[],
    responses,
  };
}

/** The latest version of every template, with its responses (all versions). */
export function listTemplates(ctx: CoreContext): { templates: SurveyTemplate[] } {
  const rows = listLatestTemplates(ctx.store.sqlite);
  return { templates: rows.map((r) => toTemplate(r, r.responses)) };
}

export function requireTemplate(ctx: CoreContext, id: number): TemplateRow {
  const row = findTemplate(ctx.store.sqlite, id);
  if (!row)
    throw new AppError('NOT_FOUND', `找不到问卷（编号 ${id}）`, `No survey template ${id}`, { field: 'templateId' });
  return row;
}

/**
 * Saves a template: a new one as version 1; an edit of a version without responses in place; an edit of a version
 * with responses as the next version (its responses keep theirs). Audited.
 */
export function saveTemplate(ctx: CoreContext, input: TemplateInput): SurveyTemplate {
  const { sqlite } = ctx.store;
  const id = sqlite.transaction(() => {
    const saved = writeTemplate(sqlite, input.familyId, input, ctx.now(), input.staffCode);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'surveys.saveTemplate',
      target: String(saved),
      detail: { name: input.name, questions: input.questions.length },
    });
    return saved;
  })();
  return toTemplate(requireTemplate(ctx, id), 0);
}

/** Writes a template as `saveTemplate` does, without its audit entry: call inside the change's transaction. */
function writeTemplate(
  sqlite: Database,
  familyId: number | undefined,
  template: Pick<TemplateInput, 'name' | 'questions'>,
  now: string,
  by: string | null,
): number {
  const questions = JSON.stringify(template.questions);
  if (familyId === undefined)
    return insertTemplateFamily(sqlite, { name: template.name, questions, created_at: now, created_by: by });
  const latest = findLatestTemplateVersion(sqlite, familyId);
  if (!latest)
    throw new AppError('NOT_FOUND', `找不到问卷（编号 ${familyId}）`, `No survey template ${familyId}`, {
      field: 'familyId',
    });
  if (templateHasResponses(sqlite, latest.id))
    return insertTemplateVersion(sqlite, {
      family_id: latest.family_id,
      version: latest.version + 1,
      name: template.name,
      questions,
      created_at: now,
      created_by: by,
    });
  updateTemplate(sqlite, latest.id, template.name, questions);
  return latest.id;
}

/**
 * Adds or updates templates by name (a rule package's): a template of the same name gets the new questions as an edit
 * would (a used version kept); others are added; none is removed. Unchanged ones are left alone. Call inside the
 * change's transaction.
 */
export function writeTemplatesByName(
  sqlite: Database,
  templates: Array<Pick<TemplateInput, 'name' | 'questions'>>,
  now: string,
  by: string | null,
): void {
  const byName = new Map(listLatestTemplates(sqlite).map((row) => [row.name, row]));
  for (const template of templates) {
    const existing = byName.get(template.name);
    if (existing && isDeepStrictEqual(JSON.parse(existing.questions), template.questions)) continue;
    writeTemplate(sqlite, existing?.family_id, template, now, by);
  }
}

/** Where a response is written: the latest month with data and its tiers (the customer's tier when surveyed). */
export interface ResponseSetting {
  latest: string | null;
  snapshot: TierSnapshot | null;
}

export function responseSetting(ctx: CoreContext): ResponseSetting {
  const latest = edgeAssetMonth(ctx.store.sqlite, 'last');
  return { latest, snapshot: latest ? tierSnapshotOf(ctx, latest) : null };
}

/**
 * Who follows up a customer's low score — their manager, else whoever entered the answers — with the customer's tier
 * in the latest month; or why no one can: no owner, or no tier that month.
 */
export function followUpOwner(
  setting: ResponseSetting,
  customer: { id: number; manager_code: string | null },
  staffCode: string | null,
): { owner: string; month: string; tierCode: string } | { problem: 'noOwner' | 'noTier' } {
  const owner = customer.manager_code ?? staffCode;
  if (!owner) return { problem: 'noOwner' };
  const { snapshot, latest } = setting;
  const slot = snapshot ? snapshotSlot(snapshot, customer.id) : -1;
  if (!snapshot || !latest || slot < 0 || snapshot.ruleTier[slot] < 0) return { problem: 'noTier' };
  return { owner, month: latest, tierCode: snapshot.tierCodes[snapshot.ruleTier[slot]] };
}

export interface ResponseEntry {
  template: { id: number; name: string; questions: readonly Question[] };
  customer: { id: number; manager_code: string | null };
  date: string;
  channel: ResponseInput['channel'];
  staffCode: string | null;
  answers: readonly Answer[];
  /** The import batch it comes from (its follow-up is undone with it), or null for one entered by hand. */
  batchId: number | null;
}

export interface WrittenResponse {
  id: number;
  followUpActionId: number | null;
  /** A low score for which no follow-up could be made, and why. */
  followUpProblem: string | null;
}

/**
 * Writes a checked response (inside the caller's transaction): its answers, the customer's tier as it stands and
 * manager of record at the end of the response's month, and for a low score a follow-up (关怀) action due in 3 days for the customer's manager, or whoever entered
 * it; when none can be made, it says why.
 */
export function writeResponse(ctx: CoreContext, setting: ResponseSetting, entry: ResponseEntry): WrittenResponse {
  const { sqlite } = ctx.store;
  const { template, customer, answers } = entry;
  const first = (kind: Question['kind']) => {
    const i = template.questions.findIndex((q) => q.kind === kind);
    return i < 0 ? null : (answers[i] as number | null);
  };
  const { snapshot } = setting;
  const slot = snapshot ? snapshotSlot(snapshot, customer.id) : -1;
  const tierCode = snapshot && slot >= 0 && snapshot.tier[slot] >= 0 ? snapshot.tierCodes[snapshot.tier[slot]] : null;
  // Prepared once per connection: an import writes thousands of responses.
  const writer = responseWriter(sqlite);
  const id = writer.insertResponse({
    template_id: template.id,
    customer_id: customer.id,
    response_date: entry.date,
    channel: entry.channel,
    staff_code: entry.staffCode,
    csat: first('score'),
    nps: first('nps'),
    tier_code: tierCode,
    manager_code: managerOnDay(sqlite, customer.id, lastDayOfMonth(entry.date.slice(0, 7)), customer.manager_code),
    created_at: ctx.now(),
    import_batch_id: entry.batchId,
  });
  answers.forEach((a, i) => {
    if (a === null) return;
    writer.insertAnswer({
      response_id: id,
      question: i,
      value: typeof a === 'number' ? a : null,
      choices: Array.isArray(a) ? JSON.stringify(a) : null,
      text: typeof a === 'string' ? a : null,
    });
  });
  const low = lowScores(template.questions, answers);
  if (low.length === 0) return { id, followUpActionId: null, followUpProblem: null };
  const followUp = followUpOwner(setting, customer, entry.staffCode);
  if ('problem' in followUp) {
    const why =
      followUp.problem === 'noOwner'
        ? '客户没有客户经理、录入时也未选择员工'
        : `客户在 ${setting.latest ?? '最新月份'} 没有分层结果`;
    return { id, followUpActionId: null, followUpProblem: `评分偏低，但${why}，未建立回访行动。` };
  }
  const followUpActionId = insertAction(sqlite, {
    customer_id: customer.id,
    month: followUp.month,
    tier_code: followUp.tierCode,
    kind: 'care',
    owner_code: followUp.owner,
    due_date: addDays(entry.date, FOLLOW_UP_DAYS),
    notes: `满意度回访：${template.name} ${low.join('、')}`,
    risk_score: monthWarnings(ctx, followUp.month).byId.get(customer.id)?.score ?? null,
    created_at: ctx.now(),
    created_by: entry.staffCode,
    import_batch_id: entry.batchId,
  });
  return { id, followUpActionId, followUpProblem: null };
}

/** A template version as a response is written with it. */
function templateOf(row: TemplateRow): ResponseEntry['template'] {
  return { id: row.id, name: row.name, questions: JSON.parse(row.questions) as Question[] };
}

/**
 * Records a response entered by hand; answers out of range are refused naming the question. A low score creates a
 * follow-up action (see `writeResponse`). Audited, as is the follow-up.
 */
export async function recordResponse(ctx: CoreContext, input: ResponseInput): Promise<WrittenResponse> {
  const template = templateOf(requireTemplate(ctx, input.templateId));
  const { questions } = template;
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  if (input.answers.length !== questions.length) {
    throw new AppError(
      'VALIDATION',
      `问卷有 ${questions.length} 道题，收到 ${input.answers.length} 个答案`,
      `The template has ${questions.length} questions; ${input.answers.length} answers given`,
      { field: 'answers' },
    );
  }
  questions.forEach((q, i) => {
    const problem = answerProblem(q, i, input.answers[i]);
    if (problem)
      throw new AppError('VALIDATION', problem, `Answer ${i + 1} is out of range`, { field: `answers.${i}` });
  });
  if (input.staffCode !== null) requireStaff(ctx, input.staffCode, 'staffCode');
  const setting = responseSetting(ctx);
  const { sqlite } = ctx.store;
  const written = sqlite.transaction(() => {
    const result = writeResponse(ctx, setting, {
      template,
      customer,
      date: input.date,
      channel: input.channel,
      staffCode: input.staffCode,
      answers: input.answers,
      batchId: null,
    });
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: input.staffCode,
      action: 'surveys.recordResponse',
      target: input.customerNo,
      detail: { id: result.id, template: template.id, followUp: result.followUpActionId },
    });
    return result;
  })();
  return written;
}

/** CSAT and NPS of a group of responses. */
class Tally {
  respondents = 0;
  csatAnswers = 0;
  satisfied = 0;
  npsAnswers = 0;
  promoters = 0;
  detractors = 0;

  add(csat: number | null, nps: number | null): void {
    this.respondents += 1;
    if (csat !== null) {
      this.csatAnswers += 1;
      if (csat >= 4) this.satisfied += 1;
    }
    if (nps !== null) {
      this.npsAnswers += 1;
      if (nps >= 9) this.promoters += 1;
      else if (nps <= 6) this.detractors += 1;
    }
  }

  /** Adds a stored tally row: respondents, 1–5 answers, satisfied, 0–10 answers, promoters, detractors. */
  merge(counts: readonly number[]): void {
    this.respondents += counts[0];
    this.csatAnswers += counts[1];
    this.satisfied += counts[2];
    this.npsAnswers += counts[3];
    this.promoters += counts[4];
    this.detractors += counts[5];
  }

  figures(key: string, label: string): SurveyFigures {
    return {
      key,
      label,
      respondents: this.respondents,
      csatAnswers: this.csatAnswers,
      csat: this.csatAnswers === 0 ? null : this.satisfied / this.csatAnswers,
      npsAnswers: this.npsAnswers,
      nps:
        this.npsAnswers === 0 ? null : Math.round(((this.promoters - this.detractors) / this.npsAnswers) * 1000) / 10,
    };
  }
}

function tallyBy<K>(map: Map<K, Tally>, key: K): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = new Tally()));
  return tally;
}

/** Per-question figures of one template family's responses in the period, and its free-text answers. */
function questionResults(ctx: CoreContext, familyId: number, from: string, to: string): SurveyResults['questions'] {
  const { sqlite } = ctx.store;
  const latest = findLatestTemplateVersion(sqlite, familyId);
  if (!latest)
    throw new AppError('NOT_FOUND', `找不到问卷（编号 ${familyId}）`, `No survey template ${familyId}`, {
      field: 'familyId',
    });
  const questions = JSON.parse(latest.questions) as Question[];
  // The latest version's questions; answers of earlier versions count where the question is the same text.
  const answers = listFamilyAnswers(sqlite, familyId, from, to);
  const textOf = new Map<string, string[]>();
  const results = questions.map((q, index) => ({
    index,
    kind: q.kind,
    text: q.text,
    answers: 0,
    sum: 0,
    tally: new Tally(),
    options: (q.options ?? []).map((label) => ({ label, count: 0 })),
    texts: [] as Array<{ date: string; text: string }>,
  }));
  for (const a of answers) {
    let texts = textOf.get(a.questions);
    if (!texts) textOf.set(a.questions, (texts = (JSON.parse(a.questions) as Question[]).map((q) => q.text)));
    const result = results.find((r) => r.text === texts[a.question]);
    if (!result) continue;
    result.answers += 1;
    if (a.value !== null) {
      result.sum += a.value;
      result.tally.add(result.kind === 'score' ? a.value : null, result.kind === 'nps' ? a.value : null);
    }
    if (a.choices !== null)
      for (const pick of JSON.parse(a.choices) as number[]) if (result.options[pick]) result.options[pick].count += 1;
    if (a.text !== null && result.texts.length < TEXTS_SHOWN)
      result.texts.push({ date: a.response_date, text: a.text });
  }
  return results.map((r) => {
    const figures = r.tally.figures('', '');
    const numeric = r.kind === 'score' || r.kind === 'nps';
    return {
      index: r.index,
      kind: r.kind,
      text: r.text,
      answers: r.answers,
      average: numeric && r.answers > 0 ? Math.round((r.sum / r.answers) * 100) / 100 : null,
      csat: figures.csat,
      nps: figures.nps,
      options: r.options,
      texts: r.texts,
    };
  });
}

/**
 * Results of the responses from `fromMonth` to `toMonth` (one template family's, or all): CSAT and NPS with respondent
 * counts in all and by month, by the customer's tier and manager when surveyed, and by template; and with a template
 * chosen, each question's figures and its free-text answers.
 */
export async function surveyResults(ctx: CoreContext, query: SurveyResultsQuery): Promise<SurveyResults> {
  const { sqlite } = ctx.store;
  // The running totals the triggers keep: a few rows per month however many responses.
  const rows = listSurveyTallies(sqlite, query.fromMonth, query.toMonth, query.familyId ?? null);
  const total = new Tally();
  const months = new Map<string, Tally>();
  const tiers = new Map<string, Tally>();
  const managers = new Map<string, Tally>();
  const families = new Map<number, Tally>();
  for (const [month, familyId, tierCode, managerCode, ...counts] of rows) {
    total.merge(counts);
    tallyBy(months, month).merge(counts);
    tallyBy(tiers, tierCode).merge(counts);
    tallyBy(managers, managerCode).merge(counts);
    tallyBy(families, familyId).merge(counts);
  }
  const [latest] = await listAssetMonths(ctx.store.db);
  const tierName = latest ? tierNames(rulesForMonth(ctx, latest)) : new Map<string, string>();
  const staffName = staffNames(sqlite);
  const familyName = templateFamilyNames(sqlite);
  const listed = <K>(map: Map<K, Tally>, label: (key: K) => string) =>
    [...map].map(([key, tally]) => tally.figures(String(key), label(key)));
  const byRespondents = (a: SurveyFigures, b: SurveyFigures) =>
    b.respondents - a.respondents || a.key.localeCompare(b.key);
  return {
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    total: total.figures('total', '合计'),
    byMonth: listed(months, (m) => m).sort((a, b) => a.key.localeCompare(b.key)),
    byTier: listed(tiers, (code) => (code ? (tierName.get(code) ?? code) : '未评定')).sort(byRespondents),
    byManager: listed(managers, (code) => (code ? (staffName.get(code) ?? code) : '未分配')).sort(byRespondents),
    byTemplate: listed(families, (id) => familyName.get(id) ?? String(id)).sort(byRespondents),
    questions:
      query.familyId === undefined
        ? []
        : questionResults(ctx, query.familyId, `${query.fromMonth}-01`, `${addMonths(query.toMonth, 1)}-01`),
  };
}
