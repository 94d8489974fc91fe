import { describe, expect, it } from 'vitest';
import { loadPhaseText, layerNamesText, makeI18n, progressText } from '../../../src/app/i18n/i18n.ts';
import { en, zhCN, type MessageKey } from '../../../src/app/i18n/messages.ts';

const EN = makeI18n('en');
const ZH = makeI18n('zh-CN');

describe('plural forms', () => {
  it('counts sites, candidates, rows, warnings, classes, seats and places in good English', () => {
    const sites = (n: number | string) => EN.t('rec.info', { n, candidates: 2, solver: 'heuristic', gap: '', seconds: 1 });
    expect(sites(1)).toMatch(/^1 site from 2 candidates/);
    expect(sites(2)).toMatch(/^2 sites from/);
    expect(sites(0)).toMatch(/^0 sites from/);
    expect(EN.t('rec.info', { n: 3, candidates: 1, solver: 'exact', gap: '', seconds: 1 })).toMatch(/^3 sites from 1 candidate ·/);
    expect(EN.t('fig.recommend', { n: 1, before: 'a', after: 'b' })).toBe('1 site: served a → b');
    expect(EN.t('fig.review', { n: 2, after: 'b' })).toBe('2 sites by hand: served b');
    expect(EN.t('data.rows', { rows: '1' })).toBe('1 row');
    expect(EN.t('data.rows', { rows: '1,001' })).toBe('1,001 rows');
    expect(EN.t('data.warnings', { n: 1 })).toBe('1 warning');
    expect(EN.t('data.warnings', { n: 0 })).toBe('0 warnings');
    expect(EN.t('summary.warnings', { n: 1 })).toBe('1 input warning (a feature skipped).');
    expect(EN.t('summary.warnings', { n: 5 })).toBe('5 input warnings (features skipped).');
    expect(EN.t('tip.proposedSize', { classes: 1, seats: 45 })).toBe('1 class, 45 seats');
    expect(EN.t('tip.seatsClasses', { seats: 45, classes: 1 })).toBe('Seats: 45 (1 class)');
    expect(EN.t('tip.visits', { n: 1 })).toBe('Capacity: 1 patient visit a day');
    expect(EN.t('tip.visits', { n: '1,200' })).toBe('Capacity: 1,200 patient visits a day');
    expect(EN.t('fig.residents', { residents: 1, villages: 0 })).toBe('1 resident, 0 in urban villages');
    expect(EN.t('fig.supply', { seats: 1, coverage: 'x', radius: 500 })).toBe('1 place; x within 500 m');
  });

  it('leaves Chinese, which has no plural forms, as it is, and values are filled in once', () => {
    expect(ZH.t('rec.info', { n: 1, candidates: 2, solver: '启发式', gap: '', seconds: 1 })).toBe('从 2 个候选点中选出 1 处 · 启发式 · 1 秒');
    expect(EN.t('data.rows', { rows: '{rows}' })).toBe('{rows} rows');
    expect(EN.t('tip.cell', {})).toBe('Population cell {id}');
  });
});

/** Texts that may stay as they are in Chinese: names, units, formats, acronyms, symbols. */
const SAME_IN_CHINESE = new Set<MessageKey>(['export.png', 'rec.model.mclp', 'crs.gcj02', 'crs.bd09']);
const ALLOWED_WORDS = /\b(?:MapLibre|GeoJSON|CSV|TSV|GeoTIFF|Shapefiles?|PNG|SVG|JSON|json|WGS84|GCJ-02|BD-09|HiGHS|MILP|MCLP|LSCP|2SFCA|E2SFCA|Hansen|GB|km²|pts|Esc|Enter|Backspace|Ctrl|Shift|Delete|Catchmap|catchmap|http|https|mode|present|p|s|m)\b/g;

describe('Chinese texts', () => {
  it('has a non-empty Chinese text for every English one, translated wherever the English has words', () => {
    const untranslated: string[] = [];
    for (const key of Object.keys(en) as MessageKey[]) {
      const zh = zhCN[key];
      expect(zh, key).toBeTruthy();
      expect(zh.trim(), key).not.toBe('');
      if (SAME_IN_CHINESE.has(key) || !/[A-Za-z]{2,}/.test(en[key])) continue;
      if (zh === en[key]) untranslated.push(key);
      // English words left in the Chinese text, placeholders and allowed names aside.
      const words = zh.replace(/\{\w+\}/g, '').replace(ALLOWED_WORDS, '').match(/[A-Za-z]{2,}(?:\s+[A-Za-z]{2,})*/g);
      if (words) untranslated.push(`${key}: ${words.join(' / ')}`);
    }
    expect(untranslated).toEqual([]);
  });

  it('translates the engine’s progress messages, loader phases and layer names', () => {
    expect(progressText(ZH, 'capacitated covering: 48,785')).toBe('有容量限制的覆盖：48,785');
    expect(progressText(ZH, 'p-median start 2/3: best 1,234')).toBe('p-中位 第 2/3 次：最优 1,234');
    expect(progressText(ZH, 'p-center: ≤ 850 m')).toBe('p-中心：≤ 850 米');
    expect(progressText(ZH, 'tagging urban villages')).toBe('正在标记城中村');
    expect(progressText(EN, 'covering: 12')).toBe('covering: 12');
    expect(progressText(ZH, 'something new')).toBe('something new');
    for (const stage of ['starting', 'reading layers', 'finding catchments', 'allocating places', 'accessibility (2SFCA)', 'equity', 'done', 'generating candidate sites', 'distances from the candidate sites', 'choosing sites']) {
      expect(progressText(ZH, stage), stage).not.toMatch(/[a-z]{3}/);
    }
    expect(['read', 'parse', 'features', 'coordinates'].map((p) => loadPhaseText(ZH, p))).toEqual(['读取', '解析', '读取要素', '检查坐标']);
    expect(layerNamesText(ZH, ['population', 'landuse'])).toBe('人口、用地');
    expect(layerNamesText(EN, ['population', 'landuse'])).toBe('population, land use');
  });
});
