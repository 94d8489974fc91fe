import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_SETTINGS, DEFAULT_ANALYSIS_SETTINGS, DEFAULT_RECOMMEND_SETTINGS } from '../../../src/core/index.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, encodeScenario, missingFiles, parseScenario, readScenario, readSharedScenario, type Scenario } from '../../../src/app/scenario/scenario.ts';
import { scenarioListEdits } from '../../../src/app/scenario/scenario-list.ts';

const scenario: Scenario = {
  format: SCENARIO_FORMAT,
  version: SCENARIO_VERSION,
  name: '二七区 小学 方案',
  savedAt: '2026-11-28T12:00:00.000Z',
  data: { demoLayers: ['roads', 'boundary'], files: ['schools.csv'] },
  analysis: { ...DEFAULT_ANALYSIS_SETTINGS, overrides: { radiusM: 600 }, distance: 'network' },
  access: { ...DEFAULT_ACCESS_SETTINGS, method: 'gravity', costs: 'matrix', decay: 'exponential', cutoff: 45, beta: 0.08 },
  recommend: DEFAULT_RECOMMEND_SETTINGS,
  sites: [{ id: 'P1', lngLat: [113.6, 34.7], seats: 1080, classes: 24, locked: true }],
  view: { center: [113.62, 34.72], zoom: 12.5, bearing: 0, pitch: 0 },
};

describe('scenario files and share links', () => {
  it('round-trips through JSON and through a URL parameter, Chinese names included', () => {
    expect(parseScenario(JSON.stringify(scenario), 'a.catchmap.json')).toEqual(scenario);
    const param = encodeScenario(scenario);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readSharedScenario(param)).toEqual({ scenario, dropped: [] });
  });

  it('refuses what is not a scenario at all, naming the file', () => {
    expect(() => parseScenario('{', 'x.json')).toThrow(/^x\.json: not valid JSON/);
    expect(() => parseScenario('{"format":"other"}', 'x.json')).toThrow('x.json: not a Catchmap scenario');
    expect(() => parseScenario(JSON.stringify({ ...scenario, version: 9 }), 'x.json')).toThrow('scenario version 9 is not supported');
    expect(() => readSharedScenario('%%%')).toThrow('share link: the scenario parameter is damaged');
  });

  it('never lets a __proto__ key reach a prototype, and lists data files that are not loaded', () => {
    const text = JSON.stringify(scenario).replace('"name":', '"__proto__":{"polluted":true},"name":');
    const parsed = parseScenario(text, 'x.json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((parsed as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(missingFiles(scenario, [])).toEqual(['schools.csv']);
    expect(missingFiles(scenario, ['schools.csv'])).toEqual([]);
  });
});

describe('saved scenario list', () => {
  const a = { ...scenario, name: 'A' };
  const b = { ...scenario, name: 'B' };
  it('adds, renames, duplicates next to the original and deletes, leaving the old list as it was', () => {
    const one = scenarioListEdits.add([], a, '1');
    const two = scenarioListEdits.add(one, b, '2');
    const renamed = scenarioListEdits.rename(two, '1', 'A2');
    expect(renamed.map((s) => s.scenario.name)).toEqual(['A2', 'B']);
    expect(two[0].scenario.name).toBe('A');
    const copied = scenarioListEdits.duplicate(renamed, '1', '3', (n) => `${n} (copy)`);
    expect(copied.map((s) => [s.id, s.scenario.name])).toEqual([['1', 'A2'], ['3', 'A2 (copy)'], ['2', 'B']]);
    expect(scenarioListEdits.duplicate(copied, 'nope', '4', (n) => n)).toBe(copied);
    expect(scenarioListEdits.remove(copied, '1').map((s) => s.id)).toEqual(['3', '2']);
  });

  it('opening a file (parseScenario) refuses a scenario with any bad part whole, naming it: nothing is applied unannounced', () => {
    expect(() => parseScenario(JSON.stringify({ ...scenario, view: { center: [113.6, 100], zoom: 12, bearing: 0, pitch: 0 }, sites: [{ id: 5 }] }), 'x.json')).toThrow(
      'x.json: sites[0].id must be text of 1–200 characters, got 5 (and 1 more)',
    );
  });

  it('drops a view the map cannot go to, and a standard value outside its bounds, naming the field', () => {
    const dropped = (patch: Partial<Scenario>) => readScenario(JSON.stringify({ ...scenario, ...patch }), 'x.json').dropped.map((d) => d.reason);
    expect(dropped({ view: { center: [113.6, 100], zoom: 12, bearing: 0, pitch: 0 } })).toEqual(['view.center must be [lon −180…180, lat −85…85], got [113.6, 100]']);
    expect(dropped({ view: { center: [113.6, 34.7], zoom: 12, bearing: 'x' as unknown as number, pitch: 0 } })).toEqual(['view.bearing must be between −360 and 360, got "x"']);
    expect(dropped({ view: { center: [113.6, 34.7], zoom: 40, bearing: 0, pitch: 0 } })).toEqual(['view.zoom must be between 0 and 24, got 40']);
    expect(dropped({ analysis: { ...scenario.analysis, overrides: { radiusM: 50800 } } })).toEqual([expect.stringMatching(/^analysis\.overrides\.radiusM: .*50,?800/)]);
    expect(dropped({ recommend: { ...scenario.recommend, p: 0 } })).toEqual([expect.stringMatching(/^recommend\.p/)]);
  });

  it('reads an autosave written before the preset was called `preset` (it was `presetId`)', () => {
    const { preset, ...rest } = scenario.analysis;
    const old = { ...scenario, analysis: { ...rest, presetId: preset } };
    expect(parseScenario(JSON.stringify(old), 'autosave').analysis).toEqual(scenario.analysis);
  });
});
