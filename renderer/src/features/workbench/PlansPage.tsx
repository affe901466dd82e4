import {
  Alert,
  Box,
  Button,
  ButtonGroup,
  Checkbox,
  Chip,
  Paper,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, addMonths, localToday, mondayOf } from '../../../../shared/month';
import { formatPercent } from '../../../../shared/format';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { CoverageFigures, PlanItem, PlanSuggestion } from '../../../../shared/schemas/workbench';
import { CustomerLink } from '../../components/CustomerLink';
import { errorText, invoke } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { ManagerSelect } from './ManagerSelect';
import { MonthSelect } from '../../components/MonthSelect';

interface PlansPageProps {
  info: AppInfo;
  version: number;
  onOpenCustomer(customerNo: string): void;
}

const suggestionKey = (s: PlanSuggestion) => `${s.kind}:${s.customerNo ?? ''}:${s.eventId ?? ''}`;
const rate = (part: number, whole: number) => (whole === 0 ? '—' : formatPercent(part / whole));

/** Who a plan item is about: the customer (a link to the card), or the event by its title. */
function Subject({
  customerNo,
  name,
  eventTitle,
  onOpenCustomer,
}: {
  customerNo: string | null;
  name: string | null;
  eventTitle: string | null;
  onOpenCustomer(no: string): void;
}) {
  return customerNo ? <CustomerLink customerNo={customerNo} name={name ?? ''} onOpen={onOpenCustomer} /> : eventTitle;
}

