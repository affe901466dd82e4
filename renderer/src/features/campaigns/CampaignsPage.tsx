import {
  Alert,
  Box,
  Button,
  Link,
  MenuItem,
  Paper,
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
import {
  CAMPAIGN_GOALS,
  MEMBER_STATUSES,
  type Campaign,
  type CampaignGoal,
  type Comparison,
  type MemberQuery,
  type MemberStatus,
} from '../../../../shared/schemas/campaigns';
import { localToday } from '../../../../shared/month';
import { staffName } from '../../../../shared/staff-name';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { FileChooser } from '../../components/FileChooser';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { pickFilesInMain, saveDownload, uploadFile, type HeldFileInfo } from '../../lib/files';
import { useMoney } from '../../lib/money';
import { useSession } from '../../lib/session';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';

/** Members shown per page. */
const PAGE = 100;

interface Form {
  name: string;
  goalKind: CampaignGoal;
  goalTarget: string;
  startDate: string;
  endDate: string;
  contactBy: string;
  holdoutPercent: string;
  by: 'segment' | 'file';
  savedSegmentId: string;
  file: HeldFileInfo | null;
}

/** What the members table is narrowed to: a status, overdue, or one number of the comparison opened. */
type Narrowing = Omit<MemberQuery, 'campaignId' | 'offset' | 'limit' | 'managerCode'>;

/**
 * 营销名单 (docs/domain.md, "Campaign lists"): the campaigns; a campaign's members by status (a 客户经理: their
 * book's), set by hand; for the 支行长 a new campaign, the feedback for head office and the comparison with the hold-out.
 */
export function CampaignsPage({ info, onOpenCustomer }: { info: AppInfo; onOpenCustomer(customerNo: string): void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { error, attempt } = useAttempt();
  const fields = fieldErrors(error);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [narrowing, setNarrowing] = useState<Narrowing>({});
  const [offset, setOffset] = useState(0);
  const list = useInvoke('campaigns.list', {}, version);
  const campaigns = list.data?.campaigns ?? [];
  const current = campaigns.find((c) => c.id === selected) ?? null;
  const members = useInvoke(
    'campaigns.members',
    selected === null ? null : { campaignId: selected, ...narrowing, offset, limit: PAGE },
    version,
  );
  const result = useInvoke(
    'campaigns.result',
    selected !== null && can('campaigns.result') ? { campaignId: selected } : null,
    version,
  );
  const narrow = (next: Narrowing) => {
    setNarrowing(next);
    setOffset(0);
  };
  const choose = (id: number) => {
    setSelected(id);
    narrow({});
  };
  const setStatus = (customerNo: string, status: MemberStatus) =>
    attempt(async () => {
      if (selected === null) return;
      await invoke('campaigns.setStatus', { campaignId: selected, customerNo, status, date: localToday() });
      setVersion((v) => v + 1);
    });
  const feedback = () =>
    attempt(async () => {
      if (selected === null) return;
      const file = await invoke('campaigns.feedback', { campaignId: selected });
      saveDownload(file.fileName, file.base64, 'text/csv');
      setNotice(t('campaigns.feedbackSaved', { file: file.fileName }));
    });
  const [removing, setRemoving] = useState(false);
  const remove = () =>
    attempt(async () => {
      setRemoving(false);
      if (selected === null) return;
      await invoke('campaigns.remove', { campaignId: selected });
      setNotice(t('campaigns.removed', { name: current?.name ?? '' }));
      setSelected(null);
      setVersion((v) => v + 1);
    });
  const [checking, setChecking] = useState(false);
  const checkFile = (getFile: () => Promise<HeldFileInfo | null>) =>
    attempt(async () => {
      if (selected === null) return;
      setChecking(true);
      try {
        const file = await getFile();
        if (!file) return;
        const found = await invoke('campaigns.compareList', { campaignId: selected, fileToken: file.token });
        setNotice(t('campaigns.compared', { file: file.name, ...found }));
      } finally {
        setChecking(false);
      }
    });
  const staffLabel = (code: string | null) =>
    code === null ? '—' : (staffName(info.staff.find((s) => s.code === code)?.name ?? null, code) ?? code);

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Typography variant="h5" component="h1">
        {t('campaigns.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('campaigns.hint')}
      </Typography>
      {can('campaigns.create') && (
        <NewCampaign
          info={info}
          attempt={attempt}
          fields={fields}
          onCreated={(id, text) => {
            setNotice(text);
            setVersion((v) => v + 1);
            choose(id);
          }}
        />
      )}
      {error !== null && <Alert severity="error">{errorText(error, i18n.language)}</Alert>}
      {notice && (
        <Alert severity="success" data-testid="campaign-notice">
          {notice}
        </Alert>
      )}
      <TableContainer>
        <Table size="small" data-testid="campaign-list">
          <TableHead>
            <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
              <TableCell>{t('campaigns.col.name')}</TableCell>
              <TableCell>{t('campaigns.col.goal')}</TableCell>
              <TableCell>{t('campaigns.col.period')}</TableCell>
              <TableCell>{t('campaigns.col.source')}</TableCell>
              <TableCell align="right">{t('campaigns.col.members')}</TableCell>
              <TableCell align="right">{t('campaigns.col.holdout')}</TableCell>
              {MEMBER_STATUSES.map((s) => (
                <TableCell key={s} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {t(`campaigns.status.${s}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {campaigns.map((c) => (
              <TableRow key={c.id} hover selected={c.id === selected}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Link component="button" onClick={() => choose(c.id)} data-testid={`campaign-${c.id}`}>
                    {c.name}
                  </Link>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{goalText(t, c)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {c.startDate} – {c.endDate}
                </TableCell>
                <TableCell>{c.sourceName}</TableCell>
                <TableCell align="right">{c.members}</TableCell>
                <TableCell align="right">{c.holdout}</TableCell>
                {MEMBER_STATUSES.map((s) => (
                  <TableCell key={s} align="right">
                    {c.statuses[s]}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {list.data && campaigns.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('campaigns.none')}
        </Typography>
      )}
      {current && (
        <Stack spacing={1.5} data-testid="campaign-detail">
          <Typography variant="h6" component="h2">
            {current.name}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {t('campaigns.detail', {
              goal: goalText(t, current),
              contactBy: current.contactBy,
              outside: current.outside,
              holdout: current.holdout,
              share: current.holdoutShare === null ? '—' : Math.round(current.holdoutShare * 100),
              seed: current.holdoutSeed === null ? '—' : String(current.holdoutSeed),
              month: current.baselineMonth ?? '—',
            })}
          </Typography>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <TextField
              select
              size="small"
              label={t('campaigns.filterStatus')}
              value={narrowing.status ?? ''}
              onChange={(e) => narrow({ status: (e.target.value || undefined) as MemberStatus | undefined })}
              sx={{ width: 160 }}
              slotProps={{ htmlInput: { 'data-testid': 'campaign-status-filter' } }}
            >
              <MenuItem value="">{t('campaigns.all')}</MenuItem>
              {MEMBER_STATUSES.map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`campaigns.status.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <Button
              variant={narrowing.overdue ? 'contained' : 'outlined'}
              onClick={() => narrow(narrowing.overdue ? {} : { overdue: true })}
              data-testid="campaign-overdue"
            >
              {t('campaigns.overdue')}
            </Button>
            {Object.keys(narrowing).length > 0 && <Button onClick={() => narrow({})}>{t('campaigns.clear')}</Button>}
            {can('campaigns.feedback') && (
              <Button variant="outlined" onClick={feedback} data-testid="campaign-feedback">
                {t('campaigns.feedback')}
              </Button>
            )}
            {can('campaigns.remove') && (
              <Button color="warning" onClick={() => setRemoving(true)} data-testid="campaign-remove">
                {t('campaigns.remove')}
              </Button>
            )}
            {can('campaigns.compareList') && (
              <FileChooser
                label={t('campaigns.compare')}
                accept=".xlsx,.xls,.xlsb,.csv"
                testId="campaign-compare-input"
                variant="outlined"
                busy={checking}
                onPickInMain={() => void checkFile(async () => (await pickFilesInMain())[0] ?? null)}
                onUpload={([file]) => void checkFile(() => uploadFile(file))}
              />
            )}
          </Stack>
          <TableContainer>
            <Table size="small" data-testid="campaign-members">
              <TableHead>
                <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                  <TableCell>{t('campaigns.col.row')}</TableCell>
                  <TableCell>{t('campaigns.col.customerNo')}</TableCell>
                  <TableCell>{t('campaigns.col.customer')}</TableCell>
                  <TableCell>{t('campaigns.col.assigned')}</TableCell>
                  <TableCell>{t('campaigns.col.status')}</TableCell>
                  <TableCell>{t('campaigns.col.statusDate')}</TableCell>
                  <TableCell>{t('campaigns.col.workedBy')}</TableCell>
                  <TableCell>{t('campaigns.col.note')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(members.data?.rows ?? []).map((m) => (
                  <TableRow key={m.customerNo}>
                    <TableCell>{m.rowNo}</TableCell>
                    <TableCell>
                      {m.outside ? (
                        m.customerNo
                      ) : (
                        <Link component="button" onClick={() => onOpenCustomer(m.customerNo)}>
                          {m.customerNo}
                        </Link>
                      )}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {m.outside ? t('campaigns.outside') : (m.name ?? '')}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{staffLabel(m.assignedCode)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {m.holdout ? (
                        t('campaigns.holdoutMember')
                      ) : (
                        <TextField
                          select
                          size="small"
                          variant="standard"
                          value={m.status}
                          onChange={(e) => void setStatus(m.customerNo, e.target.value as MemberStatus)}
                          error={m.overdue}
                          disabled={!can('campaigns.setStatus') || m.outside}
                          slotProps={{ htmlInput: { 'data-testid': `member-status-${m.customerNo}` } }}
                        >
                          {MEMBER_STATUSES.map((s) => (
                            <MenuItem key={s} value={s}>
                              {t(`campaigns.status.${s}`)}
                            </MenuItem>
                          ))}
                        </TextField>
                      )}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.statusDate ?? ''}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.workedBy ? staffLabel(m.workedBy) : ''}</TableCell>
                    <TableCell>{m.note ?? ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {members.data && (
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" color="text.secondary" data-testid="campaign-member-count">
                {t('campaigns.shown', {
                  from: members.data.total === 0 ? 0 : offset + 1,
                  to: offset + members.data.rows.length,
                  count: members.data.total,
                })}
              </Typography>
              <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('campaigns.previous')}
              </Button>
              <Button disabled={offset + PAGE >= members.data.total} onClick={() => setOffset(offset + PAGE)}>
                {t('campaigns.next')}
              </Button>
            </Stack>
          )}
          {result.data && (
            <ResultTable
              result={result.data}
              goal={current.goalKind}
              onOpen={(creditCode, group, achieved) =>
                narrow({ ...(creditCode ? { creditCode } : {}), group, ...(achieved === null ? {} : { achieved }) })
              }
            />
          )}
        </Stack>
      )}
      <ConfirmDialog
        open={removing}
        title={t('campaigns.removeTitle')}
        text={t('campaigns.removeText', { name: current?.name ?? '' })}
        confirmLabel={t('campaigns.remove')}
        color="error"
        testId="campaign-remove-confirm"
        onClose={() => setRemoving(false)}
        onConfirm={remove}
      />
    </Stack>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function goalText(t: T, c: Pick<Campaign, 'goalKind' | 'goalTarget'>): string {
  return `${t(`campaigns.goals.${c.goalKind}`)}${c.goalTarget ? `：${c.goalTarget}` : ''}`;
}

/** The comparison of worked members with the hold-out; every number opens its members. */
function ResultTable({
  result,
  goal,
  onOpen,
}: {
  result: { resultMonth: string | null; total: Comparison; managers: Comparison[]; baselineMonth: string | null };
  goal: CampaignGoal;
  onOpen(creditCode: string | null, group: 'worked' | 'holdout', achieved: boolean | null): void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const value = (v: number | null) =>
    v === null ? '—' : goal === 'aum' ? money.amount(Math.round(v)) : `${(v * 100).toFixed(1)}%`;
  const inUnit = (label: string) => (goal === 'aum' ? money.header(label) : label);
  const number = (n: number, code: string | null, group: 'worked' | 'holdout', achieved: boolean | null) => (
    <Link component="button" onClick={() => onOpen(code, group, achieved)}>
      {n}
    </Link>
  );
  const rows = [result.total, ...result.managers];
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="campaign-result">
      <Typography variant="subtitle1">{t('campaigns.resultTitle')}</Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {result.resultMonth
          ? t('campaigns.resultHint', { from: result.baselineMonth ?? '—', to: result.resultMonth })
          : t('campaigns.noResult')}
      </Typography>
      <TableContainer>
        <Table size="small">
          <TableHead>
            <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
              <TableCell>{t('campaigns.col.manager')}</TableCell>
              <TableCell align="right">{t('campaigns.col.worked')}</TableCell>
              <TableCell align="right">{t('campaigns.col.contacted')}</TableCell>
              <TableCell align="right">{t('campaigns.col.holdout')}</TableCell>
              {goal !== 'aum' && <TableCell align="right">{t('campaigns.col.workedAchieved')}</TableCell>}
              {goal !== 'aum' && <TableCell align="right">{t('campaigns.col.holdoutAchieved')}</TableCell>}
              <TableCell align="right">
                {goal === 'aum' ? money.header(t('campaigns.measure.aum')) : t('campaigns.measure.share')}
              </TableCell>
              <TableCell align="right">{inUnit(t('campaigns.col.holdoutValue'))}</TableCell>
              <TableCell align="right">{inUnit(t('campaigns.col.difference'))}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.managerCode ?? 'total'}>
                <TableCell sx={{ whiteSpace: 'nowrap', fontWeight: r.managerCode ? undefined : 'bold' }}>
                  {r.managerCode ? (staffName(r.managerName, r.managerCode) ?? r.managerCode) : t('campaigns.total')}
                </TableCell>
                <TableCell align="right">{number(r.worked, r.managerCode, 'worked', null)}</TableCell>
                <TableCell align="right">{r.contacted}</TableCell>
                <TableCell align="right">{number(r.holdout, r.managerCode, 'holdout', null)}</TableCell>
                {goal !== 'aum' && (
                  <TableCell align="right">{number(r.workedAchieved ?? 0, r.managerCode, 'worked', true)}</TableCell>
                )}
                {goal !== 'aum' && (
                  <TableCell align="right">{number(r.holdoutAchieved ?? 0, r.managerCode, 'holdout', true)}</TableCell>
                )}
                <TableCell align="right">{value(r.workedValue)}</TableCell>
                <TableCell align="right">{value(r.holdoutValue)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {r.difference === null ? '—' : `${value(r.difference)}（95%：${value(r.low)} ~ ${value(r.high)}）`}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

/** The 支行长's form for a new campaign: from a saved segment as of the data month, or head office's list. */
function NewCampaign({
  info,
  attempt,
  fields,
  onCreated,
}: {
  info: AppInfo;
  attempt(work: () => Promise<void>): Promise<void>;
  fields: Record<string, string>;
  onCreated(id: number, notice: string): void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>({
    name: '',
    goalKind: 'product',
    goalTarget: '',
    startDate: localToday(),
    endDate: localToday(),
    contactBy: '',
    holdoutPercent: '10',
    by: 'file',
    savedSegmentId: '',
    file: null,
  });
  const [reading, setReading] = useState(false);
  const segments = useInvoke('segments.saved', form.by === 'segment' ? {} : null);
  const rules = useInvoke('tiers.rules', form.goalKind === 'tier' ? {} : null);
  const tiers = rules.data?.ruleSets.at(-1)?.tiers ?? [];
  const change = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const choose = (getFile: () => Promise<HeldFileInfo | null>) =>
    attempt(async () => {
      setReading(true);
      try {
        const file = await getFile();
        if (file) change({ file });
      } finally {
        setReading(false);
      }
    });
  const create = () =>
    attempt(async () => {
      const source =
        form.by === 'file'
          ? { by: 'file' as const, fileToken: form.file?.token ?? '' }
          : { by: 'segment' as const, savedSegmentId: Number(form.savedSegmentId), month: info.latestMonth ?? '' };
      const created = await invoke('campaigns.create', {
        name: form.name,
        goalKind: form.goalKind,
        ...(form.goalTarget.trim() ? { goalTarget: form.goalTarget.trim() } : {}),
        startDate: form.startDate,
        endDate: form.endDate,
        ...(form.contactBy ? { contactBy: form.contactBy } : {}),
        holdoutShare: Number(form.holdoutPercent) / 100,
        source,
      });
      onCreated(
        created.campaignId,
        t('campaigns.created', { count: created.members, holdout: created.holdout, outside: created.outside }),
      );
    });

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" gutterBottom>
        {t('campaigns.newTitle')}
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          size="small"
          label={t('campaigns.name')}
          value={form.name}
          onChange={(e) => change({ name: e.target.value })}
          error={Boolean(fields.name)}
          helperText={fields.name}
          sx={{ width: 220 }}
          slotProps={{ htmlInput: { 'data-testid': 'campaign-name' } }}
        />
        <TextField
          select
          size="small"
          label={t('campaigns.goal')}
          value={form.goalKind}
          onChange={(e) => change({ goalKind: e.target.value as CampaignGoal, goalTarget: '' })}
          sx={{ width: 160 }}
          slotProps={{ htmlInput: { 'data-testid': 'campaign-goal' } }}
        >
          {CAMPAIGN_GOALS.map((g) => (
            <MenuItem key={g} value={g}>
              {t(`campaigns.goals.${g}`)}
            </MenuItem>
          ))}
        </TextField>
        {form.goalKind === 'tier' && (
          <TextField
            select
            size="small"
            label={t('campaigns.goalTier')}
            value={form.goalTarget}
            onChange={(e) => change({ goalTarget: e.target.value })}
            sx={{ width: 180 }}
          >
            {tiers.map((tier) => (
              <MenuItem key={tier.code} value={tier.code}>
                {tier.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {form.goalKind === 'product' && (
          <TextField
            size="small"
            label={t('campaigns.goalProduct')}
            value={form.goalTarget}
            onChange={(e) => change({ goalTarget: e.target.value })}
            sx={{ width: 160 }}
            slotProps={{ htmlInput: { 'data-testid': 'campaign-product' } }}
          />
        )}
        <DateField
          size="small"
          label={t('campaigns.startDate')}
          value={form.startDate}
          onChange={(startDate) => change({ startDate })}
          testId="campaign-start"
        />
        <DateField
          size="small"
          label={t('campaigns.endDate')}
          value={form.endDate}
          onChange={(endDate) => change({ endDate })}
          testId="campaign-end"
        />
        <TextField
          size="small"
          type="number"
          label={t('campaigns.holdoutShare')}
          value={form.holdoutPercent}
          onChange={(e) => change({ holdoutPercent: e.target.value })}
          sx={{ width: 140 }}
          slotProps={{ htmlInput: { 'data-testid': 'campaign-holdout', min: 0, max: 50 } }}
        />
        <TextField
          select
          size="small"
          label={t('campaigns.source')}
          value={form.by}
          onChange={(e) => change({ by: e.target.value as Form['by'] })}
          sx={{ width: 160 }}
          slotProps={{ htmlInput: { 'data-testid': 'campaign-source' } }}
        >
          <MenuItem value="file">{t('campaigns.byFile')}</MenuItem>
          <MenuItem value="segment">{t('campaigns.bySegment')}</MenuItem>
        </TextField>
        {form.by === 'segment' ? (
          <TextField
            select
            size="small"
            label={t('campaigns.segment', { month: info.latestMonth ?? '—' })}
            value={form.savedSegmentId}
            onChange={(e) => change({ savedSegmentId: e.target.value })}
            sx={{ width: 240 }}
          >
            {(segments.data?.segments ?? []).map((s) => (
              <MenuItem key={s.id} value={String(s.id)}>
                {s.name}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <Box>
            <FileChooser
              label={form.file ? form.file.name : t('campaigns.chooseFile')}
              accept=".xlsx,.xls,.xlsb,.csv"
              testId="campaign-file-input"
              variant="outlined"
              busy={reading}
              onPickInMain={() => void choose(async () => (await pickFilesInMain())[0] ?? null)}
              onUpload={([file]) => void choose(() => uploadFile(file))}
            />
          </Box>
        )}
        <Button variant="contained" onClick={create} data-testid="campaign-create">
          {t('campaigns.create')}
        </Button>
      </Stack>
    </Paper>
  );
}
