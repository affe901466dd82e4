/**
 * What importing a rule package would change, as lines a person reads (docs/domain.md, "Rule packages"): per section,
 * each setting that differs with its old and new value in the screens' words ("分层规则 2026-01 起：钻石客户 门槛
 * 600万 → 800万"). Pure: the branch's current settings and the package's in, the lines out.
 */
import { formatThreshold } from '../../../shared/format';
import {
  RULE_PACKAGE_SECTIONS,
  type RulePackageChange,
  type RulePackageSection,
  type RulePackageSections,
} from '../../../shared/schemas/rule-packages';
import { ALL_HISTORY, type TierDef, type TierRuleSet } from '../../../shared/schemas/tiers';
import type { ContactStandard } from '../../../shared/schemas/workbench';
import { canonicalJson } from './canonical-json';
import {
  ACCESS_FIELDS,
  change,
  DIMENSION_FIELDS,
  diffFields,
  SUITABILITY_FIELDS,
  WARNING_FIELDS,
  yuanEn,
} from './rule-package-fields';

/** The branch's settings as a package would carry them, and how many answers each survey template has. */
export interface CurrentSettings {
  sections: RulePackageSections;
  templateResponses: ReadonlyMap<string, number>;
}

export interface SectionDiff {
  section: RulePackageSection;
  changes: RulePackageChange[];
}

const note = (text: string, textEn: string): RulePackageChange => ({ text, textEn, kind: 'note' });

/** A threshold as the screens show it: 万 without `.00` (`600万`). */
const wan = (fen: number) => formatThreshold(fen, 'wan', 'zh');

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export function diffRulePackage(current: CurrentSettings, next: RulePackageSections): SectionDiff[] {
  const now = current.sections;
  const diffs: Record<RulePackageSection, RulePackageChange[]> = {
    tierRules: diffTierRules(now.tierRules, next.tierRules),
    dimensions: diffFields(now.dimensions, next.dimensions, DIMENSION_FIELDS),
    warnings: diffFields(now.warnings, next.warnings, WARNING_FIELDS),
    contactStandards: diffContactStandards(
      now.contactStandards.tiers,
      next.contactStandards.tiers,
      tierNamer(next, now),
    ),
    surveyTemplates: diffTemplates(now.surveyTemplates, next.surveyTemplates, current.templateResponses),
    suitability: next.suitability
      ? diffFields(now.suitability ?? {}, next.suitability, SUITABILITY_FIELDS)
      : [
          note(
            '规则包中没有适当性规则（由较早版本导出）：保持本行设置不变',
            'The package has no suitability rules (made by an earlier version): the branch keeps its own',
          ),
        ],
    access: diffFields(now.access, next.access, ACCESS_FIELDS),
  };
  return RULE_PACKAGE_SECTIONS.map((section) => ({ section, changes: diffs[section] }));
}

/** The sections with something to write. */
export const changedSections = (diff: readonly SectionDiff[]): RulePackageSection[] =>
  diff.filter((d) => d.changes.some((c) => c.kind === 'change')).map((d) => d.section);

// ── Tier rules ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The rule set that applies to every month before the first one dated: shown as all history. */
const fromZh = (validFrom: string) => (validFrom === ALL_HISTORY ? '（全部历史）' : ` ${validFrom} 起`);
const fromEn = (validFrom: string) => (validFrom === ALL_HISTORY ? ' (all history)' : ` from ${validFrom}`);
/** A tier's household qualification in words (docs/domain.md, "Households"). */
const householdZh = (t: TierDef) =>
  t.household
    ? `家庭合并达标（${t.household.spouseParentsOnly ? '仅户主的配偶、父母' : '全部成员'}，本人不低于 ${wan(t.household.minOwnFen)}）`
    : '不按家庭合并达标';
const householdEn = (t: TierDef) =>
  t.household
    ? `household qualification (${t.household.spouseParentsOnly ? "the head's spouse and parents" : 'every member'}, own at least ${yuanEn(t.household.minOwnFen)})`
    : 'no household qualification';
const tierZh = (t: TierDef) =>
  `${t.name} 门槛 ${wan(t.thresholdFen)}，宽限 ${t.graceMonths} 个月${t.household ? `，${householdZh(t)}` : ''}`;
const tierEn = (t: TierDef) =>
  `${t.name} threshold ${yuanEn(t.thresholdFen)}, grace ${t.graceMonths} months${t.household ? `, ${householdEn(t)}` : ''}`;
