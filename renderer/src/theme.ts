import type {} from '@mui/x-data-grid/themeAugmentation';
import { createTheme } from '@mui/material/styles';
import { enUS as coreEnUS, zhCN as coreZhCN } from '@mui/material/locale';
import { enUS as gridEnUS, zhCN as gridZhCN } from '@mui/x-data-grid/locales';
import type { Language } from './i18n';

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

export function createAppTheme(language: Language) {
  return createTheme(
    {
      palette: { primary: { main: '#9a1b1f' }, secondary: { main: '#1f4e79' }, background: { default: '#f5f6f8' } },
      typography: { fontFamily: FONT_FAMILY, fontSize: 13 },
      components: {
        MuiButton: { styleOverrides: { root: { textTransform: 'none' } } },
        MuiDataGrid: {
          styleOverrides: {
            root: { backgroundColor: '#fff', '& .MuiDataGrid-cell--textRight': { fontVariantNumeric: 'tabular-nums' } },
          },
        },
      },
    },
    language === 'en' ? coreEnUS : coreZhCN,
    language === 'en' ? gridEnUS : gridZhCN,
  );
}
