/** Books and handovers (管户交接): channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { customerRows, NO_CUSTOMERS } from '../roles';
import { ActorSchema } from '../schemas/common';
import { HandoverPreviewSchema, HandoverRequestSchema, HandoverSchema } from '../schemas/books';
import type { StaffRole } from '../schemas/common';
import { type ChannelSpec } from './spec';

/** Handovers are the branch manager's. */
const BRANCH_MANAGER: readonly StaffRole[] = ['branch_manager'];

export const booksChannels = {
  'books.handoverPreview': {
    input: HandoverRequestSchema,
    output: HandoverPreviewSchema,
    doc: 'What a handover would move: each customer with its 月日均, tier, open actions, complaints, plan items and invitations.',
    roles: BRANCH_MANAGER,
    customers: customerRows('branchView'),
  },
  'books.handover': {
    input: HandoverRequestSchema,
    output: z.object({ handoverId: z.number().int(), customers: z.number().int() }),
    doc: 'Hand customers over to another manager from a day, for a reason (one transaction); audited.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'books.handovers': {
    input: z.strictObject({}),
    output: z.object({ handovers: z.array(HandoverSchema) }),
    doc: 'The handovers, newest first, the one that can be undone marked.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'books.undoHandover': {
    input: z.strictObject({ handoverId: z.number().int().positive(), staffCode: ActorSchema }),
    output: z.object({ handoverId: z.number().int() }),
    doc: 'Undo the latest handover while none of its customers has moved since; audited.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
