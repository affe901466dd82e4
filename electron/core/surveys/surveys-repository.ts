import type { Database } from 'better-sqlite3';
import type { ResponseInput } from '../../../shared/schemas/surveys';

/** Each customer's latest 1–5 score: the warning model's "last survey score" signal. */
export function lastSurveyScores(sqlite: Database): Map<number, number> {
  // SQLite takes the bare column (csat) from the row holding max(response_date): one pass over the customer index.
  const rows = sqlite
    .prepare(
      'SELECT customer_id, csat, max(response_date) FROM survey_responses WHERE csat IS NOT NULL GROUP BY customer_id',
    )
    .raw()
    .all() as Array<[number, number, string]>;
  return new Map(rows.map(([id, csat]) => [id, csat]));
}

export interface TemplateRow {
  id: number;
  family_id: number;
  version: number;
  name: string;
  questions: string;
}

/** The latest version of every template family, by name, with the family's responses (all versions). */
export function listLatestTemplates(sqlite: Database): Array<TemplateRow & { responses: number }> {
  return sqlite
    .prepare(
      `SELECT t.*, (SELECT count(*) FROM survey_responses r JOIN survey_templates v ON v.id = r.template_id WHERE v.family_id = t.family_id) AS responses
       FROM survey_templates t WHERE t.version = (SELECT max(version) FROM survey_templates WHERE family_id = t.family_id) ORDER BY t.name`,
    )
    .all() as Array<TemplateRow & { responses: number }>;
}

/** A template version by id. */
export function findTemplate(sqlite: Database, id: number): TemplateRow | undefined {
  return sqlite.prepare('SELECT * FROM survey_templates WHERE id = ?').get(id) as TemplateRow | undefined;
}

/** The latest version of a template family. */
export function findLatestTemplateVersion(sqlite: Database, familyId: number): TemplateRow | undefined {
  return sqlite
    .prepare('SELECT * FROM survey_templates WHERE family_id = ? ORDER BY version DESC LIMIT 1')
    .get(familyId) as TemplateRow | undefined;
}

/** Whether any response was written with this template version. */
export function templateHasResponses(sqlite: Database, templateId: number): boolean {
  return sqlite.prepare('SELECT 1 FROM survey_responses WHERE template_id = ? LIMIT 1').get(templateId) !== undefined;
}

export interface NewTemplate {
  name: string;
  /** The questions as JSON. */
  questions: string;
  created_at: string;
  created_by: string | null;
}

/** Inserts a new template family's version 1, its family id its own id (two statements: call inside a transaction); returns the id. */
export function insertTemplateFamily(sqlite: Database, template: NewTemplate): number {
  const id = Number(
    sqlite
      .prepare(
        'INSERT INTO survey_templates (family_id, version, name, questions, created_at, created_by) VALUES (0, 1, ?, ?, ?, ?)',
      )
      .run(template.name, template.questions, template.created_at, template.created_by).lastInsertRowid,
  );
  sqlite.prepare('UPDATE survey_templates SET family_id = id WHERE id = ?').run(id);
  return id;
}

/** Inserts a further version of a template family; returns its id. */
export function insertTemplateVersion(
  sqlite: Database,
  template: NewTemplate & { family_id: number; version: number },
): number {
  return Number(
    sqlite
      .prepare(
        'INSERT INTO survey_templates (family_id, version, name, questions, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        template.family_id,
        template.version,
        template.name,
        template.questions,
        template.created_at,
        template.created_by,
      ).lastInsertRowid,
  );
}

/** Rewrites a template version's name and questions (JSON) in place. */
export function updateTemplate(sqlite: Database, id: number, name: string, questions: string): void {
  sqlite.prepare('UPDATE survey_templates SET name = ?, questions = ? WHERE id = ?').run(name, questions, id);
}

export interface NewResponse {
  template_id: number;
  customer_id: number;
  response_date: string;
  channel: ResponseInput['channel'];
  staff_code: string | null;
  csat: number | null;
  nps: number | null;
  tier_code: string | null;
  manager_code: string | null;
  created_at: string;
  import_batch_id: number | null;
}

