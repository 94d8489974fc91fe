import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkZoning, designZones, networkDistance, prepareZoneDesign, solveAssignmentLp, type ZoneDesign, type ZoneDesignProblem } from '../../../src/core/index.ts';
import { emptyState, roundShares } from '../../../src/core/zones/zone-repair.ts';
import { schoolLimits } from '../../../src/core/zones/assignment-lp.ts';

const IN = join(import.meta.dirname, '..', '..', 'fixtures', 'zones', 'design');
const read = (name: string): unknown => JSON.parse(readFileSync(join(IN, `${name}.geojson`), 'utf8'));

/*
 * The fixtures are squares of 0.001° on the equator (lon 10.000 + 0.001 i, lat 0.001 j), each of
 * 1,000 residents: 66 pupils (zhengzhou-2035 primary). Neighbouring centres are
 * U = 6,371,008.8 m × 0.001 × π / 180 = 111.195 m apart (cos of a latitude of 0.0005° is 1 to
 * 1e-10); radius 500 m, pairs within 4 × 500 = 2,000 m.
 */
const U = (6_371_008.8 * 0.001 * Math.PI) / 180;
const W = 66;

function problemOf(prefix: string, distance?: ReturnType<typeof networkDistance>): ZoneDesignProblem {
  return prepareZoneDesign({ population: read(`${prefix}-population`), facilities: read(`${prefix}-schools`) }, { type: 'primary', distanceRule: distance?.rule });
}
const zonesOf = (d: ZoneDesign) => {
  const out: Record<string, string[]> = {};
  for (const [cell, school] of Object.entries(d.assignment)) (out[school ?? 'none'] ??= []).push(cell);
  for (const list of Object.values(out)) list.sort();
  return out;
};

describe('designZones: a capacity that forces a split', () => {
  /*
   * Cells r0…r4 in a row, S1 (198 seats: 3 cells) in r0, S2 (66 seats: 1 cell) in r3, and a cell
   * 'far' 50 cells east (5.5 km: out of reach). 330 pupils in reach, 264 seats: 4 cells placed.
   * S2 takes one cell, S1 three; the placements of 4 cells cost (in U × 66 pupils):
   *   S2 {r3}, S1 {r0, r1, r2}: 0 + (0 + 1 + 2) = 3     S2 {r4}, S1 {r0, r1, r2}: 1 + 3 = 4
   *   S2 {r2}, S1 {r0, r1, r3}: 1 + (0 + 1 + 3) = 5     (any other is dearer)
   * so r2 — nearer S2 (1 U) than S1 (2 U) — goes to S1, and r4 is left: S2 (1 U) and S1 (4 U)
   * are full. Pupil-metres 66 × 3 U = 22,016.6; the LP (cells splittable) gives the same.
   */
  for (const mode of ['exact', 'fast'] as const) {
    it(`${mode}: r0, r1, r2 to S1, r3 to S2, r4 without seats, 'far' out of reach`, async () => {
      const d = await designZones(problemOf('row'), { mode, lowerBound: true });
      expect(zonesOf(d)).toEqual({ S1: ['r0', 'r1', 'r2'], S2: ['r3'], none: ['far', 'r4'] });
      expect(d.unassigned).toEqual([
        { cell: 'r4', pupils: W, reason: 'no-seats' },
        { cell: 'far', pupils: W, reason: 'no-school-in-reach' },
      ]);
      expect(d.objective).toBeCloseTo(W * 3 * U, 3);
      expect(d.lowerBound).toBeCloseTo(W * 3 * U, 3);
      expect(d.gapPct).toBeCloseTo(0, 6);
      expect(d.placedPupils).toBeCloseTo(4 * W, 9);
      expect(d.solver).toBe(mode === 'exact' ? 'lp' : 'greedy');
      const s1 = d.zones.find((z) => z.id === 'S1')!;
      expect(s1).toMatchObject({ school: 'S1', seats: 198, beyondRadiusPupils: 0 });
      expect(s1.pupils).toBeCloseTo(198, 9);
      expect(s1.utilisation).toBeCloseTo(1, 9);
    });
  }

  it('answers with the fast design when HiGHS is out of time', async () => {
    const problem = problemOf('row');
    // A microsecond: the deadline has passed before HiGHS could start, so neither LP answers.
    const d = await designZones(problem, { mode: 'exact', timeLimitS: 1e-6 });
    expect(d).toMatchObject({ solver: 'greedy', lpStatus: 'time_limit', lowerBound: null, gapPct: null, lpPlacedPupils: null });
    expect(d.assignment).toEqual((await designZones(problem, { mode: 'fast' })).assignment);
  });

  it('is deterministic, and --max-utilisation 0.5 leaves half the seats empty', async () => {
    const problem = problemOf('row');
    expect(await designZones(problem, { mode: 'exact' })).toEqual({ ...(await designZones(problem, { mode: 'exact' })), seconds: expect.any(Number) });
    // S1 may take 99 pupils (1 cell of 66), S2 33 (none): only r0, in S1's own cell.
    const half = await designZones(problem, { mode: 'exact', maxUtilisation: 0.5 });
    expect(zonesOf(half)).toEqual({ S1: ['r0'], none: ['far', 'r1', 'r2', 'r3', 'r4'] });
  });
});

