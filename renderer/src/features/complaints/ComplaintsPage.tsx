import CloseIcon from '@mui/icons-material/Close';
import {
  Alert,
  Box,
  Button,
  Chip,
  Drawer,
  IconButton,
  MenuItem,
  Paper,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatPercent } from '../../../../shared/format';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { ChannelOutput } from '../../../../shared/contract';
import {
  COMPLAINT_STATUSES,
  type ComplaintDetail,
  type ComplaintStatus,
  type ComplaintSummary,
} from '../../../../shared/schemas/complaints';
import { ExportButton } from '../../components/ExportButton';
import { useMonthRange } from '../../components/MonthRange';
import { SHOW_ALL } from '../../components/SelectField';
import { errorText } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';
import { RegisterComplaintDialog, StepDialog, type Step } from './ComplaintDialogs';
import { useSession } from '../../lib/session';
import { staffName } from '../../../../shared/staff-name';

interface ComplaintsPageProps {
  info: AppInfo;
}

/** Days left, or how far overdue, or paused: the deadline in words, red when overdue. */
function DeadlineText({ c }: { c: ComplaintSummary }) {
  const { t } = useTranslation();
  const d = c.deadline;
  if (d.onTime !== null)
    return (
      <Chip
        size="small"
        color={d.onTime ? 'success' : 'error'}
        variant="outlined"
        label={d.onTime ? t('complaints.onTime') : t('complaints.late')}
      />
    );
  if (d.daysLeft === null) return <>—</>;
  const text = d.overdue
    ? t('complaints.overdueBy', { days: -d.daysLeft })
    : t('complaints.daysLeftValue', { days: d.daysLeft });
  return (
    <Stack direction="row" spacing={0.5} alignItems="center">
      <Typography
        variant="body2"
        color={d.overdue ? 'error' : d.daysLeft <= 3 ? 'warning.main' : 'text.primary'}
        sx={{ fontWeight: d.overdue ? 600 : 400 }}
      >
        {text}
      </Typography>
      {d.paused && <Chip size="small" label={t('complaints.pausedNow')} />}
    </Stack>
  );
}

