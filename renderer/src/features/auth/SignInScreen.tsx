import LockIcon from '@mui/icons-material/Lock';
import { Alert, Button, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthStatus, SignedIn } from '../../../../shared/schemas/auth';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { CenteredPanel } from './CenteredPanel';

/**
 * 登录: 工号 and PIN or password; on the first run, creating the administrator instead. A locked window (idle) comes
 * back here too.
 */
export function SignInScreen({
  status,
  onSignedIn,
  onSwitchLanguage,
}: {
  status: AuthStatus;
  onSignedIn(staff: SignedIn): void;
  onSwitchLanguage(): void;
}) {
  const { t, i18n } = useTranslation();
  const { error, attempt } = useAttempt();
  const [form, setForm] = useState({ code: '', name: '', secret: '' });
  const fields = fieldErrors(error);
  const setup = status.needsSetup;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () =>
      onSignedIn(
        setup
          ? await invoke('auth.setup', form)
          : await invoke('auth.signIn', { code: form.code, secret: form.secret }),
      ),
    );
  };
  return (
    <CenteredPanel
      icon={<LockIcon color="primary" />}
      title={t('app.title')}
      width={380}
      testId="sign-in"
      onSubmit={submit}
    >
      <Typography variant="body2" color="text.secondary">
        {status.branchName}
      </Typography>
      <Typography variant="subtitle1">{setup ? t('auth.setupTitle') : t('auth.title')}</Typography>
      {setup && <Alert severity="info">{t('auth.setupHint')}</Alert>}
      <TextField
        label={t('auth.code')}
        value={form.code}
        onChange={(e) => setForm({ ...form, code: e.target.value })}
        error={Boolean(fields.code)}
        helperText={fields.code}
        autoFocus
        slotProps={{ htmlInput: { 'data-testid': 'sign-in-code', autoComplete: 'username' } }}
      />
      {setup && (
        <TextField
          label={t('auth.name')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          error={Boolean(fields.name)}
          helperText={fields.name}
          slotProps={{ htmlInput: { 'data-testid': 'sign-in-name' } }}
        />
      )}
      <TextField
        type="password"
        label={t('auth.secret')}
        value={form.secret}
        onChange={(e) => setForm({ ...form, secret: e.target.value })}
        error={Boolean(fields.secret)}
        helperText={fields.secret ?? (setup ? t('auth.secretHint') : undefined)}
        slotProps={{
          htmlInput: { 'data-testid': 'sign-in-secret', autoComplete: setup ? 'new-password' : 'current-password' },
        }}
      />
      {error && !fields.code && !fields.secret && !fields.name ? (
        <Alert severity="error">{errorText(error, i18n.language)}</Alert>
      ) : null}
      <Button type="submit" variant="contained" data-testid="sign-in-submit">
        {setup ? t('auth.setupSubmit') : t('auth.submit')}
      </Button>
      <Button size="small" onClick={onSwitchLanguage}>
        {t('appBar.language')}
      </Button>
    </CenteredPanel>
  );
}
