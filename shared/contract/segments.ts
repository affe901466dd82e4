/** The segment grid, saved segments and the other dimensions: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { actsOn, AGGREGATES, ANYONE, BOOK, NO_CUSTOMERS, SETTINGS } from '../roles';
import { SaveSegmentInputSchema, SavedSegmentSchema } from '../schemas/customer';
import { MonthSchema } from '../schemas/common';
import { DimensionSettingsSchema, SegmentDimensionSchema, SegmentGridSchema } from '../schemas/segments';
import { type ChannelSpec, type JobSpec } from './spec';

export const segmentsChannels = {
  'segments.grid': {
    input: z.strictObject({ month: MonthSchema, rows: SegmentDimensionSchema, columns: SegmentDimensionSchema }),
    output: SegmentGridSchema,
    doc: 'Customers and 月日均 for every pair of values of two dimensions in a month.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'dimensions.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: DimensionSettingsSchema }),
    doc: 'The thresholds of the other dimensions (depth, priority signals, lifecycle); saved through a job.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'segments.saved': {
    input: z.strictObject({}),
    output: z.object({ segments: z.array(SavedSegmentSchema) }),
    doc: 'Saved segments (named customer-list filters), by name.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'segments.save': {
    input: SaveSegmentInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Save the customer-list filter under a name (refused if the name is taken, unless replace).',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('segmentName', 'name')],
  },
  'segments.remove': {
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ removed: z.literal(true) }),
    doc: 'Delete a saved segment.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('segment', 'id')],
  },
} as const satisfies Record<string, ChannelSpec>;

export const segmentsJobs = {
  'dimensions.saveSettings': { doc: "Save the other dimensions' thresholds and reassess.", roles: SETTINGS },
} satisfies Record<string, JobSpec>;