describe('designZones: two schools with an arterial between them', () => {
  /*
   * Cells a0…a4 on a local street (lat 0.0005), an arterial crossing it between a2 and a3 (lon
   * 10.003) and running 2.2 km each way (going round its ends is farther than the 2 km reach).
   * S1 in a0 has 264 seats (4 cells), S2 in a4 66 (1 cell); 330 pupils.
   * Straight line: S2 takes a4 (saving 4 U − 0 over S1, against a3's 3 U − 1 U), S1 a0…a3: S1's
   * zone crosses the arterial. Not crossing it: a3 reaches only S2, which a4 fills; a3 is left,
   * S1 having room across the arterial. A marked crossing at the junction lets a3 walk to S1.
   */
  const roads = read('arterial-roads');
  const cases = [
    ['straight line', undefined, { S1: ['a0', 'a1', 'a2', 'a3'], S2: ['a4'] }],
    ['no crossing', networkDistance(roads, { roadsSource: 'roads', noCross: ['arterial'] }), { S1: ['a0', 'a1', 'a2'], S2: ['a4'], none: ['a3'] }],
    ['a marked crossing', networkDistance(roads, { roadsSource: 'roads', noCross: ['arterial'], crossings: [[10.003, 0.0005]] }), { S1: ['a0', 'a1', 'a2', 'a3'], S2: ['a4'] }],
  ] as const;
  for (const [name, distance, expected] of cases) {
    for (const mode of ['exact', 'fast'] as const) {
      it(`${name}, ${mode}`, async () => {
        const d = await designZones(problemOf('arterial', distance), { mode });
        expect(zonesOf(d)).toEqual(expected);
        if (name === 'no crossing') expect(d.unassigned).toEqual([{ cell: 'a3', pupils: W, reason: 'across-arterial' }]);
        else expect(d.objective).toBeCloseTo(W * (1 + 2 + 3) * U, 2);
      });
    }
  }
});

