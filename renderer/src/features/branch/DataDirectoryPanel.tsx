import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMegabytes } from '../../../../shared/format';
import type { About } from '../../../../shared/schemas/about';
import { REMOVE_OLD_DATA_DIR_CONFIRMATION, type DataDirMoveResult } from '../../../../shared/schemas/data-directory';
import { FormError } from '../../components/FormError';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { fieldErrors, invoke } from '../../lib/api';
import { useSession } from '../../lib/session';
import { TypedConfirmationDialog } from './TypedConfirmationDialog';
import { useAttempt } from '../../lib/useAttempt';

/**
 * 关于's data directory: in the desktop app the administrator moves it (a folder chosen in the system dialog; closed,
 * copied, verified, switched, the old one kept) and later removes the old one; browser mode says how its command line
 * sets it.
 */
export function DataDirectoryPanel({ about, onChanged }: { about: About; onChanged(): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [moving, setMoving] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [moved, setMoved] = useState<DataDirMoveResult | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  if (!about.movable)
    return (
      <Alert severity="info" data-testid="data-dir-command-line">
        {t('dataDir.commandLine')}
        <Typography component="code" variant="body2" sx={{ display: 'block', mt: 1, fontFamily: 'monospace' }}>
          npm run serve -- --data-dir &lt;{t('dataDir.folder')}&gt;
        </Typography>
      </Alert>
    );
  const admin = can('jobs.start', { request: { kind: 'dataDir.move' } });
  return (
    <Stack spacing={1} data-testid="data-dir">
      {moved && (
        <Alert severity="success" data-testid="data-dir-moved">
          {t('dataDir.moved', { to: moved.to, from: moved.from, size: formatMegabytes(moved.bytes) })}
        </Alert>
      )}
      {removed && (
        <Alert severity="success" data-testid="data-dir-removed">
          {t('dataDir.removed', { dir: removed })}
        </Alert>
      )}
      {about.previousDataDir && (
        <Alert
          severity="warning"
          data-testid="data-dir-previous"
          action={
            admin ? (
              <Button color="inherit" size="small" onClick={() => setRemoving(true)} data-testid="data-dir-remove-old">
                {t('dataDir.removeOld')}
              </Button>
            ) : undefined
          }
        >
          {t('dataDir.previous', { dir: about.previousDataDir })}
        </Alert>
      )}
      {admin && !about.previousDataDir && (
        <div>
          <Button variant="outlined" onClick={() => setMoving(true)} data-testid="data-dir-move">
            {t('dataDir.move')}
          </Button>
        </div>
      )}
      <MoveDialog
        open={moving}
        current={about.dataDir}
        onClose={() => setMoving(false)}
        onMoved={(result) => {
          setMoving(false);
          setMoved(result);
          setRemoved(null);
          onChanged();
        }}
      />
      <RemoveOldDialog
        open={removing}
        dir={about.previousDataDir ?? ''}
        onClose={() => setRemoving(false)}
        onRemoved={(dir) => {
          setRemoving(false);
          setRemoved(dir);
          setMoved(null);
          onChanged();
        }}
      />
    </Stack>
  );
}

/** The folder chosen in the system dialog (main keeps it; the window holds a token), then the move as a job. */
function MoveDialog({
  open,
  current,
  onClose,
  onMoved,
}: {
  open: boolean;
  current: string;
  onClose(): void;
  onMoved(result: DataDirMoveResult): void;
}) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [choice, setChoice] = useState<{ token: string; dir: string } | null>(null);
  const job = useJob();
  const busy = job.progress !== null;
  const choose = () => void attempt(async () => setChoice((await invoke('dataDir.choose', {})).choice ?? choice));
  const move = (targetToken: string) =>
    void attempt(async () => onMoved(await job.run({ kind: 'dataDir.move', targetToken }))).finally(() =>
      setChoice(null),
    );
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth data-testid="data-dir-dialog">
      <DialogTitle>{t('dataDir.moveTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2">{t('dataDir.moveWhat')}</Typography>
          <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
            {t('dataDir.from', { dir: current })}
          </Typography>
          <Stack direction="row" spacing={2} alignItems="center">
            <Button variant="outlined" onClick={choose} disabled={busy} data-testid="data-dir-choose">
              {t('dataDir.choose')}
            </Button>
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }} data-testid="data-dir-target">
              {choice ? t('dataDir.to', { dir: choice.dir }) : t('dataDir.noTarget')}
            </Typography>
          </Stack>
          <FormError error={error} fields={fieldErrors(error)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          variant="contained"
          disabled={busy || choice === null}
          onClick={() => choice && move(choice.token)}
          data-testid="data-dir-start"
        >
          {busy ? <CircularProgress size={20} /> : t('dataDir.start')}
        </Button>
      </DialogActions>
      <JobProgressDialog progress={job.progress} title={t('dataDir.moveTitle')} note={t('dataDir.moveNote')} />
    </Dialog>
  );
}

/** The words typed, then the branch's files removed from the old directory. */
function RemoveOldDialog({
  open,
  dir,
  onClose,
  onRemoved,
}: {
  open: boolean;
  dir: string;
  onClose(): void;
  onRemoved(dir: string): void;
}) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [busy, setBusy] = useState(false);
  const remove = () => {
    setBusy(true);
    void attempt(async () =>
      onRemoved((await invoke('dataDir.removeOld', { confirmation: REMOVE_OLD_DATA_DIR_CONFIRMATION })).removed),
    ).finally(() => setBusy(false));
  };
  return (
    <TypedConfirmationDialog
      open={open}
      title={t('dataDir.removeOld')}
      confirmLabel={t('dataDir.removeOld')}
      warning={t('dataDir.removeWhat', { dir })}
      words={REMOVE_OLD_DATA_DIR_CONFIRMATION}
      busy={busy}
      error={error}
      testId="data-dir-remove"
      onClose={onClose}
      onConfirm={remove}
    />
  );
}
