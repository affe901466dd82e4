import { Alert, Button, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmountToFen } from '../../../../shared/format';
import { DEFAULT_DIMENSION_SETTINGS, type DimensionSettings } from '../../../../shared/schemas/segments';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { Unit } from '../../components/Unit';
import { errorText, fieldErrors } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';

type Key = keyof DimensionSettings;
type Draft = Record<Key, string>;

/** How each threshold is typed: shares as %, money in 万元, the rest as whole numbers. */
const KINDS: Record<Key, 'count' | 'percent' | 'months' | 'wan'> = {
  depthShallowMax: 'count',
  depthMediumMax: 'count',
  idleDemandShare: 'percent',
  inflowShare: 'percent',
  nearNextTierShare: 'percent',
  trendShare: 'percent',
  riskValidMonths: 'months',
  newCustomerMonths: 'months',
  churnBelowFen: 'wan',
};
const KEYS = Object.keys(KINDS) as Key[];

function toDraft(settings: DimensionSettings): Draft {
  return Object.fromEntries(
    KEYS.map((key) => {
      const value = settings[key];
      const kind = KINDS[key];
      // Shares are stored as fractions; round away float noise (0.07 × 100).
      return [key, kind === 'percent' ? String(Math.round(value * 10_000) / 100) : kind === 'wan' ? String(value / 1_000_000) : String(value)];
    }),
  ) as Draft;
}

/** What was typed as settings; text that is not a number becomes NaN and the main process names the field. */
function toSettings(draft: Draft): DimensionSettings {
  return Object.fromEntries(
    KEYS.map((key) => {
      const text = draft[key].trim();
      const kind = KINDS[key];
      const number = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      return [key, kind === 'percent' ? number / 100 : kind === 'wan' ? (parseAmountToFen(text, 'wan') ?? Number.NaN) : number];
    }),
  ) as DimensionSettings;
}

/** 设置 → 细分维度: the thresholds of relationship depth, opportunity signals and lifecycle. */
export function DimensionSettingsPage({ staffCode, onSaved }: { staffCode: string | null; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('dimensions.settings', {});
  const job = useJob();
  const [draft, setDraft] = useState<Draft | null>(null);
  const { error, setError, attempt } = useAttempt();
  const [saved, setSaved] = useState<string | null>(null);
  if (!stored.data) return stored.error ? <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert> : <CircularProgress sx={{ m: 3 }} size={24} />;
  const editing = draft ?? toDraft(stored.data.settings);
  const errors = fieldErrors(error);

  const change = (next: Draft) => {
    setDraft(next);
    setError(null);
    setSaved(null);
  };
  const save = () =>
    attempt(async () => {
      const result = await job.run({ kind: 'dimensions.saveSettings', settings: toSettings(editing), staffCode });
      setSaved(t(result.recomputed ? 'dimensionSettings.savedRecomputed' : 'dimensionSettings.saved'));
      setDraft(null);
      stored.reload();
      onSaved();
    });

  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1100 }}>
      <Typography variant="h6" component="h1">
        {t('dimensionSettings.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('dimensionSettings.hint')}
      </Typography>
      <Paper variant="outlined">
        <Table size="small" data-testid="dimension-settings">
          <TableBody>
            {KEYS.map((key) => {
              const message = errors[`settings.${key}`];
              return (
                <TableRow key={key}>
                  <TableCell sx={{ width: 200, fontWeight: 600 }}>{t(`dimensionSettings.fields.${key}.label`)}</TableCell>
                  <TableCell sx={{ width: 200 }}>
                    <TextField
                      size="small"
                      value={editing[key]}
                      onChange={(e) => change({ ...editing, [key]: e.target.value })}
                      error={message !== undefined}
                      helperText={message}
                      sx={{ width: 170 }}
                      slotProps={{
                        htmlInput: { inputMode: 'decimal', 'data-testid': `dimension-${key}`, 'aria-label': t(`dimensionSettings.fields.${key}.label`) },
                        input: { endAdornment: <Unit>{t(`dimensionSettings.unit.${KINDS[key]}`)}</Unit> },
                      }}
                    />
                  </TableCell>
                  <TableCell sx={{ color: 'text.secondary', fontSize: 13 }}>{t(`dimensionSettings.fields.${key}.hint`)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Paper>
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {saved ? <Alert severity="success">{saved}</Alert> : null}
      <Stack direction="row" spacing={2}>
        <Button variant="contained" onClick={() => void save()} disabled={draft === null}>
          {t('dimensionSettings.save')}
        </Button>
        <Button onClick={() => change(toDraft(DEFAULT_DIMENSION_SETTINGS))}>{t('dimensionSettings.defaults')}</Button>
      </Stack>
      <JobProgressDialog progress={job.progress} title={t('dimensionSettings.savingTitle')} />
    </Stack>
  );
}
