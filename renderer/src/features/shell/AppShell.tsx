import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import BackupIcon from '@mui/icons-material/Backup';
import CakeIcon from '@mui/icons-material/CakeOutlined';
import EventNoteIcon from '@mui/icons-material/EventNote';
import GroupsIcon from '@mui/icons-material/Groups';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import TodayIcon from '@mui/icons-material/Today';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import LogoutIcon from '@mui/icons-material/Logout';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import DonutSmallIcon from '@mui/icons-material/DonutSmall';
import ThumbsUpDownIcon from '@mui/icons-material/ThumbsUpDownOutlined';
import ReportProblemIcon from '@mui/icons-material/ReportProblemOutlined';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import MenuIcon from '@mui/icons-material/Menu';
import GridViewIcon from '@mui/icons-material/GridView';
import LayersIcon from '@mui/icons-material/Layers';
import PeopleAltIcon from '@mui/icons-material/PeopleAlt';
import TranslateIcon from '@mui/icons-material/Translate';
import SettingsIcon from '@mui/icons-material/Settings';
import TuneIcon from '@mui/icons-material/Tune';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  AppBar,
  Box,
  Button,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  MenuItem,
  Select,
  Stack,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/contract';
import { useSession } from '../../lib/session';
import type { AppInfo } from '../../../../shared/schemas/app';

export type Page =
  | 'today'
  | 'care'
  | 'plans'
  | 'events'
  | 'contact-standards'
  | 'tiers'
  | 'segments'
  | 'customers'
  | 'warnings'
  | 'actions'
  | 'complaints'
  | 'surveys'
  | 'migration'
  | 'groups'
  | 'imports'
  | 'rules'
  | 'dimensions'
  | 'warning-settings'
  | 'audit'
  | 'staff'
  | 'backups';

export const PAGES: readonly Page[] = [
  'today',
  'care',
  'plans',
  'events',
  'contact-standards',
  'tiers',
  'segments',
  'customers',
  'warnings',
  'actions',
  'complaints',
  'surveys',
  'migration',
  'groups',
  'imports',
  'rules',
  'dimensions',
  'warning-settings',
  'audit',
  'staff',
  'backups',
];

/** The channel a page reads first: a page is offered only to the roles main lets call it. */
export const PAGE_CHANNELS: Record<Page, Channel> = {
  today: 'workbench.today',
  care: 'care.calendar',
  plans: 'plans.week',
  events: 'events.list',
  'contact-standards': 'workbench.saveStandards',
  tiers: 'tiers.overview',
  segments: 'segments.grid',
  customers: 'customers.page',
  warnings: 'warnings.list',
  actions: 'retention.board',
  complaints: 'complaints.board',
  surveys: 'surveys.results',
  migration: 'migration.report',
  groups: 'groups.report',
  imports: 'imports.history',
  rules: 'tiers.rules',
  dimensions: 'dimensions.settings',
  'warning-settings': 'warnings.settings',
  audit: 'audit.list',
  staff: 'staff.list',
  backups: 'backups.list',
};

const NAV_WIDTH = 184;
const NAV_WIDTH_COLLAPSED = 56;

interface AppShellProps {
  info: AppInfo | null;
  month: string | null;
  onMonthChange(month: string): void;
  onSignOut(): void;
  onSwitchLanguage(): void;
  page: Page;
  children: ReactNode;
}

const NAV_ITEMS: Array<{ page: Page; label: string; Icon: typeof PeopleAltIcon }> = [
  { page: 'today', label: 'nav.today', Icon: TodayIcon },
  { page: 'care', label: 'nav.care', Icon: CakeIcon },
  { page: 'plans', label: 'nav.plans', Icon: EventNoteIcon },
  { page: 'events', label: 'nav.events', Icon: GroupsIcon },
  { page: 'tiers', label: 'nav.tiers', Icon: LayersIcon },
  { page: 'segments', label: 'nav.segments', Icon: GridViewIcon },
  { page: 'customers', label: 'nav.customers', Icon: PeopleAltIcon },
  { page: 'warnings', label: 'nav.warnings', Icon: WarningAmberIcon },
  { page: 'actions', label: 'nav.actions', Icon: TaskAltIcon },
  { page: 'complaints', label: 'nav.complaints', Icon: ReportProblemIcon },
  { page: 'surveys', label: 'nav.surveys', Icon: ThumbsUpDownIcon },
  { page: 'migration', label: 'nav.migration', Icon: CompareArrowsIcon },
  { page: 'groups', label: 'nav.groups', Icon: DonutSmallIcon },
  { page: 'imports', label: 'nav.imports', Icon: UploadFileIcon },
  { page: 'rules', label: 'nav.rules', Icon: TuneIcon },
  { page: 'dimensions', label: 'nav.dimensions', Icon: SettingsIcon },
  { page: 'warning-settings', label: 'nav.warningSettings', Icon: NotificationsActiveIcon },
  { page: 'contact-standards', label: 'nav.contactStandards', Icon: PhoneInTalkIcon },
  { page: 'audit', label: 'nav.audit', Icon: FactCheckIcon },
  { page: 'staff', label: 'nav.staff', Icon: ManageAccountsIcon },
  { page: 'backups', label: 'nav.backups', Icon: BackupIcon },
];

