import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFilter } from '../../../../shared/schemas/customer';
import { ApiError, errorText, invoke } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useSession } from '../../lib/session';

interface SavedSegmentsProps {
  /** The list's current filter: what 保存为细分 stores. */
  filter: CustomerFilter;
  onApply(filter: CustomerFilter): void;
}

/** 已存细分: pick a saved filter for the list, save the current one under a name, or delete one. */
export function SavedSegments({ filter, onApply }: SavedSegmentsProps) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const saved = useInvoke('segments.saved', {});
  const [naming, setNaming] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const segments = saved.data?.segments ?? [];
  // The segment the list shows now: the one whose filter is the current filter (changing a filter leaves it).
  const shown = segments.find((s) => JSON.stringify(s.filter) === JSON.stringify(filter)) ?? null;
  const nameTaken = error instanceof ApiError && error.body.code === 'CONFLICT';

  const save = async (replace: boolean) => {
    if (naming === null) return;
    try {
      await invoke('segments.save', { name: naming, filter, replace });
      setNaming(null);
      setError(null);
      saved.reload();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async (id: number) => {
    try {
      await invoke('segments.remove', { id });
      saved.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <TextField
        select
        size="small"
        label={t('savedSegments.label')}
        value={shown?.id ?? ''}
        onChange={(e) => {
          const segment = segments.find((s) => s.id === Number(e.target.value));
          if (segment) onApply(segment.filter);
        }}
        sx={{ width: 200 }}
        slotProps={{ htmlInput: { 'data-testid': 'saved-segment' } }}
      >
        {segments.length === 0 && (
          <MenuItem value="" disabled>
            {t('savedSegments.none')}
          </MenuItem>
        )}
        {segments.map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      {shown && (
        <Tooltip title={t('savedSegments.remove')}>
          <IconButton size="small" aria-label={t('savedSegments.remove')} onClick={() => void remove(shown.id)}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      <Button
        size="small"
        onClick={() => (setNaming(''), setError(null))}
        disabled={Object.keys(filter).length === 0}
        sx={{ display: can('segments.save') ? undefined : 'none' }}
      >
        {t('savedSegments.save')}
      </Button>
      {error && naming === null ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      <Dialog open={naming !== null} onClose={() => setNaming(null)} fullWidth maxWidth="xs">
        <DialogTitle>{t('savedSegments.saveTitle')}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            size="small"
            margin="dense"
            label={t('savedSegments.name')}
            value={naming ?? ''}
            onChange={(e) => (setNaming(e.target.value), setError(null))}
            onKeyDown={(e) => e.key === 'Enter' && void save(false)}
            slotProps={{ htmlInput: { maxLength: 30, 'data-testid': 'segment-name' } }}
          />
          {error ? <Alert severity={nameTaken ? 'warning' : 'error'}>{errorText(error, i18n.language)}</Alert> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(null)}>{t('savedSegments.cancel')}</Button>
          {nameTaken ? (
            <Button color="warning" onClick={() => void save(true)}>
              {t('savedSegments.replace')}
            </Button>
          ) : (
            <Button variant="contained" onClick={() => void save(false)}>
              {t('savedSegments.confirm')}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
