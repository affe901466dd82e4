/** The group analysis: channels (docs/architecture.md, "Channels"). */
import { AGGREGATES, ANYONE } from '../roles';
import { GroupQuerySchema, GroupReportSchema } from '../schemas/groups';
import { type ChannelSpec } from './spec';

export const groupsChannels = {
  'groups.report': {
    input: GroupQuerySchema,
    output: GroupReportSchema,
    doc: 'Group characteristics of a tier or a 月日均 threshold in a month, by one dimension, with Pareto shares and a Lorenz curve.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
} as const satisfies Record<string, ChannelSpec>;