/** Left navigation (only features that exist) and the app bar: branch, data month, staff member, language. */
export function AppShell({ info, month, onMonthChange, onSignOut, onSwitchLanguage, page, children }: AppShellProps) {
  const { t } = useTranslation();
  const { staff, can } = useSession();
  const [collapsed, setCollapsed] = useState(false);
  const width = collapsed ? NAV_WIDTH_COLLAPSED : NAV_WIDTH;

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar position="fixed" elevation={1} sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Tooltip title={collapsed ? t('nav.expand') : t('nav.collapse')}>
            <IconButton
              color="inherit"
              edge="start"
              onClick={() => setCollapsed((c) => !c)}
              aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
            >
              {collapsed ? <MenuIcon /> : <ChevronLeftIcon />}
            </IconButton>
          </Tooltip>
          <Typography variant="h6" noWrap sx={{ fontSize: 17 }}>
            {t('app.title')}
          </Typography>
          <Typography
            variant="body2"
            noWrap
            sx={{ opacity: 0.85, flexShrink: 1, minWidth: 0 }}
            data-testid="branch-name"
          >
            {info?.branchName}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          {info && info.months.length > 0 && month && (
            <BarSelect label={t('appBar.dataMonth')} value={month} onChange={onMonthChange} testId="data-month">
              {info.months.map((m) => (
                <MenuItem key={m} value={m}>
                  {m}
                </MenuItem>
              ))}
            </BarSelect>
          )}
          <Typography variant="body2" noWrap sx={{ flexShrink: 0 }} data-testid="signed-in">
            {staff.name}（{t(`roles.${staff.role}`)} {staff.code}）
          </Typography>
          <Button color="inherit" startIcon={<LogoutIcon />} onClick={onSignOut} data-testid="sign-out">
            {t('auth.signOut')}
          </Button>
          <Button color="inherit" startIcon={<TranslateIcon />} onClick={onSwitchLanguage}>
            {t('appBar.language')}
          </Button>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width, boxSizing: 'border-box', overflowX: 'hidden', transition: 'width 120ms' },
        }}
      >
        <Toolbar variant="dense" />
        <List dense>
          {NAV_ITEMS.filter((item) => can(PAGE_CHANNELS[item.page])).map(({ page: target, label, Icon }) => (
            <Tooltip key={target} title={collapsed ? t(label) : ''} placement="right">
              <ListItemButton selected={page === target} href={`#/${target}`} component="a">
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Icon fontSize="small" />
                </ListItemIcon>
                {!collapsed && <ListItemText primary={t(label)} />}
              </ListItemButton>
            </Tooltip>
          ))}
        </List>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Toolbar variant="dense" />
        {children}
      </Box>
    </Box>
  );
}

interface BarSelectProps {
  label: string;
  value: string;
  onChange(value: string): void;
  testId: string;
  children: ReactNode;
}

/** A compact select on the coloured app bar, its label beside it (a floating label would be cut off). */
function BarSelect({ label, value, onChange, testId, children }: BarSelectProps) {
  return (
    <Stack direction="row" alignItems="center" spacing={1} sx={{ flexShrink: 0 }}>
      <Typography variant="body2" sx={{ opacity: 0.85, whiteSpace: 'nowrap' }}>
        {label}
      </Typography>
      <Select
        size="small"
        value={value}
        displayEmpty
        onChange={(e) => onChange(e.target.value)}
        inputProps={{ 'aria-label': label, 'data-testid': testId }}
        MenuProps={{ slotProps: { paper: { sx: { maxHeight: 360 } } } }}
        sx={{
          color: 'common.white',
          backgroundColor: 'rgba(255,255,255,0.12)',
          '& .MuiSelect-select': { py: 0.5 },
          '& .MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,0.4)' },
          '& .MuiSvgIcon-root': { color: 'common.white' },
        }}
      >
        {children}
      </Select>
    </Stack>
  );
}
