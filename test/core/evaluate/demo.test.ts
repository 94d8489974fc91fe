import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { area, bbox, centroid, distance, feature, featureCollection, intersect } from '@turf/turf';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { evaluate } from '../../../src/core/index.ts';
import { expectPlainAndFinite } from './plain-and-finite.ts';

const GEO = join(import.meta.dirname, '..', '..', '..', 'data', 'geo');
const read = (name: string): unknown => JSON.parse(readFileSync(join(GEO, name), 'utf8'));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The Zhengzhou method for primary schools (radius 500 m, 66 pupils per 1,000, classes of 45,
 * schools of at most 2,000), computed here by brute force with turf, independently of the engine:
 * every cell's centroid against every school by great-circle distance, nearest-first allocation
 * over all pairs in reach (distance to the centimetre, then cell, then school, as the README's
 * worked example states the rule), and village shares as the area of each cell inside each village.
 */
function bruteForce(population: FeatureCollection<Polygon, { population: number }>, facilities: FeatureCollection<Point, { type: string; capacity: number }>, villages: FeatureCollection<Polygon>) {
  const RADIUS_M = 500;
  const cells = population.features.map((f) => ({ point: centroid(f).geometry.coordinates, users: (f.properties.population * 66) / 1000, polygon: f }));
  const schools = facilities.features.filter((f) => f.properties.type === 'primary');
  const pairs: { cell: number; school: number; cm: number }[] = [];
  const inCatchment = schools.map(() => 0);
  cells.forEach((c, i) =>
    schools.forEach((s, j) => {
      const d = distance(c.point, s.geometry.coordinates, { units: 'meters' });
      if (d <= RADIUS_M) {
        pairs.push({ cell: i, school: j, cm: Math.round(d * 100) });
        inCatchment[j] += c.users;
      }
    }),
  );
  pairs.sort((a, b) => a.cm - b.cm || a.cell - b.cell || a.school - b.school);
  const left = cells.map((c) => c.users);
  const free = schools.map((s) => s.properties.capacity);
  const served = cells.map(() => 0);
  for (const { cell, school } of pairs) {
    const take = Math.min(left[cell], free[school]);
    if (take <= 0) continue;
    left[cell] -= take;
    free[school] -= take;
    served[cell] += take;
  }
  const covered = cells.map(() => false);
  for (const p of pairs) covered[p.cell] = true;
  const villageBoxes = villages.features.map((v) => bbox(v));
  const share = cells.map((c) => {
    const [w, s, e, n] = bbox(c.polygon);
    let inside = 0;
    villages.features.forEach((v, k) => {
      const b = villageBoxes[k];
      if (b[0] > e || b[2] < w || b[1] > n || b[3] < s) return;
      const part = intersect(featureCollection([c.polygon, feature(v.geometry)]));
      if (part) inside += area(part);
    });
    const s2 = inside / area(c.polygon);
    return s2 > 1e-6 ? Math.min(1, s2) : 0;
  });
  const sum = (f: (i: number) => number) => cells.reduce((t, _, i) => t + f(i), 0);
  const usersTotal = sum((i) => cells[i].users);
  const pupils = Math.round(usersTotal);
  const servedPupils = Math.round(sum((i) => served[i]));
  const unservedPupils = pupils - servedPupils;
  const unservedInReachPupils = Math.min(unservedPupils, Math.round(sum((i) => (covered[i] ? left[i] : 0))));
  const villageUsers = sum((i) => cells[i].users * share[i]);
  const otherUsers = usersTotal - villageUsers;
  const villageServed = sum((i) => served[i] * share[i]) / villageUsers;
  const otherServed = (sum((i) => served[i]) - sum((i) => served[i] * share[i])) / otherUsers;
  const villageCovered = sum((i) => (covered[i] ? cells[i].users * share[i] : 0)) / villageUsers;
  const otherCovered = sum((i) => (covered[i] ? cells[i].users * (1 - share[i]) : 0)) / otherUsers;
  return {
    summary: {
      residents: sum((i) => population.features[i].properties.population),
      pupils,
      seats: schools.reduce((t, s) => t + s.properties.capacity, 0),
      facilities: schools.length,
      servedPupils,
      unservedPupils,
      unservedInReachPupils,
      uncoveredPupils: unservedPupils - unservedInReachPupils,
      coveragePct: round((100 * sum((i) => (covered[i] ? cells[i].users : 0))) / usersTotal, 1),
      servedPct: round((100 * sum((i) => served[i])) / usersTotal, 1),
      seatsNeeded: unservedPupils,
      classesNeeded: Math.ceil(unservedPupils / 45),
      schoolsNeeded: Math.ceil(unservedPupils / 2000),
      overCapacity: schools.filter((s, j) => inCatchment[j] > s.properties.capacity).length,
    },
    equity: {
      villageCoveragePct: round(100 * villageCovered, 1),
      otherCoveragePct: round(100 * otherCovered, 1),
      villageServedPct: round(100 * villageServed, 1),
      otherServedPct: round(100 * otherServed, 1),
      ratio: round(villageServed / otherServed, 2),
      coverageRatio: round(villageCovered / otherCovered, 2),
    },
  };
}

describe.runIf(existsSync(join(GEO, 'demo-population.geojson')))('evaluate on the demo district', () => {
  it('gives the primary-school numbers of a brute-force computation: villages worse off, some schools over capacity, no NaN', () => {
    const population = read('demo-population.geojson') as FeatureCollection<Polygon, { population: number }>;
    const facilities = read('demo-facilities.geojson') as FeatureCollection<Point, { type: string; capacity: number }>;
    const villages = read('demo-urban-villages.geojson') as FeatureCollection<Polygon>;
    const result = evaluate({ population, facilities, villages }, { type: 'primary' });
    const s = result.summary;
    const expected = bruteForce(population, facilities, villages);
    expect(result.warnings).toEqual([]);
    expect(s).toMatchObject(expected.summary);
    expect(s.equity).toMatchObject(expected.equity);
    // The README quotes the straight-line coverage of the demo: 59.1 %.
    expect(s.coveragePct).toBe(59.1);
    // Properties the demo was made to show.
    expect(s.overCapacity).toBeGreaterThan(0);
    expect(s.overCapacity).toBeLessThan(s.facilities);
    expect(s.equity.villageCoveragePct!).toBeLessThan(s.equity.otherCoveragePct!);
    expect(s.equity.ratio!).toBeLessThan(1);
    expect(s.equity.worstVillages.length).toBe(5);
    expect(s.servedPupils + s.unservedPupils).toBe(s.pupils);
    expectPlainAndFinite(result);
  });
});
