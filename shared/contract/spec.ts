/** What a channel and a job kind declare (docs/architecture.md, "Channels" and "Trust"). */
import type { z } from 'zod';
import type { Acts, Exposure, Roles } from '../roles';
import type { StaffRole } from '../schemas/common';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  doc: string;
  /** Who may call it (docs/architecture.md, "Trust"). */
  roles: Roles;
  /** What it answers about customers, and whose rows a 客户经理 may see in it. */
  customers: Exposure;
  /** What it acts on: a 客户经理 only within their own book. */
  acts?: readonly Acts[];
}

export interface JobSpec {
  doc: string;
  roles: readonly StaffRole[];
  acts?: readonly Acts[];
}
