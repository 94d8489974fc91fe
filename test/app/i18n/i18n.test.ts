import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../../src/app/i18n/i18n.ts';
import { en, zhCN, type MessageKey } from '../../../src/app/i18n/messages.ts';

/** Placeholder names, `{name}` or a plural `{name, plural, …}` (counted once). */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)[},]/g)].map((m) => m[1]))].sort();

describe('messages', () => {
  it('has a Chinese text for every English one, with the same placeholders', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(zhCN[key], key).toBeTruthy();
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and formats numbers per locale', () => {
    const zh = makeI18n('zh-CN');
    expect(zh.t('summary.of', { n: 3, total: 60 })).toBe('60 所中 3 所');
    expect(makeI18n('en').t('summary.of', { n: 3, total: 60 })).toBe('3 of 60');
    expect(makeI18n('en').n(1234567.4)).toBe('1,234,567');
    expect(makeI18n('en').pct(59.14)).toBe('59.1 %');
    expect(zh.pct(59.14)).toBe('59.1%');
    expect(zh.pct(null)).toBe('—');
    expect(makeI18n('en').t('tip.cell', {})).toBe('Population cell {id}');
  });
});
