import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, evaluate, networkRule, recommendSites, walkNetwork, withProposedSites, type LngLat } from '../../src/core/index.ts';
import { createEngineApi } from '../../src/worker/engine-api.ts';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/geo', name), 'utf8'));

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
    const viaApi = api.evaluate({ type: 'junior', overrides: { radiusM: 800 } }, (f) => progress.push(f));
    const direct = evaluate(district, { type: 'junior', overrides: { radiusM: 800 } });
    expect(viaApi).toEqual(direct);
    expect(structuredClone(viaApi)).toEqual(direct);
    expect(progress[0]).toBe(0);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1])).toBe(true);
  });

  it('refuses to evaluate before a district is loaded', () => {
    expect(() => createEngineApi().evaluate({ type: 'primary' })).toThrow(/no district loaded/);
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
    const options = { type: 'primary' as const };
    const start = api.startWhatIf(options, [{ id: 'A', lngLat: [113.6, 34.78], seats: 900, classes: 20 }]);
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
      for (const { index, cell } of update.cells) view.cells[index] = cell;
    }
    const full = evaluate(withProposedSites(district, 'primary', api.whatIfSites()), options);
    expect(api.whatIfSites().map((s) => s.id)).toEqual(['B', 'C', 'A']);
    expect(structuredClone(api.whatIfEvaluation())).toEqual(full);
    expect(view).toEqual(full);
    expect(api.whatIfSummary()).toEqual({ revision: updates.length + 1, summary: full.summary, facilities: full.facilities });
  });

  it('needs a started session, and a new district ends it', () => {
    const api = createEngineApi();
    expect(() => api.whatIfSummary()).toThrow(/no what-if session/);
    api.setDistrict(district);
    api.startWhatIf({ type: 'junior' });
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
    const viaApi = api.evaluate({ type: 'primary', distance: 'network-no-arterial' });
    const direct = evaluate(district, { type: 'primary', distanceRule: rule });
    expect(viaApi).toEqual(direct);
    expect(viaApi.summary.coveragePct!).toBeLessThan(api.evaluate({ type: 'primary' }).summary.coveragePct!);

    const rec = await api.recommend({ type: 'primary', distance: 'network-no-arterial' }, { model: 'mclp', p: 3, candidateSpacingM: 300 });
    const recDirect = await recommendSites(district, { type: 'primary', distanceRule: rule }, { model: 'mclp', p: 3, candidateSpacingM: 300 });
    expect(rec.proposals).toEqual(recDirect.proposals);
    expect(rec.after.coveragePct!).toBeGreaterThan(rec.before.coveragePct!);

    api.startWhatIf({ type: 'primary', distance: 'network-no-arterial' });
    const sites = rec.proposals.map((p) => ({ id: `P${p.rank}`, lngLat: p.lngLat, seats: p.seats }));
    api.whatIfSetSites(sites);
    expect(api.whatIfEvaluation()).toEqual(evaluate(withProposedSites(district, 'primary', sites), { type: 'primary', distanceRule: rule }));
  });

  it('says so when there are no roads to walk', () => {
    const api = createEngineApi();
    api.setDistrict({ ...district, roads: undefined });
    expect(() => api.evaluate({ type: 'primary', distance: 'network' })).toThrow(/no road layer/);
  });
});