const BASIS_ZH = { avg: '月日均', month_end: '月末时点余额' } as const;
const BASIS_EN = { avg: 'monthly average', month_end: 'month-end balance' } as const;

function diffTierRules(before: TierRuleSet[], after: TierRuleSet[]): RulePackageChange[] {
  const old = new Map(before.map((r) => [r.validFrom, r]));
  const next = new Map(after.map((r) => [r.validFrom, r]));
  const months = [...new Set([...old.keys(), ...next.keys()])].sort();
  return months.flatMap((validFrom) => {
    const [a, b] = [old.get(validFrom), next.get(validFrom)];
    const zh = `分层规则${fromZh(validFrom)}`;
    const en = `Tier rules${fromEn(validFrom)}`;
    if (!b) return [change(`删除${zh}`, `${en}: removed`)];
    if (!a)
      return [
        change(
          `新增${zh}（依据${BASIS_ZH[b.basis]}）：${b.tiers.map(tierZh).join('；')}`,
          `${en} added (on the ${BASIS_EN[b.basis]}): ${b.tiers.map(tierEn).join('; ')}`,
        ),
      ];
    const lines: RulePackageChange[] = [];
    if (a.basis !== b.basis)
      lines.push(
        change(
          `${zh}：依据 ${BASIS_ZH[a.basis]} → ${BASIS_ZH[b.basis]}`,
          `${en}: basis ${BASIS_EN[a.basis]} → ${BASIS_EN[b.basis]}`,
        ),
      );
    if (a.missingMonthsKept !== b.missingMonthsKept)
      lines.push(
        change(
          `${zh}：数据缺失最多沿用 ${a.missingMonthsKept} → ${b.missingMonthsKept} 个月`,
          `${en}: months without data kept ${a.missingMonthsKept} → ${b.missingMonthsKept}`,
        ),
      );
    const oldTiers = new Map(a.tiers.map((t) => [t.code, t]));
    const newCodes = new Set(b.tiers.map((t) => t.code));
    for (const t of a.tiers)
      if (!newCodes.has(t.code))
        lines.push(change(`${zh}：删除层级 ${t.name}（${t.code}）`, `${en}: tier ${t.name} (${t.code}) removed`));
    for (const t of b.tiers) {
      const was = oldTiers.get(t.code);
      if (!was) {
        lines.push(change(`${zh}：新增层级 ${tierZh(t)}`, `${en}: tier added, ${tierEn(t)}`));
        continue;
      }
      if (was.name !== t.name)
        lines.push(change(`${zh}：${was.name} 名称 → ${t.name}`, `${en}: ${was.name} renamed ${t.name}`));
      if (was.thresholdFen !== t.thresholdFen)
        lines.push(
          change(
            `${zh}：${t.name} 门槛 ${wan(was.thresholdFen)} → ${wan(t.thresholdFen)}`,
            `${en}: ${t.name} threshold ${yuanEn(was.thresholdFen)} → ${yuanEn(t.thresholdFen)}`,
          ),
        );
      if (was.graceMonths !== t.graceMonths)
        lines.push(
          change(
            `${zh}：${t.name} 宽限 ${was.graceMonths} → ${t.graceMonths} 个月`,
            `${en}: ${t.name} grace ${was.graceMonths} → ${t.graceMonths} months`,
          ),
        );
      if (JSON.stringify(was.household ?? null) !== JSON.stringify(t.household ?? null))
        lines.push(
          change(
            `${zh}：${t.name} ${householdZh(was)} → ${householdZh(t)}`,
            `${en}: ${t.name} ${householdEn(was)} → ${householdEn(t)}`,
          ),
        );
    }
    if (lines.length === 0 && !same(a, b))
      lines.push(change(`${zh}：层级顺序有变`, `${en}: the order of the tiers changes`));
    return lines;
  });
}

/**
 * From which month a change of rule sets can move tiers (null: it changes nothing): the first start month added,
 * removed or changed — or every month (no `fromMonth`) when that is the first rule set, which also covers the months
 * before it.
 */
export function tierRulesChangedFrom(before: TierRuleSet[], after: TierRuleSet[]): { fromMonth?: string } | null {
  const old = new Map(before.map((r) => [r.validFrom, r]));
  const next = new Map(after.map((r) => [r.validFrom, r]));
  const touched = [...new Set([...old.keys(), ...next.keys()])]
    .filter((month) => !same(old.get(month), next.get(month)))
    .sort();
  if (touched.length === 0) return null;
  const firstSet = [...old.keys(), ...next.keys()].sort()[0];
  return touched[0] <= firstSet ? {} : { fromMonth: touched[0] };
}

