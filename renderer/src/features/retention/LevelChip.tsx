import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { WarningLevel } from '../../../../shared/schemas/retention';

const COLORS: Record<WarningLevel, 'error' | 'warning' | 'default'> = {
  high: 'error',
  medium: 'warning',
  low: 'default',
};

/** Risk level with its score (none for a teller: it is built from the balance), in words (never colour alone). */
export function LevelChip({ level, score }: { level: WarningLevel; score: number | null }) {
  const { t } = useTranslation();
  return (
    <Chip
      size="small"
      color={COLORS[level]}
      variant={level === 'low' ? 'outlined' : 'filled'}
      label={score === null ? t(`warnings.levels.${level}`) : `${t(`warnings.levels.${level}`)} ${score}`}
    />
  );
}
