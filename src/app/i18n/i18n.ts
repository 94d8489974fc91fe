import { createContext, useContext } from 'react';
import { en, zhCN, type MessageKey, type Messages } from './messages.ts';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '中文' },
];

const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'catchmap.locale';

/**
 * `{name, plural, one {# site} other {# sites}}` (a subset of ICU MessageFormat): the option for
 * the plural category of the value of `name` (Intl.PluralRules of the locale; `=0`, `=1`… match
 * exactly), `#` standing for the value as given. Values may be formatted text ("1,234").
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_OPTION = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** A value given as a number or as number text in either locale's format (grouping removed). */
function numberOf(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/[,\s\u00a0\u202f]/g, ''));
}

function selectPlurals(text: string, vars: Record<string, string | number>, rules: Intl.PluralRules): string {
  return text.replace(PLURAL, (whole, name: string, body: string) => {
    if (!(name in vars)) return whole;
    const value = vars[name];
    const count = numberOf(value);
    const options = new Map([...body.matchAll(PLURAL_OPTION)].map((m) => [m[1], m[2]]));
    const category = Number.isFinite(count) ? rules.select(count) : 'other';
    const chosen = (Number.isFinite(count) ? options.get(`=${count}`) : undefined) ?? options.get(category) ?? options.get('other') ?? '';
    // `#` becomes the placeholder itself, filled in with the others (values are never re-read).
    return chosen.replace(/#/g, `{${name}}`);
  });
}

export interface I18n {
  locale: Locale;
  /**
   * The message for `key` with `{name}` placeholders filled in (values as text) and plural
   * forms (`{name, plural, one {…} other {…}}`) chosen by the value of `name`.
   */
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
  const rules = new Intl.PluralRules(locale);
  return {
    locale,
    t(key, vars) {
      const text = messages[key];
      return vars ? selectPlurals(text, vars, rules).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
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

const PROGRESS_STAGES: Record<string, MessageKey> = {
  starting: 'progress.starting',
  'reading layers': 'progress.reading',
  'tagging urban villages': 'progress.tagging',
  'finding catchments': 'progress.catchments',
  'allocating places': 'progress.allocating',
  'accessibility (2SFCA)': 'progress.access',
  equity: 'progress.equity',
  done: 'progress.done',
  'generating candidate sites': 'progress.candidates',
  'distances from the candidate sites': 'progress.siteDistances',
  'choosing sites': 'progress.choosing',
};

const PROGRESS_PATTERNS: [RegExp, MessageKey, string[]][] = [
  [/^capacitated covering: (.+)$/, 'progress.capacitated', ['n']],
  [/^covering: (.+)$/, 'progress.covering', ['n']],
  [/^p-median start (\d+)\/(\d+): best (.+)$/, 'progress.pmedianStart', ['start', 'starts', 'n']],
  [/^p-median: (.+)$/, 'progress.pmedian', ['n']],
  [/^p-center: ≤ (.+) m$/, 'progress.pcenter', ['n']],
];

/**
 * The engine's progress message (English, from the evaluation, the optimizer and the what-if
 * session) in the locale; a message it does not know is shown as it is.
 */
export function progressText({ t }: Pick<I18n, 't'>, message: string): string {
  const stage = PROGRESS_STAGES[message];
  if (stage) return t(stage);
  for (const [pattern, key, names] of PROGRESS_PATTERNS) {
    const m = pattern.exec(message);
    if (m) return t(key, Object.fromEntries(names.map((name, i) => [name, m[i + 1]])));
  }
  return message;
}

/** A loader's phase (read, parse, features, coordinates) in the locale. */
export function loadPhaseText({ t }: Pick<I18n, 't'>, phase: string): string {
  const key = `load.phase.${phase}`;
  return key in MESSAGES.en ? t(key as MessageKey) : phase;
}

/** Names of district layers (population, villages, facilities, roads, landuse, boundary), joined, in the locale. */
export function layerNamesText({ t, locale }: Pick<I18n, 't' | 'locale'>, layers: readonly string[]): string {
  const names = layers.map((id) => (`datalayer.${id}` in MESSAGES.en ? t(`datalayer.${id}` as MessageKey) : id));
  return names.join(locale === 'en' ? ', ' : '、');
}
