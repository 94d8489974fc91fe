import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCESS_SETTINGS, DEFAULT_ANALYSIS_SETTINGS, DEFAULT_RECOMMEND_SETTINGS } from '../../../src/core/index.ts';
import { connectPersistence, type ScenarioStorage } from '../../../src/app/scenario/persistence.ts';
import { SCENARIO_FORMAT, SCENARIO_LIMITS, SCENARIO_VERSION, encodeScenario, readScenario, readSharedScenario, type Scenario } from '../../../src/app/scenario/scenario.ts';
import { newStore, workedDistrict } from '../store/fixture.ts';

const good: Scenario = {
  format: SCENARIO_FORMAT,
  version: SCENARIO_VERSION,
  name: 'plan',
  savedAt: '2026-11-30T10:00:00.000Z',
  data: { demoLayers: ['roads'], files: ['a.csv'] },
  analysis: { ...DEFAULT_ANALYSIS_SETTINGS, growthFactor: 1.2 },
  access: { ...DEFAULT_ACCESS_SETTINGS, method: 'e2sfca', cutoff: 800 },
  recommend: { ...DEFAULT_RECOMMEND_SETTINGS, p: 12, model: 'mclp' },
  sites: [
    { id: 'P1', lngLat: [113.6, 34.7], seats: 1080, classes: 24, locked: true },
    { id: 'P2', lngLat: [113.61, 34.71], seats: 900, classes: null, locked: false },
  ],
  view: { center: [113.62, 34.72], zoom: 12.5, bearing: 10, pitch: 30 },
};

/** The scenario with one field replaced (a path of keys), as JSON text. */
function withField(path: (string | number)[], value: unknown): string {
  const copy = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return JSON.stringify(copy);
}

