import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { csvText, xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { QUESTIONS } from '../../../tests/fixtures/surveys';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { runMigrations } from '../platform/migrate';
import { encodeChinese } from '../platform/text-encoding';
import { commitImport, listImports, undoLatestImport, type ImportFile } from '../imports/imports';
import { analyzeOne, type OneFileOptions } from '../../../tests/helpers/imports';
import { saveTemplate, surveyResults } from './surveys';
import { recomputeTiers } from '../tiers/tier-recompute';

const WAN = 1_000_000;
let ctx: ReturnType<typeof createTestContext>;
beforeEach(async () => {
  ctx = createTestContext(); // today is 2024-04-10
  seedBranch(
    ctx.store,
    [
      { customer_no: 'A1', name: '王芳', manager_code: 'M01', assets: { '2024-03': 700 * WAN } },
      { customer_no: 'A2', name: '李强', manager_code: 'M02', assets: { '2024-03': 60 * WAN } },
      { customer_no: 'A3', name: '赵敏', assets: { '2024-03': 3 * WAN } },
    ],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
    ],
  );
  await recomputeTiers(ctx.store.sqlite, ctx.now());
});
afterEach(() => ctx.store.close());

const analyzeImport = (file: ImportFile, options: OneFileOptions = {}) => analyzeOne(ctx, file, options);
const analyzeInWorker = (c: typeof ctx, file: ImportFile) => analyzeOne(c, file, { inProcess: false });

const HEADER = [
  '序号',
  '客户号',
  '客户名称',
  '调查日期',
  '调查方式',
  '调查人工号',
  '1. 对本次服务的满意度',
  '向亲友推荐我行的可能性',
  '最常用的渠道',
  '希望加强的方面',
  '其他建议',
];

/** 满意度答卷 as a survey vendor returns them: a title row, 序号, question texts (one numbered) as headers. */
function answersFile(rows: unknown[][]): Buffer {
  return xlsxFile([{ name: '答卷', rows: [['2024年一季度客户满意度回访'], [], HEADER, ...rows] }]);
}

const GOOD = [
  [1, 'A1', '王芳', '2024-03-10', '电话', 'M01', 5, 10, '手机银行', '产品收益、等候时间', '很好'],
  [2, 'A2', '李强', '2024/3/12', '面访', null, '2分', 3, 2, '服务态度', null],
  [3, 'A3', '赵敏', '2024-03-15', '网点', 'M02', 4, 9, '网点', null, null],
];

