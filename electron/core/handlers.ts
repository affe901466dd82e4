/**
 * The handler table: each domain's handlers (`electron/core/<domain>/handlers.ts`) joined, plus the job channels that
 * start a domain's long work. Who may call, whose customers and how masked are the contract's declarations, applied
 * around these by `dispatch` (dispatch.ts).
 */
import type { Channel } from '../../shared/contract';
import { joinTables } from '../../shared/contract';
import { jobsChannels } from '../../shared/contract/jobs';
import { AppError } from '../../shared/errors';
import type { JobRequest } from '../../shared/schemas/jobs';
import type { CoreContext } from './platform/context';
import type { JobControl } from './platform/jobs';
import { readDataVersions } from './platform/data-versions';
import { prepareFirstScreens } from './first-screens';
import type { CustomerView } from './trust/access-scope';
import { type Caller, type ChannelHandlers, type Handler } from './trust/caller';
import { trustHandlers } from './trust/handlers';
import { branchHandlers, branchJobWork } from './branch/handlers';
import { customersHandlers } from './customers/handlers';
import { tiersHandlers, tiersJobWork } from './tiers/handlers';
import { segmentsHandlers, segmentsJobWork } from './segments/handlers';
import { flowsHandlers } from './flows/handlers';
import { groupsHandlers } from './groups/handlers';
import { retentionHandlers } from './retention/handlers';
import { complaintsHandlers } from './complaints/handlers';
import { surveysHandlers } from './surveys/handlers';
import { workbenchHandlers } from './workbench/handlers';
import { importsHandlers, importsJobWork } from './imports/handlers';
import { exportsHandlers, exportsJobWork } from './exports/handlers';
import { rulePackagesHandlers, rulePackagesJobWork } from './rule-packages/handlers';
import { suitabilityHandlers } from './suitability/handlers';
import { booksHandlers } from './books/handlers';
import { campaignsHandlers } from './campaigns/handlers';
import { loyaltyHandlers } from './loyalty/handlers';
import { benefitsHandlers } from './benefits/handlers';
import { householdsHandlers } from './households/handlers';

const jobWorks = joinTables('job kind', [
  tiersJobWork,
  segmentsJobWork,
  importsJobWork,
  exportsJobWork,
  rulePackagesJobWork,
  branchJobWork,
]);

/** The work of a job request, by its kind. */
function jobWork(ctx: CoreContext, request: JobRequest, view: CustomerView, control: JobControl): Promise<unknown> {
  const work = jobWorks[request.kind] as (
    ctx: CoreContext,
    request: JobRequest,
    view: CustomerView,
    control: JobControl,
  ) => Promise<unknown>;
  return work(ctx, request, view, control);
}

/**
 * A job's work, then — when it changed the branch's data — what the first screens read decoded again in the same
 * job (its last phase), so no screen's first call after an import or a rule change pays for it.
 */
async function jobThenPrepare(
  ctx: CoreContext,
  request: JobRequest,
  view: CustomerView,
  control: JobControl,
): Promise<unknown> {
  const before = readDataVersions(ctx.store.sqlite).branchData;
  const result = await jobWork(ctx, request, view, control);
  if (readDataVersions(ctx.store.sqlite).branchData !== before) await prepareFirstScreens(ctx, control);
  return result;
}

/** Whose job: the staff member signed in, or nobody before the first run (the demo branch's job, docs/architecture.md). */
const ownerOf = (caller: Caller): string | null => caller.viewer?.staff.code ?? null;

const jobsHandlers: ChannelHandlers<typeof jobsChannels> = {
  'jobs.start': async (ctx, input, caller) => {
    const { request } = input;
    return {
      jobId: ctx.jobs.start(
        request.kind,
        (control) => jobThenPrepare(ctx, request, caller.view, control),
        ownerOf(caller),
      ),
    };
  },
  'jobs.status': async (ctx, input, caller) => {
    const status = ctx.jobs.status(input.jobId, ownerOf(caller));
    if (!status)
      throw new AppError('NOT_FOUND', '找不到该任务（可能已过期）。', 'No such job (it may have expired).', {
        field: 'jobId',
      });
    return status;
  },
  'jobs.current': async (ctx, _input, caller) => ({ job: ctx.jobs.current(ownerOf(caller)) }),
  'jobs.cancel': async (ctx, input, caller) => ({ cancelling: ctx.jobs.cancel(input.jobId, ownerOf(caller)) }),
};

export const handlers: { [C in Channel]: Handler<C> } = joinTables('channel', [
  trustHandlers,
  branchHandlers,
  customersHandlers,
  tiersHandlers,
  segmentsHandlers,
  flowsHandlers,
  groupsHandlers,
  retentionHandlers,
  complaintsHandlers,
  surveysHandlers,
  workbenchHandlers,
  importsHandlers,
  exportsHandlers,
  rulePackagesHandlers,
  suitabilityHandlers,
  booksHandlers,
  campaignsHandlers,
  loyaltyHandlers,
  benefitsHandlers,
  householdsHandlers,
  jobsHandlers,
]);
