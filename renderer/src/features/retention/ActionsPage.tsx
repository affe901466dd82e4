import {
  Alert,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  Switch,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import type { AppInfo } from '../../../../shared/schemas/app';
import type { Staff } from '../../../../shared/schemas/common';
import type { Action } from '../../../../shared/schemas/retention';
import { errorText } from '../../lib/api';
import { SHOW_ALL } from '../../components/SelectField';
import { useInvoke } from '../../lib/useInvoke';
import { ActionsTable } from './ActionsTable';
import { ContactDialog, type ContactTarget } from './ContactDialog';
import { OutcomeDialog } from './OutcomeDialog';
import { RetentionResultsPanel } from './RetentionResultsPanel';

interface ActionsPageProps {
  info: AppInfo;
  /** Changes when the customer card saved something: reload. */
  version: number;
  onOpenCustomer(customerNo: string): void;
}

/** Whose actions (the signed-in manager's own to begin with), and whether closed ones show too. */
function BoardFilters({
  staff,
  ownerCode,
  onOwner,
  includeClosed,
  onIncludeClosed,
}: {
  staff: Staff[];
  ownerCode: string;
  onOwner(code: string): void;
  includeClosed: boolean;
  onIncludeClosed(include: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={2} alignItems="center">
      <TextField
        select
        size="small"
        label={t('actions.owner')}
        value={ownerCode}
        onChange={(e) => onOwner(e.target.value)}
        sx={{ width: 170 }}
        slotProps={SHOW_ALL}
      >
        <MenuItem value="">{t('actions.allOwners')}</MenuItem>
        {staff.map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}（{s.code}）
          </MenuItem>
        ))}
      </TextField>
      <FormControlLabel
        control={<Switch checked={includeClosed} onChange={(e) => onIncludeClosed(e.target.checked)} />}
        label={t('actions.includeClosed')}
      />
    </Stack>
  );
}

/** 保级行动: the board of due and overdue actions per owner, and the results over a period. */
export function ActionsPage({ info, version, onOpenCustomer }: ActionsPageProps) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<'board' | 'results'>('board');
  const { staff } = useSession();
  const managers = info.staff.filter((s) => s.role === 'manager');
  const [ownerCode, setOwnerCode] = useState(() => (managers.some((m) => m.code === staff.code) ? staff.code : ''));
  const [includeClosed, setIncludeClosed] = useState(false);
  const [contactFor, setContactFor] = useState<ContactTarget | null>(null);
  const [outcomeFor, setOutcomeFor] = useState<Action | null>(null);
  const board = useInvoke(
    'retention.board',
    tab === 'board' ? { ...(ownerCode ? { ownerCode } : {}), includeClosed } : null,
    version,
  );

  return (
    <Stack spacing={1.5} sx={{ p: 2, overflowY: 'auto' }}>
      <Typography variant="h6" component="h1">
        {t('actions.title')}
      </Typography>
      <Tabs value={tab} onChange={(_e, value: 'board' | 'results') => setTab(value)}>
        <Tab value="board" label={t('actions.board')} data-testid="tab-board" />
        <Tab value="results" label={t('actions.results')} data-testid="tab-results" />
      </Tabs>
      {tab === 'results' ? (
        <RetentionResultsPanel months={info.months} />
      ) : (
        <>
          <BoardFilters
            staff={info.staff}
            ownerCode={ownerCode}
            onOwner={setOwnerCode}
            includeClosed={includeClosed}
            onIncludeClosed={setIncludeClosed}
          />
          {board.error ? <Alert severity="error">{errorText(board.error, i18n.language)}</Alert> : null}
          {board.data && board.data.actions.length === 0 && <Alert severity="info">{t('actions.empty')}</Alert>}
          {board.data && board.data.actions.length > 0 && (
            <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
              <ActionsTable
                actions={board.data.actions}
                withCustomer
                onOpenCustomer={onOpenCustomer}
                onLogContact={(a) => setContactFor({ customerNo: a.customerNo, name: a.customerName, action: a })}
                onSetOutcome={setOutcomeFor}
                testId="action-board"
              />
            </Paper>
          )}
        </>
      )}
      <ContactDialog
        target={contactFor}
        onClose={() => setContactFor(null)}
        onLogged={() => {
          setContactFor(null);
          board.reload();
        }}
      />
      <OutcomeDialog
        action={outcomeFor}
        onClose={() => setOutcomeFor(null)}
        onSaved={() => {
          setOutcomeFor(null);
          board.reload();
        }}
      />
    </Stack>
  );
}
