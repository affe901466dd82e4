import {
  Alert,
  Button,
  Checkbox,
  FormControlLabel,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmountToFen } from '../../../shared/format';
import { errorText, fieldErrors } from '../lib/api';
import { useAttempt } from '../lib/useAttempt';
import { Unit } from './Unit';

/**
 * How a setting is typed: shares as %, money in 万元, the rest as whole numbers with their unit; `yesNo` is a
 * checkbox whose draft text is '1' or '0'.
 */
export type SettingKind = 'count' | 'percent' | 'months' | 'wan' | 'points' | 'days' | 'level' | 'yesNo';

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
  return kind === 'percent'
    ? String(Math.round(value * 10_000) / 100)
    : kind === 'wan'
      ? String(value / 1_000_000)
      : String(value);
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

interface SettingsFormProps {
  title: string;
  hint: string;
  fields: SettingField[];
  /** The stored settings as text. */
  stored: SettingsDraft;
  defaults: SettingsDraft;
  /** Saves the typed settings and says so (the message shown on success). */
  onSave(draft: SettingsDraft): Promise<string>;
  testId: string;
  /** Shown under the form (e.g. a job's progress). */
  children?: ReactNode;
}

/** A settings page: title, hint, the settings, what went wrong (by field), 保存 and 恢复默认值. */
export function SettingsForm({ title, hint, fields, stored, defaults, onSave, testId, children }: SettingsFormProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { error, setError, attempt } = useAttempt();
  const editing = draft ?? stored;
  const change = (next: SettingsDraft) => {
    setDraft(next);
    setError(null);
    setSaved(null);
  };
  const save = () =>
    attempt(async () => {
      setSaved(await onSave(editing));
      setDraft(null);
    });
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1100 }}>
      <Typography variant="h6" component="h1">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {hint}
      </Typography>
      <Paper variant="outlined">
        <SettingsTable fields={fields} draft={editing} onChange={change} errors={fieldErrors(error)} testId={testId} />
      </Paper>
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {saved ? <Alert severity="success">{saved}</Alert> : null}
      <Stack direction="row" spacing={2}>
        <Button variant="contained" onClick={() => void save()} disabled={draft === null}>
          {t('dimensionSettings.save')}
        </Button>
        <Button onClick={() => change(defaults)}>{t('dimensionSettings.defaults')}</Button>
      </Stack>
      {children}
    </Stack>
  );
}

/** One row per setting: label, the box with its unit, and what it means. */
function SettingsTable({ fields, draft, onChange, errors, testId }: SettingsTableProps) {
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
                {field.kind === 'yesNo' ? (
                  <FormControlLabel
                    label={t(draft[field.key] === '1' ? 'settingsForm.yes' : 'settingsForm.no')}
                    control={
                      <Checkbox
                        checked={draft[field.key] === '1'}
                        onChange={(e) => onChange({ ...draft, [field.key]: e.target.checked ? '1' : '0' })}
                        slotProps={{
                          input: { 'aria-label': field.label, ...{ 'data-testid': `setting-${field.key}` } },
                        }}
                      />
                    }
                  />
                ) : (
                  <TextField
                    size="small"
                    value={draft[field.key] ?? ''}
                    onChange={(e) => onChange({ ...draft, [field.key]: e.target.value })}
                    error={message !== undefined}
                    helperText={message}
                    sx={{ width: 170 }}
                    slotProps={{
                      htmlInput: {
                        inputMode: 'decimal',
                        'data-testid': `setting-${field.key}`,
                        'aria-label': field.label,
                      },
                      input: { endAdornment: <Unit>{t(`units.${field.kind}`)}</Unit> },
                    }}
                  />
                )}
              </TableCell>
              <TableCell sx={{ color: 'text.secondary', fontSize: 13 }}>{field.hint}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
