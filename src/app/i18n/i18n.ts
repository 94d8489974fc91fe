import { createContext, useContext } from 'react';
import { en, zhCN, type MessageKey, type Messages } from './messages.ts';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '中文' },
];

const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'catchmap.locale';

export interface I18n {
  locale: Locale;
  /** The message for `key` with `{name}` placeholders filled in (values as text). */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A whole number in the locale's format. */
  n(value: number): string;
  /** A percentage given as 0..100, one decimal; a dash when unknown. */
  pct(value: number | null): string;
}

export function makeI18n(locale: Locale): I18n {
  const messages = MESSAGES[locale];
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    locale,
    t(key, vars) {
      const text = messages[key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
    },
    n: (value) => whole.format(Math.round(value)),
    pct: (value) => (value === null ? '—' : locale === 'en' ? `${oneDecimal.format(value)} %` : `${oneDecimal.format(value)}%`),
  };
}

/** The saved choice, else the browser's language. */
export function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function saveLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
}

export const I18nContext = createContext<I18n>(makeI18n('en'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
