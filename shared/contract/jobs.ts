/** Long work: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { ANYONE, NO_CUSTOMERS } from '../roles';
import { JobEventSchema, JobRequestSchema } from '../schemas/jobs';
import { type ChannelSpec } from './spec';

export const jobsChannels = {
  'jobs.start': {
    input: z.strictObject({ request: JobRequestSchema }),
    output: z.object({ jobId: z.string() }),
    doc: 'Start long work (recompute, saving rules or an override, imports, exports); progress arrives as job events. One job at a time.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.status': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: JobEventSchema,
    doc: "A job's state and progress (also pushed as events); finished jobs keep their result or error.",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.current': {
    input: z.strictObject({}),
    output: z.object({ job: JobEventSchema.nullable() }),
    doc: 'The running job, if any.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'jobs.cancel': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: z.object({ cancelling: z.boolean() }),
    doc: 'Ask a running job to stop; it leaves the data as it was.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
