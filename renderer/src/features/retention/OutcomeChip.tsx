import { Chip, Tooltip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Action, ActionOutcome } from '../../../../shared/schemas/retention';

const COLORS: Record<ActionOutcome, 'default' | 'success' | 'error' | 'warning'> = {
  open: 'default',
  saved: 'success',
  downgraded: 'error',
  churned: 'warning',
};

/** An action's outcome in words, with where it came from (a month's data, or a person and the reason). */
export function OutcomeChip({ action }: { action: Pick<Action, 'outcome' | 'outcomeMonth' | 'outcomeReason'> }) {
  const { t } = useTranslation();
  const source = action.outcomeReason
    ? t('actions.byHand', { reason: action.outcomeReason })
    : action.outcomeMonth
      ? t('actions.byData', { month: action.outcomeMonth })
      : '';
  return (
    <Tooltip title={source}>
      <Chip
        size="small"
        color={COLORS[action.outcome]}
        variant={action.outcome === 'open' ? 'outlined' : 'filled'}
        label={`${t(`actions.outcomes.${action.outcome}`)}${action.outcomeReason ? ' ✎' : ''}`}
      />
    </Tooltip>
  );
}
