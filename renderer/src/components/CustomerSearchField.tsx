import { Autocomplete, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import type { CustomerSearchHit } from '../../../shared/schemas/customer-search';
import { invoke } from '../lib/api';
import { staffName } from '../../../shared/staff-name';

/** Typing pauses this long before a search. */
const DEBOUNCE_MS = 250;

interface CustomerSearchFieldProps {
  label: string;
  /** The customer number typed or chosen. */
  value: string;
  onChange(customerNo: string): void;
  error?: boolean;
  helperText?: string;
  testId: string;
  width?: number;
}

/**
 * A customer number, typed or found: what the search palette finds customers by (number prefix, mobile last 4, any
 * part of the name, its pinyin or initials) offers them, masked as the palette shows them.
 */
export function CustomerSearchField({
  label,
  value,
  onChange,
  error,
  helperText,
  testId,
  width = 260,
}: CustomerSearchFieldProps) {
  const [options, setOptions] = useState<CustomerSearchHit[]>([]);
  const search = value.trim();
  const searching = search !== '';
  useEffect(() => {
    if (!searching) return;
    let current = true;
    const timer = setTimeout(() => {
      invoke('customers.search', { text: search }).then(
        (result) => current && setOptions(result.hits),
        () => current && setOptions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, searching]);
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
          {o.managerName ? `（${staffName(o.managerName, o.managerCode)}）` : ''}
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
