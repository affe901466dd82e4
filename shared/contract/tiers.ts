/** Tier views, rules and overrides: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { actsOn, AGGREGATES, ANYONE, BOOK, NO_CUSTOMERS, SETTINGS, TIER_TOTALS } from '../roles';
import { MonthSchema } from '../schemas/common';
import { TierMatrixSchema, TierOverviewSchema, TierRulesPreviewSchema } from '../schemas/tier-views';
import { TierRuleSetSchema } from '../schemas/tiers';
import { type ChannelSpec, type JobSpec } from './spec';

export const tiersChannels = {
  'tiers.overview': {
    input: z.strictObject({ month: MonthSchema }),
    output: TierOverviewSchema,
    doc: 'Counts and 月日均 per tier for a month vs the month before, and counts per status.',
    roles: ANYONE,
    customers: TIER_TOTALS,
  },
  'tiers.matrix': {
    input: z.strictObject({ fromMonth: MonthSchema, toMonth: MonthSchema }),
    output: TierMatrixSchema,
    doc: 'Customers by tier in one month × tier in another (counts and 月日均).',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'tiers.rules': {
    input: z.strictObject({}),
    output: z.object({ ruleSets: z.array(TierRuleSetSchema) }),
    doc: 'Every tier rule set, oldest first (each applies from its month until the next).',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'tiers.previewRules': {
    input: z.strictObject({ rules: TierRuleSetSchema }),
    output: TierRulesPreviewSchema,
    doc: 'What-if: how this month’s customers would move between tiers under proposed rules; saves nothing.',
    roles: SETTINGS,
    customers: AGGREGATES,
  },
} as const satisfies Record<string, ChannelSpec>;

export const tiersJobs = {
  'tiers.recompute': { doc: 'Reassess every customer for every month.', roles: SETTINGS },
  'tiers.saveRules': { doc: 'Save a tier rule set and reassess from its month.', roles: SETTINGS },
  'tiers.saveOverride': {
    doc: "Set a customer's tier by hand with a reason and expiry; audited.",
    roles: BOOK,
    acts: [actsOn('customer', 'override.customerNo')],
  },
  'tiers.removeOverride': {
    doc: 'Remove a manual tier; audited.',
    roles: BOOK,
    acts: [actsOn('override', 'overrideId')],
  },
} satisfies Record<string, JobSpec>;
