import { useMemo } from 'react';
import type { TierDef } from '../../../shared/schemas/tiers';
import { useInvoke } from './useInvoke';

/** The tiers of the latest rule set, highest first (the order every table and picker shows). */
export function useLatestTiers(): TierDef[] {
  const tierRules = useInvoke('tiers.rules', {});
  return useMemo(() => {
    const sets = tierRules.data?.ruleSets ?? [];
    return sets.length ? [...sets[sets.length - 1].tiers].reverse() : [];
  }, [tierRules.data]);
}
