import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BranchProfile } from '../../../../shared/schemas/branch';
import { fieldErrors } from '../../lib/api';

export const EMPTY_PROFILE: BranchProfile = { name: '', code: '', headOffice: '' };

/** 支行名称, 机构号, 上级行: the profile's three fields, each with the error main sent for it (`profile.…`). */
export function BranchProfileFields({
  profile,
  onChange,
  error,
  autoFocus = false,
}: {
  profile: BranchProfile;
  onChange(profile: BranchProfile): void;
  error: unknown;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const fields = fieldErrors(error);
  return (
    <>
      {(['name', 'code', 'headOffice'] as const).map((key, i) => (
        <TextField
          key={key}
          label={t(`branchProfile.${key}`)}
          value={profile[key]}
          onChange={(e) => onChange({ ...profile, [key]: e.target.value })}
          required={key === 'name'}
          autoFocus={autoFocus && i === 0}
          error={Boolean(fields[`profile.${key}`])}
          helperText={fields[`profile.${key}`] ?? t(`branchProfile.${key}Hint`)}
          slotProps={{ htmlInput: { 'data-testid': `profile-${key}` } }}
        />
      ))}
    </>
  );
}
