import { Alert, CircularProgress } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_CONTACT_STANDARDS,
  type ContactStandard,
  type ContactStandards,
} from '../../../../shared/schemas/workbench';
import {
  SettingsForm,
  settingText,
  settingValue,
  type SettingField,
  type SettingsDraft,
} from '../../components/SettingsForm';
import { errorText, invoke } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useLatestTiers } from '../../lib/useLatestTiers';

const PARTS = ['contactDays', 'visitDays'] as const;

/** 设置 · 联系标准: per tier, days between contacts and between face-to-face visits (empty: none). */
export function ContactStandardsPage() {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('workbench.standards', {});
  const tiers = useLatestTiers();
  const fields = useMemo<SettingField[]>(
    () =>
      tiers
        .filter((tier) => tier.thresholdFen > 0)
        .flatMap((tier) =>
          PARTS.map((part) => ({
            key: `tiers.${tier.code}.${part}`,
            kind: 'days' as const,
            label: t(`contactStandards.${part}`, { tier: tier.name }),
            hint: t(part === 'contactDays' ? 'contactStandards.contactHint' : 'contactStandards.visitHint'),
          })),
        ),
    [t, tiers],
  );
  // Wait for the tiers too: saving without them would drop every standard.
  if (!stored.data || tiers.length === 0) {
    return stored.error ? (
      <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  }
  const toDraft = (standards: ContactStandards): SettingsDraft =>
    Object.fromEntries(
      fields.map((f) => {
        const [, code, part] = f.key.split('.') as [string, string, keyof ContactStandard];
        const value = standards.tiers[code]?.[part];
        return [f.key, value === undefined || value === null ? '' : settingText(f.kind, value)];
      }),
    );
  const save = async (draft: SettingsDraft) => {
    const standards: ContactStandards = { tiers: {} };
    for (const tier of tiers) {
      const contact = draft[`tiers.${tier.code}.contactDays`]?.trim();
      // A tier without a contact period has no standard (its visit period goes with it).
      if (!contact) continue;
      const visit = draft[`tiers.${tier.code}.visitDays`]?.trim();
      standards.tiers[tier.code] = {
        contactDays: settingValue('days', contact),
        visitDays: visit ? settingValue('days', visit) : null,
      };
    }
    await invoke('workbench.saveStandards', { settings: standards });
    stored.reload();
    return t('contactStandards.saved');
  };
  return (
    <SettingsForm
      title={t('contactStandards.title')}
      hint={t('contactStandards.hint')}
      fields={fields}
      stored={toDraft(stored.data.settings)}
      defaults={toDraft(DEFAULT_CONTACT_STANDARDS)}
      onSave={save}
      testId="contact-standards"
    />
  );
}
