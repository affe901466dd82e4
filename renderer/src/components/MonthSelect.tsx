import { ListSubheader, MenuItem, TextField } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SHOW_ALL } from './SelectField';

/**
 * The menu of a month picker: only the months with data, newest first, under a heading per year (a branch with 2011
 * beside 2024–2026 reads as two blocks, not one long list). Fixed choices (`extra`) come first.
 */
export function monthMenuItems(
  months: readonly string[],
  yearLabel: (year: string) => string,
  extra: ReadonlyArray<{ value: string; label: string }> = [],
): ReactNode[] {
  const items: ReactNode[] = extra.map((option) => (
    <MenuItem key={`extra-${option.value}`} value={option.value}>
      {option.label}
    </MenuItem>
  ));
  let year = '';
  for (const month of [...new Set(months)].sort().reverse()) {
    if (month.slice(0, 4) !== year) {
      year = month.slice(0, 4);
      items.push(
        <ListSubheader key={`year-${year}`} sx={{ lineHeight: '32px', fontWeight: 600 }} data-testid="month-year">
          {yearLabel(year)}
        </ListSubheader>,
      );
    }
    items.push(
      <MenuItem key={month} value={month} sx={{ pl: 3 }}>
        {month}
      </MenuItem>,
    );
  }
  return items;
}

interface MonthSelectProps {
  label: string;
  value: string;
  /** The months with data (any order). */
  months: readonly string[];
  onChange(month: string): void;
  testId: string;
  width?: number;
  /** Choices before the months (an empty value shows its label: "all", "none"). */
  extra?: ReadonlyArray<{ value: string; label: string }>;
}

/** Every month select of the app: the months with data, grouped by year, newest first. */
export function MonthSelect({ label, value, months, onChange, testId, width = 140, extra = [] }: MonthSelectProps) {
  const { t } = useTranslation();
  const empty = extra.some((option) => option.value === '');
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ width }}
      slotProps={{
        htmlInput: { 'data-testid': testId },
        ...(empty ? SHOW_ALL : {}),
      }}
    >
      {monthMenuItems(months, (year) => t('common.yearGroup', { year }), extra)}
    </TextField>
  );
}
