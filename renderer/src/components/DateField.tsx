import CalendarMonthIcon from '@mui/icons-material/CalendarMonthOutlined';
import { IconButton, InputAdornment, TextField } from '@mui/material';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DateSchema } from '../../../shared/schemas/common';

interface DateFieldProps {
  label: string;
  /** `YYYY-MM-DD`, or '' for none (or what the user is typing). */
  value: string;
  onChange(value: string): void;
  /** The server's complaint about the field, if any. */
  error?: string;
  size?: 'small' | 'medium';
  testId?: string;
}

/** Out of sight but still able to open the browser's calendar. */
const HIDDEN = { position: 'absolute', opacity: 0, width: 0, height: 0, border: 0, padding: 0 } as const;

/**
 * A date typed as YYYY-MM-DD or picked from a calendar, shown as YYYY-MM-DD whatever the browser's locale (a native
 * date input shows mm/dd/yyyy on an English system). What is typed goes to the form as typed: a date that is not
 * one is named under the field at once, and refused by the server as every input is.
 */
export function DateField({ label, value, onChange, error, size, testId }: DateFieldProps) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const valid = DateSchema.safeParse(value).success;
  const typing = value !== '' && !valid && value.length < 10;
  const problem = error ?? (value !== '' && !valid && !typing ? t('dateField.invalid') : undefined);
  return (
    <TextField
      size={size}
      label={label}
      value={value}
      placeholder="YYYY-MM-DD"
      onChange={(e) => onChange(e.target.value.trim())}
      error={Boolean(problem)}
      helperText={problem}
      sx={{ minWidth: 170 }}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', maxLength: 10, 'data-testid': testId },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                size="small"
                edge="end"
                aria-label={t('dateField.calendar')}
                onClick={() => picker.current?.showPicker()}
              >
                <CalendarMonthIcon fontSize="small" />
              </IconButton>
              <input
                ref={picker}
                type="date"
                tabIndex={-1}
                aria-hidden
                value={valid ? value : ''}
                onChange={(e) => onChange(e.target.value)}
                style={HIDDEN}
              />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
