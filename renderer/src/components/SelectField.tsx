import { MenuItem, TextField } from '@mui/material';

interface SelectFieldProps<T extends string> {
  label: string;
  value: T | '';
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange(value: T): void;
  width: number;
  testId: string;
}

/** A small labelled drop-down of fixed options (months, dimensions, …). */
export function SelectField<T extends string>({ label, value, options, onChange, width, testId }: SelectFieldProps<T>) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as T)}
      sx={{ width }}
      slotProps={{ htmlInput: { 'data-testid': testId } }}
    >
      {options.map((option) => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** For a select whose empty value means "all": show that choice's text, with the label above it. */
export const SHOW_ALL = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;
