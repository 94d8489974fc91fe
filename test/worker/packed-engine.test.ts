import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, DEFAULT_RECOMMEND_SETTINGS, evaluate, unpackEvaluation } from '../../src/core/index.ts';
import { createEngineApi } from '../../src/worker/engine-api.ts';
import { packedEngineApi } from '../../src/worker/packed-engine.ts';

const read = (name: string): unknown => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/geo', name), 'utf8'));

describe('the engine API as the worker exposes it', () => {
  const district = { population: read('demo-population.geojson'), facilities: read('demo-facilities.geojson'), villages: read('demo-urban-villages.geojson') };
  const api = packedEngineApi(createEngineApi());
  api.setDistrict(district);

  it('sends whole evaluations with their cells in columns, which unpack to the engine’s own answer', () => {
    const packed = api.evaluate(DEFAULT_ANALYSIS_SETTINGS);
    expect(packed.cells.featureIndex).toBeInstanceOf(Int32Array);
    expect(unpackEvaluation(structuredClone(packed))).toEqual(evaluate(district, { type: DEFAULT_ANALYSIS_SETTINGS.type, worstVillageCount: Infinity, registration: DEFAULT_ANALYSIS_SETTINGS.registration }));
  });

  it('packs the evaluation after a recommendation and the one an editing session starts from', async () => {
    const r = await api.recommend(DEFAULT_ANALYSIS_SETTINGS, { ...DEFAULT_RECOMMEND_SETTINGS, p: 2, solver: 'heuristic' });
    expect(r.proposals).toHaveLength(2);
    const after = unpackEvaluation(r.afterEvaluation);
    expect(after.summary).toEqual(r.after);
    const started = unpackEvaluation(api.startWhatIf(DEFAULT_ANALYSIS_SETTINGS, []));
    expect(started).toEqual(evaluate(district, { type: DEFAULT_ANALYSIS_SETTINGS.type, worstVillageCount: Infinity, registration: DEFAULT_ANALYSIS_SETTINGS.registration }));
  });
});
