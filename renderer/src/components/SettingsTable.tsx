import { Table, TableBody, TableCell, TableRow, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { parseAmountToFen } from '../../../shared/format';
import { Unit } from './Unit';

/** How a setting is typed: shares as %, money in 万元, the rest as whole numbers with their unit. */
export type SettingKind = 'count' | 'percent' | 'months' | 'wan' | 'points' | 'days';

export interface SettingField {
  /** The setting's path (`marginShare`, `weights.gap`): also the field name in validation errors. */
  key: string;
  kind: SettingKind;
  label: string;
  hint: string;
}

export type SettingsDraft = Record<string, string>;

/** A stored value as typed text. */
export function settingText(kind: SettingKind, value: number): string {
  // Shares are stored as fractions; round away float noise (0.07 × 100).
  return kind === 'percent' ? String(Math.round(value * 10_000) / 100) : kind === 'wan' ? String(value / 1_000_000) : String(value);
}

/** Typed text as the stored value; text that is not a number becomes NaN and the main process names the field. */
export function settingValue(kind: SettingKind, text: string): number {
  const trimmed = text.trim();
  if (kind === 'wan') return parseAmountToFen(trimmed, 'wan') ?? Number.NaN;
  const number = /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return kind === 'percent' ? number / 100 : number;
}

interface SettingsTableProps {
  fields: SettingField[];
  draft: SettingsDraft;
  onChange(draft: SettingsDraft): void;
  /** Validation messages by field path (`settings.weights.gap`). */
  errors: Record<string, string>;
  testId: string;
}

/** One row per setting: label, the box with its unit, and what it means. */
export function SettingsTable({ fields, draft, onChange, errors, testId }: SettingsTableProps) {
  const { t } = useTranslation();
  return (
    <Table size="small" data-testid={testId}>
      <TableBody>
        {fields.map((field) => {
          const message = errors[`settings.${field.key}`];
          return (
            <TableRow key={field.key}>
              <TableCell sx={{ width: 220, fontWeight: 600 }}>{field.label}</TableCell>
              <TableCell sx={{ width: 200 }}>
                <TextField
                  size="small"
                  value={draft[field.key] ?? ''}
                  onChange={(e) => onChange({ ...draft, [field.key]: e.target.value })}
                  error={message !== undefined}
                  helperText={message}
                  sx={{ width: 170 }}
                  slotProps={{
                    htmlInput: { inputMode: 'decimal', 'data-testid': `setting-${field.key}`, 'aria-label': field.label },
                    input: { endAdornment: <Unit>{t(`units.${field.kind}`)}</Unit> },
                  }}
                />
              </TableCell>
              <TableCell sx={{ color: 'text.secondary', fontSize: 13 }}>{field.hint}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
