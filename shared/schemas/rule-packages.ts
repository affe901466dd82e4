/**
 * Head-office rule packages (docs/domain.md, "Rule packages"): one branch's settings as one file, which another
 * branch previews as a readable diff and applies in one transaction.
 */
import { z } from 'zod';
import { AccessSettingsSchema } from './auth';
import { ActorSchema } from './common';
import { WarningSettingsSchema } from './retention';
import { DimensionSettingsSchema } from './segments';
import { TemplateInputSchema } from './surveys';
import { SuitabilitySettingsSchema } from './suitability';
import { TierRuleSetSchema } from './tiers';
import { ContactStandardsSchema } from './workbench';

export const RULE_PACKAGE_FORMAT = 'tierdesk-rules';
/** The layout of the file this version writes and reads; a package of a later layout is refused. */
export const RULE_PACKAGE_FORMAT_VERSION = 1;
/** A package is a few kilobytes; anything this large is not one. */
export const MAX_RULE_PACKAGE_BYTES = 1024 * 1024;
/** What the file's name ends with. */
export const RULE_PACKAGE_EXTENSION = '.tierdesk-rules.json';

/** The settings a package carries, in the order they are shown. */
export const RULE_PACKAGE_SECTIONS = [
  'tierRules',
  'dimensions',
  'warnings',
  'contactStandards',
  'suitability',
  'surveyTemplates',
  'access',
] as const;
export type RulePackageSection = (typeof RULE_PACKAGE_SECTIONS)[number];

export const RULE_PACKAGE_SECTION_NAMES: Record<RulePackageSection, string> = {
  tierRules: '分层规则',
  dimensions: '细分维度门槛',
  warnings: '预警模型',
  contactStandards: '联系标准',
  suitability: '适当性规则',
  surveyTemplates: '满意度问卷模板',
  access: '访问设置',
};
export const RULE_PACKAGE_SECTION_NAMES_EN: Record<RulePackageSection, string> = {
  tierRules: 'Tier rules',
  dimensions: 'Dimension thresholds',
  warnings: 'Warning model',
  contactStandards: 'Contact standards',
  suitability: 'Suitability rules',
  surveyTemplates: 'Survey templates',
  access: 'Access settings',
};

/** A survey template as packaged: matched by name in the branch that imports it. */
export const PackagedTemplateSchema = TemplateInputSchema.pick({ name: true, questions: true });
export type PackagedTemplate = z.infer<typeof PackagedTemplateSchema>;

export const RulePackageSectionsSchema = z.strictObject({
  tierRules: z
    .array(TierRuleSetSchema)
    .min(1, '至少需要一套分层规则')
    .max(120)
    .refine((sets) => new Set(sets.map((s) => s.validFrom)).size === sets.length, '同一生效月份有两套分层规则'),
  dimensions: DimensionSettingsSchema,
  warnings: WarningSettingsSchema,
  contactStandards: ContactStandardsSchema,
  /** Absent from packages made before suitability existed: the branch's setting is then left as it is. */
  suitability: SuitabilitySettingsSchema.optional(),
  surveyTemplates: z
    .array(PackagedTemplateSchema)
    .max(200)
    .refine((templates) => new Set(templates.map((t) => t.name)).size === templates.length, '问卷名称重复'),
  access: AccessSettingsSchema,
});
export type RulePackageSections = z.infer<typeof RulePackageSectionsSchema>;

/** The branch that exported the package (its profile). */
export const RulePackageSourceSchema = z.strictObject({
  name: z.string().max(60),
  code: z.string().max(20),
  headOffice: z.string().max(60),
});

/** The file: what made it, where it comes from, the settings, and a SHA-256 over the rest (canonical JSON). */
export const RulePackageSchema = z.strictObject({
  format: z.literal(RULE_PACKAGE_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().max(40),
  schemaVersion: z.number().int().nonnegative(),
  createdAt: z.string().max(40),
  source: RulePackageSourceSchema,
  sections: RulePackageSectionsSchema,
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RulePackage = z.infer<typeof RulePackageSchema>;

/** One line of a diff, in both languages: a change the import makes, or a note on what it leaves alone. */
export const RulePackageChangeSchema = z.object({
  text: z.string(),
  textEn: z.string(),
  kind: z.enum(['change', 'note']),
});
export type RulePackageChange = z.infer<typeof RulePackageChangeSchema>;

/** What importing a package would change, section by section (an empty `changes`: 无变化). */
export const RulePackagePreviewSchema = z.object({
  source: RulePackageSourceSchema,
  createdAt: z.string(),
  appVersion: z.string(),
  checksum: z.string(),
  changed: z.boolean(),
  sections: z.array(z.object({ section: z.enum(RULE_PACKAGE_SECTIONS), changes: z.array(RulePackageChangeSchema) })),
});
export type RulePackagePreview = z.infer<typeof RulePackagePreviewSchema>;

/** The import job's request: the file previewed, and the checksum the preview showed (a different file is refused). */
export const RulePackageImportRequestSchema = z.strictObject({
  kind: z.literal('rules.importPackage'),
  fileToken: z.uuid(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  staffCode: ActorSchema,
});

export interface RulePackageImportResult {
  changedSections: RulePackageSection[];
  /** The months and customers reassessed, when tier rules or the idle-活期 share changed. */
  recomputed: { months: number; customers: number; firstMonth: string | null; lastMonth: string | null } | null;
}
