import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevealInput } from '../../../../shared/schemas/auth';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';

/**
 * A masked personal field with 查看完整 (for those who may): the reason asked, the full value shown until main's
 * `expiresAt`, then masked again. Main audits each reveal.
 */
export function RevealField({
  customerNo,
  field,
  masked,
}: {
  customerNo: string;
  field: RevealInput['field'];
  masked: string | null;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<{ value: string | null; expiresAt: string } | null>(null);
  const { error, attempt } = useAttempt();
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), Math.max(0, Date.parse(shown.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [shown]);
  if (masked === null) return <Typography variant="body2">—</Typography>;
  return (
    <Stack direction="row" spacing={0.5} alignItems="center">
      <Typography variant="body2" data-testid={`card-${field}`}>
        {shown?.value ?? masked}
      </Typography>
      {can('customers.reveal') && !shown && (
        <Button
          size="small"
          sx={{ minWidth: 0, py: 0 }}
          onClick={() => setAsking(true)}
          data-testid={`reveal-${field}`}
        >
          {t('reveal.show')}
        </Button>
      )}
      <Dialog open={asking} onClose={() => setAsking(false)} maxWidth="xs" fullWidth>
        <DialogTitle>{t('reveal.title', { field: t(`reveal.${field}`) })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="info">{t('reveal.hint')}</Alert>
            <TextField
              label={t('reveal.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={Boolean(fieldErrors(error).reason)}
              helperText={fieldErrors(error).reason}
              autoFocus
              slotProps={{ htmlInput: { 'data-testid': 'reveal-reason' } }}
            />
            {error && !fieldErrors(error).reason ? (
              <Alert severity="error">{errorText(error, i18n.language)}</Alert>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            data-testid="reveal-confirm"
            onClick={() =>
              void attempt(async () => {
                setShown(await invoke('customers.reveal', { customerNo, field, reason }));
                setAsking(false);
                setReason('');
              })
            }
          >
            {t('reveal.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
