import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_RISK_LEVELS,
  type CustomerRiskLevel,
  type CustomerSuitability,
} from '../../../../shared/schemas/suitability';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';

const NONE = 'none';

/** 登记风险评估: the level and its date (or neither), the channel, and whether a professional investor. */
export function AssessmentDialog({
  current,
  open,
  onClose,
  onSaved,
}: {
  current: CustomerSuitability;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [level, setLevel] = useState<CustomerRiskLevel | typeof NONE>(current.riskLevel ?? NONE);
  const [date, setDate] = useState(current.assessedDate ?? '');
  const [channel, setChannel] = useState(current.channel ?? '');
  const [professional, setProfessional] = useState(current.professional);
  const fields = fieldErrors(error);
  const save = () =>
    attempt(async () => {
      await invoke('suitability.recordAssessment', {
        customerNo: current.customerNo,
        riskLevel: level === NONE ? null : level,
        assessedDate: date === '' ? null : date,
        channel: channel.trim() === '' ? null : channel.trim(),
        professional,
      });
      onSaved();
    });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="assessment-dialog-title">
      <DialogTitle id="assessment-dialog-title">{t('suitability.recordTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={t('suitability.riskLevel')}
            value={level}
            onChange={(e) => setLevel(e.target.value as CustomerRiskLevel | typeof NONE)}
            error={Boolean(fields.riskLevel)}
            helperText={fields.riskLevel}
            slotProps={{ htmlInput: { 'data-testid': 'assessment-level' } }}
          >
            <MenuItem value={NONE}>{t('suitability.notAssessed')}</MenuItem>
            {CUSTOMER_RISK_LEVELS.map((l) => (
              <MenuItem key={l} value={l}>
                {t(`suitability.levels.${l}`)}
              </MenuItem>
            ))}
          </TextField>
          <DateField
            label={t('suitability.assessedDate')}
            value={date}
            onChange={setDate}
            error={fields.assessedDate}
            testId="assessment-date"
          />
          <TextField
            label={t('suitability.channel')}
            placeholder={t('suitability.channelHint')}
            value={channel}
            onChange={(e) => setChannel(e.target.value)}
            error={Boolean(fields.channel)}
            helperText={fields.channel}
            slotProps={{ htmlInput: { maxLength: 20 } }}
          />
          <FormControlLabel
            control={<Checkbox checked={professional} onChange={(e) => setProfessional(e.target.checked)} />}
            label={t('suitability.professional')}
          />
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="assessment-save">
          {t('actions.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
