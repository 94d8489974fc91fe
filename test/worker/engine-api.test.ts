import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildRoadGraph,
  DEFAULT_ANALYSIS_SETTINGS,
  DEFAULT_RECOMMEND_SETTINGS,
  evaluate,
  InputError,
  networkRule,
  recommendOptionsOf,
  recommendSites,
  walkNetwork,
  withProposedSites,
  type AnalysisSettings,
  type LngLat,
} from '../../src/core/index.ts';
import { createEngineApi } from '../../src/worker/engine-api.ts';

/** A full settings record: the defaults with some fields changed. */
const settings = (patch: Partial<AnalysisSettings>): AnalysisSettings => ({ ...DEFAULT_ANALYSIS_SETTINGS, ...patch });

const read = (name: string): unknown =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/geo', name), 'utf8'));


/** The app lists every village in its table, so its engine asks for all of them. */
// As the worker asks: every village, and the analysis by registration (default admission).
const ALL_VILLAGES = { worstVillageCount: Infinity, registration: { admission: 'proportional' as const } };
describe('engine API behind the worker', () => {
  const district = {
    population: read('demo-population.geojson'),
    facilities: read('demo-facilities.geojson'),
    villages: read('demo-urban-villages.geojson'),
  };

  it('gives exactly what a direct engine call gives, and it survives structured cloning', () => {
    const api = createEngineApi();
    api.setDistrict(district);
    const progress: number[] = [];
    const viaApi = api.evaluate(settings({ type: 'junior', overrides: { radiusM: 800 } }), (f) => progress.push(f));
    const direct = evaluate(district, { type: 'junior', overrides: { radiusM: 800 }, ...ALL_VILLAGES });
    expect(viaApi).toEqual(direct);
    expect(structuredClone(viaApi)).toEqual(direct);
    expect(progress[0]).toBe(0);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1])).toBe(true);
  });

  it('refuses to evaluate before a district is loaded', () => {
    expect(() => createEngineApi().evaluate(DEFAULT_ANALYSIS_SETTINGS)).toThrow(/no district loaded/);
  });

  it('refuses a settings record the page got wrong, naming the field, at every entry point', async () => {
    const api = createEngineApi();
    api.setDistrict(district);
    const bad = settings({ overrides: { radiusM: 50800 } });
    const message = 'analysis.overrides.radiusM: must be between 10 and 20,000, got 50800';
    expect(() => api.evaluate(bad)).toThrow(InputError);
    expect(() => api.evaluate(bad)).toThrow(message);
    expect(() => api.evaluateWithSites(bad, [])).toThrow(message);
    expect(() => api.startWhatIf(bad)).toThrow(message);
    expect(() => api.recommend(bad, DEFAULT_RECOMMEND_SETTINGS)).toThrow(message);
    // Anything may arrive through postMessage, typed or not.
    const untyped = (value: unknown) => value as AnalysisSettings;
    expect(() => api.evaluate(untyped({ ...DEFAULT_ANALYSIS_SETTINGS, preset: 'mars' }))).toThrow(
      "analysis.preset: unknown preset 'mars'; known: zhengzhou-2035, gb50180-2018",
    );
    expect(() => api.evaluate(untyped({ type: 'primary' }))).toThrow('analysis.preset: is missing');
    expect(() => api.evaluate(untyped({ ...DEFAULT_ANALYSIS_SETTINGS, distance: 'drive' }))).toThrow(
      "analysis.distance: must be one of straight, network, network-no-arterial, got 'drive'",
    );
    expect(() => api.recommend(DEFAULT_ANALYSIS_SETTINGS, { ...DEFAULT_RECOMMEND_SETTINGS, p: 2.5 })).toThrow('recommend.p: must be a whole number, got 2.5');
    expect(() => api.recommend(DEFAULT_ANALYSIS_SETTINGS, { ...DEFAULT_RECOMMEND_SETTINGS, targetPct: 0.9 })).toThrow(
      'recommend.targetPct: must be between 1 and 100, got 0.9',
    );
    // No what-if session was started by the refused call.
    expect(() => api.whatIfSummary()).toThrow(/no what-if session/);
  });

  it('recommends with the settings record, keeping locked proposals, as recommendSites does with recommendOptionsOf', async () => {
    const api = createEngineApi();
    api.setDistrict(district);
    const locked = [{ id: 'L1', lngLat: [113.6, 34.78] as LngLat, seats: 900 }];
    const optimizer = { ...DEFAULT_RECOMMEND_SETTINGS, model: 'mclp' as const, p: 1, candidateSpacingM: 800 };
    const viaApi = await api.recommend(settings({ type: 'junior' }), { ...optimizer, locked });
    const direct = await recommendSites(district, { type: 'junior', ...ALL_VILLAGES }, { ...recommendOptionsOf(optimizer), locked });
    expect(viaApi.proposals).toEqual(direct.proposals);
    expect(viaApi.proposals).toHaveLength(1);
    // `before` is today; `after` has the locked site and the proposal built.
    const today = api.evaluate(settings({ type: 'junior' })).summary.facilities;
    expect([viaApi.before.facilities, viaApi.after.facilities]).toEqual([today, today + 1 + 1]);
    expect(() => api.recommend(DEFAULT_ANALYSIS_SETTINGS, { ...optimizer, locked: 'L1' as never })).toThrow('recommend.locked: must be a list of proposed sites');
  });
});

