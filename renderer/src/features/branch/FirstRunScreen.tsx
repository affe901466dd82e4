import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { FormError } from '../../components/FormError';
import { JobProgressDialog, useJob } from '../../components/JobProgressDialog';
import { CenteredPanel } from '../auth/CenteredPanel';
import { BranchProfileFields, EMPTY_PROFILE } from './BranchProfileFields';

/**
 * 首次使用: no database yet. 建立本支行 (an empty branch with its profile; the administrator comes next) or 载入演示支行
 * (invented customers, labelled 演示数据, cleared later from 设置 · 支行信息).
 */
export function FirstRunScreen({ onCreated, onSwitchLanguage }: { onCreated(): void; onSwitchLanguage(): void }) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [profile, setProfile] = useState(EMPTY_PROFILE);
  const [busy, setBusy] = useState<'branch' | 'demo' | null>(null);
  // The demo branch takes a few seconds: a job, its phases shown (生成客户, 写入, 计算分层).
  const demo = useJob();
  const run = (which: 'branch' | 'demo', work: () => Promise<unknown>) => {
    setBusy(which);
    void attempt(async () => {
      await work();
      onCreated();
    }).finally(() => setBusy(null));
  };
  const createBranch = (e: FormEvent) => {
    e.preventDefault();
    run('branch', () => invoke('setup.createBranch', { profile }));
  };
  return (
    <CenteredPanel
      icon={<AccountBalanceIcon color="primary" />}
      title={t('firstRun.title')}
      width={760}
      testId="first-run"
    >
      <Typography variant="body2" color="text.secondary">
        {t('firstRun.intro')}
      </Typography>
      <FormError error={error} fields={fieldErrors(error)} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
        <Paper variant="outlined" component="form" noValidate onSubmit={createBranch} sx={{ p: 2 }}>
          <Stack spacing={2}>
            <Typography variant="subtitle1">{t('firstRun.ownTitle')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('firstRun.ownHint')}
            </Typography>
            <BranchProfileFields profile={profile} onChange={setProfile} error={error} autoFocus />
            <Button type="submit" variant="contained" disabled={busy !== null} data-testid="first-run-create">
              {busy === 'branch' ? <CircularProgress size={20} /> : t('firstRun.create')}
            </Button>
          </Stack>
        </Paper>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack spacing={2}>
            <Typography variant="subtitle1">{t('firstRun.demoTitle')}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('firstRun.demoHint')}
            </Typography>
            <Button
              variant="outlined"
              disabled={busy !== null}
              onClick={() => run('demo', () => demo.run({ kind: 'setup.loadDemo' }))}
              data-testid="first-run-demo"
            >
              {t('firstRun.loadDemo')}
            </Button>
          </Stack>
        </Paper>
      </Box>
      <JobProgressDialog progress={demo.progress} title={t('firstRun.demoBusy')} note={t('firstRun.demoNote')} />
      <Box>
        <Button size="small" onClick={onSwitchLanguage}>
          {t('appBar.language')}
        </Button>
      </Box>
    </CenteredPanel>
  );
}
