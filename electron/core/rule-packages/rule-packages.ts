/**
 * Head-office rule packages (docs/domain.md, "Rule packages"): the branch's settings exported as one file, and a
 * package imported — previewed as a readable diff (a dry run), then applied after a backup in one transaction with
 * one recompute, audited. Every domain's setting is read and written through its own service.
 */
import { version } from '../../../package.json';
import { AppError } from '../../../shared/errors';
import {
  RULE_PACKAGE_EXTENSION,
  RULE_PACKAGE_FORMAT,
  RULE_PACKAGE_FORMAT_VERSION,
  RULE_PACKAGE_SECTION_NAMES,
  RulePackageSectionsSchema,
  type RulePackageImportResult,
  type RulePackagePreview,
  type RulePackageSection,
} from '../../../shared/schemas/rule-packages';
import { readProfile } from '../branch/profile';
import { appendAudit } from '../platform/audit-log';
import type { CoreContext } from '../platform/context';
import type { JobControl } from '../platform/jobs';
import {
  readAccessSettings,
  readContactStandards,
  readDimensionSettings,
  readSuitabilitySettings,
  readWarningSettings,
  tiersStaleFrom,
  writeAccessSettings,
  writeContactStandards,
  writeDimensionSettings,
  writeSuitabilitySettings,
  writeWarningSettings,
} from '../platform/settings';
import type { HeldFile } from '../platform/uploads';
import { listTemplates, writeTemplatesByName } from '../surveys/surveys';
import { recomputeTiers } from '../tiers/tier-recompute';
import { getTierRules, replaceTierRuleSets } from '../tiers/tier-rules';
import { backupBefore } from '../trust/backups';
import { changedSections, diffRulePackage, tierRulesChangedFrom, type CurrentSettings } from './rule-package-diff';
import { readRulePackage, rulePackageText } from './rule-package-file';

/** The branch's settings as a package carries them, and each survey template's answers (for the diff). */
function currentSettings(ctx: CoreContext): CurrentSettings {
  const { sqlite } = ctx.store;
  const templates = listTemplates(ctx).templates;
  // Names are how another branch matches templates: the first of a name stands for it.
  const byName = new Map<string, (typeof templates)[number]>();
  for (const t of templates) if (!byName.has(t.name)) byName.set(t.name, t);
  return {
    sections: {
      tierRules: getTierRules(ctx).ruleSets,
      dimensions: readDimensionSettings(sqlite),
      warnings: readWarningSettings(sqlite),
      contactStandards: readContactStandards(sqlite),
      suitability: readSuitabilitySettings(sqlite),
      surveyTemplates: [...byName.values()].map((t) => ({ name: t.name, questions: t.questions })),
      access: readAccessSettings(sqlite),
    },
    templateResponses: new Map([...byName.values()].map((t) => [t.name, t.responses])),
  };
}

/** The branch's settings as a rule package file (JSON): its name, text and checksum. Nothing is written. */
export function buildRulePackage(ctx: CoreContext): { fileName: string; text: string; checksum: string } {
  const parsed = RulePackageSectionsSchema.safeParse(currentSettings(ctx).sections);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const section = RULE_PACKAGE_SECTION_NAMES[issue.path[0] as RulePackageSection] ?? String(issue.path[0]);
    throw new AppError(
      'VALIDATION',
      `本行的“${section}”不符合规则（${issue.path.slice(1).join('.')}：${issue.message}），请先在设置中改正再导出。`,
      `This branch's ${String(issue.path[0])} settings are not valid (${issue.path.slice(1).join('.')}: ${issue.message}); correct them in the settings first.`,
    );
  }
  const profile = readProfile(ctx);
  const { text, checksum } = rulePackageText({
    format: RULE_PACKAGE_FORMAT,
    formatVersion: RULE_PACKAGE_FORMAT_VERSION,
    appVersion: version,
    schemaVersion: ctx.store.schemaVersion,
    createdAt: ctx.now(),
    source: { name: profile.name, code: profile.code, headOffice: profile.headOffice },
    sections: parsed.data,
  });
  const day = ctx.now().slice(0, 10).replaceAll('-', '');
  const branch = (profile.code || profile.name || 'branch').replace(/[\\/:*?"<>|\s]/g, '_');
  return { fileName: `规则包-${branch}-${day}${RULE_PACKAGE_EXTENSION}`, text, checksum };
}

/** Exports the branch's settings as a rule package, audited with its checksum. */
export function exportRulePackage(
  ctx: CoreContext,
  staffCode: string | null,
): { fileName: string; text: string; checksum: string } {
  const built = buildRulePackage(ctx);
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: staffCode,
    action: 'rules.exportPackage',
    target: null,
    detail: { checksum: built.checksum, fileName: built.fileName },
  });
  return built;
}

