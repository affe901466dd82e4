import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/format';
import type { GettingStarted } from '../../../../shared/schemas/branch';
import { errorText } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';
import { TemplateButton } from '../imports/TemplateButton';

type Step = GettingStarted['steps'][number];

/**
 * 开始使用: a new branch's way to its first tiers — customer master, books, months of 月日均, holdings, rules — each
 * with its state and, for the files, the template to fill in.
 */
export function GettingStartedPage() {
  const { t, i18n } = useTranslation();
  const list = useInvoke('setup.checklist', {});
  const { error, setError } = useAttempt();
  if (!list.data)
    return list.error ? (
      <Alert severity="error">{errorText(list.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  const { steps, monthsNeeded, firstMonth, lastMonth } = list.data;
  const detail = (s: Step) =>
    s.step === 'assets'
      ? t('start.months', { count: s.count, needed: monthsNeeded, from: firstMonth ?? '—', to: lastMonth ?? '—' })
      : s.step === 'rules'
        ? t(s.done ? 'start.rulesSaved' : 'start.rulesDefault', { tiers: s.count })
        : t(`start.counts.${s.step}`, { count: s.count });
  return (
    <Stack spacing={2} sx={{ p: 3, maxWidth: 860 }} data-testid="getting-started">
      <Typography variant="h6" component="h1">
        {t('start.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('start.hint')}
      </Typography>
      {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
      {steps.map((s, i) => (
        <Paper key={s.step} variant="outlined" sx={{ p: 2 }} data-testid={`start-${s.step}`}>
          <Stack direction="row" spacing={2} alignItems="flex-start">
            {s.done ? <CheckCircleIcon color="success" /> : <RadioButtonUncheckedIcon color="disabled" />}
            <Stack spacing={0.5} sx={{ flex: 1 }}>
              <Typography variant="subtitle1">{`${i + 1}. ${t(`start.steps.${s.step}`)}`}</Typography>
              <Typography variant="body2" color="text.secondary">
                {t(`start.explain.${s.step}`)}
              </Typography>
              <Typography variant="body2">
                {detail(s)}
                {s.lastImport ? ` · ${t('start.lastImport', { at: formatDateTime(s.lastImport) })}` : ''}
              </Typography>
            </Stack>
            <Stack spacing={1} alignItems="flex-end">
              {s.step === 'rules' ? (
                <Button size="small" variant="outlined" href="#/rules">
                  {t('start.openRules')}
                </Button>
              ) : (
                <>
                  <Button size="small" variant="outlined" href="#/imports">
                    {t('start.openImport')}
                  </Button>
                  <TemplateButton kind={s.step} label={t('start.template')} onError={setError} />
                </>
              )}
            </Stack>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
