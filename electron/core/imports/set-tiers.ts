import type { ImportKind } from '../../../shared/schemas/imports';
import type { CoreContext } from '../platform/context';
import type { JobControl } from '../platform/jobs';
import { EVERY_MONTH } from '../platform/settings';
import { recomputeTiers } from '../tiers/tier-recompute';
import { IMPORT_KIND_SPECS } from './kinds';

/** A batch as the tiers see it: its kind and the months it wrote. */
interface BatchMonths {
  kind: ImportKind;
  months: string[];
}

/**
 * The first month whose tiers an import of `kind` (or its undo) changes (the kind's `tiers`): the first month of a
 * monthly report, every month for the customer master (opening dates), none for the others.
 */
export function tiersChangeFrom(kind: ImportKind, months: string[]): string | null {
  const { tiers } = IMPORT_KIND_SPECS[kind];
  if (tiers === null) return null;
  return tiers.from === 'everyMonth' ? EVERY_MONTH : (months[0] ?? null);
}

/**
 * Tiers after a set's import or its undo, recomputed once from the earliest month any of its batches changes; each
 * month's 月日均 read from the snapshots only when no batch changed the assets. Whether there was anything to
 * recompute (books, assessments, a catalogue, holdings or survey answers alone change no tier).
 */
export async function recomputeAfterSet(
  ctx: CoreContext,
  batches: BatchMonths[],
  control?: JobControl,
): Promise<boolean> {
  const changing = batches.filter((b) => tiersChangeFrom(b.kind, b.months) !== null);
  if (changing.length === 0) return false;
  const fromMonth = changing.map((b) => tiersChangeFrom(b.kind, b.months) as string).sort()[0];
  control?.report('read', 0, 0); // the data is written: the recompute's reading starts
  await recomputeTiers(ctx.store.sqlite, ctx.now(), {
    fromMonth,
    valuesFromSnapshots: changing.every((b) => IMPORT_KIND_SPECS[b.kind].tiers?.valuesFromSnapshots === true),
    onProgress: control?.report,
    signal: control?.signal,
  });
  return true;
}
