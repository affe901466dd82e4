import PersonIcon from '@mui/icons-material/PersonOutline';
import SearchIcon from '@mui/icons-material/Search';
import {
  Box,
  Chip,
  Dialog,
  InputAdornment,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  ListSubheader,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pinyin } from 'pinyin-pro';
import { nameKeys, normalizeQuery } from '../../../../shared/name-keys';
import type { CustomerSearchResult } from '../../../../shared/schemas/customer-search';
import { errorText, invoke } from '../../lib/api';
import { useDebounced } from '../../lib/useDebounced';
import type { PageEntry } from '../../pages';
import { staffName } from '../../../../shared/staff-name';

/** Typing pauses this long before the customers are searched. */
const DEBOUNCE_MS = 150;
/** At most this many screens are offered. */
const SCREENS_SHOWN = 6;

const SEARCH_ADORNMENT = (
  <InputAdornment position="start">
    <SearchIcon fontSize="small" />
  </InputAdornment>
);

interface CommandPaletteProps {
  open: boolean;
  /** Counts the openings: each starts empty, even one during the closing animation of the last. */
  opening: number;
  onClose(): void;
  /** The screens this staff member is offered. */
  pages: readonly PageEntry[];
  onOpenCustomer(customerNo: string): void;
  onOpenPage(route: string): void;
}

/** One line of the palette: a customer or a screen. */
type Item =
  | { kind: 'customer'; key: string; hit: CustomerSearchResult['hits'][number] }
  | { kind: 'screen'; key: string; page: PageEntry };

/**
 * The screens whose title holds what was typed: in the language shown, or the Chinese title, its pinyin initials
 * (`khmd` 客户名单) or the start of its full pinyin — in either language.
 */
function matchingScreens(pages: readonly PageEntry[], typed: string, titleOf: (p: PageEntry) => string[]) {
  const query = normalizeQuery(typed);
  if (query === '') return [];
  return pages
    .filter((page) =>
      titleOf(page).some((title) => {
        const keys = nameKeys(title, pinyin, { surname: false });
        return normalizeQuery(title).includes(query) || keys.initials.startsWith(query) || keys.full.startsWith(query);
      }),
    )
    .slice(0, SCREENS_SHOWN);
}

/** Ctrl+K anywhere: find a customer (number, name, pinyin, mobile last 4) or a screen, all by keyboard. */
export function CommandPalette({ open, opening, onClose, ...rest }: CommandPaletteProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      sx={{ '& .MuiDialog-container': { alignItems: 'flex-start' } }}
      slotProps={{ paper: { sx: { mt: 10 }, 'aria-label': t('palette.title') } as object }}
    >
      <PaletteContent key={opening} onClose={onClose} {...rest} />
    </Dialog>
  );
}

function PaletteContent({ onClose, pages, onOpenCustomer, onOpenPage }: Omit<CommandPaletteProps, 'open' | 'opening'>) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<{ text: string; result: CustomerSearchResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const typed = text.trim();
  const searched = useDebounced(typed, DEBOUNCE_MS);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (searched === '') return;
    let current = true;
    invoke('customers.search', { text: searched }).then(
      (result) => {
        if (!current) return;
        setFound({ text: searched, result });
        setActive(0);
        setError(null);
      },
      (e: unknown) => current && setError(errorText(e, i18n.language)),
    );
    return () => {
      current = false;
    };
  }, [searched, i18n.language]);

  const zh = i18n.getFixedT('zh-CN');
  const screens = useMemo(() => matchingScreens(pages, typed, (p) => [zh(p.label), t(p.label)]), [pages, typed, zh, t]);
  const hits = typed !== '' && found?.text === typed ? found.result.hits : [];
  const items: Item[] = [
    ...hits.map((hit) => ({ kind: 'customer' as const, key: `c-${hit.customerNo}`, hit })),
    ...screens.map((page) => ({ kind: 'screen' as const, key: `s-${page.route}`, page })),
  ];
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));
  useEffect(() => {
    listRef.current?.querySelector('[data-active="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === 'customer') onOpenCustomer(item.hit.customerNo);
    else onOpenPage(item.page.route);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length > 0) setActive((activeIndex + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[activeIndex]);
    }
  };
  const searching = typed !== '' && found?.text !== typed && error === null;
  const masked = found?.result.namesMasked ?? false;

  const row = (item: Item, index: number) => {
    const selected = index === activeIndex;
    const common = {
      selected,
      'data-active': selected,
      onClick: () => choose(item),
      onMouseMove: () => setActive(index),
      dense: true,
    };
    if (item.kind === 'customer') {
      const { hit } = item;
      return (
        <ListItemButton {...common} data-testid="palette-customer">
          <ListItemIcon sx={{ minWidth: 34 }}>
            <PersonIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText
            primary={
              <Box component="span" sx={{ display: 'flex', gap: 1.5, alignItems: 'baseline' }}>
                <Typography component="span" sx={{ fontWeight: 500 }}>
                  {hit.name}
                </Typography>
                <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {hit.customerNo}
                </Typography>
                {hit.mobileMasked && (
                  <Typography component="span" variant="body2" color="text.secondary">
                    {hit.mobileMasked}
                  </Typography>
                )}
              </Box>
            }
            secondary={
              hit.managerName
                ? t('palette.manager', { name: staffName(hit.managerName, hit.managerCode) })
                : t('palette.noManager')
            }
          />
          <Chip size="small" variant="outlined" label={t(`palette.matchedBy.${hit.matchedBy}`)} />
        </ListItemButton>
      );
    }
    const { Icon, label, route } = item.page;
    return (
      <ListItemButton {...common} data-testid={`palette-screen-${route}`}>
        <ListItemIcon sx={{ minWidth: 34 }}>
          <Icon fontSize="small" />
        </ListItemIcon>
        <ListItemText primary={t(label)} secondary={t(`navGroups.${item.page.group}`)} />
      </ListItemButton>
    );
  };

  return (
    <>
      <Box sx={{ p: 1.5, pb: 1 }}>
        <TextField
          autoFocus
          fullWidth
          size="small"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder={t('palette.placeholder')}
          slotProps={{
            input: { startAdornment: SEARCH_ADORNMENT },
            htmlInput: { 'data-testid': 'palette-input', 'aria-label': t('palette.title'), maxLength: 40 },
          }}
        />
        {masked && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
            {t('palette.maskedHint')}
          </Typography>
        )}
      </Box>
      <List ref={listRef} dense disablePadding sx={{ maxHeight: 420, overflowY: 'auto', pb: 1 }}>
        {hits.length > 0 && <ListSubheader sx={{ lineHeight: '28px' }}>{t('palette.customers')}</ListSubheader>}
        {items.map((item, index) => (
          <Box key={item.key} component="li" sx={{ listStyle: 'none' }}>
            {item.kind === 'screen' && index === hits.length && (
              <ListSubheader component="div" sx={{ lineHeight: '28px' }}>
                {t('palette.screens')}
              </ListSubheader>
            )}
            {row(item, index)}
          </Box>
        ))}
        {typed === '' && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1.5 }}>
            {t('palette.empty')}
          </Typography>
        )}
        {typed !== '' && !searching && items.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1.5 }} data-testid="palette-none">
            {error ?? t('palette.none', { text: typed })}
          </Typography>
        )}
      </List>
      <Box sx={{ px: 2, py: 0.75, borderTop: 1, borderColor: 'divider' }}>
        <Typography variant="caption" color="text.secondary">
          {t('palette.keys')}
        </Typography>
      </Box>
    </>
  );
}
