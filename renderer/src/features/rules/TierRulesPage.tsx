import {
  Alert,
  Button,
  CircularProgress,
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
import { parseAmountToFen } from '../../../../shared/format';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { TierRulesPreview } from '../../../../shared/schemas/tier-views';
import { ALL_HISTORY, type TierBasis, type TierRuleSet } from '../../../../shared/schemas/tiers';
import { MonthSelect } from '../../components/MonthSelect';
import { TierChip } from '../../components/TierChips';
import { TierMatrixTable } from '../../components/TierMatrixTable';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { Unit } from '../../components/Unit';
import { useInvoke } from '../../lib/useInvoke';
import { useAttempt } from '../../lib/useAttempt';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { useSession } from '../../lib/session';

interface TierDraft {
  code: string;
  name: string;
  /** 万元 as typed. */
  threshold: string;
  grace: string;
  /** Household qualification (docs/domain.md, "Households"): off, every member, or the head's spouse and parents. */
  household: 'off' | 'all' | 'spouseParents';
  /** The member's own minimum, 万元 as typed. */
  householdMin: string;
}

interface Draft {
  validFrom: string;
  basis: TierBasis;
  /** Months without data an assessment is kept for, as typed. */
  missingKept: string;
  tiers: TierDraft[];
}

function toDraft(rules: TierRuleSet, validFrom: string): Draft {
  return {
    validFrom,
    basis: rules.basis,
    missingKept: String(rules.missingMonthsKept),
    tiers: rules.tiers.map((t) => ({
      code: t.code,
      name: t.name,
      threshold: String(t.thresholdFen / 1_000_000),
      grace: String(t.graceMonths),
      household: t.household ? (t.household.spouseParentsOnly ? 'spouseParents' : 'all') : 'off',
      householdMin: String((t.household?.minOwnFen ?? 0) / 1_000_000),
    })),
  };
}

/** The draft as a rule set; a threshold or grace that is not a number becomes NaN and the main process names it. */
function toRuleSet(draft: Draft): TierRuleSet {
  return {
    validFrom: draft.validFrom,
    basis: draft.basis,
    missingMonthsKept: /^\d+$/.test(draft.missingKept.trim()) ? Number(draft.missingKept) : Number.NaN,
    tiers: draft.tiers.map((t) => ({
      code: t.code,
      name: t.name.trim(),
      thresholdFen: parseAmountToFen(t.threshold, 'wan') ?? Number.NaN,
      graceMonths: /^\d+$/.test(t.grace.trim()) ? Number(t.grace) : Number.NaN,
      ...(t.household === 'off'
        ? {}
        : {
            household: {
              spouseParentsOnly: t.household === 'spouseParents',
              minOwnFen: parseAmountToFen(t.householdMin, 'wan') ?? Number.NaN,
            },
          }),
    })),
  };
}

/**
 * Where a new rule set starts to begin with (docs/domain.md, "Tiers"): the branch's first one from the earliest month
 * with data (so it governs all of it), a later one from the data month chosen in the app bar.
 */
function defaultValidFrom(ruleSets: TierRuleSet[], info: AppInfo, month: string | null): string | null {
  const earliest = [...info.months].sort()[0] ?? null;
  if (ruleSets.every((r) => r.validFrom === ALL_HISTORY)) return earliest;
  return month ?? info.latestMonth;
}

/** From which month the rules apply (or to all history), and what they compare: 月日均 or the month-end balance. */
function RuleSetFields({ editing, info, onChange }: { editing: Draft; info: AppInfo; onChange(draft: Draft): void }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2}>
      <MonthSelect
        label={t('rules.validFrom')}
        value={editing.validFrom}
        months={info.months}
        extra={[{ value: ALL_HISTORY, label: t('rules.allHistory') }]}
        onChange={(validFrom) => onChange({ ...editing, validFrom })}
        width={180}
        testId="rules-valid-from"
      />
      <TextField
        select
        size="small"
        label={t('rules.basis')}
        value={editing.basis}
        onChange={(e) => onChange({ ...editing, basis: e.target.value as TierBasis })}
        sx={{ width: 200 }}
      >
        <MenuItem value="avg">{t('rules.basisAvg')}</MenuItem>
        <MenuItem value="month_end">{t('rules.basisMonthEnd')}</MenuItem>
      </TextField>
      <TextField
        size="small"
        label={t('rules.missingKept')}
        value={editing.missingKept}
        onChange={(e) => onChange({ ...editing, missingKept: e.target.value })}
        helperText={t('rules.missingKeptHint')}
        slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'rules-missing-kept' } }}
        sx={{ width: 260 }}
      />
    </Stack>
  );
}