function ComplaintTable({
  rows,
  onOpen,
  testId,
}: {
  rows: ComplaintSummary[];
  onOpen(id: number): void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table size="small" data-testid={testId}>
      <TableHead>
        <TableRow>
          {[
            'no',
            'received',
            'customer',
            'category',
            'channel',
            'status',
            'accepted',
            'due',
            'daysLeft',
            'manager',
          ].map((key) => (
            <TableCell key={key} sx={{ whiteSpace: 'nowrap' }}>
              {t(`complaints.${key}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((c) => (
          <TableRow
            key={c.id}
            hover
            onClick={() => onOpen(c.id)}
            sx={{ cursor: 'pointer' }}
            data-testid="complaint-row"
          >
            <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
              {c.complaintNo}
              {c.regulatorReferred && (
                <Chip size="small" color="secondary" label={t('complaints.regulator')} sx={{ ml: 0.5 }} />
              )}
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.receivedAt}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {c.customerName ? `${c.customerName}（${c.customerNo}）` : t('complaints.noCustomer')}
            </TableCell>
            <TableCell>{t(`complaints.categories.${c.category}`)}</TableCell>
            <TableCell>{t(`complaints.channels.${c.channel}`)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`complaints.statuses.${c.status}`)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.acceptedDate ?? '—'}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{c.deadline.dueDate ?? '—'}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <DeadlineText c={c} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {staffName(c.managerName, c.managerCode) ?? t('complaints.unassigned')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The steps the complaint may take next: its next statuses, and pause, resume, extend or review. */
function StepButtons({ c, onStep }: { c: ComplaintDetail; onStep(step: Step): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const open = !c.closedDate;
  const waiting = c.acceptedDate !== null && c.repliedDate === null;
  const pausedNow = c.deadline.paused;
  return (
    <Stack
      direction="row"
      spacing={1}
      flexWrap="wrap"
      useFlexGap
      sx={{ display: can('complaints.transition') ? undefined : 'none' }}
    >
      {c.nextStatuses.map((to) => (
        <Button
          key={to}
          variant="contained"
          size="small"
          onClick={() => onStep({ kind: to as Step['kind'] })}
          data-testid={`complaint-to-${to}`}
        >
          {t(`complaints.to.${to}`)}
        </Button>
      ))}
      {waiting && open && !pausedNow && (
        <Button size="small" variant="outlined" onClick={() => onStep({ kind: 'pause' })}>
          {t('complaints.pause')}
        </Button>
      )}
      {waiting && pausedNow && (
        <Button size="small" variant="outlined" onClick={() => onStep({ kind: 'resume' })}>
          {t('complaints.resume')}
        </Button>
      )}
      {waiting && (
        <Button size="small" variant="outlined" onClick={() => onStep({ kind: 'extend' })}>
          {t('complaints.extend')}
        </Button>
      )}
      {c.reviewUntil && (
        <Button size="small" variant="outlined" onClick={() => onStep({ kind: 'review' })}>
          {t('complaints.review')}
        </Button>
      )}
    </Stack>
  );
}

/** The complaint's texts and its deadline, one labelled row each. */
function ComplaintFacts({ c }: { c: ComplaintDetail }) {
  const { t } = useTranslation();
  const row = (label: string, value: React.ReactNode) => (
    <TableRow>
      <TableCell sx={{ color: 'text.secondary', whiteSpace: 'nowrap', width: 110 }}>{label}</TableCell>
      <TableCell>{value}</TableCell>
    </TableRow>
  );
  return (
    <Table size="small">
      <TableBody>
        {row(
          t('complaints.customer'),
          c.customerName ? `${c.customerName}（${c.customerNo}）` : t('complaints.noCustomer'),
        )}
        {row(
          t('complaints.received'),
          `${c.receivedAt} · ${t(`complaints.channels.${c.channel}`)} · ${t(`complaints.categories.${c.category}`)}`,
        )}
        {row(
          t('complaints.severity'),
          `${t(`complaints.severities.${c.severity}`)}${c.regulatorReferred ? ` · ${t('complaints.regulatorReferred')}` : ''}${c.complex ? ` · ${t('complaints.complex')}` : ''}`,
        )}
        {row(t('complaints.involved'), c.involvedStaffName ?? '—')}
        {row(t('complaints.description'), c.description)}
        {row(t('complaints.demand'), c.demand ?? '—')}
        {row(t('complaints.due'), <DeadlineText c={c} />)}
        {c.deadline.dueDate &&
          row(
            t('complaints.allowed'),
            `${c.deadline.dueDate} · ${t('complaints.allowedValue', { days: c.deadline.allowedDays, extension: c.extensionDays, paused: c.deadline.pausedDays })}`,
          )}
        {c.deadline.handlingDays !== null && row(t('complaints.handling'), c.deadline.handlingDays)}
        {c.reply && row(t('complaints.reply'), c.reply)}
        {c.satisfied !== null &&
          row(t('complaints.verdict'), c.satisfied ? t('complaints.satisfied') : t('complaints.unsatisfied'))}
        {c.reviews > 0 && row(t('complaints.reviews'), c.reviews)}
      </TableBody>
    </Table>
  );
}

/** Every event on the complaint: when, what, who, and its details. */
function ComplaintEvents({ events }: { events: ComplaintDetail['events'] }) {
  const { t } = useTranslation();
  return (
    <Table size="small" data-testid="complaint-events">
      <TableBody>
        {events.map((e, i) => (
          <TableRow key={i}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              {e.kind === 'transition' && e.toStatus
                ? t(`complaints.statuses.${e.toStatus as ComplaintStatus}`)
                : t(`complaints.eventKinds.${e.kind as 'register'}`)}
            </TableCell>
            <TableCell>{staffName(e.staffName, e.staffCode) ?? '—'}</TableCell>
            <TableCell sx={{ color: 'text.secondary' }}>
              {e.detail
                ? Object.values(e.detail)
                    .filter((v) => typeof v === 'string' || typeof v === 'number')
                    .join(' · ')
                : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One complaint: its texts, deadline, the steps it may take next, pauses and every event. */
function ComplaintDrawer({
  id,
  info,
  version,
  onClose,
  onChanged,
}: {
  id: number | null;
  info: AppInfo;
  version: number;
  onClose(): void;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useInvoke('complaints.detail', id === null ? null : { complaintId: id }, version);
  const [step, setStep] = useState<Step | null>(null);
  const c = detail.data;
  return (
    <Drawer
      anchor="right"
      open={id !== null}
      onClose={onClose}
      sx={{ zIndex: (theme) => theme.zIndex.drawer + 2 }}
      slotProps={{ paper: { sx: { width: 560, p: 2 } } }}
    >
      {detail.error ? <Alert severity="error">{errorText(detail.error, i18n.language)}</Alert> : null}
      {c && (
        <Stack spacing={1.5} data-testid="complaint-detail">
          <Stack direction="row" alignItems="center">
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
              {c.complaintNo} · {t(`complaints.statuses.${c.status}`)}
            </Typography>
            <IconButton onClick={onClose} aria-label={t('card.close')} data-testid="complaint-close">
              <CloseIcon />
            </IconButton>
          </Stack>
          <StepButtons c={c} onStep={setStep} />
          {c.reviewUntil && (
            <Typography variant="caption">{t('complaints.reviewUntil', { date: c.reviewUntil })}</Typography>
          )}
          <ComplaintFacts c={c} />
          <Typography variant="subtitle2">{t('complaints.events')}</Typography>
          <ComplaintEvents events={c.events} />
        </Stack>
      )}
      <StepDialog
        step={step}
        complaint={c ?? null}
        staff={info.staff}
        onClose={() => setStep(null)}
        onDone={() => {
          setStep(null);
          onChanged();
        }}
      />
    </Drawer>
  );
}

/** Counts as a small two-column table. */
function CountTable({ title, rows }: { title: string; rows: Array<{ label: string; count: number }> }) {
  return (
    <Paper variant="outlined" sx={{ minWidth: 180 }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell colSpan={2}>{title}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.label}>
              <TableCell>{r.label}</TableCell>
              <TableCell align="right">{r.count}</TableCell>
            </TableRow>
          ))}
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={2} sx={{ color: 'text.secondary' }}>
                —
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}

type Analysis = ChannelOutput<'complaints.analysis'>;

/** Complaints received, replied and on time, month by month. */
function MonthTable({ byMonth }: { byMonth: Analysis['byMonth'] }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('complaints.month')}</TableCell>
            <TableCell align="right">{t('complaints.count')}</TableCell>
            <TableCell align="right">{t('complaints.repliedCount')}</TableCell>
            <TableCell align="right">{t('complaints.onTime')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {byMonth.map((m) => (
            <TableRow key={m.month}>
              <TableCell>{m.month}</TableCell>
              <TableCell align="right">{m.count}</TableCell>
              <TableCell align="right">{m.replied}</TableCell>
              <TableCell align="right">{m.onTime}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** The period's figures: the rates in a line, then the counts by category, channel, manager, month and complainant. */
function AnalysisFigures({ a }: { a: Analysis }) {
  const { t } = useTranslation();
  const rate = (r: number | null) => (r === null ? '—' : formatPercent(r));
  return (
    <>
      <Typography variant="body2">
        {t('complaints.kpis', {
          total: a.total,
          replied: a.replied,
          median: a.medianHandlingDays ?? '—',
          onTime: rate(a.onTimeRate),
          satisfied: rate(a.satisfiedRate),
        })}
      </Typography>
      <Stack direction="row" spacing={2} alignItems="flex-start" flexWrap="wrap" useFlexGap>
        <CountTable
          title={t('complaints.category')}
          rows={a.byCategory.map((r) => ({
            label: t(`complaints.categories.${r.key as 'other'}`),
            count: r.count,
          }))}
        />
        <CountTable
          title={t('complaints.channel')}
          rows={a.byChannel.map((r) => ({ label: t(`complaints.channels.${r.key as 'counter'}`), count: r.count }))}
        />
        <CountTable
          title={t('complaints.manager')}
          rows={a.byManager.map((r) => ({
            label: staffName(r.managerName, r.managerCode) ?? t('complaints.unassigned'),
            count: r.count,
          }))}
        />
        <MonthTable byMonth={a.byMonth} />
        <CountTable
          title={t('complaints.repeat')}
          rows={a.repeatComplainants.map((r) => ({
            label: `${r.customerName}（${r.customerNo}）`,
            count: r.count,
          }))}
        />
      </Stack>
    </>
  );
}

/** Complaints received in a period: by category, channel, month and manager; handling days, on-time and satisfied rates. */
function AnalysisPanel() {
  const { t, i18n } = useTranslation();
  const { fromMonth, toMonth, controls } = useMonthRange('complaints', {
    from: t('complaints.fromMonth'),
    to: t('complaints.toMonth'),
  });
  const analysis = useInvoke('complaints.analysis', fromMonth && toMonth ? { fromMonth, toMonth } : null);
  return (
    <Stack spacing={1.5} data-testid="complaint-analysis">
      <Stack direction="row" spacing={2} alignItems="center">
        {controls}
        <ExportButton subject={{ template: 'complaints', month: toMonth }} label={t('exports.complaints')} />
      </Stack>
      {analysis.error ? <Alert severity="error">{errorText(analysis.error, i18n.language)}</Alert> : null}
      {analysis.data && <AnalysisFigures a={analysis.data} />}
    </Stack>
  );
}

type Board = ChannelOutput<'complaints.board'>;

/** How many are overdue, due within 3 days, paused and regulator-referred. */
function BoardCounts({ counts }: { counts: Board['counts'] }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} data-testid="complaint-counts">
      <Chip
        color={counts.overdue ? 'error' : 'default'}
        label={`${t('complaints.overdue')} ${counts.overdue}`}
        data-testid="count-overdue"
      />
      <Chip
        color={counts.dueSoon ? 'warning' : 'default'}
        label={`${t('complaints.dueSoon')} ${counts.dueSoon}`}
        data-testid="count-due-soon"
      />
      <Chip label={`${t('complaints.paused')} ${counts.paused}`} data-testid="count-paused" />
      <Chip
        color={counts.regulatorReferred ? 'secondary' : 'default'}
        label={`${t('complaints.regulator')} ${counts.regulatorReferred}`}
        data-testid="count-regulator"
      />
    </Stack>
  );
}

/** Each manager's open complaints, and how many of them are overdue or due soon. */
function ManagerLoad({ managers }: { managers: Board['managers'] }) {
  const { t } = useTranslation();
  return (
    <Box>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {t('complaints.byManager')}
      </Typography>
      <Paper variant="outlined" sx={{ display: 'inline-block' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('complaints.manager')}</TableCell>
              <TableCell align="right">{t('complaints.open')}</TableCell>
              <TableCell align="right">{t('complaints.overdue')}</TableCell>
              <TableCell align="right">{t('complaints.dueSoon')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {managers.map((m) => (
              <TableRow key={m.managerCode ?? ''}>
                <TableCell>{staffName(m.managerName, m.managerCode) ?? t('complaints.unassigned')}</TableCell>
                <TableCell align="right">{m.open}</TableCell>
                <TableCell align="right" sx={{ color: m.overdue ? 'error.main' : undefined }}>
                  {m.overdue}
                </TableCell>
                <TableCell align="right">{m.dueSoon}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}

/** The board: its counts, each complaint due once in order of urgency, and the managers' load. */
function BoardPanel({ data, onOpen }: { data: Board; onOpen(id: number): void }) {
  const { t } = useTranslation();
  // Each complaint once, in the board's order of urgency.
  const boardRows = [
    ...new Map(
      [...data.overdue, ...data.dueSoon, ...data.paused, ...data.regulatorReferred].map((c) => [c.id, c]),
    ).values(),
  ];
  return (
    <>
      <BoardCounts counts={data.counts} />
      {boardRows.length === 0 ? (
        <Alert severity="info">{t('complaints.empty')}</Alert>
      ) : (
        <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
          <ComplaintTable rows={boardRows} onOpen={onOpen} testId="complaint-board" />
        </Paper>
      )}
      {data.managers.length > 0 && <ManagerLoad managers={data.managers} />}
    </>
  );
}

type ComplaintsTab = 'board' | 'log' | 'analysis';

/** The tabs, and the board's and log's filters: the manager, and (in the log) the status. */
function ComplaintsTabBar({
  tab,
  onTab,
  info,
  managerCode,
  onManager,
  status,
  onStatus,
}: {
  tab: ComplaintsTab;
  onTab(tab: ComplaintsTab): void;
  info: AppInfo;
  managerCode: string;
  onManager(code: string): void;
  status: ComplaintStatus | '';
  onStatus(status: ComplaintStatus | ''): void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2} alignItems="center">
      <Tabs value={tab} onChange={(_e, value: ComplaintsTab) => onTab(value)} sx={{ flexGrow: 1 }}>
        <Tab value="board" label={t('complaints.board')} data-testid="complaints-tab-board" />
        <Tab value="log" label={t('complaints.log')} data-testid="complaints-tab-log" />
        <Tab value="analysis" label={t('complaints.analysis')} data-testid="complaints-tab-analysis" />
      </Tabs>
      {tab !== 'analysis' && (
        <TextField
          select
          size="small"
          label={t('complaints.manager')}
          value={managerCode}
          onChange={(e) => onManager(e.target.value)}
          sx={{ width: 160 }}
          slotProps={SHOW_ALL}
        >
          <MenuItem value="">{t('actions.allOwners')}</MenuItem>
          {info.staff
            .filter((s) => s.role === 'manager')
            .map((s) => (
              <MenuItem key={s.code} value={s.code}>
                {s.name}
              </MenuItem>
            ))}
        </TextField>
      )}
      {tab === 'log' && (
        <TextField
          select
          size="small"
          label={t('complaints.status')}
          value={status}
          onChange={(e) => onStatus(e.target.value as ComplaintStatus | '')}
          sx={{ width: 130 }}
          slotProps={SHOW_ALL}
        >
          <MenuItem value="">{t('complaints.allStatuses')}</MenuItem>
          {COMPLAINT_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`complaints.statuses.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Stack>
  );
}

/** 投诉管理: the board of what is due (overdue, within 3 days, paused, regulator-referred) and the log. */
export function ComplaintsPage({ info }: ComplaintsPageProps) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [tab, setTab] = useState<ComplaintsTab>('board');
  const [managerCode, setManagerCode] = useState('');
  const [status, setStatus] = useState<ComplaintStatus | ''>('');
  const [openId, setOpenId] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const [version, setVersion] = useState(0);
  const manager = managerCode ? { managerCode } : {};
  const board = useInvoke('complaints.board', tab === 'board' ? manager : null, version);
  const log = useInvoke(
    'complaints.list',
    tab === 'log' ? { ...manager, ...(status ? { statuses: [status] } : {}), offset: 0, limit: 200 } : null,
    version,
  );
  const changed = () => setVersion((v) => v + 1);

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" alignItems="center">
        <Typography variant="h6" component="h1" sx={{ flexGrow: 1 }}>
          {t('complaints.title')}
        </Typography>
        {can('complaints.register') && (
          <Button
            variant="contained"
            size="small"
            onClick={() => setRegistering(true)}
            data-testid="complaint-register"
          >
            {t('complaints.register')}
          </Button>
        )}
      </Stack>
      <ComplaintsTabBar
        tab={tab}
        onTab={setTab}
        info={info}
        managerCode={managerCode}
        onManager={setManagerCode}
        status={status}
        onStatus={setStatus}
      />
      {(board.error ?? log.error) ? (
        <Alert severity="error">{errorText(board.error ?? log.error, i18n.language)}</Alert>
      ) : null}
      {tab === 'board' && board.data && <BoardPanel data={board.data} onOpen={setOpenId} />}
      {tab === 'log' &&
        log.data &&
        (log.data.rows.length === 0 ? (
          <Alert severity="info">{t('complaints.noneLogged')}</Alert>
        ) : (
          <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
            <ComplaintTable rows={log.data.rows} onOpen={setOpenId} testId="complaint-log" />
          </Paper>
        ))}
      {tab === 'analysis' && <AnalysisPanel />}
      <ComplaintDrawer id={openId} info={info} version={version} onClose={() => setOpenId(null)} onChanged={changed} />
      <RegisterComplaintDialog
        open={registering}
        staff={info.staff}
        onClose={() => setRegistering(false)}
        onRegistered={(id) => {
          setRegistering(false);
          changed();
          setOpenId(id);
        }}
      />
    </Stack>
  );
}
