/** The branch and the app shell: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { ANYONE, NO_CUSTOMERS } from '../roles';
import { AppInfoSchema } from '../schemas/app';
import { type ChannelSpec } from './spec';

export const branchChannels = {
  'app.info': {
    input: z.strictObject({}),
    output: AppInfoSchema,
    doc: 'Branch name, months with data, staff list and counts for the app shell.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