/** Each tier's name, threshold in 万元 and grace in months, with what is wrong under each. */
function TiersTable({
  tiers,
  errors,
  onTier,
}: {
  tiers: TierDraft[];
  errors: Record<string, string>;
  onTier(index: number, patch: Partial<TierDraft>): void;
}) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined">
      <Table size="small" data-testid="rules-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('rules.code')}</TableCell>
            <TableCell>{t('rules.name')}</TableCell>
            <TableCell>{t('rules.threshold')}</TableCell>
            <TableCell>{t('rules.grace')}</TableCell>
            <TableCell>{t('rules.household')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tiers.map((tier, i) => {
            const err = (field: string) => errors[`rules.tiers.${i}.${field}`];
            return (
              <TableRow key={tier.code}>
                <TableCell>
                  <TierChip code={tier.code} name={tier.code} />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={tier.name}
                    onChange={(e) => onTier(i, { name: e.target.value })}
                    error={!!err('name')}
                    helperText={err('name')}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={tier.threshold}
                    onChange={(e) => onTier(i, { threshold: e.target.value })}
                    error={!!err('thresholdFen')}
                    helperText={err('thresholdFen')}
                    slotProps={{
                      htmlInput: { 'data-testid': `threshold-${tier.code}`, inputMode: 'decimal' },
                      input: { endAdornment: <Unit>{t('units.wan')}</Unit> },
                    }}
                    sx={{ width: 180 }}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={tier.grace}
                    onChange={(e) => onTier(i, { grace: e.target.value })}
                    error={!!err('graceMonths')}
                    helperText={err('graceMonths')}
                    sx={{ width: 120 }}
                    slotProps={{ input: { endAdornment: <Unit>{t('rules.months')}</Unit> } }}
                  />
                </TableCell>
                <TableCell>
                  {i > 0 && (
                    <Stack direction="row" spacing={1}>
                      <TextField
                        select
                        size="small"
                        value={tier.household}
                        onChange={(e) => onTier(i, { household: e.target.value as TierDraft['household'] })}
                        sx={{ width: 150 }}
                        slotProps={{ htmlInput: { 'data-testid': `household-${tier.code}` } }}
                      >
                        <MenuItem value="off">{t('rules.householdOff')}</MenuItem>
                        <MenuItem value="all">{t('rules.householdAll')}</MenuItem>
                        <MenuItem value="spouseParents">{t('rules.householdSpouseParents')}</MenuItem>
                      </TextField>
                      {tier.household !== 'off' && (
                        <TextField
                          size="small"
                          label={t('rules.householdMin')}
                          value={tier.householdMin}
                          onChange={(e) => onTier(i, { householdMin: e.target.value })}
                          error={!!err('household.minOwnFen')}
                          helperText={err('household.minOwnFen')}
                          sx={{ width: 150 }}
                          slotProps={{
                            htmlInput: { inputMode: 'decimal' },
                            input: { endAdornment: <Unit>{t('units.wan')}</Unit> },
                          }}
                        />
                      )}
                    </Stack>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** Who would move in the 生效月份 (today's tiers against the proposed ones), and which months the rules would govern. */
function RulesPreview({ preview }: { preview: TierRulesPreview }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="rules-preview">
      <Typography variant="subtitle1">
        {t('rules.previewTitle', { month: preview.month, moved: preview.moved })}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="rules-governed">
        {t('rules.governed', {
          from: preview.governed.from,
          to: preview.governed.to,
          months: preview.governed.months.toLocaleString(),
        })}
      </Typography>
      <TierMatrixTable
        corner={t('rules.nowVsProposed')}
        rows={preview.rows}
        columns={preview.columns}
        cells={preview.cells}
        withNotAssessed={false}
        highlightMoves
        testId="rules-preview-matrix"
      />
    </Paper>
  );
}

/** 设置 → 分层规则: edit thresholds, names and grace; preview who moves in the 生效月份; save and recompute. */
export function TierRulesPage({
  info,
  month,
  onSaved,
}: {
  info: AppInfo;
  /** The data month chosen in the app bar. */
  month: string | null;
  onSaved(): void;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const stored = useInvoke('tiers.rules', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<TierRulesPreview | null>(null);
  const job = useJob();
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const { error, setError, attempt } = useAttempt();
  const [saved, setSaved] = useState<string | null>(null);

  const ruleSets = stored.data?.ruleSets ?? [];
  const current = ruleSets[ruleSets.length - 1];
  const editing =
    draft ?? (current ? toDraft(current, defaultValidFrom(ruleSets, info, month) ?? current.validFrom) : null);
  if (!editing) return <CircularProgress sx={{ m: 3 }} size={24} />;

  const change = (next: Draft) => {
    setDraft(next);
    setPreview(null);
    setSaved(null);
    setError(null);
  };
  const setTier = (index: number, patch: Partial<TierDraft>) =>
    change({ ...editing, tiers: editing.tiers.map((tier, i) => (i === index ? { ...tier, ...patch } : tier)) });

  const run = async (kind: 'preview' | 'save') => {
    setBusy(kind);
    await attempt(async () => {
      if (kind === 'preview') {
        setPreview(await invoke('tiers.previewRules', { rules: toRuleSet(editing) }));
      } else {
        const result = await job.run({ kind: 'tiers.saveRules', rules: toRuleSet(editing) });
        setSaved(t('rules.saved', { months: result.months, customers: result.customers }));
        setPreview(null);
        stored.reload();
        onSaved();
      }
    });
    setBusy(null);
  };

  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1100 }}>
      <Typography variant="h6" component="h1">
        {t('rules.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('rules.hint')}
      </Typography>
      <RuleSetFields editing={editing} info={info} onChange={change} />
      <TiersTable tiers={editing.tiers} errors={fieldErrors(error)} onTier={setTier} />
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {saved ? <Alert severity="success">{saved}</Alert> : null}
      <Stack direction="row" spacing={2} sx={{ display: can('tiers.previewRules') ? undefined : 'none' }}>
        <Button
          variant="outlined"
          onClick={() => void run('preview')}
          disabled={busy !== null}
          startIcon={busy === 'preview' ? <CircularProgress size={16} /> : undefined}
        >
          {t('rules.preview')}
        </Button>
        <Button
          variant="contained"
          onClick={() => void run('save')}
          disabled={busy !== null || preview === null}
          startIcon={busy === 'save' ? <CircularProgress size={16} /> : undefined}
        >
          {t('rules.save')}
        </Button>
      </Stack>
      {preview && <RulesPreview preview={preview} />}
      <JobProgressDialog progress={job.progress} title={t('rules.savingTitle')} />
    </Stack>
  );
}
