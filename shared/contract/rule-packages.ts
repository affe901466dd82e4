/** Head-office rule packages: channels (docs/architecture.md, "Channels"; docs/domain.md, "Rule packages"). */
import { z } from 'zod';
import { ADMIN, NO_CUSTOMERS, SETTINGS } from '../roles';
import { ActorSchema } from '../schemas/common';
import { RulePackagePreviewSchema } from '../schemas/rule-packages';
import { type ChannelSpec, type JobSpec } from './spec';

export const rulePackagesChannels = {
  'rules.exportPackage': {
    input: z.strictObject({ staffCode: ActorSchema }),
    output: z.object({ fileName: z.string(), base64: z.string(), checksum: z.string() }),
    doc: "The branch's settings (tier rules, dimension thresholds, warning model, contact standards, survey templates, access settings) as one rule package file. Audited.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'rules.previewPackage': {
    input: z.strictObject({ fileToken: z.uuid() }),
    output: RulePackagePreviewSchema,
    doc: 'What importing a chosen rule package would change, section by section; a package edited, damaged or from a newer version is refused. Changes nothing.',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;

export const rulePackagesJobs = {
  'rules.importPackage': {
    doc: 'Apply a previewed rule package: backup first, every section in one transaction with one recompute; audited (管理员).',
    roles: ADMIN,
  },
} satisfies Record<string, JobSpec>;
