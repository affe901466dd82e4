import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_OUTCOMES, type Action, type ActionOutcome } from '../../../../shared/schemas/retention';
import { FormError } from '../../components/FormError';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';

const AUTO = 'auto';

/** 手工设定结果: an outcome with its reason, or back to what the data says. */
export function OutcomeDialog({
  action,
  onClose,
  onSaved,
}: {
  action: Action | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [outcome, setOutcome] = useState<ActionOutcome | typeof AUTO>(AUTO);
  const [reason, setReason] = useState('');
  const [shownFor, setShownFor] = useState<Action | null>(null);
  if (action !== shownFor) {
    setShownFor(action);
    setOutcome(action?.outcomeReason ? action.outcome : AUTO);
    setReason(action?.outcomeReason ?? '');
  }
  const fields = fieldErrors(error);
  const save = () =>
    attempt(async () => {
      if (!action) return;
      await invoke('retention.setOutcome', {
        actionId: action.id,
        outcome: outcome === AUTO ? null : outcome,
        reason,
      });
      onSaved();
    });
  return (
    <Dialog open={action !== null} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="outcome-dialog-title">
      <DialogTitle id="outcome-dialog-title">{t('actions.setOutcomeTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={t('actions.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as ActionOutcome | typeof AUTO)}
          >
            <MenuItem value={AUTO}>{t('actions.auto')}</MenuItem>
            {ACTION_OUTCOMES.map((o) => (
              <MenuItem key={o} value={o}>
                {t(`actions.outcomes.${o}`)}
              </MenuItem>
            ))}
          </TextField>
          {outcome !== AUTO && (
            <TextField
              label={t('actions.outcomeReason')}
              placeholder={t('actions.outcomeReasonHint')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={Boolean(fields.reason)}
              helperText={fields.reason}
              slotProps={{ htmlInput: { maxLength: 200 } }}
            />
          )}
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()}>
          {t('actions.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