/** What importing the package would change, section by section. Nothing is written (a refused file says why). */
export function previewRulePackage(ctx: CoreContext, file: HeldFile): RulePackagePreview {
  const pkg = readRulePackage(file.name, file.bytes);
  const sections = diffRulePackage(currentSettings(ctx), pkg.sections);
  return {
    source: pkg.source,
    createdAt: pkg.createdAt,
    appVersion: pkg.appVersion,
    checksum: pkg.checksum,
    changed: changedSections(sections).length > 0,
    sections,
  };
}

/**
 * Applies a package (管理员): the file read and checked again (and, from the screen, the very one previewed), a backup,
 * then every section written in one transaction with its audit entry; when tier rules or the idle-活期 share change,
 * the tiers are reassessed from the first month affected in that same transaction (all or nothing, also when
 * cancelled). A package that changes nothing writes nothing.
 */
export async function importRulePackage(
  ctx: CoreContext,
  file: HeldFile,
  previewed: string | null,
  staffCode: string | null,
  control?: JobControl,
): Promise<RulePackageImportResult> {
  const pkg = readRulePackage(file.name, file.bytes);
  if (previewed !== null && pkg.checksum !== previewed)
    throw new AppError(
      'CONFLICT',
      '该文件与预览的规则包不同，请重新选择并预览。未改动任何设置。',
      'This file is not the package previewed; choose and preview it again. No setting was changed.',
    );
  const current = currentSettings(ctx);
  const diff = diffRulePackage(current, pkg.sections);
  const changed = changedSections(diff);
  if (changed.length === 0) return { changedSections: [], recomputed: null };

  control?.report('backup', 0, 0);
  await backupBefore(ctx, 'import');
  control?.report('write', 0, 1);
  const { sqlite } = ctx.store;
  const next = pkg.sections;
  const apply = () => {
    const now = ctx.now();
    replaceTierRuleSets(sqlite, next.tierRules, now, staffCode);
    writeDimensionSettings(sqlite, next.dimensions);
    writeWarningSettings(sqlite, next.warnings);
    writeContactStandards(sqlite, next.contactStandards);
    if (next.suitability) writeSuitabilitySettings(sqlite, next.suitability);
    writeTemplatesByName(sqlite, next.surveyTemplates, now, staffCode);
    writeAccessSettings(sqlite, next.access);
    appendAudit(sqlite, {
      at: now,
      actor: staffCode,
      action: 'rules.importPackage',
      target: pkg.source.code || pkg.source.name,
      detail: {
        checksum: pkg.checksum,
        source: pkg.source,
        createdAt: pkg.createdAt,
        appVersion: pkg.appVersion,
        sections: changed,
        changes: diff.flatMap((d) => d.changes.filter((c) => c.kind === 'change').map((c) => c.text)),
      },
    });
  };

  const rulesFrom = tierRulesChangedFrom(current.sections.tierRules, next.tierRules);
  const rereadAssets = next.dimensions.idleDemandShare !== current.sections.dimensions.idleDemandShare;
  if (!rulesFrom && !rereadAssets) {
    sqlite.transaction(apply)();
    return { changedSections: changed, recomputed: null };
  }
  // Results lagging the data, or assets to read again: every month from the assets; else from the first rule changed.
  const fromStored = !rereadAssets && tiersStaleFrom(sqlite) === null;
  const recomputed = await recomputeTiers(sqlite, ctx.now(), {
    ruleSets: next.tierRules,
    dimensionSettings: next.dimensions,
    valuesFromSnapshots: fromStored,
    fromMonth: fromStored ? rulesFrom?.fromMonth : undefined,
    onProgress: control?.report,
    signal: control?.signal,
    apply,
  });
  return { changedSections: changed, recomputed };
}
