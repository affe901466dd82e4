import {
  Alert,
  Box,
  Button,
  ButtonGroup,
  Chip,
  CircularProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, lastDayOfMonth, localToday, mondayOf } from '../../../../shared/month';
import type { AppInfo } from '../../../../shared/schemas/app';
import { CARE_KINDS, type CareItem, type CareKind } from '../../../../shared/schemas/workbench';
import { CustomerLink } from '../../components/CustomerLink';
import { ExportButton } from '../../components/ExportButton';
import { TierChip } from '../../components/TierChips';
import { errorText } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useInvoke } from '../../lib/useInvoke';
import { careText, cardSectionOfCare } from './careText';
import type { CardSection } from '../customers/cardSection';
import { useMoney } from '../../lib/money';
import { ManagerSelect } from './ManagerSelect';
import { staffName } from '../../../../shared/staff-name';

/** Items a day's cell lists before "+N". */
const CELL_ITEMS = 3;

interface CarePageProps {
  info: AppInfo;
  onOpenCustomer(customerNo: string, section?: CardSection): void;
}

/** The days a view shows: a month's weeks Monday to Sunday, or one week. */
function periodOf(view: 'month' | 'week', anchor: string): { from: string; to: string; focusMonth: string | null } {
  if (view === 'week') return { from: mondayOf(anchor), to: addDays(mondayOf(anchor), 6), focusMonth: null };
  const month = anchor.slice(0, 7);
  const from = mondayOf(`${month}-01`);
  return { from, to: addDays(mondayOf(lastDayOfMonth(month)), 6), focusMonth: month };
}

/** The anchor a step back or forward: a week, or the first of the month before or after. */
function stepped(view: 'month' | 'week', anchor: string, step: number): string {
  return view === 'week'
    ? addDays(anchor, 7 * step)
    : `${addDays(`${anchor.slice(0, 7)}-15`, 31 * step).slice(0, 7)}-01`;
}

/** The items by their date, in their order. */
function byDate(items: CareItem[]): Map<string, CareItem[]> {
  const byDay = new Map<string, CareItem[]>();
  for (const item of items) byDay.set(item.date, [...(byDay.get(item.date) ?? []), item]);
  return byDay;
}

/** The table of care items (a week, or the day chosen in the month). */
function CareTable({ items, onOpenCustomer }: { items: CareItem[]; onOpenCustomer: CarePageProps['onOpenCustomer'] }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Table size="small" data-testid="care-table">
      <TableHead>
        <TableRow>
          <TableCell>{t('care.date')}</TableCell>
          <TableCell>{t('care.kind')}</TableCell>
          <TableCell>{t('care.customer')}</TableCell>
          <TableCell>{t('care.tier')}</TableCell>
          <TableCell>{t('care.managerCol')}</TableCell>
          <TableCell>{t('care.detail')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <TableRow
            key={`${item.date}-${item.customerNo}-${item.kind}-${item.productName ?? ''}-${item.daysAhead ?? ''}`}
            hover
          >
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{item.date}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`care.kinds.${item.kind}`)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <CustomerLink
                customerNo={item.customerNo}
                name={item.name}
                onOpen={(no) => onOpenCustomer(no, cardSectionOfCare(item))}
              />
            </TableCell>
            <TableCell>
              <TierChip code={item.tierCode} name={item.tierName} />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(item.managerName, item.managerCode) ?? '—'}</TableCell>
            <TableCell sx={{ fontSize: 13 }}>{careText(t, money, item)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

type CareView = 'month' | 'week';

/** Month or week, and back, today, forward. */
function PeriodControls({
  view,
  onView,
  onMove,
  onToday,
}: {
  view: CareView;
  onView(view: CareView): void;
  onMove(step: number): void;
  onToday(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, v: CareView | null) => v && onView(v)}>
        <ToggleButton value="week" data-testid="care-week">
          {t('care.week')}
        </ToggleButton>
        <ToggleButton value="month" data-testid="care-month">
          {t('care.month')}
        </ToggleButton>
      </ToggleButtonGroup>
      <ButtonGroup size="small">
        <Button onClick={() => onMove(-1)}>{t('care.previous')}</Button>
        <Button onClick={onToday}>{t('care.today')}</Button>
        <Button onClick={() => onMove(1)}>{t('care.next')}</Button>
      </ButtonGroup>
    </>
  );
}

