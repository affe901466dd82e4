/** The two-period analysis: channels (docs/architecture.md, "Channels"). */
import { AGGREGATES, ANYONE } from '../roles';
import { FlowBreakdownQuerySchema, FlowBreakdownSchema, FlowQuerySchema, FlowReportSchema } from '../schemas/flows';
import { type ChannelSpec } from './spec';

export const flowsChannels = {
  'flows.report': {
    input: FlowQuerySchema,
    output: FlowReportSchema,
    doc: 'Two-period analysis of a tier or a 月日均 threshold: retained, lost, new, via wealth products, tier × tier matrix.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'flows.breakdown': {
    input: FlowBreakdownQuerySchema,
    output: FlowBreakdownSchema,
    doc: "Two-period analysis: each group's count by the customers' risk level, or by whether they hold a product above it.",
    roles: ANYONE,
    customers: AGGREGATES,
  },
} as const satisfies Record<string, ChannelSpec>;
