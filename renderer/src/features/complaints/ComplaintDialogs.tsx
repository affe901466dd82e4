import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/month';
import { CustomerSearchField } from '../../components/CustomerSearchField';
import { FormError } from '../../components/FormError';
import type { Staff } from '../../../../shared/schemas/common';
import type { ChannelInput } from '../../../../shared/contract';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  type ComplaintDetail,
} from '../../../../shared/schemas/complaints';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { DateField } from '../../components/DateField';

/** What the step dialog does: a move to the next status, or one of the clock actions. */
export type Step = {
  kind: 'accepted' | 'processing' | 'replied' | 'closed' | 'extend' | 'pause' | 'resume' | 'review';
};

const EMPTY_STEP = () => ({
  date: localToday(),
  complex: false,
  reply: '',
  satisfied: 'yes',
  days: '15',
  approverCode: '',
  reason: '',
});

type StepForm = ReturnType<typeof EMPTY_STEP>;

/** A step's name: a clock action, or the move to its status. */
function stepTitle(t: TFunction, kind: Step['kind'] | undefined): string {
  if (kind === undefined) return '';
  return kind === 'extend' || kind === 'pause' || kind === 'resume' || kind === 'review'
    ? t(`complaints.${kind}`)
    : t(`complaints.to.${kind}`);
}

/** Records the step on the complaint through its own channel. */
async function saveStep(complaintId: number, kind: Step['kind'], form: StepForm): Promise<void> {
  if (kind === 'extend')
    await invoke('complaints.extend', {
      complaintId,
      days: Number(form.days),
      approverCode: form.approverCode,
      reason: form.reason,
    });
  else if (kind === 'pause') await invoke('complaints.pause', { complaintId, from: form.date, reason: form.reason });
  else if (kind === 'resume') await invoke('complaints.resume', { complaintId, date: form.date });
  else if (kind === 'review') await invoke('complaints.review', { complaintId, date: form.date });
  else {
    await invoke('complaints.transition', {
      complaintId,
      to: kind,
      date: form.date,
      ...(kind === 'accepted' ? { complex: form.complex } : {}),
      ...(kind === 'replied' ? { reply: form.reply } : {}),
      ...(kind === 'closed' ? { satisfied: form.satisfied === 'yes' } : {}),
    });
  }
}

interface StepFieldsProps {
  form: StepForm;
  set(patch: Partial<StepForm>): void;
  fields: Record<string, string>;
}

/** An extension's days and who approved it (an active branch manager or administrator). */
function ExtensionFields({ form, set, fields, staff }: StepFieldsProps & { staff: Staff[] }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('complaints.days')}
        value={form.days}
        onChange={(e) => set({ days: e.target.value })}
        error={Boolean(fields.days)}
        helperText={fields.days}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <TextField
        select
        label={t('complaints.approver')}
        value={form.approverCode}
        onChange={(e) => set({ approverCode: e.target.value })}
        error={Boolean(fields.approverCode)}
        helperText={fields.approverCode}
      >
        {staff
          .filter((s) => s.active && (s.role === 'branch_manager' || s.role === 'admin'))
          .map((s) => (
            <MenuItem key={s.code} value={s.code}>
              {s.name}（{s.code}）
            </MenuItem>
          ))}
      </TextField>
    </>
  );
}

/** A step's own fields (an extension's are apart): its date, the complex flag, the reply, the verdict. */
function StepFields({ kind, form, set, fields }: StepFieldsProps & { kind: Step['kind'] | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {kind !== 'extend' && (
        <DateField
          label={t('complaints.date')}
          value={form.date}
          onChange={(date) => set({ date })}
          error={fields.date ?? fields.from}
        />
      )}
      {kind === 'accepted' && (
        <FormControlLabel
          control={<Checkbox checked={form.complex} onChange={(e) => set({ complex: e.target.checked })} />}
          label={t('complaints.complex')}
        />
      )}
      {kind === 'replied' && (
        <TextField
          label={t('complaints.reply')}
          value={form.reply}
          onChange={(e) => set({ reply: e.target.value })}
          multiline
          minRows={3}
          error={Boolean(fields.reply)}
          helperText={fields.reply}
          slotProps={{ htmlInput: { 'data-testid': 'complaint-reply' } }}
        />
      )}
      {kind === 'closed' && (
        <RadioGroup row value={form.satisfied} onChange={(e) => set({ satisfied: e.target.value })}>
          <FormControlLabel value="yes" control={<Radio size="small" />} label={t('complaints.satisfied')} />
          <FormControlLabel value="no" control={<Radio size="small" />} label={t('complaints.unsatisfied')} />
        </RadioGroup>
      )}
    </>
  );
}

