import { Autocomplete, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import type { CustomerListRow } from '../../../shared/schemas/customer';
import { invoke } from '../lib/api';

/** Customers offered while typing. */
const OFFERED = 8;
/** Typing pauses this long before a search. */
const DEBOUNCE_MS = 250;

interface CustomerSearchFieldProps {
  label: string;
  /** The customer number typed or chosen. */
  value: string;
  onChange(customerNo: string): void;
  /** The month the list is searched in (null: no suggestions, the number is typed). */
  month: string | null;
  error?: boolean;
  helperText?: string;
  testId: string;
  width?: number;
}

/**
 * A customer number, typed or found: a name prefix, a number prefix or a mobile's last 4 digits offers the matching
 * customers (the list's search, masked as the list is).
 */
export function CustomerSearchField({
  label,
  value,
  onChange,
  month,
  error,
  helperText,
  testId,
  width = 260,
}: CustomerSearchFieldProps) {
  const [options, setOptions] = useState<CustomerListRow[]>([]);
  const search = value.trim();
  const searching = month !== null && search !== '';
  useEffect(() => {
    if (!searching || month === null) return;
    let current = true;
    const timer = setTimeout(() => {
      invoke('customers.page', {
        month,
        filter: { search },
        sort: { field: 'customerNo', direction: 'asc' },
        cursor: null,
        limit: OFFERED,
      }).then(
        (page) => current && setOptions(page.rows),
        () => current && setOptions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [month, search, searching]);
  return (
    <Autocomplete
      freeSolo
      size="small"
      options={searching ? options : []}
      filterOptions={(x) => x}
      getOptionLabel={(o) => (typeof o === 'string' ? o : o.customerNo)}
      renderOption={({ key, ...props }, o) => (
        <li key={key} {...props}>
          {o.customerNo} · {o.name}
          {o.managerName ? `（${o.managerName}）` : ''}
        </li>
      )}
      inputValue={value}
      onInputChange={(_e, text) => onChange(text.trim())}
      onChange={(_e, chosen) => chosen && onChange(typeof chosen === 'string' ? chosen : chosen.customerNo)}
      sx={{ width }}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          slotProps={{ htmlInput: { ...params.inputProps, 'data-testid': testId } }}
        />
      )}
    />
  );
}
