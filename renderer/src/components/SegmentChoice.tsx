import { TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmountToFen } from '../../../shared/format';
import { useDebounced } from '../lib/useDebounced';
import { useLatestTiers } from '../lib/useLatestTiers';
import { SelectField } from './SelectField';

export type Segment = { tierCode: string } | { thresholdFen: number };

/**
 * A segment to analyse: an assigned tier (the highest by default) or "月日均 ≥ X" typed in 万元. Returns the segment
 * (null while the amount is not a positive number) and the controls that choose it.
 */
export function useSegmentChoice(testId: string, defaultThresholdWan = '500'): { segment: Segment | null; controls: ReactNode } {
  const { t } = useTranslation();
  const tiers = useLatestTiers();
  const [mode, setMode] = useState<'tier' | 'threshold'>('tier');
  const [tierCode, setTierCode] = useState('');
  const [thresholdText, setThresholdText] = useState(defaultThresholdWan);
  const tier = tierCode || tiers[0]?.code || '';
  const thresholdFen = parseAmountToFen(useDebounced(thresholdText, 300), 'wan');
  const thresholdError = mode === 'threshold' && (thresholdFen === null || thresholdFen <= 0);
  const segment: Segment | null = mode === 'tier' ? (tier ? { tierCode: tier } : null) : thresholdError || thresholdFen === null ? null : { thresholdFen };
  const controls = (
    <>
      <ToggleButtonGroup size="small" exclusive value={mode} onChange={(_e, value: 'tier' | 'threshold' | null) => value && setMode(value)} aria-label={t('migration.by')}>
        <ToggleButton value="tier">{t('migration.byTier')}</ToggleButton>
        <ToggleButton value="threshold" data-testid={`${testId}-by-threshold`}>
          {t('migration.byThreshold')}
        </ToggleButton>
      </ToggleButtonGroup>
      {mode === 'tier' ? (
        <SelectField label={t('migration.tier')} value={tier} options={tiers.map((x) => ({ value: x.code, label: x.name }))} onChange={setTierCode} width={160} testId={`${testId}-tier`} />
      ) : (
        <TextField
          size="small"
          label={t('migration.threshold')}
          value={thresholdText}
          onChange={(e) => setThresholdText(e.target.value)}
          error={thresholdError}
          helperText={thresholdError ? t('migration.invalidThreshold') : undefined}
          sx={{ width: 160 }}
          slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `${testId}-threshold` } }}
        />
      )}
    </>
  );
  return { segment, controls };
}
