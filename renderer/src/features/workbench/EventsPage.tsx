import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/month';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { Staff } from '../../../../shared/schemas/common';
import { EVENT_KINDS, INVITEE_STATUSES, type EventSummary, type Invitee } from '../../../../shared/schemas/workbench';
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import { CustomerLink } from '../../components/CustomerLink';
import { TierChip } from '../../components/TierChips';
import { FormError } from '../../components/FormError';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { DateField } from '../../components/DateField';
import { staffName } from '../../../../shared/staff-name';

interface EventsPageProps {
  info: AppInfo;
  onOpenCustomer(customerNo: string): void;
}

type Draft = ChannelInput<'events.save'>;

/** What kind of event, on which day, and whose. */
function EventWhenFields({
  form,
  onForm,
  fields,
  staff,
}: {
  form: Draft;
  onForm(form: Draft): void;
  fields: Record<string, string>;
  staff: Staff[];
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <TextField
        select
        label={t('events.kind')}
        value={form.kind}
        onChange={(e) => onForm({ ...form, kind: e.target.value as Draft['kind'] })}
        sx={{ width: 160 }}
      >
        {EVENT_KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {t(`events.kinds.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <DateField
        label={t('events.date')}
        value={form.date}
        onChange={(date) => onForm({ ...form, date })}
        error={fields.date}
      />
      <TextField
        select
        label={t('events.owner')}
        value={form.ownerCode}
        onChange={(e) => onForm({ ...form, ownerCode: e.target.value })}
        sx={{ width: 170 }}
      >
        {staff.map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

/** 新建活动 / 编辑: title, kind, date, place, owner, notes. */
function EventDialog({
  draft,
  info,
  onClose,
  onSaved,
}: {
  draft: Draft | null;
  info: AppInfo;
  onClose(): void;
  onSaved(id: number): void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Draft | null>(draft);
  const [shownFor, setShownFor] = useState(draft);
  if (draft !== shownFor) {
    setShownFor(draft);
    setForm(draft);
  }
  const { error, attempt } = useAttempt();
  const fields = fieldErrors(error);
  if (!form) return null;
  const save = () => attempt(async () => onSaved((await invoke('events.save', { ...form })).id));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="event-dialog-title">
      <DialogTitle id="event-dialog-title">{form.id ? t('events.edit') : t('events.create')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} data-testid="event-dialog">
          <TextField
            label={t('events.name')}
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
            error={Boolean(fields.title)}
            helperText={fields.title}
            slotProps={{ htmlInput: { maxLength: 60, 'data-testid': 'event-title' } }}
          />
          <EventWhenFields form={form} onForm={setForm} fields={fields} staff={info.staff} />
          <TextField
            label={t('events.place')}
            value={form.place ?? ''}
            onChange={(e) => setForm({ ...form, place: e.target.value })}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <TextField
            label={t('events.notes')}
            value={form.notes ?? ''}
            onChange={(e) => setForm({ ...form, notes: e.target.value })}
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
          <FormError error={error} fields={fields} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('events.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="event-save">
          {t('events.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** One invitee: attendance and the follow-up result, saved as chosen. */
function InviteeRow({
  eventId,
  invitee,
  onOpenCustomer,
  onSaved,
}: {
  eventId: number;
  invitee: Invitee;
  onOpenCustomer(no: string): void;
  onSaved(): void;
}) {
  const { t, i18n } = useTranslation();
  const [followUp, setFollowUp] = useState(invitee.followUp ?? '');
  const { error, attempt } = useAttempt();
  const save = (status: Invitee['status'], text: string) =>
    attempt(async () => {
      await invoke('events.attendance', {
        eventId,
        customerNo: invitee.customerNo,
        status,
        followUp: text || undefined,
      });
      onSaved();
    });
  return (
    <TableRow hover>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <CustomerLink customerNo={invitee.customerNo} name={invitee.name} onOpen={onOpenCustomer} />
      </TableCell>
      <TableCell>
        <TierChip code={invitee.tierCode} name={invitee.tierName} />
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(invitee.managerName, invitee.managerCode) ?? '—'}</TableCell>
      <TableCell>
        <TextField
          select
          size="small"
          value={invitee.status}
          onChange={(e) => void save(e.target.value as Invitee['status'], followUp)}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { 'aria-label': `${t('events.status')} ${invitee.name}` } }}
        >
          {INVITEE_STATUSES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`events.statuses.${s}`)}
            </MenuItem>
          ))}
        </TextField>
      </TableCell>
      <TableCell sx={{ minWidth: 260 }}>
        <Stack direction="row" spacing={1} alignItems="center">
          <TextField
            size="small"
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            placeholder={t('events.followUp')}
            fullWidth
            slotProps={{ htmlInput: { maxLength: 300 } }}
          />
          <Button
            size="small"
            disabled={followUp === (invitee.followUp ?? '')}
            onClick={() => void save(invitee.status, followUp)}
          >
            {t('events.saveFollowUp')}
          </Button>
        </Stack>
        {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      </TableCell>
    </TableRow>
  );
}

/** A saved segment to invite, and 邀请 (its customers in the latest month). */
function InviteSegment({
  segments,
  segmentId,
  onSegment,
  disabled,
  onInvite,
}: {
  segments: ChannelOutput<'segments.saved'>['segments'];
  segmentId: string;
  onSegment(id: string): void;
  disabled: boolean;
  onInvite(): void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1.5} alignItems="center">
      <TextField
        select
        size="small"
        label={t('events.segment')}
        value={segmentId}
        onChange={(e) => onSegment(e.target.value)}
        sx={{ width: 240 }}
        slotProps={{ htmlInput: { 'data-testid': 'invite-segment' } }}
      >
        {segments.map((s) => (
          <MenuItem key={s.id} value={String(s.id)}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      <Button variant="outlined" disabled={disabled} onClick={onInvite} data-testid="invite-button">
        {t('events.inviteSegment')}
      </Button>
    </Stack>
  );
}

/** The invitees, each with its attendance and follow-up. */
function InviteesTable({
  eventId,
  invitees,
  onOpenCustomer,
  onSaved,
}: {
  eventId: number;
  invitees: Invitee[];
  onOpenCustomer(no: string): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  return (
    <Box sx={{ overflowX: 'auto', maxHeight: 520 }}>
      <Table size="small" stickyHeader data-testid="invitees">
        <TableHead>
          <TableRow>
            <TableCell>{t('care.customer')}</TableCell>
            <TableCell>{t('care.tier')}</TableCell>
            <TableCell>{t('care.managerCol')}</TableCell>
            <TableCell>{t('events.status')}</TableCell>
            <TableCell>{t('events.followUp')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {invitees.map((invitee) => (
            <InviteeRow
              key={invitee.customerNo}
              eventId={eventId}
              invitee={invitee}
              onOpenCustomer={onOpenCustomer}
              onSaved={onSaved}
            />
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** An event's invitees: invite a saved segment, record who came and what came of it. */
function EventDetailPanel({
  eventId,
  info,
  onOpenCustomer,
  onChanged,
}: {
  eventId: number;
  info: AppInfo;
  onOpenCustomer(no: string): void;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useInvoke('events.detail', { eventId });
  const segments = useInvoke('segments.saved', {});
  const [segmentId, setSegmentId] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { error, attempt } = useAttempt();
  const reload = () => {
    detail.reload();
    onChanged();
  };
  const invite = () =>
    attempt(async () => {
      const result = await invoke('events.invite', {
        eventId,
        segmentId: Number(segmentId),
        month: info.latestMonth ?? undefined,
      });
      setMessage(
        t('events.invitedResult', {
          added: result.added,
          already: result.already ? t('events.alreadyInvited', { count: result.already }) : '',
        }),
      );
      reload();
    });
  const d = detail.data;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="event-detail">
      {d && (
        <Stack spacing={1.5}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {d.event.title} · {d.event.date} · {t(`events.kinds.${d.event.kind}`)}
            {d.event.place ? ` · ${d.event.place}` : ''}
          </Typography>
          {d.event.notes ? <Typography variant="body2">{d.event.notes}</Typography> : null}
          <InviteSegment
            segments={segments.data?.segments ?? []}
            segmentId={segmentId}
            onSegment={setSegmentId}
            disabled={!segmentId || !info.latestMonth}
            onInvite={() => void invite()}
          />
          {message ? (
            <Alert severity="success" onClose={() => setMessage(null)}>
              {message}
            </Alert>
          ) : null}
          {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
          {d.invitees.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('events.noInvitees')}
            </Typography>
          ) : (
            <InviteesTable eventId={eventId} invitees={d.invitees} onOpenCustomer={onOpenCustomer} onSaved={reload} />
          )}
        </Stack>
      )}
      {detail.error ? <Alert severity="error">{errorText(detail.error, i18n.language)}</Alert> : null}
    </Paper>
  );
}

/** The events: when, what, whose, and how many were invited, came, stayed away and were followed up. */
function EventsTable({
  events,
  chosen,
  onChoose,
  onEdit,
}: {
  events: EventSummary[];
  chosen: number | null;
  onChoose(id: number): void;
  onEdit(event: EventSummary): void;
}) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="events-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('events.date')}</TableCell>
            <TableCell>{t('events.name')}</TableCell>
            <TableCell>{t('events.kind')}</TableCell>
            <TableCell>{t('events.owner')}</TableCell>
            <TableCell align="right">{t('events.invited')}</TableCell>
            <TableCell align="right">{t('events.attended')}</TableCell>
            <TableCell align="right">{t('events.absent')}</TableCell>
            <TableCell align="right">{t('events.followedUp')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map((e) => (
            <TableRow
              key={e.id}
              hover
              selected={e.id === chosen}
              onClick={() => onChoose(e.id)}
              sx={{ cursor: 'pointer' }}
            >
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{e.date}</TableCell>
              <TableCell>{e.title}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`events.kinds.${e.kind}`)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffName(e.ownerName, e.ownerCode) ?? '—'}</TableCell>
              <TableCell align="right">{e.invited}</TableCell>
              <TableCell align="right">{e.attended}</TableCell>
              <TableCell align="right">{e.absent}</TableCell>
              <TableCell align="right">{e.followedUp}</TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  onClick={(ev) => {
                    ev.stopPropagation();
                    onEdit(e);
                  }}
                >
                  {t('events.edit')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** 客户活动: forums, salons and care visits, invitees from a segment, attendance and follow-up. */
export function EventsPage({ info, onOpenCustomer }: EventsPageProps) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const events = useInvoke('events.list', {});
  const [chosen, setChosen] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const list = events.data?.events ?? [];
  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h6" component="h1">
          {t('events.title')}
        </Typography>
        <Button
          variant="contained"
          size="small"
          onClick={() => setDraft({ title: '', kind: 'salon', date: localToday(), ownerCode: staff.code })}
          data-testid="event-create"
        >
          {t('events.create')}
        </Button>
      </Stack>
      {events.error ? <Alert severity="error">{errorText(events.error, i18n.language)}</Alert> : null}
      {events.data && list.length === 0 ? <Alert severity="info">{t('events.none')}</Alert> : null}
      {list.length > 0 && (
        <EventsTable
          events={list}
          chosen={chosen}
          onChoose={setChosen}
          onEdit={(e) =>
            setDraft({
              id: e.id,
              title: e.title,
              kind: e.kind,
              date: e.date,
              place: e.place ?? undefined,
              ownerCode: e.ownerCode ?? staff.code,
              notes: e.notes ?? undefined,
            })
          }
        />
      )}
      {chosen === null ? (
        list.length > 0 && <Typography color="text.secondary">{t('events.pick')}</Typography>
      ) : (
        <EventDetailPanel
          key={chosen}
          eventId={chosen}
          info={info}
          onOpenCustomer={onOpenCustomer}
          onChanged={events.reload}
        />
      )}
      <EventDialog
        draft={draft}
        info={info}
        onClose={() => setDraft(null)}
        onSaved={(id) => {
          setDraft(null);
          setChosen(id);
          events.reload();
        }}
      />
    </Stack>
  );
}
