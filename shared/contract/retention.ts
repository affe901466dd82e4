/** Downgrade warnings, retention actions and contacts: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { ActorSchema } from '../schemas/common';
import { actsOn, AGGREGATES, ANYONE, BOOK, customerRows, NO_CUSTOMERS, SETTINGS } from '../roles';
import {
  ActionBoardQuerySchema,
  ActionInputSchema,
  ActionSchema,
  ContactInputSchema,
  RetentionResultsQuerySchema,
  RetentionResultsSchema,
  SetOutcomeInputSchema,
  WarningPageSchema,
  WarningQuerySchema,
  WarningSettingsSchema,
} from '../schemas/retention';
import { type ChannelSpec } from './spec';

export const retentionChannels = {
  'warnings.list': {
    input: WarningQuerySchema,
    output: WarningPageSchema,
    doc: 'Early warning (防降级): customers in 观察 or near their threshold, ranked by risk, with reasons and the amount needed.',
    roles: ANYONE,
    customers: customerRows('branchView', 'managerCode'),
  },
  'warnings.settings': {
    input: z.strictObject({}),
    output: z.object({ settings: WarningSettingsSchema }),
    doc: "The warning model's parameters (margin, signal weights and scales, contact standards, level cut-offs).",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'warnings.saveSettings': {
    input: z.strictObject({ settings: WarningSettingsSchema, staffCode: ActorSchema }),
    output: z.object({ saved: z.literal(true) }),
    doc: "Save the warning model's parameters (audited); warnings are scored afresh.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'retention.board': {
    input: ActionBoardQuerySchema,
    output: z.object({ actions: z.array(ActionSchema) }),
    doc: "A manager's retention actions (all managers' when none given): overdue first, then by due date.",
    roles: ANYONE,
    customers: customerRows('branchView', 'ownerCode'),
  },
  'retention.createAction': {
    input: ActionInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Create a retention action for a customer from a warning: kind, owner, due date, notes.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo')],
  },
  'retention.setOutcome': {
    input: SetOutcomeInputSchema,
    output: z.object({ action: ActionSchema }),
    doc: "Set an action's outcome by hand with a reason (or back to the data's); audited.",
    roles: BOOK,
    customers: customerRows('book'),
    acts: [actsOn('action', 'actionId')],
  },
  'retention.results': {
    input: RetentionResultsQuerySchema,
    output: RetentionResultsSchema,
    doc: 'Downgrade prevention over a period, per manager and branch: warned, actions, saved, downgraded, churned; by month.',
    roles: ANYONE,
    customers: AGGREGATES,
  },
  'contacts.log': {
    input: ContactInputSchema,
    output: z.object({ id: z.number().int() }),
    doc: 'Log a contact with a customer (date, channel, purpose, note); one made for a retention action marks it done.',
    roles: BOOK,
    customers: NO_CUSTOMERS,
    acts: [actsOn('customer', 'customerNo'), actsOn('action', 'actionId')],
  },
} as const satisfies Record<string, ChannelSpec>;
