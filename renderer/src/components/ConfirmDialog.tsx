import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string | null;
  /** The confirming button's text and colour (a warning, or an error for what cannot be undone). */
  confirmLabel: string;
  color: 'warning' | 'error';
  testId: string;
  onClose(): void;
  onConfirm(): void;
}

/** The last word before a step that replaces data: what it does, 取消 or go ahead. */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  color,
  testId,
  onClose,
  onConfirm,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2">{text}</Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button color={color} variant="contained" onClick={onConfirm} data-testid={testId}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
