import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { formatCount } from '../../../shared/format';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'tierdesk.language';

export function savedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function saveLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}

const NAMES_NOT_COUNTS = new Set(['id', 'batch', 'first', 'last', 'version', 'schema', 'code', 'no', 'row']);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: {
    escapeValue: false,
    // Every number put into a text is a count shown with thousands separators (共 20,000 位), except the values
    // that name something: a record, a batch, a row of a file, a version.
    alwaysFormat: true,
    format: (value: unknown, _format, _lng, options) =>
      typeof value === 'number' && !NAMES_NOT_COUNTS.has(String(options?.interpolationkey))
        ? formatCount(value)
        : (value as string),
  },
});

export { i18n };