/** The kinds of care shown, each a chip that turns it on or off (kept in the table's order). */
function KindChips({ kinds, onChange }: { kinds: CareKind[]; onChange(kinds: CareKind[]): void }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
      {CARE_KINDS.map((kind) => {
        const on = kinds.includes(kind);
        return (
          <Chip
            key={kind}
            label={t(`care.kinds.${kind}`)}
            color={on ? 'primary' : 'default'}
            variant={on ? 'filled' : 'outlined'}
            onClick={() =>
              onChange(on ? kinds.filter((k) => k !== kind) : CARE_KINDS.filter((k) => k === kind || kinds.includes(k)))
            }
            data-testid={`care-kind-${kind}`}
          />
        );
      })}
    </Stack>
  );
}

/** One day of the month grid: its number (today's circled and named), its first items and how many more; dimmed outside the month. */
function DayCell({
  date,
  list,
  outside,
  chosen,
  today,
  onChoose,
}: {
  date: string;
  list: CareItem[];
  outside: boolean;
  chosen: boolean;
  today: boolean;
  onChoose(): void;
}) {
  const { t } = useTranslation();
  return (
    <Box
      onClick={onChoose}
      data-testid={`care-day-${date}`}
      sx={{
        minHeight: 92,
        p: 0.5,
        borderRight: 1,
        borderBottom: 1,
        borderColor: 'divider',
        cursor: 'pointer',
        opacity: outside ? 0.5 : 1,
        bgcolor: chosen ? 'action.selected' : undefined,
        boxShadow: today ? (theme) => `inset 0 0 0 2px ${theme.palette.primary.main}` : undefined,
        overflow: 'hidden',
      }}
    >
      <Stack direction="row" spacing={0.5} alignItems="center">
        <Typography
          variant="caption"
          sx={
            today
              ? {
                  fontWeight: 700,
                  color: 'primary.contrastText',
                  bgcolor: 'primary.main',
                  borderRadius: '50%',
                  minWidth: 20,
                  height: 20,
                  lineHeight: '20px',
                  textAlign: 'center',
                }
              : undefined
          }
        >
          {Number(date.slice(8))}
        </Typography>
        {today && (
          <Typography variant="caption" color="primary" fontWeight={600} data-testid="care-today">
            {t('care.todayMark')}
          </Typography>
        )}
      </Stack>
      {list.slice(0, CELL_ITEMS).map((item) => (
        <Typography
          key={`${item.customerNo}-${item.kind}-${item.productName ?? ''}`}
          variant="caption"
          component="div"
          noWrap
          sx={{ fontSize: 12 }}
        >
          {t(`care.kinds.${item.kind}`)} · {item.name}
        </Typography>
      ))}
      {list.length > CELL_ITEMS ? (
        <Typography variant="caption" color="primary" component="div">
          {t('care.moreItems', { count: list.length - CELL_ITEMS })}
        </Typography>
      ) : null}
    </Box>
  );
}

