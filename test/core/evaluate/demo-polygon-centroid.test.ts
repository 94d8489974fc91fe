import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { centroid } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { evaluate, geodesicRule, PRESETS, readPopulation, type Evaluation, type FacilityType } from '../../../src/core/index.ts';
import { splitsAt } from '../../../src/core/demand/split-polygon.ts';

const GEO = join(import.meta.dirname, '..', '..', '..', 'data', 'geo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(GEO, name), 'utf8'));

/**
 * The demo's population cells are 150 m squares. For a square the area centroid is the average of
 * its corners, so the area-centroid rule must leave every demo number as it was; and a 150 m square
 * (spread 150 / √6 = 61.2 m) is under a quarter of every preset radius (300 m and up), so none is
 * split. "As it was" is computed here with the old rule: the same evaluation with its distances
 * measured from turf's `centroid` (the vertex average) of each cell.
 */
describe.runIf(existsSync(join(GEO, 'demo-population.geojson')))('demo population cells under the area-centroid rule', () => {
  const population = read('demo-population.geojson') as FeatureCollection<Polygon>;
  const input = { population, facilities: read('demo-facilities.geojson'), villages: read('demo-urban-villages.geojson') };
  const oldPoints = population.features.map((f: Feature<Polygon>) => centroid(f).geometry.coordinates as [number, number]);

  it('no cell is split at any preset radius', () => {
    const { features } = readPopulation(population);
    const maxSpread = Math.max(...features.map((f) => f.spreadM ?? 0));
    expect(maxSpread).toBeGreaterThan(150 / Math.sqrt(6) - 0.5);
    expect(maxSpread).toBeLessThan(150 / Math.sqrt(6) + 0.5);
    const radii = PRESETS.flatMap((p) => Object.values(p.standards).map((s) => s.radiusM));
    expect(Math.min(...radii)).toBe(300);
    for (const r of radii) expect(features.some((f) => splitsAt(f.spreadM ?? 0, r))).toBe(false);
    // The area centroid of each square is its corners' average.
    features.forEach((f, k) => {
      expect(f.lngLat[0]).toBeCloseTo(oldPoints[k][0], 10);
      expect(f.lngLat[1]).toBeCloseTo(oldPoints[k][1], 10);
    });
  });

  const same = (now: Evaluation, before: Evaluation) => {
    expect(now.summary).toEqual(before.summary);
    expect(now.cells).toHaveLength(population.features.length);
    expect(now.cells.length).toBe(before.cells.length);
    now.cells.forEach((c, k) => {
      const b = before.cells[k];
      expect([c.id, c.featureIndex, c.covered, c.nearestFacilityId, c.nearestDistanceM, c.servedById, c.villageId]).toEqual([
        b.id, b.featureIndex, b.covered, b.nearestFacilityId, b.nearestDistanceM, b.servedById, b.villageId,
      ]);
      // Sums in another order of equally distant pairs may differ in the last bits.
      for (const key of ['residents', 'users', 'served', 'unserved', 'access2sfca', 'accessE2sfca', 'villageShare', 'migrants'] as const) {
        expect(c[key]).toBeCloseTo(b[key], 9);
      }
    });
    now.facilities.forEach((f, s) => {
      expect(f.allocated).toBeCloseTo(before.facilities[s].allocated, 9);
      expect(f.usersInCatchment).toBeCloseTo(before.facilities[s].usersInCatchment, 9);
      expect([f.id, f.status, f.cellsInCatchment]).toEqual([before.facilities[s].id, before.facilities[s].status, before.facilities[s].cellsInCatchment]);
    });
  };

  for (const type of ['primary', 'kindergarten'] as FacilityType[]) {
    it(`${type}: the same numbers as with the vertex average`, () => {
      const now = evaluate(input, { type });
      const before = evaluate(input, { type, distanceRule: () => geodesicRule(oldPoints) });
      same(now, before);
    });
  }
});
