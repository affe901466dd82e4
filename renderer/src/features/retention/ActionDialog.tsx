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
import { useInvoke } from '../../lib/useInvoke';

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

type ActionForm = { kind: ActionKind; ownerCode: string; dueDate: string; notes: string; benefitCode: string };

/**
 * 提供权益: a care action may offer a benefit the customer still has this year (docs/domain.md, "Benefits"); the
 * benefits they are entitled to, with what is left.
 */
function BenefitChoice({
  customerNo,
  value,
  onChange,
  error,
}: {
  customerNo: string;
  value: string;
  onChange(code: string): void;
  error?: string;
}) {
  const { t } = useTranslation();
  const benefits = useInvoke('benefits.customer', { customerNo });
  const offered = (benefits.data?.benefits ?? []).filter(
    (b) => b.entitled && (b.remaining === null || b.remaining > 0),
  );
  return (
    <TextField
      select
      label={t('actions.benefit')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(error)}
      helperText={error ?? (offered.length === 0 ? t('actions.noBenefit') : undefined)}
      slotProps={{
        select: { displayEmpty: true },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': 'action-benefit' },
      }}
    >
      <MenuItem value="">{t('actions.benefitNone')}</MenuItem>
      {offered.map((b) => (
        <MenuItem key={b.code} value={b.code}>
          {b.remaining === null ? b.name : t('actions.benefitLeft', { name: b.name, left: b.remaining })}
        </MenuItem>
      ))}
    </TextField>
  );
}

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

/**
 * 建立保级行动: kind, owner (the customer's manager by default), due date (a week from today), notes; a care action may
 * offer a benefit.
 */
export function ActionDialog({ target, staff, onClose, onCreated }: ActionDialogProps) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const me = useSession().staff.code;
  const [form, setForm] = useState<ActionForm>({
    kind: 'phone',
    ownerCode: '',
    dueDate: addDays(localToday(), 7),
    notes: '',
    benefitCode: '',
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
        benefitCode: '',
      });
  }
  const fields = fieldErrors(error);
  const save = () =>
    attempt(async () => {
      if (!target) return;
      const { benefitCode, ...rest } = form;
      await invoke('retention.createAction', {
        customerNo: target.customerNo,
        month: target.month,
        ...rest,
        notes: form.notes || undefined,
        ...(form.kind === 'care' && benefitCode ? { benefitCode } : {}),
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
          {target && form.kind === 'care' && (
            <BenefitChoice
              customerNo={target.customerNo}
              value={form.benefitCode}
              onChange={(benefitCode) => setForm({ ...form, benefitCode })}
              error={fields.benefitCode}
            />
          )}
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
