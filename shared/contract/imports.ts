/** Imports: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { NO_CUSTOMERS, SETTINGS } from '../roles';
import { ImportBatchSchema, ImportKindSchema } from '../schemas/imports';
import { type ChannelSpec, type JobSpec } from './spec';

export const importsChannels = {
  'imports.history': {
    input: z.strictObject({}),
    output: z.object({ batches: z.array(ImportBatchSchema) }),
    doc: 'Import batches, newest first, and which one can be undone.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'imports.problems': {
    input: z.strictObject({ analysisId: z.uuid() }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    doc: 'Every problem of a preview as an xlsx workbook (file, sheet, row, column, value, message).',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'imports.template': {
    input: z.strictObject({ kind: ImportKindSchema }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    doc: "An import kind's template: xlsx with the headers recognised, an example row and 填写说明 for each column.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'files.pick': {
    input: z.strictObject({}),
    output: z.object({ files: z.array(z.object({ token: z.string(), name: z.string(), size: z.number().int() })) }),
    doc: 'Electron: choose the files of an import in the system dialog; each is held under a token (browser mode uploads to /upload instead).',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;

export const importsJobs = {
  'imports.analyze': {
    doc: 'Read the uploaded spreadsheets of one import and preview, file by file and in all, what importing them would change.',
    roles: SETTINGS,
  },
  'imports.commit': {
    doc: 'Import previewed files as one set, in one transaction, tiers recomputed once; audited.',
    roles: SETTINGS,
  },
  'imports.undo': { doc: 'Undo the latest import (every file of its set); audited.', roles: SETTINGS },
} satisfies Record<string, JobSpec>;
