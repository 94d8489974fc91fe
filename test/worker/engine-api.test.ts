import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/index.ts';
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
