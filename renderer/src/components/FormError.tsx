import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/api';

/** A form's failure that names none of its fields (those show under the field itself). */
export function FormError({ error, fields }: { error: unknown; fields: Record<string, string> }) {
  const { i18n } = useTranslation();
  return error && Object.keys(fields).length === 0 ? (
    <Alert severity="error">{errorText(error, i18n.language)}</Alert>
  ) : null;
}
