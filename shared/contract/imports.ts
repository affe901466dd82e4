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
    output: z.object({ file: z.object({ token: z.string(), name: z.string(), size: z.number().int() }).nullable() }),
    doc: 'Electron: choose a file in the system dialog; it is held under a token (browser mode uploads to /upload instead).',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;

export const importsJobs = {
  'imports.analyze': {
    doc: 'Read an uploaded spreadsheet and preview what importing it would change.',
    roles: SETTINGS,
  },
  'imports.commit': { doc: 'Import a previewed file in one transaction; audited.', roles: SETTINGS },
  'imports.undo': { doc: 'Undo the latest import batch; audited.', roles: SETTINGS },
} satisfies Record<string, JobSpec>;
