import { Alert, CircularProgress } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_RISK_LEVELS,
  DEFAULT_SUITABILITY_SETTINGS,
  type SuitabilitySettings,
} from '../../../../shared/schemas/suitability';
import {
  SettingsForm,
  settingText,
  settingValue,
  type SettingField,
  type SettingsDraft,
} from '../../components/SettingsForm';
import { errorText, invoke } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';

const toDraft = (settings: SuitabilitySettings): SettingsDraft => ({
  ...Object.fromEntries(
    CUSTOMER_RISK_LEVELS.map((level) => [
      `maxProductRisk.${level}`,
      settingText('level', settings.maxProductRisk[level]),
    ]),
  ),
  professionalMaxRisk: settingText('level', settings.professionalMaxRisk),
  requireDualRecording: settings.requireDualRecording ? '1' : '0',
});

const toSettings = (draft: SettingsDraft): SuitabilitySettings => ({
  maxProductRisk: Object.fromEntries(
    CUSTOMER_RISK_LEVELS.map((level) => [level, settingValue('level', draft[`maxProductRisk.${level}`])]),
  ) as SuitabilitySettings['maxProductRisk'],
  professionalMaxRisk: settingValue('level', draft.professionalMaxRisk),
  requireDualRecording: draft.requireDualRecording === '1',
});

/**
 * 设置 · 适当性: the highest product risk level each customer level may hold, professional investors', and whether
 * a wealth product proposed to a retail customer needs a 双录 number.
 */
export function SuitabilitySettingsPage() {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('suitability.settings', {});
  const fields = useMemo<SettingField[]>(
    () => [
      ...CUSTOMER_RISK_LEVELS.map((level) => ({
        key: `maxProductRisk.${level}`,
        kind: 'level' as const,
        label: t('suitabilitySettings.maxFor', { level: t(`suitability.levels.${level}`) }),
        hint: t('suitabilitySettings.maxHint', { level }),
      })),
      {
        key: 'professionalMaxRisk',
        kind: 'level',
        label: t('suitabilitySettings.professional'),
        hint: t('suitabilitySettings.professionalHint'),
      },
      {
        key: 'requireDualRecording',
        kind: 'yesNo',
        label: t('suitabilitySettings.dualRecording'),
        hint: t('suitabilitySettings.dualRecordingHint'),
      },
    ],
    [t],
  );
  if (!stored.data) {
    return stored.error ? (
      <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  }
  const save = async (draft: SettingsDraft) => {
    await invoke('suitability.saveSettings', { settings: toSettings(draft) });
    stored.reload();
    return t('suitabilitySettings.saved');
  };
  return (
    <SettingsForm
      title={t('suitabilitySettings.title')}
      hint={t('suitabilitySettings.hint')}
      fields={fields}
      stored={toDraft(stored.data)}
      defaults={toDraft(DEFAULT_SUITABILITY_SETTINGS)}
      onSave={save}
      testId="suitability-settings"
    />
  );
}
