/** Exports: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { ANYONE, NO_CUSTOMERS } from '../roles';
import { type ChannelSpec, type JobSpec } from './spec';

export const exportsChannels = {
  'exports.save': {
    input: z.strictObject({ token: z.uuid() }),
    output: z.object({ saved: z.boolean() }),
    doc: 'Electron: save a finished export where the user chooses in the system dialog (browser mode downloads GET /download/TOKEN).',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;

export const exportsJobs = {
  'exports.report': { doc: 'Write a report workbook for download (who may, by template); audited.', roles: ANYONE },
} satisfies Record<string, JobSpec>;
