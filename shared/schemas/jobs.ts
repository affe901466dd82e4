import { z } from 'zod';
import { ActorSchema } from './common';
import {
  ColumnMappingSchema,
  ImportKindSchema,
  MAX_IMPORT_FILES,
  type ImportSetPreview,
  type ImportSetResult,
} from './imports';
import { ExportRequestSchema, type ExportResult } from './exports';
import { DimensionSettingsSchema } from './segments';
import { RulePackageImportRequestSchema, type RulePackageImportResult } from './rule-packages';
import { TierOverrideInputSchema, TierRuleSetSchema } from './tiers';
import type { BranchProfileView } from './branch';
import type { DataDirMoveResult } from './data-directory';

/** Long work started with `jobs.start`: one kind per entry, its input beside the kind. */
export const JobRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tiers.recompute') }),
  z.strictObject({ kind: z.literal('tiers.saveRules'), rules: TierRuleSetSchema, staffCode: ActorSchema }),
  z.strictObject({
    kind: z.literal('tiers.saveOverride'),
    override: TierOverrideInputSchema,
    staffCode: ActorSchema,
  }),
  z.strictObject({
    kind: z.literal('tiers.removeOverride'),
    overrideId: z.number().int().positive(),
    staffCode: ActorSchema,
  }),
  z.strictObject({
    kind: z.literal('dimensions.saveSettings'),
    settings: DimensionSettingsSchema,
    staffCode: ActorSchema,
  }),
  z.strictObject({
    kind: z.literal('imports.analyze'),
    /** The files of one import, in any order (they are imported master first, months ascending …). */
    files: z
      .array(
        z.strictObject({
          fileToken: z.uuid(),
          importKind: ImportKindSchema.optional(),
          sheet: z.string().max(100).optional(),
          mapping: z.array(ColumnMappingSchema).max(500).optional(),
          /** Survey answers: the template they are of (default: the one whose questions name most columns). */
          templateId: z.number().int().positive().optional(),
        }),
      )
      .min(1)
      .max(MAX_IMPORT_FILES),
  }),
  z.strictObject({
    kind: z.literal('imports.commit'),
    analysisId: z.uuid(),
    replaceMonths: z.boolean(),
    staffCode: ActorSchema,
  }),
  z.strictObject({ kind: z.literal('imports.undo'), staffCode: ActorSchema }),
  z.strictObject({ kind: z.literal('exports.report'), export: ExportRequestSchema }),
  RulePackageImportRequestSchema,
  z.strictObject({ kind: z.literal('setup.loadDemo') }),
  /** The folder chosen with `dataDir.choose` (its token: the window never sends a path). */
  z.strictObject({ kind: z.literal('dataDir.move'), targetToken: z.uuid(), staffCode: ActorSchema }),
]);
export type JobRequest = z.infer<typeof JobRequestSchema>;
/** A job request as the window sends it (without the actor, which dispatch fills). */
export type JobRequestInput = z.input<typeof JobRequestSchema>;
export type JobKind = JobRequest['kind'];

/** What every tier job returns: the months and customers reassessed. */
export interface RecomputeResult {
  months: number;
  customers: number;
  firstMonth: string | null;
  lastMonth: string | null;
}

/** The result of each kind of job (import and export kinds join here). */
export interface JobResults {
  'tiers.recompute': RecomputeResult;
  'tiers.saveRules': RecomputeResult;
  'tiers.saveOverride': RecomputeResult;
  'tiers.removeOverride': RecomputeResult;
  /** Whether the change needed every month's assets read again. */
  'dimensions.saveSettings': { recomputed: boolean };
  'imports.analyze': { analysisId: string; preview: ImportSetPreview };
  'imports.commit': ImportSetResult;
  /** The set undone: its batches and files. */
  /** `tiersRecomputed`: whether the set changed anything tiers are made of (as for its import). */
  'imports.undo': { setId: number; batchIds: number[]; fileNames: string[]; tiersRecomputed: boolean };
  'exports.report': ExportResult;
  'rules.importPackage': RulePackageImportResult;
  'setup.loadDemo': BranchProfileView;
  'dataDir.move': DataDirMoveResult;
}

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export const JOB_PHASES = [
  'parse',
  'validate',
  'commit',
  'read',
  'assess',
  'write',
  'export',
  'backup',
  'generate',
  'tiers',
  'close',
  'copy',
  'verify',
  'switch',
  'prepare',
] as const;
export type JobPhase = (typeof JOB_PHASES)[number];

/** The phases' Chinese words, for the CLI (the UI has them in its i18n files). */
export const JOB_PHASE_NAMES: Record<JobPhase, string> = {
  parse: '解析文件',
  validate: '校验数据',
  commit: '写入数据库',
  read: '读取数据',
  assess: '逐户评定',
  write: '写入结果',
  export: '生成文件',
  backup: '备份数据库',
  generate: '生成客户',
  tiers: '计算分层',
  close: '关闭数据库',
  copy: '复制文件',
  verify: '校验副本',
  switch: '切换数据目录',
  prepare: '准备常用页面',
};

/** A job's state as reported by `jobs.status` and pushed as progress events. */
export const JobEventSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  phase: z.enum(JOB_PHASES),
  done: z.number(),
  total: z.number(),
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).optional(),
});
export type JobEvent = z.infer<typeof JobEventSchema>;
