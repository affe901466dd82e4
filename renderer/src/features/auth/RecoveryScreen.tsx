import ReportIcon from '@mui/icons-material/Report';
import {
  Alert,
  Button,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import type { ChannelOutput } from '../../../../shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { CenteredPanel } from './CenteredPanel';

/** The backups found, newest first (the first few). */
function RecoveryBackupsTable({ backups }: { backups: ChannelOutput<'recovery.backups'>['backups'] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table size="small" data-testid="recovery-backups">
      <TableHead>
        <TableRow>
          <TableCell>{t('recovery.backupAt')}</TableCell>
          <TableCell>{t('recovery.backupReason')}</TableCell>
          <TableCell align="right">{t('recovery.backupSize')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {backups.slice(0, 8).map((b) => (
          <TableRow key={b.fileName}>
            <TableCell>{formatDateTime(b.at)}</TableCell>
            <TableCell>{t(`backups.reasons.${b.reason}`)}</TableCell>
            <TableCell align="right">
              {(b.bytes / 1e6).toLocaleString(i18n.language, { maximumFractionDigits: 1 })} MB
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The restore done: which backup, and where the damaged file was kept. */
function RestoredNote({ restored, onContinue }: { restored: ChannelOutput<'recovery.restore'>; onContinue(): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert severity="success" data-testid="recovery-done">
        {t('recovery.done', {
          file: restored.fileName,
          customers: restored.customers,
          kept: restored.damagedKeptAs,
        })}
      </Alert>
      <Button variant="contained" onClick={onContinue} data-testid="recovery-continue">
        {t('recovery.continue')}
      </Button>
    </>
  );
}

/**
 * 数据库已损坏: what was found, the backups, and the restore of the newest one that passes its integrity check (the
 * damaged file is kept aside, never deleted). Shown instead of everything else: nobody can sign in to a damaged file.
 */
export function RecoveryScreen({ onRestored }: { onRestored(): void }) {
  const { t, i18n } = useTranslation();
  const listed = useInvoke('recovery.backups', {});
  const { error, attempt } = useAttempt();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [restored, setRestored] = useState<ChannelOutput<'recovery.restore'> | null>(null);
  const database = listed.data?.database;
  const backups = listed.data?.backups ?? [];
  const restore = () => {
    setConfirming(false);
    setBusy(true);
    void attempt(async () => setRestored(await invoke('recovery.restore', {}))).finally(() => setBusy(false));
  };
  return (
    <>
      <CenteredPanel icon={<ReportIcon color="error" />} title={t('recovery.title')} width={640} testId="recovery">
        {database?.state === 'damaged' && (
          <>
            <Typography variant="body2">{t('recovery.what', { file: database.file })}</Typography>
            <Typography variant="caption" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
              {t('recovery.detail', { problem: database.problem })}
            </Typography>
          </>
        )}
        {restored ? (
          <RestoredNote restored={restored} onContinue={onRestored} />
        ) : (
          <>
            <Typography variant="subtitle2">{t('recovery.backups')}</Typography>
            {backups.length === 0 && listed.data ? (
              <Alert severity="warning">{t('recovery.noBackups')}</Alert>
            ) : (
              <RecoveryBackupsTable backups={backups} />
            )}
            {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
            <Stack direction="row" spacing={2} alignItems="center">
              <Button
                variant="contained"
                color="error"
                disabled={backups.length === 0 || busy}
                onClick={() => setConfirming(true)}
                data-testid="recovery-restore"
              >
                {t('recovery.restore')}
              </Button>
              {busy && (
                <>
                  <CircularProgress size={20} />
                  <Typography variant="body2">{t('recovery.restoring')}</Typography>
                </>
              )}
            </Stack>
            <Typography variant="caption" color="text.secondary">
              {t('recovery.cli')}
            </Typography>
          </>
        )}
      </CenteredPanel>
      <ConfirmDialog
        open={confirming}
        title={t('recovery.confirmTitle')}
        text={t('recovery.confirm')}
        confirmLabel={t('recovery.restore')}
        color="error"
        testId="recovery-confirm"
        onClose={() => setConfirming(false)}
        onConfirm={restore}
      />
    </>
  );
}
