import {
  Alert,
  Button,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/schemas/app';
import { localToday } from '../../../../shared/month';
import { staffName } from '../../../../shared/staff-name';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';

const NONE = '';

/**
 * AB角与休假: each manager's backup, who covers the book while the manager is away, and the time away not yet over
 * (docs/domain.md, "Book history"). The 支行长's.
 */
export function BookCoverPanel({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const cover = useInvoke('books.cover', {}, version);
  const { error, attempt } = useAttempt();
  const fields = fieldErrors(error);
  const [away, setAway] = useState({ managerCode: '', from: localToday(), to: localToday(), note: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const holders = info.staff.filter((s) => s.active && (s.role === 'manager' || s.role === 'branch_manager'));
  const done = (text: string) => {
    setNotice(text);
    setVersion((v) => v + 1);
  };
  const setBackup = (managerCode: string, backupCode: string) =>
    attempt(async () => {
      setNotice(null);
      await invoke('books.setBackup', { managerCode, backupCode: backupCode === NONE ? null : backupCode });
      done(t('cover.backupSaved'));
    });
  const markAway = () =>
    attempt(async () => {
      setNotice(null);
      await invoke('books.markAway', {
        managerCode: away.managerCode,
        from: away.from,
        to: away.to,
        ...(away.note.trim() ? { note: away.note.trim() } : {}),
      });
      done(t('cover.awaySaved'));
    });
  const cancel = (absenceId: number) =>
    attempt(async () => {
      setNotice(null);
      await invoke('books.cancelAway', { absenceId });
      done(t('cover.awayCancelled'));
    });

  return (
    <Stack spacing={1} data-testid="book-cover">
      <Typography variant="subtitle1">{t('cover.title')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t('cover.hint')}
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          select
          size="small"
          label={t('cover.manager')}
          value={away.managerCode}
          onChange={(e) => setAway({ ...away, managerCode: e.target.value })}
          error={Boolean(fields.managerCode)}
          helperText={fields.managerCode}
          sx={{ width: 200 }}
          slotProps={{ htmlInput: { 'data-testid': 'away-manager' } }}
        >
          {holders.map((s) => (
            <MenuItem key={s.code} value={s.code}>
              {staffName(s.name, s.code)}（{s.code}）
            </MenuItem>
          ))}
        </TextField>
        <DateField
          size="small"
          label={t('cover.from')}
          value={away.from}
          onChange={(from) => setAway({ ...away, from })}
          error={fields.from}
          testId="away-from"
        />
        <DateField
          size="small"
          label={t('cover.to')}
          value={away.to}
          onChange={(to) => setAway({ ...away, to })}
          error={fields.to}
          testId="away-to"
        />
        <TextField
          size="small"
          label={t('cover.note')}
          value={away.note}
          onChange={(e) => setAway({ ...away, note: e.target.value })}
          sx={{ width: 200 }}
        />
        <Button variant="outlined" onClick={markAway} data-testid="away-save">
          {t('cover.markAway')}
        </Button>
      </Stack>
      <FormError error={error} fields={fields} />
      {notice && <Alert severity="success">{notice}</Alert>}
      <TableContainer>
        <Table size="small" data-testid="book-cover-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('cover.manager')}</TableCell>
              <TableCell>{t('cover.backup')}</TableCell>
              <TableCell>{t('cover.absences')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(cover.data?.managers ?? []).map((m) => (
              <TableRow key={m.managerCode}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {staffName(m.managerName, m.managerCode)}（{m.managerCode}）
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    value={m.backupCode ?? NONE}
                    onChange={(e) => setBackup(m.managerCode, e.target.value)}
                    sx={{ width: 200 }}
                    slotProps={{ htmlInput: { 'data-testid': `backup-${m.managerCode}` } }}
                  >
                    <MenuItem value={NONE}>{t('cover.noBackup')}</MenuItem>
                    {holders
                      .filter((s) => s.code !== m.managerCode)
                      .map((s) => (
                        <MenuItem key={s.code} value={s.code}>
                          {staffName(s.name, s.code)}（{s.code}）
                        </MenuItem>
                      ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    {m.absences.length === 0 && (
                      <Typography variant="body2" color="text.secondary">
                        {t('cover.atWork')}
                      </Typography>
                    )}
                    {m.absences.map((a) => (
                      <Chip
                        key={a.id}
                        size="small"
                        color={a.current ? 'warning' : 'default'}
                        label={`${a.current ? t('cover.awayNow') : ''}${a.from} 至 ${a.to}${a.note ? `（${a.note}）` : ''}`}
                        onDelete={() => cancel(a.id)}
                        data-testid={`absence-${a.id}`}
                      />
                    ))}
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
}