describe('what-if editing behind the worker', () => {
  const district = {
    population: read('demo-population.geojson'),
    facilities: read('demo-facilities.geojson'),
    villages: read('demo-urban-villages.geojson'),
  };

  it('answers, after a run of edits, exactly what a full evaluate with the sites built answers', () => {
    const api = createEngineApi();
    api.setDistrict(district);
    const options = { type: 'primary' as const, ...ALL_VILLAGES };
    const start = api.startWhatIf(settings(options), [{ id: 'A', lngLat: [113.6, 34.78], seats: 900, classes: 20 }]);
    expect(start).toEqual(evaluate(withProposedSites(district, 'primary', api.whatIfSites()), options));
    const view = structuredClone(start);
    const updates = [
      api.whatIfAdd({ id: 'B', lngLat: [113.62, 34.7], seats: 1350 }),
      api.whatIfMove('A', [113.605, 34.785]),
      api.whatIfResize('B', 450, 10),
      api.whatIfAdd({ id: 'C', lngLat: [113.64, 34.65], seats: 2000 }),
      api.whatIfRemove('A'),
      api.whatIfSetSites([...api.whatIfSites(), { id: 'A', lngLat: [113.6, 34.78], seats: 900 }]),
    ];
    for (const update of structuredClone(updates)) {
      view.summary = update.summary;
      view.facilities = update.facilities;
      view.byRegistration = update.byRegistration;
      for (const { index, cell } of update.cells) view.cells[index] = cell;
    }
    const full = evaluate(withProposedSites(district, 'primary', api.whatIfSites()), options);
    expect(api.whatIfSites().map((s) => s.id)).toEqual(['B', 'C', 'A']);
    expect(structuredClone(api.whatIfEvaluation())).toEqual(full);
    expect(view).toEqual(full);
    expect(api.whatIfSummary()).toEqual({ revision: updates.length + 1, summary: full.summary, facilities: full.facilities, byRegistration: full.byRegistration });
  });

  it('syncs with facility rows only where they changed, and the rows replayed equal a full evaluate', () => {
    const api = createEngineApi();
    api.setDistrict(district);
    const options = { type: 'primary' as const, ...ALL_VILLAGES };
    const start = api.startWhatIf(settings(options));
    let facilities = structuredClone(start.facilities);
    const site = (id: string, lngLat: [number, number], seats = 900) => ({ id, lngLat, seats });
    const steps = [[site('A', [113.6, 34.78])], [site('A', [113.6, 34.78]), site('B', [113.62, 34.7], 1350)], [site('A', [113.605, 34.785]), site('B', [113.62, 34.7], 1350)], [site('B', [113.62, 34.7], 450)]];
    for (const sites of steps) {
      const delta = structuredClone(api.whatIfSync(sites));
      const full = evaluate(withProposedSites(district, 'primary', sites), options);
      // An edit touches its own neighbourhood: most schools' rows are not sent.
      expect(delta.facilityChanges.length).toBeLessThan(full.facilities.length / 2);
      expect(delta.facilityCount).toBe(full.facilities.length);
      facilities = facilities.slice(0, delta.facilityCount);
      for (const change of delta.facilityChanges) facilities[change.index] = change.facility;
      expect(facilities).toEqual(full.facilities);
      expect(delta.summary).toEqual(full.summary);
    }
  });

  it('needs a started session, and a new district ends it', () => {
    const api = createEngineApi();
    expect(() => api.whatIfSummary()).toThrow(/no what-if session/);
    api.setDistrict(district);
    api.startWhatIf(settings({ type: 'junior' }));
    expect(api.whatIfSummary().summary.type).toBe('junior');
    api.setDistrict(district);
    expect(() => api.whatIfMove('A', [113.6, 34.78])).toThrow(/no what-if session/);
  });
});

