import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/month';
import {
  CONTACT_CHANNELS,
  CONTACT_PURPOSES,
  type Action,
  type ContactInput,
} from '../../../../shared/schemas/retention';
import { FormError } from '../../components/FormError';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { DateField } from '../../components/DateField';

export interface ContactTarget {
  customerNo: string;
  name: string;
  /** The retention action this contact carries out, if any. */
  action?: Pick<Action, 'id' | 'kind' | 'dueDate'>;
  /** What the form starts with (the workbench's item: a visit, a product contact). */
  channel?: ContactInput['channel'];
  purpose?: ContactInput['purpose'];
}

interface ContactDialogProps {
  target: ContactTarget | null;
  onClose(): void;
  onLogged(): void;
}

type Form = Pick<ContactInput, 'date' | 'channel' | 'purpose'> & { note: string };
const blank = (target: ContactTarget): Form => ({
  date: localToday(),
  channel: target.channel ?? 'phone',
  purpose: target.purpose ?? (target.action ? 'retention' : 'care'),
  note: '',
});

/** When, how and why the customer was contacted. */
function ContactFields({
  form,
  onForm,
  fields,
}: {
  form: Form;
  onForm(form: Form): void;
  fields: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <DateField
        label={t('contacts.date')}
        value={form.date}
        onChange={(date) => onForm({ ...form, date })}
        error={fields.date}
      />
      <TextField
        select
        label={t('contacts.channel')}
        value={form.channel}
        onChange={(e) => onForm({ ...form, channel: e.target.value as Form['channel'] })}
        sx={{ width: 150 }}
      >
        {CONTACT_CHANNELS.map((c) => (
          <MenuItem key={c} value={c}>
            {t(`contacts.channels.${c}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('contacts.purpose')}
        value={form.purpose}
        onChange={(e) => onForm({ ...form, purpose: e.target.value as Form['purpose'] })}
        sx={{ width: 150 }}
      >
        {CONTACT_PURPOSES.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`contacts.purposes.${p}`)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

/** 记录接触: date (today), channel, purpose, note; for a retention action it also marks the action done. */
export function ContactDialog({ target, onClose, onLogged }: ContactDialogProps) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [form, setForm] = useState<Form>(() => blank({ customerNo: '', name: '' }));
  const [shownFor, setShownFor] = useState<ContactTarget | null>(null);
  if (target !== shownFor) {
    setShownFor(target);
    if (target) setForm(blank(target));
  }
  const fields = fieldErrors(error);
  const save = () =>
    attempt(async () => {
      if (!target) return;
      await invoke('contacts.log', {
        customerNo: target.customerNo,
        ...form,
        note: form.note || undefined,
        actionId: target.action?.id,
      });
      onLogged();
    });
  return (
    <Dialog open={target !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="contact-dialog-title">
      <DialogTitle id="contact-dialog-title">{target ? t('contacts.titleFor', { name: target.name }) : ''}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} data-testid="contact-dialog">
          {target?.action && (
            <Typography variant="body2" color="text.secondary">
              {t('contacts.forAction', { kind: t(`actions.kinds.${target.action.kind}`), due: target.action.dueDate })}
            </Typography>
          )}
          <ContactFields form={form} onForm={setForm} fields={fields} />
          <TextField
            label={t('contacts.note')}
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'contact-note' } }}
          />
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('contacts.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="contact-save">
          {t('contacts.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