// ── Contact standards ─────────────────────────────────────────────────────────────────────────────────────────────

/** A tier's name by its code: the package's latest rules first, then the branch's. */
function tierNamer(next: RulePackageSections, now: RulePackageSections): (code: string) => string {
  const latest = (sets: TierRuleSet[]) =>
    [...sets].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1)).at(-1)?.tiers ?? [];
  const names = new Map([...latest(now.tierRules), ...latest(next.tierRules)].map((t) => [t.code, t.name]));
  return (code) => names.get(code) ?? code;
}

const everyZh = (days: number | null) => (days === null ? '不要求' : `每 ${days} 天`);
const everyEn = (days: number | null) => (days === null ? 'none' : `every ${days} days`);
const standardZh = (s: ContactStandard) => `联系${everyZh(s.contactDays)}，面访${everyZh(s.visitDays)}`;
const standardEn = (s: ContactStandard) => `contact ${everyEn(s.contactDays)}, visit ${everyEn(s.visitDays)}`;

function diffContactStandards(
  before: Record<string, ContactStandard>,
  after: Record<string, ContactStandard>,
  name: (code: string) => string,
): RulePackageChange[] {
  const codes = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().reverse();
  return codes.flatMap((code) => {
    const [a, b] = [before[code] as ContactStandard | undefined, after[code] as ContactStandard | undefined];
    const tier = name(code);
    if (!b)
      return [
        change(
          `联系标准：${tier} 不再设标准（原${standardZh(a as ContactStandard)}）`,
          `Contact standard: ${tier} removed`,
        ),
      ];
    if (!a)
      return [change(`联系标准：新增 ${tier} ${standardZh(b)}`, `Contact standard added: ${tier} ${standardEn(b)}`)];
    const lines: RulePackageChange[] = [];
    if (a.contactDays !== b.contactDays)
      lines.push(
        change(
          `联系标准：${tier} ${everyZh(a.contactDays)} → ${everyZh(b.contactDays)}`,
          `Contact standard: ${tier} ${everyEn(a.contactDays)} → ${everyEn(b.contactDays)}`,
        ),
      );
    if (a.visitDays !== b.visitDays)
      lines.push(
        change(
          `联系标准：${tier} 面访 ${everyZh(a.visitDays)} → ${everyZh(b.visitDays)}`,
          `Contact standard: ${tier} visit ${everyEn(a.visitDays)} → ${everyEn(b.visitDays)}`,
        ),
      );
    return lines;
  });
}

// ── Survey templates ──────────────────────────────────────────────────────────────────────────────────────────────

function diffTemplates(
  before: RulePackageSections['surveyTemplates'],
  after: RulePackageSections['surveyTemplates'],
  responses: ReadonlyMap<string, number>,
): RulePackageChange[] {
  const old = new Map(before.map((t) => [t.name, t]));
  const packaged = new Set(after.map((t) => t.name));
  const lines = after.flatMap((t) => {
    const was = old.get(t.name);
    if (!was)
      return [
        change(
          `新增满意度问卷模板『${t.name}』（${t.questions.length} 道题）`,
          `New survey template "${t.name}" (${t.questions.length} questions)`,
        ),
      ];
    if (same(was.questions, t.questions)) return [];
    const answered = responses.get(t.name) ?? 0;
    return [
      change(
        `更新问卷模板『${t.name}』：题目 ${was.questions.length} → ${t.questions.length} 道${answered > 0 ? `（已有 ${answered} 份答卷，答卷保留在原版本上）` : ''}`,
        `Survey template "${t.name}" updated: ${was.questions.length} → ${t.questions.length} questions${answered > 0 ? ` (${answered} responses kept with their version)` : ''}`,
      ),
    ];
  });
  const kept = before
    .filter((t) => !packaged.has(t.name))
    .map((t) => {
      const answered = responses.get(t.name) ?? 0;
      return note(
        `本行问卷模板『${t.name}』不在规则包中：保留，不删除${answered > 0 ? `（已有 ${answered} 份答卷）` : ''}`,
        `Survey template "${t.name}" is not in the package: kept, never deleted${answered > 0 ? ` (${answered} responses)` : ''}`,
      );
    });
  return [...lines, ...kept];
}
