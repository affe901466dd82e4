import { MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/schemas/common';
import { SHOW_ALL } from '../../components/SelectField';

interface ManagerSelectProps {
  staff: Staff[];
  value: string;
  onChange(code: string): void;
  /** The label of the empty choice (the whole branch), or none when a manager must be chosen. */
  allLabel?: string;
}

/** Chooses a relationship manager (the branch manager looking at one book). */
export function ManagerSelect({ staff, value, onChange, allLabel }: ManagerSelectProps) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      size="small"
      label={t('workbench.manager')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ width: 190 }}
      slotProps={allLabel ? SHOW_ALL : undefined}
    >
      {allLabel ? <MenuItem value="">{allLabel}</MenuItem> : null}
      {staff
        .filter((s) => s.role === 'manager')
        .map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </MenuItem>
        ))}
    </TextField>
  );
}
