import { Alert, CircularProgress } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DIMENSION_SETTINGS, type DimensionSettings } from '../../../../shared/schemas/segments';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import {
  SettingsForm,
  settingText,
  settingValue,
  type SettingKind,
  type SettingsDraft,
} from '../../components/SettingsForm';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';

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

const toDraft = (settings: DimensionSettings): SettingsDraft =>
  Object.fromEntries(KEYS.map((key) => [key, settingText(KINDS[key], settings[key])]));
const toSettings = (draft: SettingsDraft) =>
  Object.fromEntries(KEYS.map((key) => [key, settingValue(KINDS[key], draft[key])])) as DimensionSettings;

/** 设置 → 细分维度: the thresholds of relationship depth, opportunity signals and lifecycle. */
export function DimensionSettingsPage({ onSaved }: { onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('dimensions.settings', {});
  const job = useJob();
  if (!stored.data)
    return stored.error ? (
      <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  const save = async (draft: SettingsDraft) => {
    const result = await job.run({ kind: 'dimensions.saveSettings', settings: toSettings(draft) });
    stored.reload();
    onSaved();
    return t(result.recomputed ? 'dimensionSettings.savedRecomputed' : 'dimensionSettings.saved');
  };
  return (
    <SettingsForm
      title={t('dimensionSettings.title')}
      hint={t('dimensionSettings.hint')}
      fields={KEYS.map((key) => ({
        key,
        kind: KINDS[key],
        label: t(`dimensionSettings.fields.${key}.label`),
        hint: t(`dimensionSettings.fields.${key}.hint`),
      }))}
      stored={toDraft(stored.data.settings)}
      defaults={toDraft(DEFAULT_DIMENSION_SETTINGS)}
      onSave={save}
      testId="dimension-settings"
    >
      <JobProgressDialog progress={job.progress} title={t('dimensionSettings.savingTitle')} />
    </SettingsForm>
  );
}
