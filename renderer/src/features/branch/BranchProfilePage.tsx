import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import { Alert, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLEAR_DEMO_CONFIRMATION, type BranchProfile, type ClearDemoResult } from '../../../../shared/schemas/branch';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { FormError } from '../../components/FormError';
import { useInvoke } from '../../lib/useInvoke';
import { BranchProfileFields, EMPTY_PROFILE } from './BranchProfileFields';
import { TypedConfirmationDialog } from './TypedConfirmationDialog';

/**
 * 设置 · 支行信息 (管理员): the name, 机构号 and head office every report's title carries. The demo branch cannot be
 * renamed: 清除演示数据 turns it into an empty branch of one's own (typed confirmation, backup first).
 */
export function BranchProfilePage({ onChanged }: { onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('branch.profile', {});
  const [cleared, setCleared] = useState<ClearDemoResult | null>(null);
  const [clearing, setClearing] = useState(false);
  if (!stored.data)
    return stored.error ? (
      <Alert severity="error">{errorText(stored.error, i18n.language)}</Alert>
    ) : (
      <CircularProgress sx={{ m: 3 }} size={24} />
    );
  const changed = () => {
    stored.reload();
    onChanged();
  };
  return (
    <Stack spacing={2} sx={{ p: 3, maxWidth: 640 }} data-testid="branch-profile">
      <Typography variant="h6" component="h1">
        {t('branchProfile.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('branchProfile.hint')}
      </Typography>
      {cleared && (
        <Alert severity="success" data-testid="clear-demo-done">
          {t('branchProfile.cleared', {
            customers: cleared.removed.customers,
            staff: cleared.removed.staff,
            backup: cleared.backup ?? '—',
          })}
        </Alert>
      )}
      {stored.data.demo ? (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack spacing={2}>
            <Alert severity="warning">{t('branchProfile.demo', { name: stored.data.name })}</Alert>
            <Button
              variant="outlined"
              color="error"
              startIcon={<DeleteSweepIcon />}
              onClick={() => setClearing(true)}
              data-testid="clear-demo"
            >
              {t('branchProfile.clearDemo')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <ProfileEditor initial={stored.data} onSaved={changed} />
      )}
      <ClearDemoDialog
        open={clearing}
        onClose={() => setClearing(false)}
        onCleared={(result) => {
          setClearing(false);
          setCleared(result);
          changed();
        }}
      />
    </Stack>
  );
}

/** The branch's own profile, edited and saved. */
function ProfileEditor({ initial, onSaved }: { initial: BranchProfile; onSaved(): void }) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [profile, setProfile] = useState<BranchProfile>({
    name: initial.name,
    code: initial.code,
    headOffice: initial.headOffice,
  });
  const [saved, setSaved] = useState(false);
  const save = () =>
    attempt(async () => {
      setSaved(false);
      await invoke('branch.saveProfile', { profile });
      setSaved(true);
      onSaved();
    });
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={2}>
        <BranchProfileFields profile={profile} onChange={setProfile} error={error} />
        <FormError error={error} fields={fieldErrors(error)} />
        {saved && <Alert severity="success">{t('branchProfile.saved')}</Alert>}
        <Button variant="contained" onClick={() => void save()} data-testid="branch-profile-save">
          {t('common.save')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** The branch's own profile and the typed words, then the clearing (a backup is taken first). */
function ClearDemoDialog({
  open,
  onClose,
  onCleared,
}: {
  open: boolean;
  onClose(): void;
  onCleared(result: ClearDemoResult): void;
}) {
  const { t } = useTranslation();
  const { error, attempt } = useAttempt();
  const [profile, setProfile] = useState(EMPTY_PROFILE);
  const [busy, setBusy] = useState(false);
  const clear = () => {
    setBusy(true);
    void attempt(async () =>
      onCleared(await invoke('branch.clearDemo', { confirmation: CLEAR_DEMO_CONFIRMATION, profile })),
    ).finally(() => setBusy(false));
  };
  return (
    <TypedConfirmationDialog
      open={open}
      title={t('branchProfile.clearTitle')}
      confirmLabel={t('branchProfile.clearDemo')}
      warning={t('branchProfile.clearWhat')}
      words={CLEAR_DEMO_CONFIRMATION}
      busy={busy}
      error={error}
      testId="clear-demo"
      onClose={onClose}
      onConfirm={clear}
    >
      <BranchProfileFields profile={profile} onChange={setProfile} error={error} autoFocus />
    </TypedConfirmationDialog>
  );
}
