/** Who is calling a channel, and the shape of a domain's handlers (docs/architecture.md, "Channels"). */
import type { z } from 'zod';
import type { Channel, ChannelOutput, Contract, JobSpec } from '../../../shared/contract';
import type { JobRequest } from '../../../shared/schemas/jobs';
import type { CoreContext } from '../platform/context';
import type { JobControl } from '../platform/jobs';
import type { CustomerView, Viewer } from './access-scope';
import type { Session } from './auth';

/** Who is calling: the window's session, the staff member signed in on it with the access settings (null only for public channels), and how customer rows reach them in this call. */
export interface Caller {
  session: Session;
  viewer: Viewer | null;
  view: CustomerView;
}

export type Handler<C extends Channel> = (
  ctx: CoreContext,
  input: z.output<Contract[C]['input']>,
  caller: Caller,
) => Promise<ChannelOutput<C>>;

/** A domain's handlers: one for each channel of its contract table. */
export type ChannelHandlers<Table> = { [C in keyof Table & Channel]: Handler<C> };

/** A domain's long work: one function for each job kind of its contract table. */
export type JobWork<Table extends Record<string, JobSpec>> = {
  [K in keyof Table & JobRequest['kind']]: (
    ctx: CoreContext,
    request: Extract<JobRequest, { kind: K }>,
    view: CustomerView,
    control: JobControl,
  ) => Promise<unknown>;
};

/** The signed-in staff member of a channel that needs one (the dispatch has checked). */
export const viewerOf = (caller: Caller): Viewer => caller.viewer as Viewer;