describe('designZones: contiguity repair', () => {
  /*
   * Cells O(0,0) C(1,0) A(2,0) D(3,0) on a row, B(2,1) above A and E(3,1) above D; S1 in O and S2
   * in D, 198 seats each (3 cells). In U: to S1 O 0, C 1, A 2, D 3, B √5, E √10; to S2 D 0, A 1,
   * E 1, B √2, C 2. S2 saves most on D (3), E (√10 − 1 = 2.16) and A (1; B saves √5 − √2 = 0.82),
   * so the LP (integral here) puts S1 = {O, C, B}, S2 = {D, E, A}: B touches only A and E, both
   * S2's — S1's zone is in two pieces. The repair lets B go; B cannot join full S2 directly, so S2
   * hands A (touching C) to S1 and takes B: S1 = {O, C, A}, S2 = {D, E, B}, both one piece.
   * Pupil-metres 66 U (0 + 1 + 2 + 0 + 1 + √2) against the LP's 66 U (0 + 1 + √5 + 0 + 1 + 1):
   * gap (5.41421 − 5.23607) / 5.23607 = 3.402 %.
   */
  it('the LP rounded leaves B detached from S1', async () => {
    const problem = problemOf('island');
    const lp = await solveAssignmentLp(problem, 1, { deadline: performance.now() + 60_000 });
    const state = emptyState(problem, schoolLimits(problem, 1));
    roundShares(problem, state, lp.pairShare!);
    const zone = (s: number) => problem.cells.filter((_, c) => state.cellSchool[c] === s).map((c) => c.id).sort();
    expect([zone(0), zone(1)]).toEqual([['B', 'C', 'O'], ['A', 'D', 'E']]);
    // What an editor is told of that zoning: S1 in two pieces; seats and pairs are kept.
    expect(checkZoning(problem, state.cellSchool)).toEqual({ overCapacity: [], detached: [{ school: 'S1', pieces: 2 }], notAllowed: [] });
  });

  it('checkZoning names a school over its seats and a cell out of its reach', () => {
    const problem = problemOf('row');
    // r0…r3 and 'far' (5.5 km away) all to S1: 5 × 66 = 330 pupils for 198 seats.
    const cellSchool = Int32Array.from(problem.cells, (c) => (c.id === 'r4' ? -1 : 0));
    const check = checkZoning(problem, cellSchool);
    expect(check.overCapacity).toEqual([{ school: 'S1', pupils: expect.closeTo(330, 9), limit: 198 }]);
    expect(check.notAllowed).toEqual([{ cell: 'far', school: 'S1' }]);
    // 'far' touches no other cell: S1's zone is r0…r3 and 'far', two pieces.
    expect(check.detached).toEqual([{ school: 'S1', pieces: 2 }]);
  });

  it('point cells touch their Delaunay neighbours: B beside C is no island', async () => {
    /*
     * The same six places as points. B (2,1) and C (1,0) are √2 U = 157 m apart, within the 500 m
     * radius, and the triangle C–A–B has an empty circumcircle (centre (1.5, 0.5), radius 0.71 U;
     * the other points are 1.58 U from it): they touch. The LP's zoning S1 = {O, C, B},
     * S2 = {A, D, E} is then connected and kept, at the LP's own pupil-metres (gap 0).
     */
    const points = read('island-population') as { features: { geometry: unknown; properties: { id: string } }[] };
    const centres: Record<string, [number, number]> = { O: [0, 0], C: [1, 0], A: [2, 0], D: [3, 0], B: [2, 1], E: [3, 1] };
    for (const f of points.features) {
      const [i, j] = centres[f.properties.id];
      f.geometry = { type: 'Point', coordinates: [10 + 0.001 * i + 0.0005, 0.001 * j + 0.0005] };
    }
    const problem = prepareZoneDesign({ population: points, facilities: read('island-schools') }, { type: 'primary' });
    expect(problem.adjacency).toBe('delaunay');
    const d = await designZones(problem, { mode: 'exact' });
    expect(zonesOf(d)).toEqual({ S1: ['B', 'C', 'O'], S2: ['A', 'D', 'E'] });
    expect(d.objective).toBeCloseTo(W * U * (3 + Math.sqrt(5)), 3);
    expect(d.gapPct).toBeCloseTo(0, 6);
  });

  for (const mode of ['exact', 'fast'] as const) {
    it(`${mode}: the repair gives two connected zones, every cell placed`, async () => {
      const d = await designZones(problemOf('island'), { mode, lowerBound: true });
      expect(zonesOf(d)).toEqual({ S1: ['A', 'C', 'O'], S2: ['B', 'D', 'E'] });
      expect(d.unassigned).toEqual([]);
      expect(d.objective).toBeCloseTo(W * U * (3 + 1 + Math.SQRT2), 3);
      expect(d.lowerBound).toBeCloseTo(W * U * (3 + Math.sqrt(5)), 3);
      expect(d.gapPct).toBeCloseTo((100 * (4 + Math.SQRT2 - (3 + Math.sqrt(5)))) / (3 + Math.sqrt(5)), 6);
    });
  }
});
