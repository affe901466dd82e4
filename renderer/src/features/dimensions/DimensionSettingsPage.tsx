import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DIMENSION_SETTINGS, type DimensionSettings } from '../../../../shared/schemas/segments';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { SettingsTable, settingText, settingValue, type SettingKind, type SettingsDraft } from '../../components/SettingsTable';
import { errorText, fieldErrors } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';

type Key = keyof DimensionSettings;

/** How each threshold is typed. */
const KINDS: Record<Key, SettingKind> = {
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

const toDraft = (settings: DimensionSettings): SettingsDraft => Object.fromEntries(KEYS.map((key) => [key, settingText(KINDS[key], settings[key])]));
const toSettings = (draft: SettingsDraft) => Object.fromEntries(KEYS.map((key) => [key, settingValue(KINDS[key], draft[key])])) as DimensionSettings;

/** 设置 → 细分维度: the thresholds of relationship depth, opportunity signals and lifecycle. */
export function DimensionSettingsPage({ staffCode, onSaved }: { staffCode: string | null; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('dimensions.settings', {});
  const job = useJob();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const { error, setError, attempt } = useAttempt();
  const [saved, setSaved] = useState<string | null>(null);
  if (!stored.data) return stored.error ? <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert> : <CircularProgress sx={{ m: 3 }} size={24} />;
  const editing = draft ?? toDraft(stored.data.settings);
  const errors = fieldErrors(error);

  const change = (next: SettingsDraft) => {
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
        <SettingsTable
          fields={KEYS.map((key) => ({ key, kind: KINDS[key], label: t(`dimensionSettings.fields.${key}.label`), hint: t(`dimensionSettings.fields.${key}.hint`) }))}
          draft={editing}
          onChange={change}
          errors={errors}
          testId="dimension-settings"
        />
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
