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
import type { ChannelOutput } from '../../../../shared/contract';
import type { CustomerFilter } from '../../../../shared/schemas/customer';
import { ApiError, errorText, invoke } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { useSession } from '../../lib/session';

interface SavedSegmentsProps {
  /** The list's current filter: what 保存为细分 stores. */
  filter: CustomerFilter;
  onApply(filter: CustomerFilter): void;
}

type Segments = ChannelOutput<'segments.saved'>['segments'];

/** The saved segments to pick from, showing the one the list shows now (if any). */
function SegmentSelect({
  segments,
  shown,
  onApply,
}: {
  segments: Segments;
  shown: Segments[number] | null;
  onApply(filter: CustomerFilter): void;
}) {
  const { t } = useTranslation();
  return (
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
  );
}

/** 保存为细分: the name to save under; a name already taken offers to replace that segment. */
function NameDialog({
  naming,
  onNaming,
  error,
  onSave,
  onClose,
}: {
  naming: string | null;
  onNaming(name: string): void;
  error: unknown;
  onSave(replace: boolean): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const nameTaken = error instanceof ApiError && error.body.code === 'CONFLICT';
  return (
    <Dialog open={naming !== null} onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{t('savedSegments.saveTitle')}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          size="small"
          margin="dense"
          label={t('savedSegments.name')}
          value={naming ?? ''}
          onChange={(e) => onNaming(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && onSave(false)}
          slotProps={{ htmlInput: { maxLength: 30, 'data-testid': 'segment-name' } }}
        />
        {error ? <Alert severity={nameTaken ? 'warning' : 'error'}>{errorText(error, i18n.language)}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('savedSegments.cancel')}</Button>
        {nameTaken ? (
          <Button color="warning" onClick={() => onSave(true)}>
            {t('savedSegments.replace')}
          </Button>
        ) : (
          <Button variant="contained" onClick={() => onSave(false)}>
            {t('savedSegments.confirm')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
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
      <SegmentSelect segments={segments} shown={shown} onApply={onApply} />
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
      <NameDialog
        naming={naming}
        onNaming={(name) => (setNaming(name), setError(null))}
        error={error}
        onSave={(replace) => void save(replace)}
        onClose={() => setNaming(null)}
      />
    </Stack>
  );
}