describe('walking-network distance behind the worker', () => {
  const roads = read('demo-roads.geojson');
  const district = {
    population: read('demo-population.geojson'),
    facilities: read('demo-facilities.geojson'),
    villages: read('demo-urban-villages.geojson'),
    roads,
  };
  const noCross = walkNetwork(buildRoadGraph(roads), { barrier: { classes: ['arterial'] } });
  const rule = (points: readonly LngLat[]) => networkRule(noCross, points);

  it('evaluates, recommends and edits by walking distance without crossing arterials, like the engine', async () => {
    const api = createEngineApi();
    api.setDistrict(district);
    const noArterial = settings({ distance: 'network-no-arterial' });
    const viaApi = api.evaluate(noArterial);
    const direct = evaluate(district, { type: 'primary', distanceRule: rule, ...ALL_VILLAGES });
    expect(viaApi).toEqual(direct);
    expect(viaApi.summary.coveragePct!).toBeLessThan(api.evaluate(DEFAULT_ANALYSIS_SETTINGS).summary.coveragePct!);

    // The optimizer's settings as the app holds them; recommendOptionsOf gives the engine's options.
    const optimizer = { ...DEFAULT_RECOMMEND_SETTINGS, model: 'mclp' as const, p: 3, candidateSpacingM: 300 };
    const rec = await api.recommend(noArterial, optimizer);
    const recDirect = await recommendSites(
      district,
      { type: 'primary', distanceRule: rule },
      { model: 'mclp', p: 3, target: 0.9, candidateSpacingM: 300, solver: 'heuristic', iterations: 2, timeLimitS: 30 },
    );
    expect(rec.proposals).toEqual(recDirect.proposals);
    expect(rec.after.coveragePct!).toBeGreaterThan(rec.before.coveragePct!);

    api.startWhatIf(noArterial);
    const sites = rec.proposals.map((p) => ({ id: `P${p.rank}`, lngLat: p.lngLat, seats: p.seats }));
    api.whatIfSetSites(sites);
    expect(api.whatIfEvaluation()).toEqual(evaluate(withProposedSites(district, 'primary', sites), { type: 'primary', distanceRule: rule, ...ALL_VILLAGES }));
  });

  it('says so when there are no roads to walk', () => {
    const api = createEngineApi();
    api.setDistrict({ ...district, roads: undefined });
    expect(() => api.evaluate(settings({ distance: 'network' }))).toThrow(/no road layer/);
  });
});
