import {
  Alert,
  CircularProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMegabytes, NOT_SHOWN, formatCount } from '../../../../shared/format';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { DataDirectoryPanel } from './DataDirectoryPanel';

/**
 * 设置 · 关于 (支行长, 管理员): what a support call asks first — the version, where the data is, its state; in the desktop
 * app the administrator moves the data directory from here.
 */
export function AboutPage() {
  const { t, i18n } = useTranslation();
  const about = useInvoke('app.about', {});
  if (!about.data)
    return about.error ? (
      <Alert severity="error">{errorText(about.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  const a = about.data;
  const oldest = a.months.at(-1);
  const rows: Array<[string, ReactNode]> = [
    ['version', a.version],
    ['dataDir', a.dataDir],
    ['databaseFile', a.databaseFile],
    ['databaseSize', a.databaseBytes === null ? NOT_SHOWN : formatMegabytes(a.databaseBytes)],
    ['encryption', a.encrypted ? t('about.encrypted', { where: a.keyWhere ?? NOT_SHOWN }) : t('about.plaintext')],
    [
      'lastBackup',
      a.lastBackup
        ? `${formatDateTime(a.lastBackup.at)} · ${t(`backups.reasons.${a.lastBackup.reason}`)}`
        : t('about.noBackup'),
    ],
    [
      'schema',
      a.schemaVersion === a.latestSchemaVersion
        ? t('about.schemaCurrent', { version: a.schemaVersion })
        : t('about.schemaOf', { version: a.schemaVersion, latest: a.latestSchemaVersion }),
    ],
    ['customers', formatCount(a.customerCount)],
    [
      'months',
      oldest ? t('about.monthRange', { n: a.months.length, from: oldest, to: a.months[0] }) : t('about.noMonths'),
    ],
    ['node', a.versions.node],
    ['electron', a.versions.electron ?? t('about.browserMode')],
    ['sqlite', a.versions.sqlite],
  ];
  return (
    <Stack spacing={2} sx={{ p: 3, maxWidth: 860 }} data-testid="about">
      <Typography variant="h6" component="h1">
        {t('about.title')}
      </Typography>
      <Paper variant="outlined">
        <Table size="small">
          <TableBody>
            {rows.map(([key, value]) => (
              <TableRow key={key} data-testid={`about-${key}`}>
                <TableCell component="th" scope="row" sx={{ width: 160, color: 'text.secondary' }}>
                  {t(`about.${key}`)}
                </TableCell>
                <TableCell sx={{ wordBreak: 'break-all' }}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <DataDirectoryPanel about={a} onChanged={about.reload} />
    </Stack>
  );
}