describe('survey answers through the import pipeline', () => {
  it('reads the answers by the matching template, records them, follows up low scores and undoes', async () => {
    saveTemplate(ctx, { name: '开户回访', questions: [{ kind: 'score', text: '开户流程是否顺畅' }], staffCode: null });
    const template = saveTemplate(ctx, { name: '季度满意度', questions: QUESTIONS, staffCode: null });
    const analysis = await analyzeImport({ name: '一季度答卷.xlsx', bytes: answersFile(GOOD) });
    const { file: preview } = analysis;
    expect(preview.kind).toBe('surveys');
    expect(preview.problems).toEqual([]);
    expect(preview.mapping.map((m) => m.field)).toEqual([
      null,
      'customerNo',
      'name',
      'surveyDate',
      'channel',
      'staffCode',
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
    ]);
    expect(preview.surveys).toEqual({
      templateId: template.id,
      templateName: '季度满意度',
      questions: QUESTIONS.map((q) => q.text),
      responses: 3,
      lowScores: 1,
      followUps: 1,
    });
    expect(preview.canCommit).toBe(true);

    const result = await commitImport(ctx, analysis, { replaceMonths: false, staffCode: 'M01' });
    expect(result).toMatchObject({ surveyRows: 3, followUps: 1, newCustomers: 0, assetRows: 0 });
    const { sqlite } = ctx.store;
    const responses = sqlite
      .prepare(
        'SELECT c.customer_no, r.response_date, r.channel, r.staff_code, r.csat, r.nps, r.manager_code FROM survey_responses r JOIN customers c ON c.id = r.customer_id ORDER BY c.customer_no',
      )
      .all();
    expect(responses).toEqual([
      {
        customer_no: 'A1',
        response_date: '2024-03-10',
        channel: 'phone',
        staff_code: 'M01',
        csat: 5,
        nps: 10,
        manager_code: 'M01',
      },
      {
        customer_no: 'A2',
        response_date: '2024-03-12',
        channel: 'visit',
        staff_code: null,
        csat: 2,
        nps: 3,
        manager_code: 'M02',
      },
      {
        customer_no: 'A3',
        response_date: '2024-03-15',
        channel: 'branch',
        staff_code: 'M02',
        csat: 4,
        nps: 9,
        manager_code: null,
      },
    ]);
    const answers = sqlite
      .prepare(
        "SELECT question, value, choices, text FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id JOIN customers c ON c.id = r.customer_id WHERE c.customer_no = 'A1' ORDER BY question",
      )
      .all();
    expect(answers).toEqual([
      { question: 0, value: 5, choices: null, text: null },
      { question: 1, value: 10, choices: null, text: null },
      { question: 2, value: null, choices: '[1]', text: null },
      { question: 3, value: null, choices: '[0,2]', text: null },
      { question: 4, value: null, choices: null, text: '很好' },
    ]);
    // A2's low score: a care action for A2's manager, due 3 days after the answers.
    expect(
      sqlite.prepare('SELECT kind, owner_code, due_date, notes, import_batch_id FROM retention_actions').all(),
    ).toEqual([
      {
        kind: 'care',
        owner_code: 'M02',
        due_date: '2024-03-15',
        notes: '满意度回访：季度满意度 第 1 题 2 分、第 2 题 3 分',
        import_batch_id: result.setId,
      },
    ]);
    const results = await surveyResults(ctx, { fromMonth: '2024-03', toMonth: '2024-03' });
    expect(results.total).toMatchObject({
      respondents: 3,
      csatAnswers: 3,
      csat: 2 / 3,
      npsAnswers: 3,
      nps: Math.round(((2 - 1) / 3) * 1000) / 10,
    });

    // The same file again is refused; undo deletes the answers, their follow-up and the totals.
    expect((await analyzeImport({ name: 'again.xlsx', bytes: answersFile(GOOD) })).file.alreadyImported?.batchId).toBe(
      result.setId,
    );
    expect(listImports(ctx).batches[0]).toMatchObject({
      kind: 'surveys',
      canUndo: true,
      summary: expect.objectContaining({ surveyRows: 3, followUps: 1 }),
    });
    await undoLatestImport(ctx, 'M01');
    expect(sqlite.prepare('SELECT count(*) FROM survey_responses').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM survey_answers').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM retention_actions').pluck().get()).toBe(0);
    expect((await surveyResults(ctx, { fromMonth: '2024-03', toMonth: '2024-03' })).total.respondents).toBe(0);
  });

  it('collects every bad answer with its row and column, and writes nothing', async () => {
    const template = saveTemplate(ctx, { name: '季度满意度', questions: QUESTIONS, staffCode: null });
    const first = await analyzeImport({ name: 'first.xlsx', bytes: answersFile([GOOD[0]]) });
    await commitImport(ctx, first, { replaceMonths: false, staffCode: null });
    const rows = [
      [1, 'A1', '王芳', '2024-03-10', '电话', 'M01', 4, 8, null, null, null], // already recorded that day
      [2, 'A9', '无名', '2024-03-11', '电话', null, 4, 8, null, null, null], // unknown customer
      [3, 'A2', '李强', '2024-03-11', '邮件', null, 6, 8, null, null, null], // channel, score out of range
      [4, 'A2', '李强', '2024-05-01', '电话', null, 4, 8, null, null, null], // future date
      [5, 'A3', '赵敏', '2024-03-11', '电话', 'X99', 4, 11, '柜台', '产品收益；排队', null], // staff, NPS, options
      [6, 'A3', '赵敏', '2024-03-11', '电话', null, 4, 8, null, null, null], // duplicate of row 8 below
      [7, 'A3', '赵敏', '2024-03-11', '电话', null, 4, 8, null, null, null],
      [8, 'A2', '李强', '2024-03-20', '电话', null, null, null, null, null, null], // no answers
      [9, 'A3', '赵敏', '2024-03-21', '电话', null, 1, 8, null, null, null], // low, and no one to follow it up
    ];
    const csv = encodeChinese(csvText([HEADER, ...rows]), 'gbk');
    const { file: preview } = await analyzeImport({ name: '答卷.csv', bytes: csv.bytes }, { templateId: template.id });
    expect(preview.encoding).toBe('gb18030');
    const shown = preview.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.row} ${p.column ?? '-'} ${p.message}`);
    expect(shown).toEqual([
      '2 B 客户号 客户 A1 在 2024-03-10 已有这份问卷的答卷，不会重复记录',
      '3 B 客户号 客户号 A9 不在客户名单中；答卷只能记到已有客户名下',
      '4 E 调查方式 渠道：渠道应为 面访、电话、短信 或 网点',
      '4 G 1. 对本次服务的满意度 第 1 题（对本次服务的满意度）应为 1–5 分',
      '5 D 调查日期 调查日期 2024-05-01 在未来',
      '6 H 向亲友推荐我行的可能性 第 2 题（向亲友推荐我行的可能性）应为 0–10 分',
      '6 I 最常用的渠道 第 3 题没有选项“柜台”（可选：网点、手机银行、电话）',
      '6 J 希望加强的方面 第 4 题没有选项“排队”（可选：产品收益、服务态度、等候时间）',
      '8 B 客户号 客户 A3 2024-03-11 的答卷在文件中重复：第 7 行和第 8 行',
      '9 - 这一行没有任何答案',
    ]);
    expect(preview.problems.filter((p) => p.severity === 'warning').map((p) => `${p.row} ${p.message}`)).toEqual([
      '10 客户 A3 评分偏低，但没有客户经理、这一行也没有调查人工号，不会建立回访行动',
    ]);
    expect(preview.surveys).toMatchObject({ responses: 2, lowScores: 1, followUps: 0 }); // rows 8 and 10
    expect(preview.canCommit).toBe(false);
    expect(ctx.store.sqlite.prepare('SELECT count(*) FROM survey_responses').pluck().get()).toBe(1);
  });

  it('runs in the import worker, and says what to do without a template or an answer column', async () => {
    const file = { name: '答卷.xlsx', bytes: answersFile(GOOD) };
    await expect(analyzeInWorker(ctx, file)).rejects.toThrow('还没有问卷模板');
    saveTemplate(ctx, { name: '季度满意度', questions: QUESTIONS, staffCode: null });
    const { file: preview } = await analyzeInWorker(ctx, file);
    expect(preview).toMatchObject({
      kind: 'surveys',
      canCommit: true,
      surveys: expect.objectContaining({ responses: 3, lowScores: 1 }),
    });
    const unmapped = preview.mapping.map((m) => (m.field?.startsWith('q') ? { ...m, field: null } : m));
    const again = await analyzeImport(file, { mapping: unmapped, templateId: preview.surveys?.templateId });
    expect(again.file.problems[0].message).toContain('没有一列对应到问卷的题目');
    expect(again.file.canCommit).toBe(false);
  });
});

describe('migration 0010', () => {
  it('widens the batch kinds keeping every batch and its undo rows', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 9),
    );
    db.prepare(
      "INSERT INTO import_batches (id, file_name, sha256, kind, summary, created_at) VALUES (7, 'a.xlsx', 'x', 'assets', '{}', '2024-04-01')",
    ).run();
    db.prepare("INSERT INTO import_undo_staff (batch_id, code) VALUES (7, 'M09')").run();
    runMigrations(db, migrations);
    expect(db.prepare('SELECT id, kind FROM import_batches').all()).toEqual([{ id: 7, kind: 'assets' }]);
    expect(db.prepare('SELECT batch_id FROM import_undo_staff').pluck().all()).toEqual([7]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_key_list(import_undo_staff)')).toEqual([
      expect.objectContaining({ table: 'import_batches' }),
    ]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(
      "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at) VALUES ('b.xlsx', 'y', 'surveys', '{}', '2024-04-02')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO import_batches (file_name, sha256, kind, summary, created_at) VALUES ('c', 'z', 'other', '{}', '')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
