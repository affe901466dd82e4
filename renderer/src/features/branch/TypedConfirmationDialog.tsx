import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError';
import { fieldErrors } from '../../lib/api';

/**
 * Before a step that cannot be undone (clearing the demo data, removing the old data directory): what it does, any
 * fields it needs (`children`), and the words typed — a click is not enough.
 */
export function TypedConfirmationDialog({
  open,
  title,
  confirmLabel,
  warning,
  words,
  busy,
  error,
  testId,
  onClose,
  onConfirm,
  children,
}: {
  open: boolean;
  title: string;
  /** The button's words. */
  confirmLabel: string;
  warning: string;
  words: string;
  busy: boolean;
  error: unknown;
  /** `<testId>-confirmation` is the words' field, `<testId>-confirm` the button. */
  testId: string;
  onClose(): void;
  onConfirm(): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [confirmation, setConfirmation] = useState('');
  const fields = fieldErrors(error);
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Alert severity="warning" sx={{ wordBreak: 'break-all' }}>
            {warning}
          </Alert>
          {children}
          <TextField
            label={t('branchProfile.typeToConfirm', { words })}
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            error={Boolean(fields.confirmation)}
            helperText={fields.confirmation}
            slotProps={{ htmlInput: { 'data-testid': `${testId}-confirmation` } }}
          />
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={onConfirm}
          disabled={busy || confirmation !== words}
          data-testid={`${testId}-confirm`}
        >
          {busy ? <CircularProgress size={20} /> : confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
