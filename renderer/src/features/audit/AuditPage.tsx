import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import type { TFunction } from 'i18next';
import {
  Alert,
  Box,
  Button,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { AUDIT_ACTION_NAMES, auditActionName, auditDetailText } from '../../../../shared/audit-words';
import { formatDateTime } from '../../../../shared/format';
import { localToday, monthOfDate } from '../../../../shared/month';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { AuditTail, AuditVerification } from '../../../../shared/schemas/audit';
import { DateSchema } from '../../../../shared/schemas/common';
import { ExportButton } from '../../components/ExportButton';
import { SHOW_ALL } from '../../components/SelectField';
import { errorText, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { DateField } from '../../components/DateField';

const PAGE_SIZE = 50;

const isDate = (text: string) => DateSchema.safeParse(text).success;

/** The log's end against its anchor, in words (also a backup's, on the backups page). */
export function auditTailText(t: TFunction, tail: AuditTail): string {
  switch (tail.state) {
    case 'ok':
      return t('audit.tailOk', { id: tail.anchoredId });
    case 'missing':
      return t('audit.tailMissing', { anchored: tail.anchoredId, last: tail.lastId, missing: tail.missing });
    case 'changed':
      return t('audit.tailChanged', { id: tail.anchoredId });
    case 'anchorMissing':
      return t('audit.tailAnchorMissing');
    case 'anchorInvalid':
      return t('audit.tailAnchorInvalid');
    case 'unanchored':
      return t('audit.tailUnanchored');
  }
}

/** A tail that could not be confirmed was recorded and anchored afresh by the check that found it. */
const REANCHORED: ReadonlySet<AuditTail['state']> = new Set(['anchorMissing', 'anchorInvalid', 'unanchored']);
const TAIL_HOLDS: ReadonlySet<AuditTail['state']> = new Set(['ok', 'unanchored']);

type AuditFilters = { fromDate: string; toDate: string; actor: string; action: string };

/** The actions the log names, by their names in the language. */
const actionChoices = (language: string) =>
  Object.keys(AUDIT_ACTION_NAMES)
    .map((action) => ({ action, name: auditActionName(action, language) }))
    .sort((a, b) => a.name.localeCompare(b.name, language));

/** The log's filters: a date range, who, and the action's name (or its start). */
function AuditFilterFields({
  info,
  filters,
  onChange,
}: {
  info: AppInfo;
  filters: AuditFilters;
  onChange(patch: Partial<AuditFilters>): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <DateField
        size="small"
        label={t('audit.from')}
        value={filters.fromDate}
        onChange={(fromDate) => onChange({ fromDate })}
      />
      <DateField
        size="small"
        label={t('audit.to')}
        value={filters.toDate}
        onChange={(toDate) => onChange({ toDate })}
      />
      <TextField
        select
        size="small"
        label={t('audit.actor')}
        value={filters.actor}
        onChange={(e) => onChange({ actor: e.target.value })}
        sx={{ width: 180 }}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">{t('audit.everyone')}</MenuItem>
        {info.staff.map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('audit.action')}
        value={filters.action}
        onChange={(e) => onChange({ action: e.target.value })}
        sx={{ width: 220 }}
        slotProps={{ ...SHOW_ALL, htmlInput: { 'data-testid': 'audit-action' } }}
      >
        <MenuItem value="">{t('audit.everyAction')}</MenuItem>
        {actionChoices(i18n.language).map(({ action, name }) => (
          <MenuItem key={action} value={action}>
            {name}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}

/** The chain check's outcome: the first broken link (or how many hold), and the log's end against its anchor. */
function VerificationAlert({ verification }: { verification: AuditVerification }) {
  const { t, i18n } = useTranslation();
  const broken = verification.firstBroken;
  return (
    <Alert
      severity={broken || !TAIL_HOLDS.has(verification.tail.state) ? 'error' : 'success'}
      data-testid="audit-verification"
    >
      <div>
        {broken
          ? t(broken.reason === 'changed' ? 'audit.brokenChanged' : 'audit.brokenUnlinked', {
              id: broken.id,
              at: formatDateTime(broken.at),
              action: auditActionName(broken.action, i18n.language),
            })
          : t('audit.intact', { count: verification.entries })}
      </div>
      <div data-testid="audit-tail">{auditTailText(t, verification.tail)}</div>
      {REANCHORED.has(verification.tail.state) && <div>{t('audit.reanchored')}</div>}
    </Alert>
  );
}

/** One page of the log, the broken entry (if any) selected. */
function AuditTable({
  log,
  page,
  onPage,
  brokenId,
}: {
  log: ChannelOutput<'audit.list'> | null;
  page: number;
  onPage(page: number): void;
  brokenId: number | null;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper variant="outlined">
      <TableContainer>
        <Table size="small" data-testid="audit-table">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 70 }}>{t('audit.id')}</TableCell>
              <TableCell sx={{ width: 150 }}>{t('audit.at')}</TableCell>
              <TableCell sx={{ width: 140 }}>{t('audit.actor')}</TableCell>
              <TableCell sx={{ width: 200 }}>{t('audit.action')}</TableCell>
              <TableCell sx={{ width: 160 }}>{t('audit.target')}</TableCell>
              <TableCell>{t('audit.detail')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(log?.rows ?? []).map((r) => (
              <TableRow key={r.id} selected={brokenId === r.id}>
                <TableCell>{r.id}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.at)}</TableCell>
                <TableCell>{r.actor ? `${r.actorName ?? ''}（${r.actor}）` : t('audit.system')}</TableCell>
                <TableCell title={r.action}>{auditActionName(r.action, i18n.language)}</TableCell>
                <TableCell>{r.target ?? '—'}</TableCell>
                <TableCell sx={{ fontSize: 13, wordBreak: 'break-word' }}>
                  {auditDetailText(r.detail, i18n.language)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={log?.total ?? 0}
        page={page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[PAGE_SIZE]}
        onPageChange={(_e, p) => onPage(p)}
        labelDisplayedRows={({ from, to, count }) => t('audit.rows', { from, to, count })}
      />
    </Paper>
  );
}

/** 审计日志: who did what and when, filtered; the chain verified link by link; the log exported. */
export function AuditPage({ info }: { info: AppInfo }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ fromDate: '', toDate: '', actor: '', action: '' });
  const [page, setPage] = useState(0);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const { error, attempt } = useAttempt();
  const query = {
    // A date still being typed filters nothing yet.
    ...(isDate(filters.fromDate) ? { fromDate: filters.fromDate } : {}),
    ...(isDate(filters.toDate) ? { toDate: filters.toDate } : {}),
    ...(filters.actor ? { actor: filters.actor } : {}),
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
  const log = useInvoke('audit.list', query);
  const set = (patch: Partial<AuditFilters>) => {
    setFilters({ ...filters, ...patch });
    setPage(0);
  };
  const verify = () =>
    attempt(async () => {
      setVerification(await invoke('audit.verify', {}));
      log.reload(); // the check is itself an entry
    });
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto' }}>
      <Typography variant="h6" component="h1">
        {t('audit.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('audit.hint')}
      </Typography>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <AuditFilterFields info={info} filters={filters} onChange={set} />
        <Box sx={{ flexGrow: 1 }} />
        <Button
          variant="outlined"
          startIcon={<VerifiedUserIcon />}
          onClick={() => void verify()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
        <ExportButton
          subject={{ template: 'audit', month: monthOfDate(isDate(filters.toDate) ? filters.toDate : localToday()) }}
          label={t('audit.export')}
        />
      </Stack>
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {verification && <VerificationAlert verification={verification} />}
      {log.error ? <Alert severity="error">{errorText(log.error, i18n.language)}</Alert> : null}
      <AuditTable log={log.data} page={page} onPage={setPage} brokenId={verification?.firstBroken?.id ?? null} />
    </Stack>
  );
}
