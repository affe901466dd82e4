import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { addDays, localToday } from '../../../../shared/month';
import type { Staff } from '../../../../shared/schemas/common';
import { ACTION_KINDS, type ActionKind } from '../../../../shared/schemas/retention';
import { FormError } from '../../components/FormError';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { DateField } from '../../components/DateField';

export interface ActionTarget {
  customerNo: string;
  name: string;
  /** The warning month the action answers. */
  month: string;
  /** The customer's manager: the default owner. */
  managerCode: string | null;
}

interface ActionDialogProps {
  target: ActionTarget | null;
  staff: Staff[];
  onClose(): void;
  onCreated(): void;
}

type ActionForm = { kind: ActionKind; ownerCode: string; dueDate: string; notes: string };

/** What the action is, who owns it and when it is due. */
function ActionFields({
  form,
  onForm,
  fields,
  staff,
}: {
  form: ActionForm;
  onForm(form: ActionForm): void;
  fields: Record<string, string>;
  staff: Staff[];
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <TextField
        select
        label={t('actions.kind')}
        value={form.kind}
        onChange={(e) => onForm({ ...form, kind: e.target.value as ActionKind })}
        sx={{ width: 180 }}
        slotProps={{ htmlInput: { 'data-testid': 'action-kind' } }}
      >
        {ACTION_KINDS.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {t(`actions.kinds.${kind}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('actions.owner')}
        value={form.ownerCode}
        onChange={(e) => onForm({ ...form, ownerCode: e.target.value })}
        error={Boolean(fields.ownerCode)}
        helperText={fields.ownerCode}
        sx={{ width: 200 }}
      >
        {staff.map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </MenuItem>
        ))}
      </TextField>
      <DateField
        label={t('actions.due')}
        value={form.dueDate}
        onChange={(dueDate) => onForm({ ...form, dueDate })}
        error={fields.dueDate}
      />
    </Stack>
  );
}

/** 建立保级行动: kind, owner (the customer's manager by default), due date (a week from today), notes. */
export function ActionDialog({ target, staff, onClose, onCreated }: ActionDialogProps) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const me = useSession().staff.code;
  const [form, setForm] = useState<ActionForm>({
    kind: 'phone',
    ownerCode: '',
    dueDate: addDays(localToday(), 7),
    notes: '',
  });
  const [shownFor, setShownFor] = useState<ActionTarget | null>(null);
  if (target !== shownFor) {
    setShownFor(target);
    if (target)
      setForm({
        kind: 'phone',
        ownerCode: target.managerCode ?? me,
        dueDate: addDays(localToday(), 7),
        notes: '',
      });
  }
  const fields = fieldErrors(error);
  const save = () =>
    attempt(async () => {
      if (!target) return;
      await invoke('retention.createAction', {
        customerNo: target.customerNo,
        month: target.month,
        ...form,
        notes: form.notes || undefined,
      });
      onCreated();
    });
  return (
    <Dialog open={target !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="action-dialog-title">
      <DialogTitle id="action-dialog-title">
        {target ? t('actions.createFor', { name: target.name, no: target.customerNo }) : ''}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} data-testid="action-dialog">
          <ActionFields form={form} onForm={setForm} fields={fields} staff={staff} />
          <TextField
            label={t('actions.notes')}
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.target.value })}
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="action-save">
          {t('actions.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
