import BackupIcon from '@mui/icons-material/Backup';
import {
  Alert,
  Box,
  Button,
  Paper,
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
import type { ChannelOutput } from '../../../../shared/contract';
import { formatDateTime, formatMegabytes } from '../../../../shared/format';
import type { BackupInfo } from '../../../../shared/schemas/backups';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { auditTailText } from '../audit/AuditPage';
import { errorText, invoke } from '../../lib/api';
import { picksInMain } from '../../lib/files';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';

/** A backup's audit log as checked on inspection: its chain, and its end against the anchor saved with it. */
function BackupAuditCheck({ audit }: { audit: NonNullable<BackupInfo['audit']> }) {
  const { t } = useTranslation();
  const holds = audit.firstBrokenId === null && (audit.tail === undefined || audit.tail.state === 'ok');
  return (
    <Alert severity={holds ? (audit.tail ? 'success' : 'info') : 'error'} sx={{ mt: 1 }} data-testid="backup-audit">
      <div>
        {audit.firstBrokenId === null
          ? t('backups.auditIntact')
          : t('backups.auditBroken', { id: audit.firstBrokenId })}
      </div>
      <div>{audit.tail ? auditTailText(t, audit.tail) : t('backups.auditNoAnchor')}</div>
    </Alert>
  );
}

/** The backups kept, newest first, each to inspect before a restore. */
function BackupsTable({
  backups,
  chosen,
  onInspect,
}: {
  backups: ChannelOutput<'backups.list'>['backups'] | undefined;
  chosen: BackupInfo | null;
  onInspect(fileName: string): void;
}) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid="backups-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('backups.at')}</TableCell>
            <TableCell>{t('backups.reason')}</TableCell>
            <TableCell align="right">{t('backups.size')}</TableCell>
            <TableCell>{t('backups.file')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(backups ?? []).map((b) => (
            <TableRow key={b.fileName} selected={chosen?.fileName === b.fileName}>
              <TableCell>{formatDateTime(b.at)}</TableCell>
              <TableCell>{t(`backups.reasons.${b.reason}`)}</TableCell>
              <TableCell align="right">{formatMegabytes(b.bytes)}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{b.fileName}</TableCell>
              <TableCell align="right">
                <Button size="small" onClick={() => onInspect(b.fileName)}>
                  {t('backups.inspect')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {backups?.length === 0 && (
        <Box sx={{ p: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {t('backups.none')}
          </Typography>
        </Box>
      )}
    </Paper>
  );
}

/** What an inspected backup holds, and (for who may) 恢复 from it. */
function BackupPreview({ chosen, onRestore }: { chosen: BackupInfo; onRestore(): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="backup-preview">
      <Typography variant="subtitle1">{t('backups.preview', { at: formatDateTime(chosen.at) })}</Typography>
      <Typography variant="body2">
        {t('backups.holds', {
          customers: chosen.customers,
          month: chosen.latestMonth ?? '—',
          audit: chosen.auditEntries,
          schema: chosen.schemaVersion,
        })}
      </Typography>
      {chosen.audit && <BackupAuditCheck audit={chosen.audit} />}
      {can('backups.restore') && (
        <Button color="warning" variant="outlined" sx={{ mt: 1 }} onClick={onRestore} data-testid="backup-restore">
          {t('backups.restore')}
        </Button>
      )}
    </Paper>
  );
}

/** 数据备份: back up now (or, in the desktop app, to a chosen place), the backups kept, and restoring one after a preview. */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const list = useInvoke('backups.list', {});
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { error, attempt } = useAttempt();
  const backUp = (chooseLocation: boolean) =>
    attempt(async () => {
      setNotice(null);
      const made = await invoke('backups.create', { chooseLocation });
      if (made) setNotice(t('backups.made', { file: made.fileName, customers: made.customers }));
      list.reload();
    });
  const inspect = (fileName: string) => attempt(async () => setChosen(await invoke('backups.inspect', { fileName })));
  const restore = (backup: BackupInfo) =>
    attempt(async () => {
      setConfirming(false);
      await invoke('backups.restore', { fileName: backup.fileName });
      window.location.reload(); // every screen reads the restored data afresh
    });
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1100 }}>
      <Typography variant="h6" component="h1">
        {t('backups.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('backups.hint', { folder: list.data?.folder ?? '' })}
      </Typography>
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          startIcon={<BackupIcon />}
          onClick={() => void backUp(false)}
          data-testid="backup-now"
        >
          {t('backups.now')}
        </Button>
        {picksInMain() && (
          <Button variant="outlined" onClick={() => void backUp(true)}>
            {t('backups.toLocation')}
          </Button>
        )}
      </Stack>
      {notice && <Alert severity="success">{notice}</Alert>}
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      <BackupsTable backups={list.data?.backups} chosen={chosen} onInspect={(fileName) => void inspect(fileName)} />
      {chosen && <BackupPreview chosen={chosen} onRestore={() => setConfirming(true)} />}
      <ConfirmDialog
        open={confirming}
        title={t('backups.restore')}
        text={chosen && t('backups.confirm', { at: formatDateTime(chosen.at) })}
        confirmLabel={t('backups.restore')}
        color="warning"
        testId="backup-restore-confirm"
        onClose={() => setConfirming(false)}
        onConfirm={() => chosen && void restore(chosen)}
      />
    </Stack>
  );
}