/** The month's weeks, Monday to Sunday, a cell a day; a cell chooses its day. */
function MonthGrid({
  from,
  to,
  byDay,
  focusMonth,
  day,
  onDay,
}: {
  from: string;
  to: string;
  byDay: Map<string, CareItem[]>;
  focusMonth: string | null;
  day: string | null;
  onDay(day: string): void;
}) {
  const { t } = useTranslation();
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const today = localToday();
  return (
    <Paper
      variant="outlined"
      sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', flexShrink: 0 }}
      data-testid="care-grid"
    >
      {(t('care.weekdays', { returnObjects: true }) as string[]).map((w) => (
        <Box
          key={w}
          sx={{
            p: 0.5,
            textAlign: 'center',
            fontWeight: 600,
            fontSize: 13,
            borderBottom: 1,
            borderColor: 'divider',
            bgcolor: 'grey.50',
          }}
        >
          {w}
        </Box>
      ))}
      {days.map((d) => (
        <DayCell
          key={d}
          date={d}
          list={byDay.get(d) ?? []}
          outside={focusMonth !== null && d.slice(0, 7) !== focusMonth}
          chosen={d === day}
          today={d === today}
          onChoose={() => onDay(d)}
        />
      ))}
    </Paper>
  );
}

/**
 * 关怀日历: birthdays (lunar where the customer keeps it), maturities 30/7/1 days ahead, risk-assessment and ID
 * expiry, anniversaries — a month grid (choose a day for its list) or a week's list; exported as a call list.
 */
export function CarePage({ info, onOpenCustomer }: CarePageProps) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const [view, setView] = useState<CareView>('week');
  const [anchor, setAnchor] = useState(localToday);
  const [managerCode, setManagerCode] = useState(staff.role === 'manager' ? staff.code : '');
  const [kinds, setKinds] = useState<CareKind[]>([...CARE_KINDS]);
  const [day, setDay] = useState<string | null>(null);
  const { from, to, focusMonth } = periodOf(view, anchor);
  const query = {
    from,
    to,
    ...(managerCode ? { managerCode } : {}),
    ...(kinds.length < CARE_KINDS.length ? { kinds } : {}),
  };
  const calendar = useInvoke('care.calendar', kinds.length ? query : null);
  const items = calendar.data?.items ?? [];
  const move = (step: number) => {
    setDay(null);
    setAnchor(stepped(view, anchor, step));
  };
  const byDay = byDate(items);
  const listed = view === 'week' ? items : (byDay.get(day as string) ?? []);

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h1">
          {t('care.title')}
        </Typography>
        <PeriodControls
          view={view}
          onView={(v) => (setView(v), setDay(null))}
          onMove={move}
          onToday={() => (setAnchor(localToday()), setDay(null))}
        />
        <Typography variant="subtitle1" data-testid="care-period">
          {focusMonth ?? `${from} ~ ${to}`}
        </Typography>
        {staff.role !== 'manager' && (
          <ManagerSelect
            staff={info.staff}
            value={managerCode}
            onChange={setManagerCode}
            allLabel={t('care.allManagers')}
          />
        )}
        <ExportButton
          subject={kinds.length ? { template: 'callList', month: from.slice(0, 7), care: query } : null}
          label={t('care.exportCallList')}
        />
        {calendar.loading && <CircularProgress size={18} />}
      </Stack>
      <KindChips kinds={kinds} onChange={setKinds} />
      {calendar.error ? <Alert severity="error">{errorText(calendar.error, i18n.language)}</Alert> : null}
      {calendar.data && calendar.data.total > items.length ? (
        <Alert severity="info">{t('care.truncated', { total: calendar.data.total, shown: items.length })}</Alert>
      ) : null}
      {view === 'month' ? (
        <MonthGrid from={from} to={to} byDay={byDay} focusMonth={focusMonth} day={day} onDay={setDay} />
      ) : null}
      {view === 'month' && day ? (
        <Typography variant="subtitle2" data-testid="care-day-title">
          {t('care.dayTitle', { date: day, count: byDay.get(day)?.length ?? 0 })}
        </Typography>
      ) : null}
      {(view === 'week' || day) && calendar.data ? (
        listed.length === 0 ? (
          <Alert severity="info">{t('care.none')}</Alert>
        ) : (
          // Its full height, however many items: the page scrolls, not a box inside it.
          <Paper variant="outlined" sx={{ overflowX: 'auto', flexShrink: 0 }}>
            <CareTable items={listed} onOpenCustomer={onOpenCustomer} />
          </Paper>
        )
      ) : null}
    </Stack>
  );
}
