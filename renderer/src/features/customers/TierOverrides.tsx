import {
  Alert,
  Box,
  Button,
  IconButton,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths } from '../../../../shared/month';
import type { TierOverrideView } from '../../../../shared/schemas/tiers';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useSession } from '../../lib/session';

interface TierOverridesProps {
  customerNo: string;
  overrides: TierOverrideView[];
  tierChoices: Array<{ code: string; name: string }>;
  /** The branch's latest month with data: the default start. */
  latestMonth: string | null;
  onChanged(): void;
}

/** The customer's manual tiers: which, for which months, why and by whom; each removable. */
function OverridesTable({ overrides, onRemove }: { overrides: TierOverrideView[]; onRemove(id: number): void }) {
  const { t } = useTranslation();
  return (
    <Table size="small" sx={{ border: 1, borderColor: 'divider' }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('tiers.tier')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('overrides.months')}</TableCell>
          <TableCell>{t('overrides.reason')}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('overrides.by')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {overrides.map((o) => (
          <TableRow key={o.id}>
            <TableCell>
              <TierChip code={o.tierCode} name={o.tierName} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {o.fromMonth} – {o.untilMonth}
            </TableCell>
            <TableCell sx={{ fontSize: 12 }}>{o.reason}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap', fontSize: 12 }}>
              {o.createdBy ?? '—'} · {o.createdAt.slice(0, 10)}
            </TableCell>
            <TableCell padding="checkbox">
              <Tooltip title={t('overrides.remove')}>
                <IconButton size="small" aria-label={t('overrides.remove')} onClick={() => onRemove(o.id)}>
                  <DeleteOutlineIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

type OverrideForm = { tierCode: string; fromMonth: string; untilMonth: string; reason: string };

/** A new manual tier: which tier, from and until which month, and why. */
function AddOverrideForm({
  form,
  onForm,
  tierChoices,
  onSave,
  onCancel,
}: {
  form: OverrideForm;
  onForm(form: OverrideForm): void;
  tierChoices: TierOverridesProps['tierChoices'];
  onSave(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <Box component="form" onSubmit={(e) => (e.preventDefault(), onSave())}>
      <Stack direction="row" spacing={1} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <TextField
          select
          size="small"
          label={t('tiers.tier')}
          value={form.tierCode}
          onChange={(e) => onForm({ ...form, tierCode: e.target.value })}
          sx={{ width: 150 }}
        >
          {tierChoices.map((c) => (
            <MenuItem key={c.code} value={c.code}>
              {c.name}
            </MenuItem>
          ))}
        </TextField>
        {(['fromMonth', 'untilMonth'] as const).map((key) => (
          <TextField
            key={key}
            size="small"
            type="month"
            label={t(`overrides.${key}`)}
            value={form[key]}
            onChange={(e) => onForm({ ...form, [key]: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ width: 160 }}
          />
        ))}
        <TextField
          size="small"
          label={t('overrides.reason')}
          placeholder={t('overrides.reasonHint')}
          value={form.reason}
          onChange={(e) => onForm({ ...form, reason: e.target.value })}
          sx={{ flex: '1 1 220px' }}
          inputProps={{ maxLength: 200 }}
        />
        <Button type="submit" variant="contained" size="small" sx={{ mt: 0.5 }}>
          {t('overrides.save')}
        </Button>
        <Button size="small" sx={{ mt: 0.5 }} onClick={onCancel}>
          {t('overrides.cancel')}
        </Button>
      </Stack>
    </Box>
  );
}

/** 人工调整: a customer's manual tiers (reason, months) with add and remove; both recompute as a job. */
export function TierOverrides({ customerNo, overrides, tierChoices, latestMonth, onChanged }: TierOverridesProps) {
  const { t, i18n } = useTranslation();
  const job = useJob();
  const start = latestMonth ?? new Date().toISOString().slice(0, 7);
  const [adding, setAdding] = useState(false);
  const { can } = useSession();
  const [form, setForm] = useState<OverrideForm>({
    tierCode: tierChoices[tierChoices.length - 1]?.code ?? '',
    fromMonth: start,
    untilMonth: addMonths(start, 2),
    reason: '',
  });
  const { error, setError, attempt } = useAttempt();

  const run = (work: () => Promise<unknown>) =>
    attempt(async () => {
      await work();
      setAdding(false);
      setForm((f) => ({ ...f, reason: '' }));
      onChanged();
    });

  return (
    <Stack spacing={1} data-testid="tier-overrides">
      <Stack direction="row" alignItems="center">
        <Typography variant="subtitle1" sx={{ flexGrow: 1 }}>
          {t('overrides.title')}
        </Typography>
        {!adding && can('jobs.start', { request: { kind: 'tiers.saveOverride' } }) && (
          <Button size="small" variant="outlined" onClick={() => setAdding(true)}>
            {t('overrides.add')}
          </Button>
        )}
      </Stack>
      {overrides.length === 0 && !adding && (
        <Typography variant="body2" color="text.secondary">
          {t('overrides.none')}
        </Typography>
      )}
      {overrides.length > 0 && (
        <OverridesTable
          overrides={overrides}
          onRemove={(overrideId) => void run(() => job.run({ kind: 'tiers.removeOverride', overrideId }))}
        />
      )}
      {adding && (
        <AddOverrideForm
          form={form}
          onForm={setForm}
          tierChoices={tierChoices}
          onSave={() => void run(() => job.run({ kind: 'tiers.saveOverride', override: { customerNo, ...form } }))}
          onCancel={() => (setAdding(false), setError(null))}
        />
      )}
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      <JobProgressDialog progress={job.progress} title={t('jobs.recomputeTitle')} />
    </Stack>
  );
}