describe('scenario validation, field by field', () => {
  it('keeps a valid scenario whole, ignoring unknown fields', () => {
    const read = readScenario(JSON.stringify({ ...good, extra: { deep: [1, 2] }, view: { ...good.view, roll: 5 } }), 'f.json');
    expect(read.dropped).toEqual([]);
    expect(read.scenario).toEqual(good);
  });

  // Each bad value drops only its part; the rest of the scenario is kept as it was.
  const VIEW_CASES: [string, (string | number)[], unknown][] = [
    ['latitude 100', ['view', 'center'], [113, 100]],
    ['latitude 86 (beyond web Mercator)', ['view', 'center'], [113, 86]],
    ['longitude −181', ['view', 'center'], [-181, 34]],
    ['a centre of one number', ['view', 'center'], [113]],
    ['a centre as text', ['view', 'center'], '113,34'],
    ['zoom 25', ['view', 'zoom'], 25],
    ['zoom −1', ['view', 'zoom'], -1],
    ['zoom as text', ['view', 'zoom'], '12'],
    ['bearing "x"', ['view', 'bearing'], 'x'],
    ['bearing 400', ['view', 'bearing'], 400],
    ['pitch 90', ['view', 'pitch'], 90],
    ['pitch null', ['view', 'pitch'], null],
    ['a view that is a list', ['view'], [1, 2]],
  ];
  it.each(VIEW_CASES)('view: %s is dropped, nothing else', (_, path, value) => {
    const read = readScenario(withField(path, value), 'f.json');
    expect(read.dropped.map((d) => d.part)).toEqual(['view']);
    expect(read.scenario.view).toBeNull();
    expect(read.scenario.sites).toEqual(good.sites);
    expect(read.scenario.analysis).toEqual(good.analysis);
    expect(read.scenario.recommend).toEqual(good.recommend);
  });

  it('view: bearing and pitch may be left out (0), and a view at the limits is kept', () => {
    const read = readScenario(withField(['view'], { center: [-180, -85], zoom: 24 }), 'f.json');
    expect(read.dropped).toEqual([]);
    expect(read.scenario.view).toEqual({ center: [-180, -85], zoom: 24, bearing: 0, pitch: 0 });
  });

  const ACCESS_CASES: [string, (string | number)[], unknown, string][] = [
    ['an unknown measure', ['access', 'method'], 'knn', 'access.method: must be one of'],
    ['a negative cutoff', ['access', 'cutoff'], -5, 'access.cutoff: must be between'],
    ['β as text', ['access', 'beta'], '0.1', 'access.beta: must be a number'],
    ['n of 1.5', ['access', 'n'], 1.5, 'access.n: must be a whole number'],
    ['not an object', ['access'], 'gravity', 'access: must be an object'],
  ];
  it.each(ACCESS_CASES)('access: %s is dropped, the default measure used, nothing else touched', (_, path, value, reason) => {
    const read = readScenario(withField(path, value), 'f.json');
    expect(read.dropped).toEqual([{ part: 'access', reason: expect.stringContaining(reason) }]);
    expect(read.scenario.access).toEqual(DEFAULT_ACCESS_SETTINGS);
    expect(read.scenario.analysis).toEqual(good.analysis);
    expect(read.scenario.sites).toEqual(good.sites);
  });

  it('access: a scenario saved before the measure existed opens with the default measure', () => {
    const { access: _gone, ...old } = good;
    const read = readScenario(JSON.stringify(old), 'f.json');
    expect(read.dropped).toEqual([]);
    expect(read.scenario.access).toEqual(DEFAULT_ACCESS_SETTINGS);
  });

  const RECOMMEND_CASES: [string, unknown, RegExp][] = [
    ['p', 0, /recommend\.p: must be between 1 and 500, got 0/],
    ['p', 2.5, /must be a whole number/],
    ['p', '8', /must be a number, got '8'/],
    ['model', 'best', /must be one of cmclp, mclp, lscp, pmedian, pcenter/],
    ['solver', 7, /recommend\.solver/],
    ['targetPct', 101, /between 1 and 100/],
    ['candidateSpacingM', 1e9, /between 50 and 5,000/],
    ['iterations', -1, /between 0 and 50/],
    ['timeLimitS', null, /must be a number, got null/],
  ];
  it.each(RECOMMEND_CASES)('recommend.%s = %j is dropped alone, the other settings kept', (key, value, reason) => {
    const read = readScenario(withField(['recommend', key], value), 'f.json');
    expect(read.dropped).toHaveLength(1);
    expect(read.dropped[0].part).toBe(`recommend.${key}`);
    expect(read.dropped[0].reason).toMatch(reason);
    const kept = { ...good.recommend, [key]: DEFAULT_RECOMMEND_SETTINGS[key as keyof typeof DEFAULT_RECOMMEND_SETTINGS] };
    expect(read.scenario.recommend).toEqual(kept);
  });

  it('recommend: not an object is dropped whole', () => {
    const read = readScenario(withField(['recommend'], 'fast'), 'f.json');
    expect(read.dropped.map((d) => d.part)).toEqual(['recommend']);
    expect(read.scenario.recommend).toEqual(DEFAULT_RECOMMEND_SETTINGS);
  });

  const ANALYSIS_CASES: [string, (string | number)[], unknown][] = [
    ['type', ['analysis', 'type'], 'hospital'],
    ['preset', ['analysis', 'preset'], 'nope'],
    ['growth 1e308', ['analysis', 'growthFactor'], 1e308],
    ['growth as text', ['analysis', 'growthFactor'], '1.2'],
    ['radius −5', ['analysis', 'overrides'], { radiusM: -5 }],
    ['distance', ['analysis', 'distance'], 'teleport'],
    ['overrides as a list', ['analysis', 'overrides'], [1]],
  ];
  it.each(ANALYSIS_CASES)('analysis: a bad %s drops the analysis, nothing else', (_, path, value) => {
    const read = readScenario(withField(path, value), 'f.json');
    expect(read.dropped.map((d) => d.part)).toEqual(['analysis']);
    expect(read.scenario.analysis).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    expect(read.scenario.view).toEqual(good.view);
  });

  const SITE_CASES: [string, unknown][] = [
    ['no id', { lngLat: [113.6, 34.7], seats: 10 }],
    ['an id that is a number', { id: 5, lngLat: [113.6, 34.7], seats: 10 }],
    ['a 201-character id', { id: 'x'.repeat(201), lngLat: [113.6, 34.7], seats: 10 }],
    ['one coordinate', { id: 'P', lngLat: [113.6], seats: 10 }],
    ['latitude 91', { id: 'P', lngLat: [113.6, 91], seats: 10 }],
    ['NaN seats (null in JSON)', { id: 'P', lngLat: [113.6, 34.7], seats: null }],
    ['0 seats', { id: 'P', lngLat: [113.6, 34.7], seats: 0 }],
    ['1e9 seats', { id: 'P', lngLat: [113.6, 34.7], seats: 1e9 }],
    ['2.5 classes', { id: 'P', lngLat: [113.6, 34.7], seats: 10, classes: 2.5 }],
    ['a site that is text', 'P3'],
  ];
  it.each(SITE_CASES)('sites: %s drops that site only', (_, site) => {
    const read = readScenario(withField(['sites', 1], site), 'f.json');
    expect(read.dropped.map((d) => d.part)).toEqual(['sites[1]']);
    expect(read.scenario.sites).toEqual([good.sites[0]]);
  });

  it('sizes are capped: sites past the limit, long names and file lists', () => {
    const many = Array.from({ length: SCENARIO_LIMITS.sites + 5 }, (_, i) => ({ id: `S${i}`, lngLat: [113.6, 34.7], seats: 100 }));
    const read = readScenario(JSON.stringify({ ...good, sites: many, name: 'n'.repeat(500), data: { demoLayers: ['roads', 'evil', 3], files: ['x'.repeat(300), 'ok.csv'] } }), 'f.json');
    expect(read.scenario.sites).toHaveLength(SCENARIO_LIMITS.sites);
    expect(read.dropped.map((d) => d.part).sort()).toEqual(['name', 'sites']);
    expect(read.scenario.name).toBe('f.json');
    expect(read.scenario.data).toEqual({ demoLayers: ['roads'], files: ['ok.csv'] });
    expect(() => readScenario(' '.repeat(SCENARIO_LIMITS.chars + 1), 'big.json')).toThrow(/big\.json: the scenario is 4,000,001 characters/);
  });

  it('deep nesting and damaged links are refused with a message, never thrown as a crash', () => {
    expect(() => readScenario(`{"format":"catchmap-scenario","version":1,"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'deep.json')).toThrow(/deep\.json: not valid JSON \(JSON nested more than 64 deep/);
    expect(() => readSharedScenario('_'.repeat(6_000_000))).toThrow('share link: the scenario parameter is too long to be a scenario');
    expect(() => readSharedScenario(btoa('\xff\xfe'))).toThrow('share link: the scenario parameter is damaged');
  });
});

describe('a share link with bad parts, opened in the app', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the good parts, keeps the current value for each bad one, and says what was dropped', async () => {
    const storage: ScenarioStorage = { get: async () => undefined, set: async () => undefined };
    const bad = JSON.parse(JSON.stringify(good)) as Record<string, Record<string, unknown>>;
    bad.view.center = [113.6, 100];
    bad.recommend.p = 'x';
    bad.analysis.type = 'hospital';
    const address = { search: `?scenario=${encodeScenario(bad as unknown as Scenario)}`, replace: vi.fn() };
    const store = newStore();
    const before = store.getState();
    connectPersistence(store, storage, address, () => 'Untitled');
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    store.dispatch({ type: 'data', action: { type: 'district-ready', version: 1 } });
    await vi.advanceTimersByTimeAsync(0);
    const s = store.getState();
    expect(s.analysis.settings).toEqual(before.analysis.settings);
    expect(s.recommend.settings).toEqual({ ...good.recommend, p: before.recommend.settings.p });
    expect(s.whatIf.sites.map((x) => x.id)).toEqual(['P1', 'P2']);
    expect(s.ui.viewRequest).toBeNull();
    const refused = s.ui.notices.filter((n) => n.key === 'data.refused').map((n) => n.vars?.file);
    expect(refused.sort()).toEqual(['share link: analysis', 'share link: recommend.p', 'share link: view']);
  });
});
