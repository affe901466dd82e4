import {
  Alert,
  Button,
  CircularProgress,
  FormControlLabel,
  Paper,
  Stack,
  Switch,
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
import {
  BONUS_EVENTS,
  defaultLoyaltyRuleSet,
  TEN_THOUSAND_YUAN_FEN,
  type Gift,
  type LoyaltyRuleSet,
} from '../../../../shared/schemas/loyalty';
import { ApiError, errorText, invoke } from '../../lib/api';
import { useInvoke } from '../../lib/useInvoke';

/** The form's text per field (`multipliers.T2`, `bonus.event` …), as typed. */
type Draft = Record<string, string>;

const toDraft = (rules: LoyaltyRuleSet, tierCodes: string[]): Draft => ({
  validFrom: rules.validFrom,
  enabled: rules.enabled ? '1' : '0',
  unitWan: String(rules.unitFen / TEN_THOUSAND_YUAN_FEN),
  pointsPerUnit: String(rules.pointsPerUnit),
  expireAfterYears: String(rules.expireAfterYears),
  ...Object.fromEntries(
    tierCodes.map((code) => [
      `multipliers.${code}`,
      String(rules.multipliers.find((m) => m.tierCode === code)?.multiplier ?? 1),
    ]),
  ),
  ...Object.fromEntries(BONUS_EVENTS.map((k) => [`bonus.${k}`, String(rules.bonus[k])])),
});

/** Typed text as a number; what is not one goes as NaN, refused by main naming the field. */
const num = (text: string | undefined): number => {
  const trimmed = (text ?? '').trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};

const toRules = (draft: Draft, tierCodes: string[]): LoyaltyRuleSet => ({
  validFrom: draft.validFrom.trim(),
  enabled: draft.enabled === '1',
  unitFen: Math.round(num(draft.unitWan) * TEN_THOUSAND_YUAN_FEN),
  pointsPerUnit: num(draft.pointsPerUnit),
  expireAfterYears: num(draft.expireAfterYears),
  multipliers: tierCodes.map((tierCode) => ({ tierCode, multiplier: num(draft[`multipliers.${tierCode}`]) })),
  bonus: {
    event: num(draft['bonus.event']),
    survey: num(draft['bonus.survey']),
    referral: num(draft['bonus.referral']),
  },
});

/** The field an error names (`rules.multipliers.T2` → `multipliers.T2`). */
const erroredField = (error: unknown): string | null => {
  if (!(error instanceof ApiError)) return null;
  const field = error.body.details?.field;
  if (typeof field === 'string') return field.replace(/^rules\./, '').replace(/^gift\./, '');
  const issues = (error.body.details?.issues ?? []) as Array<{ field: string }>;
  return issues[0]?.field.replace(/^rules\./, '').replace(/^gift\./, '') ?? null;
};

/**
 * 设置 · 积分计划 (docs/domain.md, "Loyalty points"): the plan's rule versions (off until one is saved on), a version's
 * form, and the gift catalogue with its points prices and stock.
 */
export function LoyaltySettingsPage({ month }: { month: string | null }) {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('loyalty.settings', {});
  const tierRules = useInvoke('tiers.rules', {});
  const tierCodes = (tierRules.data?.ruleSets.at(-1)?.tiers ?? []).map((tier) => tier.code);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string; field: string | null } | null>(null);
  const [gift, setGift] = useState<Record<keyof Gift, string>>({
    code: '',
    name: '',
    pointsPrice: '',
    stock: '',
    active: '1',
  });
  const [giftMessage, setGiftMessage] = useState<{ ok: boolean; text: string; field: string | null } | null>(null);

  if (!stored.data || !tierRules.data) {
    const error = stored.error ?? tierRules.error;
    return error ? (
      <Alert severity="error">{errorText(error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  }
  // Until edited, the form shows the latest version (or the defaults from the data month).
  const form =
    draft ??
    toDraft(
      stored.data.ruleSets.at(-1) ?? defaultLoyaltyRuleSet(month ?? new Date().toISOString().slice(0, 7)),
      tierCodes,
    );
  const field = (key: string, label: string) => (
    <TextField
      key={key}
      size="small"
      label={label}
      value={form[key] ?? ''}
      onChange={(e) => setDraft({ ...form, [key]: e.target.value })}
      error={message?.field === key}
      sx={{ width: 200 }}
      inputProps={{ 'data-testid': `loyalty-${key}` }}
    />
  );
  const saveRules = async () => {
    try {
      const summary = await invoke('loyalty.saveRules', { rules: toRules(form, tierCodes) });
      setMessage({ ok: true, text: t('loyalty.rulesSaved', summary), field: null });
      stored.reload();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e, i18n.language), field: erroredField(e) });
    }
  };
  const saveGift = async () => {
    try {
      await invoke('loyalty.saveGift', {
        gift: {
          code: gift.code,
          name: gift.name,
          pointsPrice: num(gift.pointsPrice),
          stock: num(gift.stock),
          active: gift.active === '1',
        },
      });
      setGiftMessage({ ok: true, text: t('loyalty.giftSaved'), field: null });
      setGift({ code: '', name: '', pointsPrice: '', stock: '', active: '1' });
      stored.reload();
    } catch (e) {
      setGiftMessage({ ok: false, text: errorText(e, i18n.language), field: erroredField(e) });
    }
  };
  const giftField = (key: keyof Gift, label: string) => (
    <TextField
      size="small"
      label={label}
      value={gift[key]}
      onChange={(e) => setGift({ ...gift, [key]: e.target.value })}
      error={giftMessage?.field === key}
      sx={{ width: 160 }}
      inputProps={{ 'data-testid': `gift-${key}` }}
    />
  );
  const ruleSets = stored.data?.ruleSets ?? [];
  const gifts = stored.data?.gifts ?? [];
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="loyalty-settings">
      <Typography variant="h6">{t('loyalty.settingsTitle')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {t('loyalty.settingsHint')}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1">{t('loyalty.versions')}</Typography>
        {ruleSets.length === 0 ? (
          <Alert severity="info" sx={{ mt: 1 }}>
            {t('loyalty.noVersions')}
          </Alert>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('loyalty.validFrom')}</TableCell>
                <TableCell>{t('loyalty.enabled')}</TableCell>
                <TableCell align="right">{t('loyalty.unitWan')}</TableCell>
                <TableCell align="right">{t('loyalty.pointsPerUnit')}</TableCell>
                <TableCell>{t('loyalty.analysisColumns.tier')}</TableCell>
                <TableCell align="right">{t('loyalty.expireAfterYears')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {ruleSets.map((r) => (
                <TableRow
                  key={r.validFrom}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => setDraft(toDraft(r, tierCodes))}
                >
                  <TableCell>{r.validFrom}</TableCell>
                  <TableCell>{r.enabled ? t('loyalty.yes') : t('loyalty.no')}</TableCell>
                  <TableCell align="right">{r.unitFen / TEN_THOUSAND_YUAN_FEN}</TableCell>
                  <TableCell align="right">{r.pointsPerUnit}</TableCell>
                  <TableCell>{r.multipliers.map((m) => `${m.tierCode}×${m.multiplier}`).join('  ')}</TableCell>
                  <TableCell align="right">{r.expireAfterYears}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ mt: 2 }} alignItems="center">
          {field('validFrom', t('loyalty.validFrom'))}
          <FormControlLabel
            control={
              <Switch
                checked={form.enabled === '1'}
                onChange={(e) => setDraft({ ...form, enabled: e.target.checked ? '1' : '0' })}
                inputProps={{ 'data-testid': 'loyalty-enabled' } as React.InputHTMLAttributes<HTMLInputElement>}
              />
            }
            label={t('loyalty.enabled')}
          />
          {field('unitWan', t('loyalty.unitWan'))}
          {field('pointsPerUnit', t('loyalty.pointsPerUnit'))}
          {field('expireAfterYears', t('loyalty.expireAfterYears'))}
        </Stack>
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ mt: 2 }}>
          {tierCodes.map((code) => field(`multipliers.${code}`, t('loyalty.multiplier', { tier: code })))}
        </Stack>
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ mt: 2 }}>
          {BONUS_EVENTS.map((k) => field(`bonus.${k}`, t('loyalty.bonusPoints', { event: t(`loyalty.events.${k}`) })))}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mt: 2 }} alignItems="center">
          <Button variant="contained" onClick={saveRules} data-testid="loyalty-save-rules">
            {t('loyalty.saveRules')}
          </Button>
          {message && (
            <Alert severity={message.ok ? 'success' : 'error'} data-testid="loyalty-rules-message">
              {message.text}
            </Alert>
          )}
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1">{t('loyalty.gifts')}</Typography>
        {gifts.length === 0 ? (
          <Alert severity="info" sx={{ mt: 1 }}>
            {t('loyalty.noGifts')}
          </Alert>
        ) : (
          <Table size="small" data-testid="loyalty-gifts">
            <TableHead>
              <TableRow>
                <TableCell>{t('loyalty.giftCode')}</TableCell>
                <TableCell>{t('loyalty.giftName')}</TableCell>
                <TableCell align="right">{t('loyalty.pointsPrice')}</TableCell>
                <TableCell align="right">{t('loyalty.stock')}</TableCell>
                <TableCell>{t('loyalty.active')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {gifts.map((g) => (
                <TableRow
                  key={g.code}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() =>
                    setGift({
                      code: g.code,
                      name: g.name,
                      pointsPrice: String(g.pointsPrice),
                      stock: String(g.stock),
                      active: g.active ? '1' : '0',
                    })
                  }
                >
                  <TableCell>{g.code}</TableCell>
                  <TableCell>{g.name}</TableCell>
                  <TableCell align="right">{g.pointsPrice}</TableCell>
                  <TableCell align="right">{g.stock}</TableCell>
                  <TableCell>{g.active ? t('loyalty.yes') : t('loyalty.no')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ mt: 2 }} alignItems="center">
          {giftField('code', t('loyalty.giftCode'))}
          {giftField('name', t('loyalty.giftName'))}
          {giftField('pointsPrice', t('loyalty.pointsPrice'))}
          {giftField('stock', t('loyalty.stock'))}
          <FormControlLabel
            control={
              <Switch
                checked={gift.active === '1'}
                onChange={(e) => setGift({ ...gift, active: e.target.checked ? '1' : '0' })}
              />
            }
            label={t('loyalty.active')}
          />
          <Button variant="contained" onClick={saveGift} data-testid="loyalty-save-gift">
            {t('loyalty.saveGift')}
          </Button>
          {giftMessage && (
            <Alert severity={giftMessage.ok ? 'success' : 'error'} data-testid="loyalty-gift-message">
              {giftMessage.text}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
