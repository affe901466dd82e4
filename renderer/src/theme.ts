import type {} from '@mui/x-data-grid/themeAugmentation';
import { createTheme } from '@mui/material/styles';
import { enUS as coreEnUS, zhCN as coreZhCN } from '@mui/material/locale';
import { enUS as gridEnUS, zhCN as gridZhCN } from '@mui/x-data-grid/locales';
import type { Language } from './i18n';
import { formatCount } from '../../shared/format';

/** System fonts only (no network): Chinese faces of Windows, macOS and Linux first. */
const FONT_FAMILY = [
  '"Microsoft YaHei"',
  '"PingFang SC"',
  '"Noto Sans CJK SC"',
  '"WenQuanYi Zen Hei"',
  '"Segoe UI"',
  'Roboto',
  'Arial',
  'sans-serif',
].join(',');

interface DisplayedRows {
  from: number;
  to: number;
  count: number;
  estimated?: number;
}

/** A grid's page, counts with separators: `1–100 / 20,000` (`1–100 of 20,000`). */
const displayedRows =
  (language: Language) =>
  ({ from, to, count, estimated }: DisplayedRows): string => {
    const total =
      count !== -1 ? formatCount(count) : `${language === 'en' ? 'more than' : '超过'} ${formatCount(estimated ?? to)}`;
    return `${formatCount(from)}–${formatCount(to)} ${language === 'en' ? 'of' : '/'} ${total}`;
  };

export function createAppTheme(language: Language) {
  return createTheme(
    {
      palette: { primary: { main: '#9a1b1f' }, secondary: { main: '#1f4e79' }, background: { default: '#f5f6f8' } },
      typography: { fontFamily: FONT_FAMILY, fontSize: 13 },
      components: {
        MuiButton: { styleOverrides: { root: { textTransform: 'none' } } },
        MuiDataGrid: {
          styleOverrides: {
            root: {
              backgroundColor: '#fff',
              '& .MuiDataGrid-cell--textRight': { fontVariantNumeric: 'tabular-nums' },
              // A header too long for its column wraps (月日均 2026-11 / （万元）) rather than losing its end.
              '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', lineHeight: 1.2, textOverflow: 'clip' },
            },
          },
        },
      },
    },
    language === 'en' ? coreEnUS : coreZhCN,
    language === 'en' ? gridEnUS : gridZhCN,
    {
      components: {
        MuiDataGrid: { defaultProps: { localeText: { paginationDisplayedRows: displayedRows(language) } } },
      },
    },
  );
}