export interface NewAnswer {
  response_id: number;
  question: number;
  value: number | null;
  /** The picked options as JSON. */
  choices: string | null;
  text: string | null;
}

/** Writes responses and their answers with statements prepared once per connection. */
export interface ResponseWriter {
  /** Inserts a response; returns its id. */
  insertResponse(response: NewResponse): number;
  /** Inserts one answer of a response. */
  insertAnswer(answer: NewAnswer): void;
}

/** The statements a response is written with, prepared once per connection (an import writes thousands of responses). */
const writersByConnection = new WeakMap<Database, ResponseWriter>();

/** The connection's response writer (survey_responses and survey_answers inserts), prepared on first use. */
export function responseWriter(sqlite: Database): ResponseWriter {
  let writer = writersByConnection.get(sqlite);
  if (!writer) {
    const response = sqlite.prepare(
      'INSERT INTO survey_responses (template_id, customer_id, response_date, channel, staff_code, csat, nps, tier_code, manager_code, created_at, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const answer = sqlite.prepare(
      'INSERT INTO survey_answers (response_id, question, value, choices, text) VALUES (?, ?, ?, ?, ?)',
    );
    writer = {
      insertResponse: (r) =>
        Number(
          response.run(
            r.template_id,
            r.customer_id,
            r.response_date,
            r.channel,
            r.staff_code,
            r.csat,
            r.nps,
            r.tier_code,
            r.manager_code,
            r.created_at,
            r.import_batch_id,
          ).lastInsertRowid,
        ),
      insertAnswer: (a) => {
        answer.run(a.response_id, a.question, a.value, a.choices, a.text);
      },
    };
    writersByConnection.set(sqlite, writer);
  }
  return writer;
}

export interface FamilyAnswerRow {
  /** The questions (JSON) of the version the response was written with. */
  questions: string;
  question: number;
  value: number | null;
  choices: string | null;
  text: string | null;
  response_date: string;
}

/** Every answer to a template family's responses dated from `from` (inclusive) to `until` (exclusive), newest first. */
export function listFamilyAnswers(sqlite: Database, familyId: number, from: string, until: string): FamilyAnswerRow[] {
  return sqlite
    .prepare(
      `SELECT v.questions, a.question, a.value, a.choices, a.text, r.response_date FROM survey_answers a
       JOIN survey_responses r ON r.id = a.response_id JOIN survey_templates v ON v.id = r.template_id
       WHERE v.family_id = ? AND r.response_date >= ? AND r.response_date < ? ORDER BY r.response_date DESC`,
    )
    .all(familyId, from, until) as FamilyAnswerRow[];
}

/**
 * month, family_id, tier_code, manager_code, then the counts: respondents, csat_answers, satisfied, nps_answers,
 * promoters, detractors.
 */
export type SurveyTallyRow = [string, number, string, string, number, number, number, number, number, number];

/** The running tallies (survey_tallies) of the months from `fromMonth` to `toMonth`, of one template family or all. */
export function listSurveyTallies(
  sqlite: Database,
  fromMonth: string,
  toMonth: string,
  familyId: number | null,
): SurveyTallyRow[] {
  return sqlite
    .prepare(
      `SELECT month, family_id, tier_code, manager_code, respondents, csat_answers, satisfied, nps_answers, promoters, detractors FROM survey_tallies
       WHERE month BETWEEN ? AND ? AND (? IS NULL OR family_id = ?) AND respondents > 0`,
    )
    .raw()
    .all(fromMonth, toMonth, familyId, familyId) as SurveyTallyRow[];
}

/** Each template family's name (its latest version's, read last). */
export function templateFamilyNames(sqlite: Database): Map<number, string> {
  return new Map(
    sqlite.prepare('SELECT family_id, name FROM survey_templates ORDER BY version').raw().all() as Array<
      [number, string]
    >,
  );
}
