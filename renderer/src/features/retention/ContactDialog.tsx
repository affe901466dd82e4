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
import { ApiError, errorText, fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { DateField } from '../../components/DateField';

export interface ContactTarget {
  customerNo: string;
  name: string;
  /** The retention action this contact carries out, if any. */
  action?: Pick<Action, 'id' | 'kind' | 'dueDate'>;
  /** What the form starts with (the workbench's item: a visit, a product contact). */
  channel?: ContactInput['channel'];
  purpose?: ContactInput['purpose'];
  /** The product proposed (the card's 产品建议: 推荐). */
  productCode?: string;
}

interface ContactDialogProps {
  target: ContactTarget | null;
  onClose(): void;
  onLogged(): void;
}

type Form = Pick<ContactInput, 'date' | 'channel' | 'purpose'> & {
  note: string;
  productCode: string;
  ownRequest: boolean;
  ownRequestReason: string;
  dualRecordingRef: string;
  /** The campaign this contact works (名单制营销), '' for none. */
  campaignId: string;
};
const blank = (target: ContactTarget): Form => ({
  date: localToday(),
  channel: target.channel ?? 'phone',
  purpose: target.purpose ?? (target.productCode ? 'product' : target.action ? 'retention' : 'care'),
  note: '',
  productCode: target.productCode ?? '',
  ownRequest: false,
  ownRequestReason: '',
  dualRecordingRef: '',
  campaignId: '',
});

/** A part of the form: the form, its change, and the validation messages by field. */
interface FieldsProps {
  form: Form;
  onForm(form: Form): void;
  fields: Record<string, string>;
}

/** The fields the dialog shows: a refusal naming one of them is shown under it (docs/domain.md, "Suitability"). */
const SHOWN_FIELDS = new Set(['date', 'productCode', 'ownRequestReason', 'dualRecordingRef']);

/** Validation messages by field: the input's, and a refusal of the main process naming a field shown here. */
function shownErrors(error: unknown, language: string): Record<string, string> {
  const fields = fieldErrors(error);
  const field = error instanceof ApiError ? error.body.details?.field : undefined;
  if (typeof field === 'string' && SHOWN_FIELDS.has(field)) fields[field] = errorText(error, language);
  return fields;
}

/** A product proposed (产品推荐): the product, the customer's own request and why, the 双录 number. */
function ProposalFields({ form, onForm, fields }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2} data-testid="contact-proposal">
      <Stack direction="row" spacing={2}>
        <TextField
          label={t('contacts.productCode')}
          value={form.productCode}
          onChange={(e) => onForm({ ...form, productCode: e.target.value })}
          error={fields.productCode !== undefined}
          helperText={fields.productCode}
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'contact-product' } }}
        />
        <TextField
          label={t('contacts.dualRecordingRef')}
          value={form.dualRecordingRef}
          onChange={(e) => onForm({ ...form, dualRecordingRef: e.target.value })}
          error={fields.dualRecordingRef !== undefined}
          helperText={fields.dualRecordingRef ?? t('contacts.dualRecordingHint')}
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { maxLength: 64, 'data-testid': 'contact-dual-recording' } }}
        />
      </Stack>
      <FormControlLabel
        label={t('contacts.ownRequest')}
        control={
          <Checkbox
            checked={form.ownRequest}
            onChange={(e) => onForm({ ...form, ownRequest: e.target.checked })}
            slotProps={{ input: { ...{ 'data-testid': 'contact-own-request' } } }}
          />
        }
      />
      {form.ownRequest && (
        <TextField
          label={t('contacts.ownRequestReason')}
          value={form.ownRequestReason}
          onChange={(e) => onForm({ ...form, ownRequestReason: e.target.value })}
          error={fields.ownRequestReason !== undefined}
          helperText={fields.ownRequestReason ?? t('contacts.ownRequestHint')}
          slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'contact-own-reason' } }}
        />
      )}
    </Stack>
  );
}

/** When, how and why the customer was contacted. */
function ContactFields({ form, onForm, fields }: FieldsProps) {
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

/**
 * 记录接触: date (today), channel, purpose, note; for a retention action it also marks the action done; about a
 * product (产品推荐), the product proposed, the customer's own request and the 双录 number.
 */
export function ContactDialog({ target, onClose, onLogged }: ContactDialogProps) {
  const { t, i18n } = useTranslation();
  const { error, attempt } = useAttempt();
  const [form, setForm] = useState<Form>(() => blank({ customerNo: '', name: '' }));
  const [shownFor, setShownFor] = useState<ContactTarget | null>(null);
  if (target !== shownFor) {
    setShownFor(target);
    if (target) setForm(blank(target));
  }
  const fields = shownErrors(error, i18n.language);
  const proposing = form.purpose === 'product';
  const campaigns = useInvoke('campaigns.ofCustomer', target ? { customerNo: target.customerNo } : null);
  const save = () =>
    attempt(async () => {
      if (!target) return;
      const { productCode, ownRequest, ownRequestReason, dualRecordingRef, campaignId, ...contact } = form;
      await invoke('contacts.log', {
        customerNo: target.customerNo,
        ...contact,
        note: form.note || undefined,
        actionId: target.action?.id,
        campaignId: campaignId ? Number(campaignId) : undefined,
        ...(proposing
          ? {
              productCode: productCode.trim() || undefined,
              ownRequest: ownRequest || undefined,
              ownRequestReason: ownRequest ? ownRequestReason : undefined,
              dualRecordingRef: dualRecordingRef.trim() || undefined,
            }
          : {}),
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
          {proposing && <ProposalFields form={form} onForm={setForm} fields={fields} />}
          {(campaigns.data?.campaigns.length ?? 0) > 0 && (
            <TextField
              select
              label={t('contacts.campaign')}
              value={form.campaignId}
              onChange={(e) => setForm({ ...form, campaignId: e.target.value })}
              slotProps={{ htmlInput: { 'data-testid': 'contact-campaign' } }}
            >
              <MenuItem value="">{t('contacts.noCampaign')}</MenuItem>
              {campaigns.data?.campaigns.map((c) => (
                <MenuItem key={c.id} value={String(c.id)}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
          )}
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