/** A step on one complaint: its date and what the step needs (complex flag, reply, verdict, days and approver, reason). */
export function StepDialog({
  step,
  complaint,
  staff,
  onClose,
  onDone,
}: {
  step: Step | null;
  complaint: ComplaintDetail | null;
  staff: Staff[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { error, attempt, setError } = useAttempt();
  const [form, setForm] = useState(EMPTY_STEP);
  const [shownFor, setShownFor] = useState<Step | null>(null);
  if (step !== shownFor) {
    setShownFor(step);
    setError(null);
    if (step) setForm(EMPTY_STEP());
  }
  const fields = fieldErrors(error);
  const kind = step?.kind;
  const set = (patch: Partial<StepForm>) => setForm({ ...form, ...patch });
  const save = () =>
    attempt(async () => {
      if (!complaint || !kind) return;
      await saveStep(complaint.id, kind, form);
      onDone();
    });
  return (
    <Dialog open={step !== null} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="complaint-step-title">
      <DialogTitle id="complaint-step-title">
        {complaint?.complaintNo} · {stepTitle(t, kind)}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} data-testid="complaint-step">
          <StepFields kind={kind} form={form} set={set} fields={fields} />
          {kind === 'extend' && <ExtensionFields form={form} set={set} fields={fields} staff={staff} />}
          {(kind === 'extend' || kind === 'pause') && (
            <TextField
              label={t('complaints.reason')}
              value={form.reason}
              onChange={(e) => set({ reason: e.target.value })}
              error={Boolean(fields.reason)}
              helperText={fields.reason}
            />
          )}
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('complaints.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="complaint-step-save">
          {t('complaints.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const EMPTY_COMPLAINT = (): ComplaintDraft => ({
  receivedAt: localToday(),
  channel: 'counter',
  category: 'service',
  customerNo: null,
  involvedStaffCode: null,
  description: '',
  demand: null,
  severity: 'medium',
  regulatorReferred: false,
});

type ComplaintDraft = ChannelInput<'complaints.register'>;

interface ComplaintFieldsProps {
  form: ComplaintDraft;
  set(patch: Partial<ComplaintDraft>): void;
  fields: Record<string, string>;
}

/** One of a complaint's fixed codes (channel, category, severity), each shown by its name. */
function CodeSelect<T extends string>({
  label,
  value,
  codes,
  names,
  width,
  onChange,
}: {
  label: string;
  value: T;
  codes: readonly T[];
  /** The i18n group of the codes' names. */
  names: 'channels' | 'categories' | 'severities';
  width: number;
  onChange(value: T): void;
}) {
  const { t } = useTranslation();
  return (
    <TextField select label={label} value={value} onChange={(e) => onChange(e.target.value as T)} sx={{ width }}>
      {codes.map((c) => (
        <MenuItem key={c} value={c}>
          {t(`complaints.${names}.${c}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** When and how the complaint came in, and what about. */
function ReceivedFields({ form, set, fields }: ComplaintFieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <DateField
        label={t('complaints.received')}
        value={form.receivedAt}
        onChange={(receivedAt) => set({ receivedAt })}
        error={fields.receivedAt}
      />
      <CodeSelect
        label={t('complaints.channel')}
        value={form.channel}
        codes={COMPLAINT_CHANNELS}
        names="channels"
        width={140}
        onChange={(channel) => set({ channel })}
      />
      <CodeSelect
        label={t('complaints.category')}
        value={form.category}
        codes={COMPLAINT_CATEGORIES}
        names="categories"
        width={140}
        onChange={(category) => set({ category })}
      />
    </Stack>
  );
}

/** Who complained, which staff member it is about, and how serious it is. */
function PartiesFields({ form, set, fields, staff }: ComplaintFieldsProps & { staff: Staff[] }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <CustomerSearchField
        label={t('complaints.customerNo')}
        value={form.customerNo ?? ''}
        onChange={(no) => set({ customerNo: no || null })}
        error={Boolean(fields.customerNo)}
        helperText={fields.customerNo}
        testId="complaint-customer"
      />
      <TextField
        select
        label={t('complaints.involved')}
        value={form.involvedStaffCode ?? ''}
        onChange={(e) => set({ involvedStaffCode: e.target.value || null })}
        sx={{ width: 170 }}
      >
        <MenuItem value="">—</MenuItem>
        {staff.map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </MenuItem>
        ))}
      </TextField>
      <CodeSelect
        label={t('complaints.severity')}
        value={form.severity}
        codes={COMPLAINT_SEVERITIES}
        names="severities"
        width={110}
        onChange={(severity) => set({ severity })}
      />
    </Stack>
  );
}

/** 登记投诉: received date, channel, category, customer, staff involved, complaint, demand, severity, regulator flag. */
export function RegisterComplaintDialog({
  open,
  staff,
  onClose,
  onRegistered,
}: {
  open: boolean;
  staff: Staff[];
  onClose(): void;
  onRegistered(id: number): void;
}) {
  const { t } = useTranslation();
  const { error, attempt, setError } = useAttempt();
  const [form, setForm] = useState<ComplaintDraft>(EMPTY_COMPLAINT);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setForm(EMPTY_COMPLAINT());
      setError(null);
    }
  }
  const fields = fieldErrors(error);
  const set = (patch: Partial<ComplaintDraft>) => setForm({ ...form, ...patch });
  const save = () =>
    attempt(async () => {
      const { id } = await invoke('complaints.register', form);
      onRegistered(id);
    });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="complaint-register-title">
      <DialogTitle id="complaint-register-title">{t('complaints.register')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} data-testid="complaint-register-form">
          <ReceivedFields form={form} set={set} fields={fields} />
          <PartiesFields form={form} set={set} fields={fields} staff={staff} />
          <TextField
            label={t('complaints.description')}
            value={form.description}
            onChange={(e) => set({ description: e.target.value })}
            multiline
            minRows={3}
            error={Boolean(fields.description)}
            helperText={fields.description}
            slotProps={{ htmlInput: { 'data-testid': 'complaint-description' } }}
          />
          <TextField
            label={t('complaints.demand')}
            value={form.demand ?? ''}
            onChange={(e) => set({ demand: e.target.value || null })}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={form.regulatorReferred}
                onChange={(e) => set({ regulatorReferred: e.target.checked })}
              />
            }
            label={t('complaints.regulatorReferred')}
          />
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('complaints.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="complaint-register-save">
          {t('complaints.register')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
