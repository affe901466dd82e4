/**
 * Survey answers checked against their question (docs/domain.md, "Surveys"): the same rules for an answer
 * entered on a form and one read from a spreadsheet cell. Pure; no zod (the import worker loads it).
 */
import type { Question } from '../../../shared/schemas/surveys';
import { cellText, type Cell, type Parsed } from '../imports/import-cells';

/** A number (score, NPS), option indexes (choices), text, or null (skipped). */
export type Answer = number | number[] | string | null;

/** Free text kept from a spreadsheet cell. */
const TEXT_MAX = 1000;

/** An answer checked against its question; the problem names the question (null: the answer is fine). */
export function answerProblem(question: Question, index: number, answer: unknown): string | null {
  const where = `第 ${index + 1} 题（${question.text}）`;
  if (answer === null) return null;
  switch (question.kind) {
    case 'score':
      return Number.isInteger(answer) && (answer as number) >= 1 && (answer as number) <= 5
        ? null
        : `${where}应为 1–5 分`;
    case 'nps':
      return Number.isInteger(answer) && (answer as number) >= 0 && (answer as number) <= 10
        ? null
        : `${where}应为 0–10 分`;
    case 'single':
    case 'multiple': {
      const options = question.options ?? [];
      const picks = answer as number[];
      if (
        !Array.isArray(answer) ||
        picks.some((p) => !Number.isInteger(p) || p < 0 || p >= options.length) ||
        new Set(picks).size !== picks.length
      )
        return `${where}的选项不存在`;
      return question.kind === 'single' && picks.length > 1 ? `${where}只能选一项` : null;
    }
    case 'text':
      return typeof answer === 'string' ? null : `${where}应为文字`;
  }
}

/** Is this answer a low score: ≤ 2 on 1–5, or ≤ 6 on 0–10. */
const isLowScore = (question: Question, answer: Answer): boolean =>
  (question.kind === 'score' && (answer as number) <= 2) || (question.kind === 'nps' && (answer as number) <= 6);

/** The low scores of a response, as a follow-up names them (`第 2 题 1 分`). */
export function lowScores(questions: readonly Question[], answers: readonly Answer[]): string[] {
  return questions.flatMap((q, i) =>
    answers[i] !== null && answers[i] !== undefined && isLowScore(q, answers[i])
      ? [`第 ${i + 1} 题 ${answers[i] as number} 分`]
      : [],
  );
}

/** An option named by its text or its number (1 for the first). */
function optionIndex(options: readonly string[], text: string): number {
  const named = options.findIndex((o) => o.trim() === text);
  if (named >= 0) return named;
  return /^\d{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= options.length ? Number(text) - 1 : -1;
}

/**
 * A spreadsheet cell read as the answer to `question`: a score as `4` or `4分`, a choice by its text or number,
 * several choices separated by 、，,；; or /; blank is skipped.
 */
export function parseAnswerCell(cell: Cell, question: Question, index: number): Parsed<Answer> {
  const text = cellText(cell);
  if (text === '') return { ok: true, value: null };
  let answer: Answer;
  switch (question.kind) {
    case 'score':
    case 'nps': {
      const score = /^(\d{1,2})(?:\.0+)?\s*分?$/.exec(text);
      answer = score ? Number(score[1]) : text;
      break;
    }
    case 'single':
    case 'multiple': {
      const options = question.options ?? [];
      const parts = question.kind === 'single' ? [text] : text.split(/\s*[、，,；;/]\s*/).filter((p) => p !== '');
      const picks = parts.map((p) => optionIndex(options, p));
      const unknown = parts.find((_, i) => picks[i] < 0);
      if (unknown !== undefined) {
        return {
          ok: false,
          message: `第 ${index + 1} 题没有选项“${unknown}”（可选：${options.join('、')}）`,
          messageEn: `question ${index + 1} has no option "${unknown}"`,
        };
      }
      answer = picks;
      break;
    }
    case 'text':
      answer = text.slice(0, TEXT_MAX);
      break;
  }
  const problem = answerProblem(question, index, answer);
  return problem
    ? { ok: false, message: problem, messageEn: `answer ${index + 1} is out of range` }
    : { ok: true, value: answer };
}
