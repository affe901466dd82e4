import { TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmountToFen } from '../../../shared/format';
import { useDebounced } from '../lib/useDebounced';
import { useInvoke } from '../lib/useInvoke';
import { useLatestTiers } from '../lib/useLatestTiers';
import { SelectField } from './SelectField';
import { useBranchView } from '../lib/session';

export type Segment = { tierCode: string } | { thresholdFen: number };
export type SegmentOrSaved = Segment | { savedSegmentId: number };
type Mode = 'tier' | 'threshold' | 'saved';

/** The segment the controls show, or null while it is incomplete (`thresholdFen` null when not a valid amount). */
function chosenSegment(mode: Mode, tier: string, savedId: string, thresholdFen: number | null): SegmentOrSaved | null {
  if (mode === 'tier') return tier ? { tierCode: tier } : null;
  if (mode === 'saved') return savedId ? { savedSegmentId: Number(savedId) } : null;
  return thresholdFen === null ? null : { thresholdFen };
}

/**
 * A segment to analyse: an assigned tier (the highest by default) or "月日均 ≥ X" typed in 万元, and with `withSaved`
 * also a saved segment (a customer-list filter). Returns the segment (null while the amount is not a positive number
 * or no saved segment is chosen) and the controls that choose it.
 */
export function useSegmentChoice(testId: string): { segment: Segment | null; controls: ReactNode };
export function useSegmentChoice(
  testId: string,
  withSaved: true,
): { segment: SegmentOrSaved | null; controls: ReactNode };
export function useSegmentChoice(
  testId: string,
  withSaved = false,
): { segment: SegmentOrSaved | null; controls: ReactNode } {
  const { t } = useTranslation();
  // A teller, or a 客户经理 without the branch view, may not select customers by balance: tiers and saved segments only.
  const byThreshold = useBranchView().money;
  const tiers = useLatestTiers();
  const saved = useInvoke('segments.saved', withSaved ? {} : null);
  const [mode, setMode] = useState<Mode>('tier');
  const [tierCode, setTierCode] = useState('');
  const [savedId, setSavedId] = useState('');
  const [thresholdText, setThresholdText] = useState('500');
  const tier = tierCode || tiers[0]?.code || '';
  const thresholdFen = parseAmountToFen(useDebounced(thresholdText, 300), 'wan');
  const thresholdError = mode === 'threshold' && (thresholdFen === null || thresholdFen <= 0);
  const segment = chosenSegment(mode, tier, savedId, thresholdError ? null : thresholdFen);
  const controls = (
    <>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={mode}
        onChange={(_e, value: Mode | null) => value && setMode(value)}
        aria-label={t('flows.by')}
      >
        <ToggleButton value="tier">{t('flows.byTier')}</ToggleButton>
        {byThreshold && (
          <ToggleButton value="threshold" data-testid={`${testId}-by-threshold`}>
            {t('flows.byThreshold')}
          </ToggleButton>
        )}
        {withSaved && (
          <ToggleButton value="saved" data-testid={`${testId}-by-saved`}>
            {t('groups.bySaved')}
          </ToggleButton>
        )}
      </ToggleButtonGroup>
      {mode === 'tier' ? (
        <SelectField
          label={t('flows.tier')}
          value={tier}
          options={tiers.map((x) => ({ value: x.code, label: x.name }))}
          onChange={setTierCode}
          width={160}
          testId={`${testId}-tier`}
        />
      ) : mode === 'saved' ? (
        <SelectField
          label={t('groups.savedSegment')}
          value={savedId}
          options={(saved.data?.segments ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
          onChange={setSavedId}
          width={180}
          testId={`${testId}-saved`}
        />
      ) : (
        <TextField
          size="small"
          label={t('flows.threshold')}
          value={thresholdText}
          onChange={(e) => setThresholdText(e.target.value)}
          error={thresholdError}
          helperText={thresholdError ? t('flows.invalidThreshold') : undefined}
          sx={{ width: 160 }}
          slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `${testId}-threshold` } }}
        />
      )}
    </>
  );
  return { segment, controls };
}
