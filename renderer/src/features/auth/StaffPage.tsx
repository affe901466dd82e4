import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
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
import { formatDateTime } from '../../../../shared/format';
import type { AccessSettings, StaffAccount } from '../../../../shared/schemas/auth';
import { StaffRoleSchema, type StaffRole } from '../../../../shared/schemas/common';
import { FormError } from '../../components/FormError';
import { errorText, fieldErrors, invoke } from '../../lib/api';
import { useAttempt } from '../../lib/useAttempt';
import { useInvoke } from '../../lib/useInvoke';

type Draft = { code: string; name: string; role: StaffRole; active: boolean; secret: string; isNew: boolean };

/** The accounts: role, and whether one is inactive, has no PIN or password yet, or is locked. */
function StaffTable({ staff, onEdit }: { staff: StaffAccount[]; onEdit(account: StaffAccount): void }) {
  const { t } = useTranslation();
  return (
    <Table size="small" data-testid="staff-table">
      <TableHead>
        <TableRow>
          <TableCell>{t('auth.code')}</TableCell>
          <TableCell>{t('auth.name')}</TableCell>
          <TableCell>{t('staff.role')}</TableCell>
          <TableCell>{t('staff.state')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {staff.map((a) => (
          <TableRow key={a.code}>
            <TableCell>{a.code}</TableCell>
            <TableCell>{a.name}</TableCell>
            <TableCell>{t(`roles.${a.role}`)}</TableCell>
            <TableCell>
              <Stack direction="row" spacing={0.5}>
                {!a.active && <Chip size="small" label={t('staff.inactive')} />}
                {!a.hasSecret && <Chip size="small" variant="outlined" label={t('staff.noSecret')} />}
                {a.lockedUntil && (
                  <Chip
                    size="small"
                    color="warning"
                    label={t('staff.locked', { until: formatDateTime(a.lockedUntil) })}
                  />
                )}
              </Stack>
            </TableCell>
            <TableCell align="right">
              <Button size="small" onClick={() => onEdit(a)}>
                {t('staff.edit')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** An account's fields: the code only when new; a PIN or password to set (or, when editing, to change). */
function StaffFields({ draft, onChange, error }: { draft: Draft; onChange(draft: Draft): void; error: unknown }) {
  const { t } = useTranslation();
  const fields = fieldErrors(error);
  return (
    <Stack spacing={2} sx={{ pt: 1 }}>
      <TextField
        label={t('auth.code')}
        value={draft.code}
        disabled={!draft.isNew}
        onChange={(e) => onChange({ ...draft, code: e.target.value })}
        error={Boolean(fields.code)}
        helperText={fields.code}
        slotProps={{ htmlInput: { 'data-testid': 'staff-code' } }}
      />
      <TextField
        label={t('auth.name')}
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
        error={Boolean(fields.name)}
        helperText={fields.name}
        slotProps={{ htmlInput: { 'data-testid': 'staff-name' } }}
      />
      <TextField
        select
        label={t('staff.role')}
        value={draft.role}
        onChange={(e) => onChange({ ...draft, role: e.target.value as StaffRole })}
      >
        {StaffRoleSchema.options.map((r) => (
          <MenuItem key={r} value={r}>
            {t(`roles.${r}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="password"
        label={draft.isNew ? t('auth.secret') : t('staff.newSecret')}
        value={draft.secret}
        onChange={(e) => onChange({ ...draft, secret: e.target.value })}
        error={Boolean(fields.secret)}
        helperText={fields.secret ?? t('auth.secretHint')}
        slotProps={{ htmlInput: { 'data-testid': 'staff-secret', autoComplete: 'new-password' } }}
      />
      <FormControlLabel
        control={<Checkbox checked={draft.active} onChange={(e) => onChange({ ...draft, active: e.target.checked })} />}
        label={t('staff.active')}
      />
      <FormError error={error} fields={fields} />
    </Stack>
  );
}

/** 账户与权限 (管理员): staff accounts with their role, PIN or password and locks; the access settings. */
export function StaffPage() {
  const { t } = useTranslation();
  const accounts = useInvoke('staff.list', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const { error, attempt } = useAttempt();
  const save = (d: Draft) =>
    attempt(async () => {
      await invoke('staff.save', {
        code: d.code,
        name: d.name,
        role: d.role,
        active: d.active,
        ...(d.secret ? { secret: d.secret } : {}),
      });
      setDraft(null);
      accounts.reload();
    });
  const edit = (a: StaffAccount) =>
    setDraft({ code: a.code, name: a.name, role: a.role, active: a.active, secret: '', isNew: false });
  return (
    <Stack spacing={2} sx={{ p: 2, overflowY: 'auto', maxWidth: 1100 }}>
      <Typography variant="h6" component="h1">
        {t('staff.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('staff.hint')}
      </Typography>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Stack direction="row" sx={{ mb: 1 }}>
          <Typography variant="subtitle1">{t('staff.accounts')}</Typography>
          <Box sx={{ flexGrow: 1 }} />
          <Button
            size="small"
            startIcon={<PersonAddIcon />}
            onClick={() => setDraft({ code: '', name: '', role: 'manager', active: true, secret: '', isNew: true })}
            data-testid="staff-add"
          >
            {t('staff.add')}
          </Button>
        </Stack>
        <StaffTable staff={accounts.data?.staff ?? []} onEdit={edit} />
      </Paper>
      <AccessSettingsPanel />
      <Dialog open={draft !== null} onClose={() => setDraft(null)} maxWidth="xs" fullWidth>
        <DialogTitle>{draft?.isNew ? t('staff.add') : t('staff.edit')}</DialogTitle>
        {draft && (
          <DialogContent>
            <StaffFields draft={draft} onChange={setDraft} error={error} />
          </DialogContent>
        )}
        <DialogActions>
          <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
          <Button variant="contained" onClick={() => draft && void save(draft)} data-testid="staff-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/** Idle lock, the managers' branch view, what tellers see. */
function AccessSettingsPanel() {
  const { t, i18n } = useTranslation();
  const stored = useInvoke('access.settings', {});
  const [edited, setEdited] = useState<AccessSettings | null>(null);
  const { error, attempt } = useAttempt();
  const settings = edited ?? stored.data?.settings ?? null;
  if (!settings) return null;
  const flag = (key: 'managerBranchView' | 'tellerMasksNames' | 'tellerSeesAggregates') => (
    <FormControlLabel
      control={
        <Checkbox checked={settings[key]} onChange={(e) => setEdited({ ...settings, [key]: e.target.checked })} />
      }
      label={t(`staff.${key}`)}
    />
  );
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>
        {t('staff.access')}
      </Typography>
      <Stack spacing={1} alignItems="flex-start">
        <TextField
          size="small"
          type="number"
          label={t('staff.idleMinutes')}
          value={settings.idleMinutes}
          onChange={(e) => setEdited({ ...settings, idleMinutes: Number(e.target.value) })}
          sx={{ width: 200 }}
        />
        {flag('managerBranchView')}
        {flag('tellerMasksNames')}
        {flag('tellerSeesAggregates')}
        {error ? <Alert severity="error">{errorText(error, i18n.language)}</Alert> : null}
        <Button
          variant="contained"
          size="small"
          disabled={edited === null}
          onClick={() =>
            void attempt(async () => {
              await invoke('access.saveSettings', { settings });
              setEdited(null);
              stored.reload();
            })
          }
        >
          {t('common.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
