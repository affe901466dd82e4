import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_SETTINGS } from '../../../shared/schemas/auth';
import { DEFAULT_WARNING_SETTINGS } from '../../../shared/schemas/retention';
import { DEFAULT_DIMENSION_SETTINGS } from '../../../shared/schemas/segments';
import { DEFAULT_TIER_RULE_SET, type TierRuleSet } from '../../../shared/schemas/tiers';
import type { RulePackagePreview } from '../../../shared/schemas/rule-packages';
import { createTestContext, seedBranch, testSession } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';
import { gettingStarted } from '../branch/getting-started';
import { saveAccessSettings } from '../trust/auth';
import { saveWarningSettings } from '../retention/retention';
import { saveDimensionSettings } from '../segments/dimension-settings';
import { listTemplates, recordResponse, saveTemplate } from '../surveys/surveys';
import { recomputeTiers } from '../tiers/tier-recompute';
import { getTierRules, saveTierRules } from '../tiers/tier-rules';
import { getTierOverview } from '../tiers/tiers';
import { saveContactStandards } from '../workbench/workbench';
import { getSuitabilitySettings, saveSuitabilitySettings } from '../suitability/suitability';
import { DEFAULT_SUITABILITY_SETTINGS } from '../../../shared/schemas/suitability';
import { packageChecksum } from './rule-package-file';
import { buildRulePackage, exportRulePackage, importRulePackage, previewRulePackage } from './rule-packages';

const WAN = 1_000_000;
type Ctx = ReturnType<typeof createTestContext>;

/** A branch of three customers over two months, its tiers assessed. */
async function branch(): Promise<Ctx> {
  const ctx = createTestContext();
  seedBranch(ctx.store, [
    { customer_no: 'A', name: '甲', manager_code: 'M01', assets: { '2024-01': 700 * WAN, '2024-02': 700 * WAN } },
    { customer_no: 'B', name: '乙', manager_code: 'M01', assets: { '2024-01': 250 * WAN, '2024-02': 250 * WAN } },
    { customer_no: 'C', name: '丙', manager_code: 'M01', assets: { '2024-01': 30 * WAN, '2024-02': 30 * WAN } },
  ]);
  await recomputeTiers(ctx.store.sqlite, ctx.now());
  return ctx;
}

let a: Ctx;
let b: Ctx;
beforeEach(async () => {
  [a, b] = [await branch(), await branch()];
});
afterEach(async () => {
  await a.store.close();
  await b.store.close();
});

/** The default rules with one tier's threshold at `wan` 万. */
const thresholdOf = (code: string, wan: number, validFrom = DEFAULT_TIER_RULE_SET.validFrom): TierRuleSet => ({
  ...DEFAULT_TIER_RULE_SET,
  validFrom,
  tiers: DEFAULT_TIER_RULE_SET.tiers.map((t) => (t.code === code ? { ...t, thresholdFen: wan * WAN } : t)),
});
const diamondFrom = (wan: number) => thresholdOf('T3', wan);

const QUESTIONS = [
  { kind: 'score' as const, text: '您对网点服务是否满意？' },
  { kind: 'nps' as const, text: '您向亲友推荐本行的可能性有多大？' },
];

/** A package as the file another branch receives. */
const fileOf = (ctx: Ctx, name = '规则包.tierdesk-rules.json') => ({
  name,
  bytes: Buffer.from(exportRulePackage(ctx, 'A01').text, 'utf8'),
});

/** Everything a package carries of a branch, as it would export it (its checksum and date aside). */
const settingsOf = (ctx: Ctx) => (JSON.parse(buildRulePackage(ctx).text) as { sections: unknown }).sections;
const auditCount = (ctx: Ctx, action: string) =>
  ctx.store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;
const linesOf = (preview: RulePackagePreview, section: string) =>
  preview.sections.find((s) => s.section === section)?.changes.map((c) => c.text);

