import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import {
  Alert,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  IconButton,
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
import type { BenefitCatalogue, BenefitYearBasis } from '../../../../shared/schemas/benefits';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { localToday } from '../../../../shared/month';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { useSession } from '../../lib/session';

interface BenefitDraft {
  code: string;
  name: string;
  yearBasis: BenefitYearBasis;
  heldInWatch: boolean;
  /** Per tier code, as typed: '' not entitled, a number, or 不限. */
  quotas: Record<string, string>;
}

interface Draft {
  validFrom: string;
  benefits: BenefitDraft[];
}

const UNLIMITED = /^(不限|unlimited|∞|\*)$/i;

function toDraft(c: BenefitCatalogue, validFrom: string, unlimited: string): Draft {
  return {
    validFrom,
    benefits: c.benefits.map((b) => ({
      code: b.code,
      name: b.name,
      yearBasis: b.yearBasis,
      heldInWatch: b.heldInWatch,
      quotas: Object.fromEntries(b.quotas.map((q) => [q.tierCode, q.perYear === null ? unlimited : String(q.perYear)])),
    })),
  };
}

/** The draft as a catalogue; a quota that is not a whole number is refused by the main process, which names it. */
function toCatalogue(draft: Draft, tierCodes: string[]): BenefitCatalogue {
  return {
    validFrom: draft.validFrom.trim(),
    benefits: draft.benefits.map((b) => ({
      code: b.code.trim(),
      name: b.name.trim(),
      yearBasis: b.yearBasis,
      heldInWatch: b.heldInWatch,
      quotas: tierCodes
        .filter((code) => (b.quotas[code] ?? '').trim() !== '')
        .map((code) => {
          const typed = b.quotas[code].trim();
          return {
            tierCode: code,
            // Not a whole number: sent as 0, which the main process refuses naming it (NaN would cross as null).
            perYear: UNLIMITED.test(typed) ? null : /^\d+$/.test(typed) ? Number(typed) : 0,
          };
        }),
    })),
  };
}

const EMPTY: BenefitDraft = { code: '', name: '', yearBasis: 'calendar', heldInWatch: true, quotas: {} };

/**
 * 设置 · 客户权益 (docs/domain.md, "Benefits"): the benefit catalogue by 生效月份 — each benefit's yearly quota per
 * tier, its counting year, and whether it is kept during 观察. Read by all, saved by the administrator.
 */
export function BenefitCataloguePage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const stored = useInvoke('benefits.catalogues', {});
  const rules = useInvoke('tiers.rules', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { error, setError, attempt } = useAttempt();
  const editable = can('benefits.saveCatalogue');

  if (!stored.data || !rules.data) {
    const failed = stored.error ?? rules.error;
    return failed ? (
      <Alert severity="error">{errorText(failed, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  }
  const catalogues = stored.data.catalogues;
  const tiers = [...(rules.data.ruleSets.at(-1)?.tiers ?? [])].reverse();
  const tierCodes = tiers.map((tier) => tier.code);
  const latest = catalogues.at(-1);
  const thisMonth = localToday().slice(0, 7);
  const editing: Draft =
    draft ??
    (latest ? toDraft(latest, latest.validFrom, t('benefits.unlimited')) : { validFrom: thisMonth, benefits: [] });
  const fields = fieldErrors(error);
  const err = (path: string) => fields[`catalogue.${path}`];

  const change = (next: Draft) => {
    setDraft(next);
    setDone(null);
    setError(null);
  };
  const setBenefit = (index: number, patch: Partial<BenefitDraft>) =>
    change({ ...editing, benefits: editing.benefits.map((b, i) => (i === index ? { ...b, ...patch } : b)) });
  const open = (c: BenefitCatalogue) => change(toDraft(c, c.validFrom, t('benefits.unlimited')));

  const save = () =>
    attempt(async () => {
      const catalogue = toCatalogue(editing, tierCodes);
      await invoke('benefits.saveCatalogue', { catalogue });
      stored.reload();
      setDone(t('benefits.saved', { month: catalogue.validFrom }));
    });
  const remove = () =>
    attempt(async () => {
      await invoke('benefits.removeCatalogue', { validFrom: editing.validFrom });
      stored.reload();
      setDraft(null);
      setDone(t('benefits.removed', { month: editing.validFrom }));
    });

  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="benefit-catalogue">
      <Typography variant="h6" component="h1">
        {t('benefits.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('benefits.hint')}
      </Typography>
      {!editable && <Alert severity="info">{t('benefits.readOnly')}</Alert>}
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="body2">{t('benefits.versions')}</Typography>
        {catalogues.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('benefits.none')}
          </Typography>
        )}
        {catalogues.map((c) => (
          <Chip
            key={c.validFrom}
            label={c.validFrom}
            color={c.validFrom === editing.validFrom ? 'primary' : 'default'}
            onClick={() => open(c)}
          />
        ))}
      </Stack>
      <TextField
        size="small"
        label={t('benefits.validFrom')}
        value={editing.validFrom}
        onChange={(e) => change({ ...editing, validFrom: e.target.value })}
        error={Boolean(err('validFrom'))}
        helperText={err('validFrom') ?? t('benefits.validFromHint')}
        disabled={!editable}
        sx={{ width: 240 }}
        slotProps={{ htmlInput: { 'data-testid': 'benefit-valid-from' } }}
      />
      <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="benefit-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('benefits.code')}</TableCell>
              <TableCell>{t('benefits.name')}</TableCell>
              <TableCell>{t('benefits.yearBasis')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('benefits.heldInWatch')}</TableCell>
              {tiers.map((tier) => (
                <TableCell key={tier.code} sx={{ whiteSpace: 'nowrap' }}>
                  {tier.name}
                  <Typography variant="caption" color="text.secondary" display="block">
                    {t('benefits.perYearUnit')}
                  </Typography>
                </TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {editing.benefits.map((b, i) => (
              <TableRow key={i}>
                <TableCell>
                  <TextField
                    size="small"
                    value={b.code}
                    onChange={(e) => setBenefit(i, { code: e.target.value })}
                    error={Boolean(err(`benefits.${i}.code`))}
                    helperText={err(`benefits.${i}.code`)}
                    disabled={!editable}
                    sx={{ width: 110 }}
                    slotProps={{ htmlInput: { 'data-testid': `benefit-code-${i}` } }}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={b.name}
                    onChange={(e) => setBenefit(i, { name: e.target.value })}
                    error={Boolean(err(`benefits.${i}.name`))}
                    helperText={err(`benefits.${i}.name`)}
                    disabled={!editable}
                    sx={{ width: 150 }}
                    slotProps={{ htmlInput: { 'data-testid': `benefit-name-${i}` } }}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    value={b.yearBasis}
                    onChange={(e) => setBenefit(i, { yearBasis: e.target.value as BenefitYearBasis })}
                    disabled={!editable}
                    sx={{ width: 130 }}
                  >
                    <MenuItem value="calendar">{t('benefits.calendar')}</MenuItem>
                    <MenuItem value="anniversary">{t('benefits.anniversary')}</MenuItem>
                  </TextField>
                </TableCell>
                <TableCell>
                  <Checkbox
                    checked={b.heldInWatch}
                    onChange={(e) => setBenefit(i, { heldInWatch: e.target.checked })}
                    disabled={!editable}
                  />
                </TableCell>
                {tiers.map((tier) => (
                  <TableCell key={tier.code}>
                    <TextField
                      size="small"
                      value={b.quotas[tier.code] ?? ''}
                      onChange={(e) => setBenefit(i, { quotas: { ...b.quotas, [tier.code]: e.target.value } })}
                      disabled={!editable}
                      sx={{ width: 72 }}
                      slotProps={{ htmlInput: { 'data-testid': `benefit-quota-${i}-${tier.code}` } }}
                    />
                  </TableCell>
                ))}
                <TableCell>
                  {editable && (
                    <IconButton
                      aria-label={t('benefits.remove')}
                      onClick={() => change({ ...editing, benefits: editing.benefits.filter((_, j) => j !== i) })}
                    >
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {done ? <Alert severity="success">{done}</Alert> : null}
      {editable && (
        <Stack direction="row" spacing={2}>
          <Button
            variant="outlined"
            onClick={() => change({ ...editing, benefits: [...editing.benefits, { ...EMPTY, quotas: {} }] })}
            data-testid="benefit-add"
          >
            {t('benefits.add')}
          </Button>
          <Button variant="contained" onClick={() => void save()} data-testid="benefit-save">
            {t('benefits.save')}
          </Button>
          {catalogues.some((c) => c.validFrom === editing.validFrom) && (
            <Button color="error" onClick={() => void remove()}>
              {t('benefits.removeVersion')}
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
