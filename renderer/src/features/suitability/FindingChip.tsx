import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SuitabilityFinding } from '../../../../shared/schemas/suitability';

const COLORS: Record<SuitabilityFinding, 'error' | 'warning' | 'default' | 'success'> = {
  aboveLevel: 'error',
  unassessed: 'warning',
  expired: 'warning',
  unknownProduct: 'default',
  suitable: 'success',
};

/** A suitability finding as a chip: its word and its colour (never the colour alone). */
export function FindingChip({ finding }: { finding: SuitabilityFinding }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={COLORS[finding]}
      variant={finding === 'suitable' ? 'outlined' : 'filled'}
      label={t(`suitability.findings.${finding}`)}
      data-testid={`finding-${finding}`}
    />
  );
}
