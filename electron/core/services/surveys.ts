/**
 * Satisfaction surveys (满意度, DOMAIN.md): versioned templates, responses entered by staff, and results — CSAT (share of
 * 4–5 on a 1–5 question) and NPS (% promoters 9–10 − % detractors 0–6) by month, tier, manager and template, and per
 * question. A low score (≤ 2, or NPS ≤ 6) creates a follow-up action for the customer's manager.
 *
 * A template's first 1–5 question is its satisfaction question and its first 0–10 question its NPS question; their
 * answers are kept on the response with the customer's tier and manager, and triggers keep running totals by month,
 * template, tier and manager (survey_tallies), so results over hundreds of thousands of responses read a few rows.
 */
import { AppError } from '../../../shared/errors';
import { addDays, addMonths } from '../../../shared/month';
import type { Question, ResponseInput, SurveyFigures, SurveyResults, SurveyResultsQuery, SurveyTemplate, TemplateInput } from '../../../shared/schemas/surveys';
import { appendAudit } from '../db/repositories/audit';
import { staffNames } from '../db/repositories/branch';
import { listAssetMonths } from '../db/repositories/assets';
import type { CoreContext } from './context';
import { requireCustomerByNo } from './customers';
import { createAction } from './retention';
import { tierNames } from './tier-history';
import { rulesForMonth, tierSnapshotOf } from './tiers';
import { snapshotSlot } from '../db/repositories/tier-snapshots';

/** Days after the response that a low score's follow-up is due. */
const FOLLOW_UP_DAYS = 3;
/** Free-text answers listed per question. */
const TEXTS_SHOWN = 50;

interface TemplateRow {
  id: number;
  family_id: number;
  version: number;
  name: string;
  questions: string;
}

function toTemplate(row: TemplateRow, responses: number): SurveyTemplate {
  return { id: row.id, familyId: row.family_id, version: row.version, name: row.name, questions: JSON.parse(row.questions) as Question[], responses };
}

/** The latest version of every template, with its responses (all versions). */
export function listTemplates(ctx: CoreContext): { templates: SurveyTemplate[] } {
  const rows = ctx.store.sqlite
    .prepare(
      `SELECT t.*, (SELECT count(*) FROM survey_responses r JOIN survey_templates v ON v.id = r.template_id WHERE v.family_id = t.family_id) AS responses
       FROM survey_templates t WHERE t.version = (SELECT max(version) FROM survey_templates WHERE family_id = t.family_id) ORDER BY t.name`,
    )
    .all() as Array<TemplateRow & { responses: number }>;
  return { templates: rows.map((r) => toTemplate(r, r.responses)) };
}

