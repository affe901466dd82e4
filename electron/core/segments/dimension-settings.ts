import type { DimensionSettings } from '../../../shared/schemas/segments';
import { appendAudit } from '../platform/audit-log';
import { readDimensionSettings, writeDimensionSettings } from '../platform/settings';
import type { JobControl } from '../platform/jobs';
import type { CoreContext } from '../platform/context';
import { recomputeTiers } from '../tiers/tier-recompute';

export function getDimensionSettings(ctx: CoreContext): { settings: DimensionSettings } {
  return { settings: readDimensionSettings(ctx.store.sqlite) };
}

/**
 * Saves the dimension thresholds, audited. The idle-活期 share is applied when assets are read, so changing it
 * re-reads every month's assets (a recompute, all or nothing); the other thresholds apply when a month is shown.
 */
export async function saveDimensionSettings(
  ctx: CoreContext,
  settings: DimensionSettings,
  staffCode: string | null,
  control?: JobControl,
): Promise<{ recomputed: boolean }> {
  const { sqlite } = ctx.store;
  const previous = readDimensionSettings(sqlite);
  const apply = () => {
    writeDimensionSettings(sqlite, settings);
    appendAudit(sqlite, {
      at: ctx.now(),
      actor: staffCode,
      action: 'dimensions.saveSettings',
      target: null,
      detail: { previous, settings },
    });
  };
  const recomputed = settings.idleDemandShare !== previous.idleDemandShare;
  if (recomputed) {
    await recomputeTiers(sqlite, ctx.now(), {
      dimensionSettings: settings,
      onProgress: control?.report,
      signal: control?.signal,
      apply,
    });
  } else {
    sqlite.transaction(apply)();
  }
  // The dimensions of every month are derived from the settings: decode them again.
  return { recomputed };
}