describe('rule packages', () => {
  it('round trip: a package of changed settings makes another branch the same, tiers reassessed once', async () => {
    await saveTierRules(a, thresholdOf('T4', 240, '2024-02'), 'A01');
    saveWarningSettings(a, { ...DEFAULT_WARNING_SETTINGS, highScore: 70 }, 'A01');
    saveContactStandards(
      a,
      { tiers: { T4: { contactDays: 20, visitDays: 60 }, T3: { contactDays: 45, visitDays: null } } },
      'A01',
    );
    saveTemplate(a, { name: '网点服务满意度', questions: QUESTIONS, staffCode: 'A01' });
    saveAccessSettings(a, { ...DEFAULT_ACCESS_SETTINGS, idleMinutes: 15, managerBranchView: true }, 'A01');
    await saveDimensionSettings(a, { ...DEFAULT_DIMENSION_SETTINGS, riskValidMonths: 24 }, 'A01');
    expect(getTierOverview(b, '2024-02').tiers.find((t) => t.code === 'T3')?.count).toBe(1);

    const file = fileOf(a);
    const preview = previewRulePackage(b, file);
    expect(preview.changed).toBe(true);
    const result = await importRulePackage(b, file, preview.checksum, 'A02');

    expect(settingsOf(b)).toEqual(settingsOf(a));
    expect([...result.changedSections].sort()).toEqual(
      ['access', 'contactStandards', 'dimensions', 'surveyTemplates', 'tierRules', 'warnings'].sort(),
    );
    // 乙's 250万 reaches the new 240万 of 私人银行 from February (rising at once); January keeps the old rules.
    expect(result.recomputed).toMatchObject({ firstMonth: '2024-02', lastMonth: '2024-02' });
    const count = (month: string, code: string) => getTierOverview(b, month).tiers.find((t) => t.code === code)?.count;
    expect([count('2024-02', 'T4'), count('2024-02', 'T3')]).toEqual([2, 0]);
    expect([count('2024-01', 'T4'), count('2024-01', 'T3')]).toEqual([1, 1]);
    const audit = b.store.sqlite
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'rules.importPackage'")
      .all() as Array<{ actor: string; detail: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('A02');
    expect(JSON.parse(audit[0].detail)).toMatchObject({ checksum: preview.checksum, sections: result.changedSections });

    // 开始使用 counts rules taken from head office as checked.
    expect((await gettingStarted(b)).steps.find((s) => s.step === 'rules')?.done).toBe(true);

    // The same package again: nothing left to change, nothing written.
    const again = previewRulePackage(b, file);
    expect(again.changed).toBe(false);
    expect(again.sections.every((s) => s.changes.length === 0)).toBe(true);
    expect(await importRulePackage(b, file, null, 'A02')).toEqual({ changedSections: [], recomputed: null });
    expect(auditCount(b, 'rules.importPackage')).toBe(1);
  });

  it('the diff says in words what would change, and 无变化 for the rest', async () => {
    await saveTierRules(a, { ...diamondFrom(300), missingMonthsKept: 6 }, 'A01');
    saveTemplate(a, { name: '网点服务满意度', questions: QUESTIONS, staffCode: 'A01' });
    saveContactStandards(a, { tiers: { T3: { contactDays: 20, visitDays: null } } }, 'A01');
    const preview = previewRulePackage(b, fileOf(a));
    expect(linesOf(preview, 'tierRules')).toEqual([
      '分层规则（全部历史）：数据缺失最多沿用 3 → 6 个月',
      '分层规则（全部历史）：钻石客户 门槛 200万 → 300万',
    ]);
    expect(linesOf(preview, 'surveyTemplates')).toEqual(['新增满意度问卷模板『网点服务满意度』（2 道题）']);
    expect(linesOf(preview, 'contactStandards')).toEqual([
      '联系标准：私人银行客户 不再设标准（原联系每 31 天，面访每 92 天）',
      '联系标准：钻石客户 每 62 天 → 每 20 天',
      '联系标准：白金客户 不再设标准（原联系每 92 天，面访不要求）',
      '联系标准：金卡客户 不再设标准（原联系每 183 天，面访不要求）',
    ]);
    for (const section of ['dimensions', 'warnings', 'access']) expect(linesOf(preview, section)).toEqual([]);
    expect(preview.sections.find((s) => s.section === 'tierRules')?.changes[1].textEn).toBe(
      'Tier rules (all history): 钻石客户 threshold CNY 2,000,000 → CNY 3,000,000',
    );
  });

  it('updates a template of the same name as a new version when it has answers, and keeps the branch’s own', async () => {
    const own = saveTemplate(b, { name: '理财回访', questions: QUESTIONS, staffCode: 'A01' });
    const shared = saveTemplate(b, { name: '网点服务满意度', questions: QUESTIONS.slice(0, 1), staffCode: 'A01' });
    await recordResponse(b, {
      templateId: shared.id,
      customerNo: 'A',
      date: '2024-04-01',
      channel: 'phone',
      answers: [5],
      staffCode: 'M01',
    });
    saveTemplate(a, { name: '网点服务满意度', questions: QUESTIONS, staffCode: 'A01' });
    const file = fileOf(a);
    const preview = previewRulePackage(b, file);
    expect(linesOf(preview, 'surveyTemplates')).toEqual([
      '更新问卷模板『网点服务满意度』：题目 1 → 2 道（已有 1 份答卷，答卷保留在原版本上）',
      '本行问卷模板『理财回访』不在规则包中：保留，不删除',
    ]);
    await importRulePackage(b, file, preview.checksum, 'A02');
    const templates = listTemplates(b).templates;
    expect(templates.map((t) => [t.name, t.version, t.questions.length, t.responses])).toEqual([
      ['理财回访', 1, 2, 0],
      ['网点服务满意度', 2, 2, 1],
    ]);
    expect(templates.find((t) => t.name === '理财回访')?.id).toBe(own.id);
  });

  it('carries the suitability setting: diffed in words, applied with the rest; a package made before it leaves it', async () => {
    const stricter = {
      maxProductRisk: { C1: 1, C2: 1, C3: 2, C4: 4, C5: 5 },
      professionalMaxRisk: 4,
      requireDualRecording: false,
    };
    saveSuitabilitySettings(a, stricter, 'A01');
    const file = fileOf(a);
    const preview = previewRulePackage(b, file);
    expect(linesOf(preview, 'suitability')).toEqual([
      '适当性：C2 稳健型可持有产品：最高 R2 → 最高 R1',
      '适当性：C3 平衡型可持有产品：最高 R3 → 最高 R2',
      '适当性：专业投资者可持有产品：最高 R5 → 最高 R4',
      '适当性：向普通投资者推荐理财类产品须填双录编号：是 → 否',
    ]);
    for (const section of ['tierRules', 'dimensions', 'warnings', 'access'])
      expect(linesOf(preview, section)).toEqual([]);
    const result = await importRulePackage(b, file, preview.checksum, 'A02');
    expect(result).toEqual({ changedSections: ['suitability'], recomputed: null });
    expect(getSuitabilitySettings(b)).toEqual(stricter);
    expect(settingsOf(b)).toEqual(settingsOf(a));

    // A package exported before suitability was part of it: the branch's own setting stays, and the diff says so.
    const json = JSON.parse(fileOf(a).bytes.toString('utf8')) as { sections: Record<string, unknown> };
    delete json.sections.suitability;
    const older = {
      name: '旧规则包.tierdesk-rules.json',
      bytes: Buffer.from(JSON.stringify({ ...json, checksum: packageChecksum(json) })),
    };
    saveSuitabilitySettings(b, DEFAULT_SUITABILITY_SETTINGS, 'A01');
    const olderPreview = previewRulePackage(b, older);
    expect(olderPreview.changed).toBe(false);
    expect(linesOf(olderPreview, 'suitability')).toEqual([
      '规则包中没有适当性规则（由较早版本导出）：保持本行设置不变',
    ]);
    await importRulePackage(b, older, olderPreview.checksum, 'A02');
    expect(getSuitabilitySettings(b)).toEqual(DEFAULT_SUITABILITY_SETTINGS);
  });

  it('refuses a suitability setting outside R1–R5, naming the section', async () => {
    const json = JSON.parse(fileOf(a).bytes.toString('utf8')) as {
      sections: { suitability: { maxProductRisk: Record<string, number> } };
    };
    json.sections.suitability.maxProductRisk.C3 = 6;
    const file = {
      name: '总行规则.tierdesk-rules.json',
      bytes: Buffer.from(JSON.stringify({ ...json, checksum: packageChecksum(json) })),
    };
    expect(() => previewRulePackage(b, file)).toThrow(
      expect.objectContaining({
        code: 'IMPORT_REJECTED',
        message: expect.stringMatching(/“适当性规则”一节（maxProductRisk\.C3）不符合规则：最高产品风险等级为 R1–R5/),
      }),
    );
  });

  describe('refuses, changing nothing', () => {
    /** The package of branch A as JSON, to edit as someone might by hand. */
    type Edited = Record<string, unknown> & {
      sections: {
        tierRules: Array<{ tiers: Array<Record<string, unknown>> }>;
        warnings: Record<string, unknown>;
        access: Record<string, unknown>;
      };
    };
    const packageJson = () => JSON.parse(fileOf(a).bytes.toString('utf8')) as Edited;
    const asFile = (json: unknown) => ({
      name: '总行规则.tierdesk-rules.json',
      bytes: Buffer.from(JSON.stringify(json)),
    });
    const resealed = (json: Record<string, unknown>) => ({ ...json, checksum: packageChecksum(json) });

    beforeEach(async () => {
      await saveTierRules(a, diamondFrom(300), 'A01');
    });

    it.each([
      [
        'a value edited by hand under the old checksum',
        () => {
          const json = packageJson();
          json.sections.tierRules[0].tiers[3].thresholdFen = 100 * WAN;
          return asFile(json);
        },
        'IMPORT_REJECTED',
        /「总行规则\.tierdesk-rules\.json」的校验和不符：文件已被修改或损坏/,
      ],
      [
        'a package from a newer format',
        () => asFile(resealed({ ...packageJson(), formatVersion: 2 })),
        'SCHEMA_TOO_NEW',
        /由更新版本的 Tierdesk 导出（规则包格式 2，本版本支持到 1），请先升级 Tierdesk/,
      ],
      [
        'a package from a newer database schema',
        () => asFile(resealed({ ...packageJson(), schemaVersion: 999 })),
        'SCHEMA_TOO_NEW',
        /由更新版本的 Tierdesk 导出（数据库结构 999/,
      ],
      [
        'a section failing its rules (resealed)',
        () => {
          const json = packageJson();
          json.sections.warnings.mediumScore = 90;
          return asFile(resealed(json));
        },
        'IMPORT_REJECTED',
        /“预警模型”一节（mediumScore）不符合规则：“中”的分数线应低于“高”/,
      ],
      [
        'an unknown field (resealed)',
        () => {
          const json = packageJson();
          json.sections.access.everyoneIsAdmin = true;
          return asFile(resealed(json));
        },
        'IMPORT_REJECTED',
        /“访问设置”一节/,
      ],
      [
        'not JSON',
        () => ({ name: '客户.xlsx', bytes: Buffer.from('PK\u0003\u0004') }),
        'IMPORT_REJECTED',
        /「客户\.xlsx」不是 JSON 文件/,
      ],
      ['JSON that is no package', () => asFile({ rules: [] }), 'IMPORT_REJECTED', /不是 Tierdesk 规则包/],
      [
        'a file too large to be one',
        () => ({ name: 'big.json', bytes: Buffer.alloc(2 * 1024 * 1024, 32) }),
        'FILE_TOO_LARGE',
        /超过 1 MB/,
      ],
    ])('%s', async (_what, make, code, message) => {
      const before = settingsOf(b);
      const audits = b.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const file = make();
      expect(() => previewRulePackage(b, file)).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(message) }),
      );
      await expect(importRulePackage(b, file, null, 'A02')).rejects.toMatchObject({
        code,
        message: expect.stringMatching(/未改动任何设置。$/),
      });
      expect(settingsOf(b)).toEqual(before);
      expect(b.store.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audits);
    });

    it('a file other than the one previewed', async () => {
      const preview = previewRulePackage(b, fileOf(a));
      await saveTierRules(a, diamondFrom(400), 'A01');
      await expect(importRulePackage(b, fileOf(a), preview.checksum, 'A02')).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(getTierRules(b).ruleSets).toEqual([DEFAULT_TIER_RULE_SET]);
    });

    it('a cancelled import leaves every setting as it was', async () => {
      saveWarningSettings(a, { ...DEFAULT_WARNING_SETTINGS, highScore: 70 }, 'A01');
      const before = settingsOf(b);
      const controller = new AbortController();
      controller.abort();
      await expect(
        importRulePackage(b, fileOf(a), null, 'A02', { report: () => undefined, signal: controller.signal }),
      ).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(settingsOf(b)).toEqual(before);
    });
  });

  it('only an administrator previews and imports; exporting is for those who keep the settings', async () => {
    const token = b.uploads.put('规则包.tierdesk-rules.json', fileOf(a).bytes).token;
    const manager = testSession('M01', 'branch_manager');
    const admin = testSession('A02', 'admin', '管理员');
    expect(await dispatch(b, manager, 'rules.previewPackage', { fileToken: token })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const request = { kind: 'rules.importPackage', fileToken: token, checksum: 'a'.repeat(64) };
    expect(await dispatch(b, manager, 'jobs.start', { request })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await dispatch(b, testSession('T01', 'teller', '柜员'), 'rules.exportPackage', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const exported = await dispatch(b, manager, 'rules.exportPackage', {});
    expect(exported.ok).toBe(true);

    const preview = await dispatch(b, admin, 'rules.previewPackage', { fileToken: token });
    if (!preview.ok) throw new Error(preview.error.message);
    const { checksum } = preview.value as RulePackagePreview;
    const started = await dispatch(b, admin, 'jobs.start', { request: { ...request, checksum } });
    expect(started.ok).toBe(true);
    await b.jobs.idle();
    expect(getTierRules(b).ruleSets).toEqual(getTierRules(a).ruleSets);
    expect(auditCount(b, 'rules.exportPackage')).toBe(1);
  });
});
