import { Alert, CircularProgress } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_WARNING_SETTINGS, WARNING_SIGNALS, type WarningSettings } from '../../../../shared/schemas/retention';
import {
  SettingsForm,
  settingText,
  settingValue,
  type SettingField,
  type SettingsDraft,
} from '../../components/SettingsForm';
import { errorText, invoke } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';

const SHARES = [
  'marginShare',
  'gapFullShare',
  'trendFullShare',
  'maturityFullShare',
  'outflowMinShare',
  'outflowFullShare',
] as const;

const read = (settings: WarningSettings, path: string): number | undefined =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], settings) as
    number | undefined;

function toSettings(fields: SettingField[], draft: SettingsDraft): WarningSettings {
  const settings: Record<string, unknown> = { weights: {} };
  for (const field of fields) {
    const [head, tail] = field.key.split('.');
    const value = settingValue(field.kind, draft[field.key]);
    if (tail === undefined) settings[head] = value;
    else (settings[head] as Record<string, number>)[tail] = value;
  }
  return settings as WarningSettings;
}

/** 设置 · 预警模型: the watched margin, each signal's weight and scale, level cut-offs (contact standards: 联系标准). */
export function WarningSettingsPage() {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('warnings.settings', {});
  const fields = useMemo<SettingField[]>(() => {
    return [
      ...SHARES.map((key) => ({
        key,
        kind: 'percent' as const,
        label: t(`warningSettings.fields.${key}.label`),
        hint: t(`warningSettings.fields.${key}.hint`),
      })),
      ...WARNING_SIGNALS.map((signal) => ({
        key: `weights.${signal}`,
        kind: 'points' as const,
        label: t('warningSettings.weight', { signal: t(`warnings.signal.${signal}`) }),
        hint: t(`warningSettings.weightHint.${signal}`),
      })),
      {
        key: 'highScore',
        kind: 'points',
        label: t('warningSettings.fields.highScore.label'),
        hint: t('warningSettings.fields.highScore.hint'),
      },
      {
        key: 'mediumScore',
        kind: 'points',
        label: t('warningSettings.fields.mediumScore.label'),
        hint: t('warningSettings.fields.mediumScore.hint'),
      },
    ];
  }, [t]);
  if (!stored.data) {
    return stored.error ? (
      <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  }
  const toDraft = (settings: WarningSettings): SettingsDraft =>
    Object.fromEntries(
      fields.map((f) => {
        const value = read(settings, f.key);
        return [f.key, value === undefined ? '' : settingText(f.kind, value)];
      }),
    );
  const save = async (draft: SettingsDraft) => {
    await invoke('warnings.saveSettings', { settings: toSettings(fields, draft) });
    stored.reload();
    return t('warningSettings.saved');
  };
  return (
    <SettingsForm
      title={t('warningSettings.title')}
      hint={t('warningSettings.hint')}
      fields={fields}
      stored={toDraft(stored.data.settings)}
      defaults={toDraft(DEFAULT_WARNING_SETTINGS)}
      onSave={save}
      testId="warning-settings"
    />
  );
}
