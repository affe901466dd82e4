import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../../tests/fixtures/surveys';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import type { ResponseInput } from '../../../shared/schemas/surveys';
import { dispatch } from '../dispatch';
import { recomputeTiers } from '../tiers/tier-recompute';
import { lastSurveyScores } from './surveys-repository';
import { listTemplates, recordResponse, saveTemplate, surveyResults } from './surveys';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [
      { customer_no: 'A1', name: '王芳', manager_code: 'M01', assets: { '2024-03': 700 * WAN } },
      { customer_no: 'A2', name: '李强', manager_code: 'M01', assets: { '2024-03': 60 * WAN } },
      { customer_no: 'A3', name: '赵敏', manager_code: 'M02', assets: { '2024-03': 3 * WAN } },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const answer = (templateId: number, customerNo: string, date: string, answers: ResponseInput['answers']) =>
  recordResponse(ctx, { templateId, customerNo, date, channel: 'phone', answers, staffCode: 'M01' });

describe('satisfaction surveys on real SQLite', () => {
  it('versions a template once it has responses; old responses keep theirs', async () => {
    const v1 = saveTemplate(ctx, { name: '季度满意度', questions: QUESTIONS, staffCode: 'M01' });
    expect(v1).toMatchObject({ version: 1, familyId: v1.id });
    // Not used yet: edited in place.
    expect(
      saveTemplate(ctx, { familyId: v1.familyId, name: '季度满意度调查', questions: QUESTIONS, staffCode: 'M01' }),
    ).toMatchObject({ id: v1.id, version: 1 });
    await answer(v1.id, 'A1', '2024-03-10', [5, 10, [1], [0, 2], '很好']);
    const v2 = saveTemplate(ctx, {
      familyId: v1.familyId,
      name: '季度满意度调查',
      questions: QUESTIONS.slice(0, 2),
      staffCode: 'M01',
    });
    expect(v2).toMatchObject({ version: 2, familyId: v1.familyId });
    expect(v2.id).not.toBe(v1.id);
    expect(listTemplates(ctx).templates).toEqual([expect.objectContaining({ id: v2.id, version: 2, responses: 1 })]);
    expect(ctx.store.sqlite.prepare('SELECT template_id FROM survey_responses').pluck().get() as number).toBe(v1.id);
  });

  it('refuses answers out of range, naming the question', async () => {
    const t = saveTemplate(ctx, { name: '满意度', questions: QUESTIONS, staffCode: null });
    await expect(answer(t.id, 'A1', '2024-03-10', [6, 10, [1], [0], null])).rejects.toThrow(
      '第 1 题（对本次服务的满意度）应为 1–5 分',
    );
    await expect(answer(t.id, 'A1', '2024-03-10', [5, 11, [1], [0], null])).rejects.toThrow(
      '第 2 题（向亲友推荐我行的可能性）应为 0–10 分',
    );
    await expect(answer(t.id, 'A1', '2024-03-10', [5, 9, [0, 1], [0], null])).rejects.toThrow(
      '第 3 题（最常用的渠道）只能选一项',
    );
    await expect(answer(t.id, 'A1', '2024-03-10', [5, 9, [1], [7], null])).rejects.toThrow(
      '第 4 题（希望加强的方面）的选项不存在',
    );
    await expect(answer(t.id, 'A1', '2024-03-10', [5, 9])).rejects.toThrow('问卷有 5 道题，收到 2 个答案');
    const bad = await dispatch(ctx, testSession(), 'surveys.templates.save', {
      name: '空',
      questions: [{ kind: 'single', text: '单选', options: ['只有一个'] }],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('选择题至少要有 2 个选项') },
    });
  });

  it('turns a low score into a follow-up action for the customer’s manager, and feeds the warning model', async () => {
    const t = saveTemplate(ctx, { name: '满意度', questions: QUESTIONS, staffCode: null });
    expect((await answer(t.id, 'A1', '2024-03-10', [4, 9, null, null, null])).followUpActionId).toBeNull();
    const low = await answer(t.id, 'A2', '2024-03-12', [2, 5, null, null, '等候太久']);
    expect(low.followUpActionId).toEqual(expect.any(Number));
    const action = ctx.store.sqlite
      .prepare('SELECT kind, owner_code, due_date, notes FROM retention_actions WHERE id = ?')
      .get(low.followUpActionId);
    expect(action).toEqual({
      kind: 'care',
      owner_code: 'M01',
      due_date: '2024-03-15',
      notes: '满意度回访：满意度 第 1 题 2 分、第 2 题 5 分',
    });
    // A customer without a manager: whoever entered the answers follows up; with nobody, it says why.
    seedBranch(ctx.store, [{ customer_no: 'A4', name: '钱多', assets: { '2024-03': 20 * WAN } }], []);
    await recomputeTiers(ctx.store.sqlite, ctx.now());
    const unowned = await recordResponse(ctx, {
      templateId: t.id,
      customerNo: 'A4',
      date: '2024-03-12',
      channel: 'sms',
      answers: [1, 3, null, null, null],
      staffCode: null,
    });
    expect(unowned).toMatchObject({
      followUpActionId: null,
      followUpProblem: expect.stringContaining('客户没有客户经理'),
    });
    expect(
      (
        await recordResponse(ctx, {
          templateId: t.id,
          customerNo: 'A4',
          date: '2024-03-13',
          channel: 'sms',
          answers: [1, 3, null, null, null],
          staffCode: 'M02',
        })
      ).followUpActionId,
    ).toEqual(expect.any(Number));
    expect([...lastSurveyScores(ctx.store.sqlite)].slice(0, 2)).toEqual([
      [1, 4],
      [2, 2],
    ]);
  });

  it('computes CSAT and NPS with respondent counts by month, tier, manager and template, and per question', async () => {
    const t = saveTemplate(ctx, { name: '满意度', questions: QUESTIONS, staffCode: null });
    await answer(t.id, 'A1', '2024-02-10', [5, 10, [0], [0, 1], '很满意']);
    await answer(t.id, 'A1', '2024-03-10', [4, 9, [1], [1], null]);
    await answer(t.id, 'A2', '2024-03-11', [3, 7, [1], [2], '等候太久']);
    await answer(t.id, 'A3', '2024-03-12', [1, 2, [2], [1, 2], null]);
    const r = await surveyResults(ctx, { fromMonth: '2024-02', toMonth: '2024-03', familyId: t.familyId });
    // CSAT: 2 of 4 gave 4–5; NPS: 2 promoters, 1 passive, 1 detractor of 4 → (2 − 1) / 4 = 25 points.
    expect(r.total).toMatchObject({ respondents: 4, csatAnswers: 4, csat: 0.5, npsAnswers: 4, nps: 25 });
    expect(r.byMonth.map((m) => [m.key, m.respondents, m.csat, m.nps])).toEqual([
      ['2024-02', 1, 1, 100],
      ['2024-03', 3, 1 / 3, 0],
    ]);
    expect(r.byManager.map((m) => [m.label, m.respondents])).toEqual([
      ['周文静', 3],
      ['吴海', 1],
    ]);
    expect(r.byTier.map((m) => [m.label, m.respondents])).toEqual([
      ['私人银行客户', 2],
      ['大众客户', 1],
      ['白金客户', 1],
    ]);
    expect(r.byTemplate).toEqual([expect.objectContaining({ label: '满意度', respondents: 4 })]);
    // The running totals follow a deleted response (a customer removed takes theirs with them).
    ctx.store.sqlite.prepare("DELETE FROM survey_responses WHERE response_date = '2024-03-12'").run();
    expect((await surveyResults(ctx, { fromMonth: '2024-02', toMonth: '2024-03' })).total).toMatchObject({
      respondents: 3,
      csat: 2 / 3,
      nps: 66.7,
    });
    expect(r.questions[0]).toMatchObject({ kind: 'score', answers: 4, average: 3.25, csat: 0.5 });
    expect(r.questions[2].options).toEqual([
      { label: '网点', count: 1 },
      { label: '手机银行', count: 2 },
      { label: '电话', count: 1 },
    ]);
    expect(r.questions[4].texts).toEqual([
      { date: '2024-03-11', text: '等候太久' },
      { date: '2024-02-10', text: '很满意' },
    ]);
  });
});