/** The week's plan: each item, whether and how it was done, marked by hand or removed. */
function PlanItems({
  items,
  onOpenCustomer,
  onAct,
}: {
  items: PlanItem[];
  onOpenCustomer(no: string): void;
  onAct(call: () => Promise<unknown>): void;
}) {
  const { t } = useTranslation();
  const done = items.filter((i) => i.doneDate !== null).length;
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }} data-testid="plan-title">
        {t('plans.items', { done, total: items.length })}
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {t('plans.noItems')}
        </Typography>
      ) : (
        <Table size="small" data-testid="plan-items">
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.id} hover>
                <TableCell sx={{ width: 60, whiteSpace: 'nowrap' }}>{t(`plans.kinds.${item.kind}`)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Subject
                    customerNo={item.customerNo}
                    name={item.name}
                    eventTitle={item.eventTitle}
                    onOpenCustomer={onOpenCustomer}
                  />
                </TableCell>
                <TableCell sx={{ fontSize: 13, color: 'text.secondary', whiteSpace: 'nowrap' }}>
                  {t(`plans.reasons.${item.reason}`)}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {item.doneDate ? (
                    <Chip
                      size="small"
                      color="success"
                      variant="outlined"
                      label={`${t('plans.done')} ${item.doneDate} · ${t(`plans.doneBy.${item.doneBy}`)}`}
                    />
                  ) : (
                    <Chip size="small" variant="outlined" label={t('plans.open')} />
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }} align="right">
                  <Button
                    size="small"
                    onClick={() => onAct(() => invoke('plans.mark', { id: item.id, done: item.doneBy !== 'hand' }))}
                  >
                    {item.doneBy === 'hand' ? t('plans.markUndone') : t('plans.markDone')}
                  </Button>
                  <Button
                    size="small"
                    color="inherit"
                    onClick={() => onAct(() => invoke('plans.remove', { id: item.id }))}
                  >
                    {t('plans.remove')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}

/** The workbench's suggestions for the week, each to pick and add to the plan. */
function Suggestions({
  suggestions,
  week,
  picked,
  onPicked,
  onAdd,
  onOpenCustomer,
}: {
  /** Null while the plan loads. */
  suggestions: PlanSuggestion[] | null;
  week: string;
  picked: Set<string>;
  onPicked(update: (old: Set<string>) => Set<string>): void;
  onAdd(): void;
  onOpenCustomer(no: string): void;
}) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {t('plans.suggestions')}
        </Typography>
        <Button size="small" variant="contained" disabled={picked.size === 0} onClick={onAdd} data-testid="plan-add">
          {t('plans.add', { count: picked.size })}
        </Button>
      </Stack>
      {suggestions && suggestions.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
          {addDays(week, 6) < localToday() ? t('plans.pastWeek') : t('plans.noSuggestions')}
        </Typography>
      ) : (
        <Box sx={{ maxHeight: 520, overflowY: 'auto' }}>
          <Table size="small" data-testid="plan-suggestions">
            <TableBody>
              {(suggestions ?? []).map((s) => {
                const key = suggestionKey(s);
                return (
                  <TableRow key={key} hover>
                    <TableCell padding="checkbox">
                      <Checkbox
                        size="small"
                        checked={picked.has(key)}
                        onChange={(e) =>
                          onPicked((old) => {
                            const next = new Set(old);
                            if (e.target.checked) next.add(key);
                            else next.delete(key);
                            return next;
                          })
                        }
                        inputProps={{ 'aria-label': s.name ?? s.eventTitle ?? key }}
                      />
                    </TableCell>
                    <TableCell sx={{ width: 50, whiteSpace: 'nowrap' }}>{t(`plans.kinds.${s.kind}`)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <Subject
                        customerNo={s.customerNo}
                        name={s.name}
                        eventTitle={s.eventTitle}
                        onOpenCustomer={onOpenCustomer}
                      />
                    </TableCell>
                    <TableCell sx={{ fontSize: 13, color: 'text.secondary' }}>
                      {t(`plans.reasons.${s.reason}`)}
                      {s.date ? ` · ${s.date}` : ''}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}

/** A manager's week: the plan with what is done, and suggestions from the workbench to add. */
function WeekPlan({
  managerCode,
  week,
  version,
  onOpenCustomer,
}: {
  managerCode: string;
  week: string;
  version: number;
  onOpenCustomer(no: string): void;
}) {
  const { t, i18n } = useTranslation();
  const plan = useInvoke('plans.week', managerCode ? { managerCode, week } : null, version);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const { error, attempt } = useAttempt();
  const p = plan.data;
  const add = () =>
    attempt(async () => {
      const chosen = (p?.suggestions ?? []).filter((s) => picked.has(suggestionKey(s)));
      const result = await invoke('plans.add', {
        managerCode,
        week,
        items: chosen.map((s) => ({
          kind: s.kind,
          reason: s.reason,
          ...(s.customerNo ? { customerNo: s.customerNo } : {}),
          ...(s.eventId ? { eventId: s.eventId } : {}),
        })),
      });
      setMessage(
        t('plans.added', {
          added: result.added,
          skipped: result.skipped ? t('plans.skipped', { count: result.skipped }) : '',
        }),
      );
      setPicked(new Set());
      plan.reload();
    });
  const act = (call: () => Promise<unknown>) =>
    attempt(async () => {
      await call();
      plan.reload();
    });

  return (
    <Stack spacing={1.5}>
      {plan.error ? <Alert severity="error">{errorText(plan.error, i18n.language)}</Alert> : null}
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {message ? (
        <Alert severity="success" onClose={() => setMessage(null)}>
          {message}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 1.5, alignItems: 'start' }}>
        <PlanItems items={p?.items ?? []} onOpenCustomer={onOpenCustomer} onAct={(call) => void act(call)} />
        <Suggestions
          suggestions={p?.suggestions ?? null}
          week={week}
          picked={picked}
          onPicked={setPicked}
          onAdd={() => void add()}
          onOpenCustomer={onOpenCustomer}
        />
      </Box>
    </Stack>
  );
}

/** Every manager's week: planned and done. */
function BranchPlansTable({ week }: { week: string }) {
  const { t, i18n } = useTranslation();
  const plans = useInvoke('plans.branch', { week });
  if (plans.error) return <Alert severity="error">{errorText(plans.error, i18n.language)}</Alert>;
  if (plans.data && plans.data.managers.length === 0) return <Alert severity="info">{t('plans.noPlans')}</Alert>;
  return (
    <Paper variant="outlined" sx={{ maxWidth: 700 }}>
      <Table size="small" data-testid="branch-plans">
        <TableHead>
          <TableRow>
            <TableCell>{t('plans.manager')}</TableCell>
            <TableCell align="right">{t('plans.planned')}</TableCell>
            <TableCell align="right">{t('plans.done')}</TableCell>
            <TableCell align="right">{t('plans.completion')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(plans.data?.managers ?? []).map((m) => (
            <TableRow key={m.managerCode}>
              <TableCell>
                {m.managerName ?? m.managerCode}（{m.managerCode}）
              </TableCell>
              <TableCell align="right">{m.planned}</TableCell>
              <TableCell align="right">{m.done}</TableCell>
              <TableCell align="right">{rate(m.done, m.planned)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** Contact coverage per manager and month, contacts and visits on time. */
function CoverageTable({ info }: { info: AppInfo }) {
  const { t, i18n } = useTranslation();
  const latest = info.latestMonth ?? localToday().slice(0, 7);
  const [fromMonth, setFromMonth] = useState(addMonths(latest, -5));
  const [toMonth, setToMonth] = useState(latest);
  const coverage = useInvoke('workbench.coverage', { fromMonth, toMonth });
  const figures = (f: CoverageFigures) => (
    <TableCell key={f.month} align="right" sx={{ whiteSpace: 'nowrap', fontSize: 13 }}>
      {rate(f.onTime, f.customers)}
      <Typography component="span" variant="caption" color="text.secondary">
        {' '}
        / {rate(f.visitsOnTime, f.visitCustomers)}
      </Typography>
    </TableCell>
  );
  const c = coverage.data;
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2}>
        <MonthSelect
          label={t('plans.fromMonth')}
          value={fromMonth}
          months={info.months}
          onChange={setFromMonth}
          width={130}
          testId="coverage-from"
        />
        <MonthSelect
          label={t('plans.toMonth')}
          value={toMonth}
          months={info.months}
          onChange={setToMonth}
          width={130}
          testId="coverage-to"
        />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('plans.coverageHint')}
      </Typography>
      {coverage.error ? <Alert severity="error">{errorText(coverage.error, i18n.language)}</Alert> : null}
      {c && (
        <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="coverage-table">
            <TableHead>
              <TableRow>
                <TableCell>
                  {t('plans.manager')}（{t('plans.contactRate')} / {t('plans.visitRate')}）
                </TableCell>
                {c.branch.map((f) => (
                  <TableCell key={f.month} align="right">
                    {f.month}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {c.managers.map((m) => (
                <TableRow key={m.managerCode} hover>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {m.managerName ?? m.managerCode}（{m.managerCode}）
                  </TableCell>
                  {m.months.map(figures)}
                </TableRow>
              ))}
              <TableRow sx={{ '& td': { fontWeight: 600 } }}>
                <TableCell>{t('plans.branchRow')}</TableCell>
                {c.branch.map(figures)}
              </TableRow>
            </TableBody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

/** 工作计划: a weekly plan per manager from the workbench's suggestions, the branch's plans, contact coverage. */
export function PlansPage({ info, version, onOpenCustomer }: PlansPageProps) {
  const { t } = useTranslation();
  const { staff, can } = useSession();
  const [tab, setTab] = useState<'mine' | 'branch' | 'coverage'>('mine');
  const [week, setWeek] = useState(() => mondayOf(localToday()));
  const managers = info.staff.filter((s) => s.role === 'manager');
  const [managerCode, setManagerCode] = useState(() =>
    staff.role === 'manager' ? staff.code : (managers[0]?.code ?? ''),
  );
  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Typography variant="h6" component="h1">
        {t('plans.title')}
      </Typography>
      <Tabs value={tab} onChange={(_e, v: typeof tab) => setTab(v)}>
        <Tab value="mine" label={t('plans.mine')} data-testid="tab-plan" />
        {can('plans.branch') && <Tab value="branch" label={t('plans.branch')} data-testid="tab-branch-plans" />}
        <Tab value="coverage" label={t('plans.coverage')} data-testid="tab-coverage" />
      </Tabs>
      {tab !== 'coverage' && (
        <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
          <ButtonGroup size="small">
            <Button onClick={() => setWeek(addDays(week, -7))}>{t('care.previous')}</Button>
            <Button onClick={() => setWeek(mondayOf(localToday()))}>{t('plans.thisWeek')}</Button>
            <Button onClick={() => setWeek(addDays(week, 7))}>{t('care.next')}</Button>
          </ButtonGroup>
          <Typography variant="subtitle1" data-testid="plan-week">
            {t('plans.week', { from: week, to: addDays(week, 6) })}
          </Typography>
          {tab === 'mine' && staff.role !== 'manager' && (
            <ManagerSelect staff={info.staff} value={managerCode} onChange={setManagerCode} />
          )}
        </Stack>
      )}
      {tab === 'mine' ? (
        <WeekPlan
          key={`${managerCode}:${week}`}
          managerCode={managerCode}
          week={week}
          version={version}
          onOpenCustomer={onOpenCustomer}
        />
      ) : tab === 'branch' ? (
        <BranchPlansTable week={week} />
      ) : (
        <CoverageTable info={info} />
      )}
    </Stack>
  );
}