function requireTemplate(ctx: CoreContext, id: number): TemplateRow {
  const row = ctx.store.sqlite.prepare('SELECT * FROM survey_templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `找不到问卷（编号 ${id}）`, `No survey template ${id}`, { field: 'templateId' });
  return row;
}

/**
 * Saves a template: a new one as version 1; an edit of a version without responses in place; an edit of a version
 * with responses as the next version (its responses keep theirs). Audited.
 */
export function saveTemplate(ctx: CoreContext, input: TemplateInput): SurveyTemplate {
  const { sqlite } = ctx.store;
  const questions = JSON.stringify(input.questions);
  const id = sqlite.transaction(() => {
    let saved: number;
    if (input.familyId === undefined) {
      saved = Number(sqlite.prepare('INSERT INTO survey_templates (family_id, version, name, questions, created_at, created_by) VALUES (0, 1, ?, ?, ?, ?)').run(input.name, questions, ctx.now(), input.staffCode).lastInsertRowid);
      sqlite.prepare('UPDATE survey_templates SET family_id = id WHERE id = ?').run(saved);
    } else {
      const latest = sqlite.prepare('SELECT * FROM survey_templates WHERE family_id = ? ORDER BY version DESC LIMIT 1').get(input.familyId) as TemplateRow | undefined;
      if (!latest) throw new AppError('NOT_FOUND', `找不到问卷（编号 ${input.familyId}）`, `No survey template ${input.familyId}`, { field: 'familyId' });
      const used = sqlite.prepare('SELECT 1 FROM survey_responses WHERE template_id = ? LIMIT 1').get(latest.id) !== undefined;
      if (used) {
        saved = Number(
          sqlite
            .prepare('INSERT INTO survey_templates (family_id, version, name, questions, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
            .run(latest.family_id, latest.version + 1, input.name, questions, ctx.now(), input.staffCode).lastInsertRowid,
        );
      } else {
        sqlite.prepare('UPDATE survey_templates SET name = ?, questions = ? WHERE id = ?').run(input.name, questions, latest.id);
        saved = latest.id;
      }
    }
    appendAudit(sqlite, { at: ctx.now(), actor: input.staffCode, action: 'surveys.saveTemplate', target: String(saved), detail: { name: input.name, questions: input.questions.length } });
    return saved;
  })();
  return toTemplate(requireTemplate(ctx, id), 0);
}

/** An answer checked against its question; the problem names the question. */
function answerProblem(question: Question, index: number, answer: unknown): string | null {
  const where = `第 ${index + 1} 题（${question.text}）`;
  if (answer === null) return null;
  switch (question.kind) {
    case 'score':
      return Number.isInteger(answer) && (answer as number) >= 1 && (answer as number) <= 5 ? null : `${where}应为 1–5 分`;
    case 'nps':
      return Number.isInteger(answer) && (answer as number) >= 0 && (answer as number) <= 10 ? null : `${where}应为 0–10 分`;
    case 'single':
    case 'multiple': {
      const options = question.options ?? [];
      const picks = answer as number[];
      if (!Array.isArray(answer) || picks.some((p) => !Number.isInteger(p) || p < 0 || p >= options.length) || new Set(picks).size !== picks.length) return `${where}的选项不存在`;
      return question.kind === 'single' && picks.length > 1 ? `${where}只能选一项` : null;
    }
    case 'text':
      return typeof answer === 'string' ? null : `${where}应为文字`;
  }
}

/** Is this answer a low score: ≤ 2 on 1–5, or ≤ 6 on 0–10. */
const isLow = (question: Question, answer: unknown) => (question.kind === 'score' && (answer as number) <= 2) || (question.kind === 'nps' && (answer as number) <= 6);

/**
 * Records a response; answers out of range are refused naming the question. A low score creates a follow-up (关怀)
 * action, due in 3 days, for the customer's manager (or whoever entered it); when none can be made, it says why.
 */
export async function recordResponse(ctx: CoreContext, input: ResponseInput): Promise<{ id: number; followUpActionId: number | null; followUpProblem: string | null }> {
  const template = requireTemplate(ctx, input.templateId);
  const questions = JSON.parse(template.questions) as Question[];
  const customer = await requireCustomerByNo(ctx, input.customerNo);
  if (input.answers.length !== questions.length) {
    throw new AppError('VALIDATION', `问卷有 ${questions.length} 道题，收到 ${input.answers.length} 个答案`, `The template has ${questions.length} questions; ${input.answers.length} answers given`, { field: 'answers' });
  }
  questions.forEach((q, i) => {
    const problem = answerProblem(q, i, input.answers[i]);
    if (problem) throw new AppError('VALIDATION', problem, `Answer ${i + 1} is out of range`, { field: `answers.${i}` });
  });
  const first = (kind: Question['kind']) => {
    const i = questions.findIndex((q) => q.kind === kind);
    return i < 0 ? null : (input.answers[i] as number | null);
  };
  // The customer's tier in the latest month with data and manager, as they stand when the answers are entered.
  const [latest] = await listAssetMonths(ctx.store.db);
  const snapshot = latest ? tierSnapshotOf(ctx, latest) : null;
  const slot = snapshot ? snapshotSlot(snapshot, customer.id) : -1;
  const tierCode = snapshot && slot >= 0 && snapshot.tier[slot] >= 0 ? snapshot.tierCodes[snapshot.tier[slot]] : null;
  const { sqlite } = ctx.store;
  const id = sqlite.transaction(() => {
    const created = Number(
      sqlite
        .prepare('INSERT INTO survey_responses (template_id, customer_id, response_date, channel, staff_code, csat, nps, tier_code, manager_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(template.id, customer.id, input.date, input.channel, input.staffCode, first('score'), first('nps'), tierCode, customer.manager_code, ctx.now()).lastInsertRowid,
    );
    const answer = sqlite.prepare('INSERT INTO survey_answers (response_id, question, value, choices, text) VALUES (?, ?, ?, ?, ?)');
    input.answers.forEach((a, i) => {
      if (a === null) return;
      answer.run(created, i, typeof a === 'number' ? a : null, Array.isArray(a) ? JSON.stringify(a) : null, typeof a === 'string' ? a : null);
    });
    appendAudit(sqlite, { at: ctx.now(), actor: input.staffCode, action: 'surveys.recordResponse', target: input.customerNo, detail: { id: created, template: template.id } });
    return created;
  })();
  ctx.cache.warnings.clear(); // the last survey score is a warning signal
  const low = questions.flatMap((q, i) => (input.answers[i] !== null && isLow(q, input.answers[i]) ? [`第 ${i + 1} 题 ${input.answers[i] as number} 分`] : []));
  if (low.length === 0) return { id, followUpActionId: null, followUpProblem: null };
  // The customer's manager follows up; a customer without one, whoever entered the answers.
  const owner = customer.manager_code ?? input.staffCode;
  if (!owner) return { id, followUpActionId: null, followUpProblem: '评分偏低，但客户没有客户经理、录入时也未选择员工，未建立回访行动。' };
  if (!snapshot || slot < 0 || snapshot.ruleTier[slot] < 0) return { id, followUpActionId: null, followUpProblem: `评分偏低，但客户在 ${latest ?? '最新月份'} 没有分层结果，未建立回访行动。` };
  const action = await createAction(ctx, {
    customerNo: input.customerNo,
    month: latest,
    kind: 'care',
    ownerCode: owner,
    dueDate: addDays(input.date, FOLLOW_UP_DAYS),
    notes: `满意度回访：${template.name} ${low.join('、')}`,
    staffCode: input.staffCode,
  });
  return { id, followUpActionId: action.id, followUpProblem: null };
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
      nps: this.npsAnswers === 0 ? null : Math.round(((this.promoters - this.detractors) / this.npsAnswers) * 1000) / 10,
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
  const latest = sqlite.prepare('SELECT * FROM survey_templates WHERE family_id = ? ORDER BY version DESC LIMIT 1').get(familyId) as TemplateRow | undefined;
  if (!latest) throw new AppError('NOT_FOUND', `找不到问卷（编号 ${familyId}）`, `No survey template ${familyId}`, { field: 'familyId' });
  const questions = JSON.parse(latest.questions) as Question[];
  // The latest version's questions; answers of earlier versions count where the question is the same text.
  const answers = sqlite
    .prepare(
      `SELECT v.questions, a.question, a.value, a.choices, a.text, r.response_date FROM survey_answers a
       JOIN survey_responses r ON r.id = a.response_id JOIN survey_templates v ON v.id = r.template_id
       WHERE v.family_id = ? AND r.response_date >= ? AND r.response_date < ? ORDER BY r.response_date DESC`,
    )
    .all(familyId, from, to) as Array<{ questions: string; question: number; value: number | null; choices: string | null; text: string | null; response_date: string }>;
  const textOf = new Map<string, string[]>();
  const results = questions.map((q, index) => ({ index, kind: q.kind, text: q.text, answers: 0, sum: 0, tally: new Tally(), options: (q.options ?? []).map((label) => ({ label, count: 0 })), texts: [] as Array<{ date: string; text: string }> }));
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
    if (a.choices !== null) for (const pick of JSON.parse(a.choices) as number[]) if (result.options[pick]) result.options[pick].count += 1;
    if (a.text !== null && result.texts.length < TEXTS_SHOWN) result.texts.push({ date: a.response_date, text: a.text });
  }
  return results.map((r) => {
    const figures = r.tally.figures('', '');
    const numeric = r.kind === 'score' || r.kind === 'nps';
    return { index: r.index, kind: r.kind, text: r.text, answers: r.answers, average: numeric && r.answers > 0 ? Math.round((r.sum / r.answers) * 100) / 100 : null, csat: figures.csat, nps: figures.nps, options: r.options, texts: r.texts };
  });
}

/**
 * Results of the responses from `fromMonth` to `toMonth` (one template family's, or all): CSAT and NPS with respondent
 * counts in all and by month, by the customer's tier and manager when surveyed, and by template; and with a template
 * chosen, each question's figures and its free-text answers.
 */
export async function surveyResults(ctx: CoreContext, query: SurveyResultsQuery): Promise<SurveyResults> {
  const { sqlite } = ctx.store;
  type Row = [string, number, string, string, number, number, number, number, number, number];
  // The running totals the triggers keep: a few rows per month however many responses.
  const rows = sqlite
    .prepare(
      `SELECT month, family_id, tier_code, manager_code, respondents, csat_answers, satisfied, nps_answers, promoters, detractors FROM survey_tallies
       WHERE month BETWEEN ? AND ? AND (? IS NULL OR family_id = ?) AND respondents > 0`,
    )
    .raw()
    .all(query.fromMonth, query.toMonth, query.familyId ?? null, query.familyId ?? null) as Row[];
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
  const familyName = new Map(sqlite.prepare('SELECT family_id, name FROM survey_templates ORDER BY version').raw().all() as Array<[number, string]>);
  const listed = <K>(map: Map<K, Tally>, label: (key: K) => string) => [...map].map(([key, tally]) => tally.figures(String(key), label(key)));
  const byRespondents = (a: SurveyFigures, b: SurveyFigures) => b.respondents - a.respondents || a.key.localeCompare(b.key);
  return {
    fromMonth: query.fromMonth,
    toMonth: query.toMonth,
    total: total.figures('total', '合计'),
    byMonth: listed(months, (m) => m).sort((a, b) => a.key.localeCompare(b.key)),
    byTier: listed(tiers, (code) => (code ? (tierName.get(code) ?? code) : '未评定')).sort(byRespondents),
    byManager: listed(managers, (code) => (code ? (staffName.get(code) ?? code) : '未分配')).sort(byRespondents),
    byTemplate: listed(families, (id) => familyName.get(id) ?? String(id)).sort(byRespondents),
    questions: query.familyId === undefined ? [] : questionResults(ctx, query.familyId, `${query.fromMonth}-01`, `${addMonths(query.toMonth, 1)}-01`),
  };
}

/** Each customer's latest 1–5 score: the warning model's "last survey score" signal. */
export function lastSurveyScores(ctx: CoreContext): Map<number, number> {
  // SQLite takes the bare column (csat) from the row holding max(response_date): one pass over the customer index.
  const rows = ctx.store.sqlite
    .prepare('SELECT customer_id, csat, max(response_date) FROM survey_responses WHERE csat IS NOT NULL GROUP BY customer_id')
    .raw()
    .all() as Array<[number, number, string]>;
  return new Map(rows.map(([id, csat]) => [id, csat]));
}
