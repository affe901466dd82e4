/** Books and handovers (管户交接): channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { customerRows, NO_CUSTOMERS } from '../roles';
import { ActorSchema } from '../schemas/common';
import {
  BookCoverSchema,
  HandoverPreviewSchema,
  HandoverRequestSchema,
  HandoverSchema,
  MarkAwaySchema,
  SetBackupSchema,
} from '../schemas/books';
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
  'books.cover': {
    input: z.strictObject({}),
    output: BookCoverSchema,
    doc: "Each manager's backup (AB角) and time away not yet over.",
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'books.setBackup': {
    input: SetBackupSchema,
    output: z.object({ managerCode: z.string(), backupCode: z.string().nullable() }),
    doc: "Name or remove a manager's backup, who covers the book while the manager is away; audited.",
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'books.markAway': {
    input: MarkAwaySchema,
    output: z.object({ absenceId: z.number().int() }),
    doc: 'Mark a manager away from one day to another: the backup covers the book meanwhile; audited.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
  'books.cancelAway': {
    input: z.strictObject({ absenceId: z.number().int().positive(), staffCode: ActorSchema }),
    output: z.object({ absenceId: z.number().int() }),
    doc: 'Cancel a time away (kept, marked cancelled); audited.',
    roles: BRANCH_MANAGER,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;
