/**
 * What the first screens need, decoded before anyone asks (docs/architecture.md, "Derived data"): the customer
 * master's columns, the data month's tier snapshot (and those of the months its warnings compare with), its
 * dimensions and its warning list, the suitability check (as of today for the workbench, as of the month's end for
 * its screen) and who holds what per tier (the card's suggestions). Done after the app opens a database (while the sign-in screen shows) and at the end of every job
 * that changed the branch's data, so the first call of a screen finds them kept.
 */
import { addMonths, lastDayOfMonth } from '../../shared/month';
import type { CoreContext } from './platform/context';
import { pause, type JobControl } from './platform/jobs';
import { monthWarnings } from './retention/retention';
import { customerAttributesInSteps, dimensionsOfMonth } from './segments/segments';
import { prepareSuitabilityChecks } from './suitability/suitability';
import { prepareSuggestions } from './suitability/suggestions';
import { latestTierMonth, tierSnapshotOf } from './tiers/tiers';

/**
 * Decodes what the first screens of the data month read, one step at a time with queued calls served in between
 * (none holds the thread much longer than 100 ms on a branch of 200,000).
 * Stops quietly when the job is cancelled or the database changes underneath (what is kept is then simply not
 * current, and made again on the first call); never fails the work before it, which has already committed.
 */
export async function prepareFirstScreens(ctx: CoreContext, control?: JobControl): Promise<void> {
  const month = latestTierMonth(ctx);
  if (month === null) return;
  const steps: Array<() => unknown> = [
    () => customerAttributesInSteps(ctx, control?.signal),
    () => tierSnapshotOf(ctx, addMonths(month, -3)),
    () => tierSnapshotOf(ctx, addMonths(month, -1)),
    () => tierSnapshotOf(ctx, month),
    () => dimensionsOfMonth(ctx, month),
    () => monthWarnings(ctx, month),
    () => prepareSuitabilityChecks(ctx, [ctx.today(), lastDayOfMonth(month)], control?.signal),
    () => prepareSuggestions(ctx, month, control?.signal),
  ];
  const store = ctx.store;
  try {
    for (const [done, step] of steps.entries()) {
      control?.report('prepare', done, steps.length);
      await pause(control?.signal);
      if (ctx.store !== store || ctx.database.state.state !== 'ok') return;
      await step();
    }
    control?.report('prepare', steps.length, steps.length);
  } catch {
    // Cancelled, or the database closed or replaced meanwhile: the screens decode on their first call instead.
  }
}
