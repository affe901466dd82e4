import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import LogoutIcon from '@mui/icons-material/Logout';
import MenuIcon from '@mui/icons-material/Menu';
import SearchIcon from '@mui/icons-material/Search';
import TranslateIcon from '@mui/icons-material/Translate';
import {
  AppBar,
  Box,
  Button,
  Divider,
  Drawer,
  IconButton,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  MenuItem,
  Select,
  Stack,
  Toolbar,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { useMoney } from '../../lib/money';
import { MONEY_UNITS, moneyUnitName, type MoneyUnit } from '../../../../shared/format';
import type { AppInfo } from '../../../../shared/schemas/app';
import { NAV_GROUPS, type PageEntry } from '../../pages';
import { CommandPalette } from './CommandPalette';
import { monthMenuItems } from '../../components/MonthSelect';

/** Wide enough for the longest label on one line: English labels are longer than Chinese ones. */
const NAV_WIDTH = { zh: 184, en: 208 } as const;
const NAV_WIDTH_COLLAPSED = 56;

interface AppShellProps {
  info: AppInfo | null;
  month: string | null;
  onMonthChange(month: string): void;
  onSignOut(): void;
  onSwitchLanguage(): void;
  /** The pages this staff member is offered, in the table's order. */
  pages: readonly PageEntry[];
  /** The route shown. */
  page: string;
  /** Opens a customer's card (from the search palette). */
  onOpenCustomer(customerNo: string): void;
  children: ReactNode;
}

/** Ctrl+K (⌘K) anywhere opens the search palette (`/` stays the customer list's own search). */
function usePaletteShortcut(openPalette: () => void) {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'k') return;
      e.preventDefault();
      openPalette();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openPalette]);
}

/** The left navigation: the pages offered, by group; collapsed, icons only with their names on hover. */
function NavDrawer({ pages, page, collapsed }: { pages: readonly PageEntry[]; page: string; collapsed: boolean }) {
  const { t, i18n } = useTranslation();
  const width = collapsed ? NAV_WIDTH_COLLAPSED : NAV_WIDTH[i18n.language === 'en' ? 'en' : 'zh'];
  return (
    <Drawer
      variant="permanent"
      sx={{
        width,
        flexShrink: 0,
        '& .MuiDrawer-paper': { width, boxSizing: 'border-box', overflowX: 'hidden', transition: 'width 120ms' },
      }}
    >
      <Toolbar variant="dense" />
      <List dense disablePadding>
        {NAV_GROUPS.map((group) => {
          const items = pages.filter((p) => p.group === group);
          if (items.length === 0) return null;
          return (
            <li key={group}>
              <ul style={{ padding: 0 }}>
                {collapsed ? (
                  <Divider sx={{ my: 0.5 }} />
                ) : (
                  <ListSubheader sx={{ lineHeight: '28px', fontSize: 12 }}>{t(`navGroups.${group}`)}</ListSubheader>
                )}
                {items.map(({ route, label, Icon }) => (
                  <Tooltip key={route} title={collapsed ? t(label) : ''} placement="right">
                    <ListItemButton selected={page === route} href={`#/${route}`} component="a">
                      <ListItemIcon sx={{ minWidth: 36 }}>
                        <Icon fontSize="small" />
                      </ListItemIcon>
                      {!collapsed && <ListItemText primary={t(label)} slotProps={{ primary: { noWrap: true } }} />}
                    </ListItemButton>
                  </Tooltip>
                ))}
              </ul>
            </li>
          );
        })}
      </List>
    </Drawer>
  );
}

/** Left navigation (only features that exist) and the app bar: branch, data month, staff member, language. */
export function AppShell({
  info,
  month,
  onMonthChange,
  onSignOut,
  onSwitchLanguage,
  pages,
  page,
  onOpenCustomer,
  children,
}: AppShellProps) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const money = useMoney();
  const [collapsed, setCollapsed] = useState(false);
  const [searching, setSearching] = useState(false);
  const [opening, setOpening] = useState(0);
  const openPalette = useCallback(() => {
    setSearching(true);
    setOpening((n) => n + 1);
  }, []);
  usePaletteShortcut(openPalette);

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
          <Button
            color="inherit"
            onClick={openPalette}
            startIcon={<SearchIcon />}
            data-testid="open-palette"
            sx={{
              flexShrink: 0,
              backgroundColor: 'rgba(255,255,255,0.12)',
              textTransform: 'none',
              px: 1.5,
              '&:hover': { backgroundColor: 'rgba(255,255,255,0.2)' },
            }}
          >
            {t('palette.open')}
            <Box component="kbd" sx={{ ml: 1, fontSize: 11, opacity: 0.8, fontFamily: 'inherit' }}>
              Ctrl K
            </Box>
          </Button>
          {info && info.months.length > 0 && month && (
            <BarSelect label={t('appBar.dataMonth')} value={month} onChange={onMonthChange} testId="data-month">
              {monthMenuItems(info.months, (year) => t('common.yearGroup', { year }))}
            </BarSelect>
          )}
          <BarSelect
            label={t('appBar.moneyUnit')}
            value={money.unit}
            onChange={(unit) => money.setUnit(unit as MoneyUnit)}
            testId="money-unit"
          >
            {MONEY_UNITS.map((unit) => (
              <MenuItem key={unit} value={unit} data-testid={`money-unit-${unit}`}>
                {moneyUnitName(unit, i18n.language)}
              </MenuItem>
            ))}
          </BarSelect>
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
      <NavDrawer pages={pages} page={page} collapsed={collapsed} />
      <CommandPalette
        open={searching}
        opening={opening}
        onClose={() => setSearching(false)}
        pages={pages}
        onOpenCustomer={onOpenCustomer}
        onOpenPage={(route) => {
          window.location.hash = `#/${route}`;
        }}
      />
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
