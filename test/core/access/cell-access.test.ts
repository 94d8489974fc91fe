import { describe, expect, it } from 'vitest';
import { cellAccess, matchMatrixToCells, type AccessDemand } from '../../../src/core/access/index.ts';
import type { DemandCell } from '../../../src/core/demand/demand-cells.ts';
import { geodesicIndexRule } from '../../../src/core/distance/geodesic-index.ts';
import { InputError } from '../../../src/core/errors.ts';
import type { Facility } from '../../../src/core/facilities/facilities.ts';
import { readCostMatrix } from '../../../src/core/io/cost-matrix.ts';
import { DEFAULT_ACCESS_SETTINGS, validateAccessSettings, type AccessSettings } from '../../../src/core/settings/access-settings.ts';
import type { LngLat } from '../../../src/core/types.ts';

const cell = (id: string, featureIndex: number, users: number, villageShare: number, lngLat: LngLat = [113.6, 34.7]): DemandCell => ({
  id,
  featureIndex,
  lngLat,
  residents: users * 10,
  users,
  villageId: villageShare > 0 ? 'v1' : null,
  villageName: villageShare > 0 ? 'V' : null,
  villageShare,
  villages: villageShare > 0 ? [{ village: 0, share: villageShare }] : [],
  migrants: 0,
});

const facility = (id: string, capacity: number, lngLat: LngLat = [113.6, 34.7], none = false): Facility => ({
  id,
  featureIndex: 0,
  name: id,
  nameEn: id,
  type: 'primary',
  lngLat,
  capacity,
  ...(none ? { capacitySource: 'none' as const } : {}),
});

/*
 * Four cells: a (20 pupils, all in a village), b (30, half in one), c (10, none), d (40, not in
 * the matrix). Schools S1 (100 seats) and S2 (50). The matrix in minutes also holds a pair to a
 * clinic X9 and from an origin z that is no cell: both are left out.
 */
const cells = [cell('a', 0, 20, 1), cell('b', 1, 30, 0.5), cell('c', 2, 10, 0), cell('d', 3, 40, 0)];
const facilities = [facility('S1', 100), facility('S2', 50)];
const csv = ['from_id,to_id,travel_time', 'a,S1,5', 'a,S2,12', 'b,S1,8', 'c,S2,4', 'c,X9,3', 'z,S1,1'].join('\n');
const matrix = readCostMatrix(csv, 'times.csv');
const demand = (list: DemandCell[] = cells): AccessDemand => ({
  cells: list,
  users: Float64Array.from(list, (c) => c.users),
  rule: geodesicIndexRule(Float64Array.from(list, (c) => c.lngLat[0]), Float64Array.from(list, (c) => c.lngLat[1])),
  radiusM: 500,
});
const settings = (patch: Partial<AccessSettings>): AccessSettings => ({ ...DEFAULT_ACCESS_SETTINGS, costs: 'matrix', ...patch });

describe('cellAccess on a travel-time matrix', () => {
  it('2SFCA within 10 minutes, by hand: S1 serves a and b (100 / 50 = 2 seats a pupil), S2 serves c (50 / 10 = 5)', () => {
    const r = cellAccess(demand(), facilities, settings({ cutoff: 10 }), matrix);
    expect(Array.from(r.values.subarray(0, 3))).toEqual([2, 2, 5]);
    expect(r.values[3]).toBeNaN();
    // Villages: a's 20 and half of b (15) at 2 → 2; the rest: 15 at 2 and c's 10 at 5 → 80 / 25.
    expect(r.equity.villages.users).toBe(35);
    expect(r.equity.villages.mean).toBeCloseTo(2, 12);
    expect(r.equity.rest.users).toBe(25);
    expect(r.equity.rest.mean).toBeCloseTo(3.2, 12);
    expect(r.equity.ratio).toBeCloseTo(0.625, 12);
    expect(r.equity.villages.noAccessPct).toBe(0);
    expect(r.costUnit).toBe('travel_time');
    expect(r.supply).toBe('seats');
    expect(r.higherIsBetter).toBe(true);
  });

  it('reports what matched: 4 pairs used, 3 of 4 cells, the unknown origin and destination named', () => {
    const { matrix: match } = cellAccess(demand(), facilities, settings({ cutoff: 10 }), matrix);
    expect(match).toEqual({
      file: 'times.csv',
      costColumn: 'travel_time',
      pairsUsed: 4,
      cellsMatched: 3,
      cells: 4,
      facilitiesMatched: 2,
      facilities: 2,
      unknownOrigins: { count: 1, examples: ['z'] },
      unknownDestinations: { count: 1, examples: ['X9'] },
      facilitiesMissing: { count: 0, examples: [] },
    });
  });

  it('gravity with exponential decay and no cutoff: every pair counts, Σ seats·e^(−0.1 t)', () => {
    const r = cellAccess(demand(), facilities, settings({ method: 'gravity', decay: 'exponential', beta: 0.1 }), matrix);
    expect(r.values[0]).toBeCloseTo(100 * Math.exp(-0.5) + 50 * Math.exp(-1.2), 12);
    expect(r.values[1]).toBeCloseTo(100 * Math.exp(-0.8), 12);
    expect(r.values[2]).toBeCloseTo(50 * Math.exp(-0.4), 12);
  });

  it('time to the nearest school, lower is better; beyond the cutoff there is none and it counts as no access', () => {
    const all = cellAccess(demand(), facilities, settings({ method: 'nearest' }), matrix);
    expect(Array.from(all.values.subarray(0, 3))).toEqual([5, 8, 4]);
    expect(all.higherIsBetter).toBe(false);
    expect(all.equity.villages.mean).toBeCloseTo(220 / 35, 12);
    expect(all.equity.rest.mean).toBeCloseTo(6.4, 12);
    const within6 = cellAccess(demand(), facilities, settings({ method: 'nearest', cutoff: 6 }), matrix);
    expect(Array.from(within6.values.subarray(0, 3))).toEqual([5, Infinity, 4]);
    // b's 30 pupils have none within 6: 15 of the villages' 35, 15 of the rest's 25.
    expect(within6.equity.villages.noAccessPct).toBeCloseTo((100 * 15) / 35, 4);
    expect(within6.equity.rest.noAccessPct).toBe(60);
    expect(within6.equity.villages.mean).toBe(5);
    expect(within6.equity.rest.mean).toBe(4);
  });

  it('the second nearest (n = 2) counts schools, not seats', () => {
    const r = cellAccess(demand(), facilities, settings({ method: 'nearest', n: 2 }), matrix);
    expect(Array.from(r.values.subarray(0, 3))).toEqual([12, Infinity, Infinity]);
    expect(r.supply).toBe('facilities');
  });

  it('cumulative: seats within 10 minutes', () => {
    const r = cellAccess(demand(), facilities, settings({ method: 'cumulative', cutoff: 10 }), matrix);
    expect(Array.from(r.values.subarray(0, 3))).toEqual([100, 100, 50]);
  });

  it('the parts of a split feature (id#k) take their feature\'s travel times', () => {
    const split = [cell('a#1', 0, 10, 1), cell('a#2', 0, 10, 1), cell('b', 1, 30, 0.5), cell('c', 2, 10, 0)];
    const r = cellAccess(demand(split), facilities, settings({ cutoff: 10 }), matrix);
    // S1: 100 seats for a's 20 and b's 30 as before.
    expect(Array.from(r.values)).toEqual([2, 2, 2, 5]);
    // a's two parts each take a's two pairs: 4, with b's and c's 6.
    expect(r.matrix?.pairsUsed).toBe(6);
  });

  it('a type without capacities measures facilities, not seats', () => {
    const r = cellAccess(demand(), [facility('S1', 0, undefined, true), facility('S2', 0, undefined, true)], settings({ cutoff: 10 }), matrix);
    expect(r.supply).toBe('facilities');
    expect(Array.from(r.values.subarray(0, 3))).toEqual([1 / 50, 1 / 50, 1 / 10]);
  });

  it('a facility the matrix does not have is named as missing', () => {
    const r = cellAccess(demand(), [...facilities, facility('P1', 200)], settings({ cutoff: 10 }), matrix);
    expect(r.matrix?.facilitiesMissing).toEqual({ count: 1, examples: ['P1'] });
  });

  it('refuses a matrix for other data, naming the file and ids on both sides', () => {
    const other = readCostMatrix('origin,destination,cost\nx1,S1,3\nx2,S2,4\n', 'other.csv');
    const call = () => matchMatrixToCells(other, cells, facilities);
    expect(call).toThrow(InputError);
    expect(call).toThrow("other.csv: none of its 2 origin ids is the id of a residential feature (matrix: 'x1', 'x2'; population: 'a', 'b', 'c')");
    const noSchool = readCostMatrix('origin,destination,cost\na,K1,3\n', 'k.csv');
    expect(() => matchMatrixToCells(noSchool, cells, facilities)).toThrow("k.csv: none of its 1 destination ids is the id of a facility of the analysed type (matrix: 'K1'; facilities: 'S1', 'S2')");
  });

  it('says what is missing: no matrix loaded, or a binary catchment without a cutoff', () => {
    expect(() => cellAccess(demand(), facilities, settings({ cutoff: 10 }))).toThrow('access.costs: no travel-time matrix is loaded');
    expect(() => cellAccess(demand(), facilities, settings({ cutoff: null }), matrix)).toThrow('access.cutoff: a binary catchment needs a cutoff');
    expect(() => cellAccess(demand(), facilities, settings({ method: 'e2sfca', cutoff: null }), matrix)).toThrow('E2SFCA');
  });
});

describe('cellAccess by distance', () => {
  // Cells 0, 300 and 700 m north of one school, on the engine's sphere (mean Earth radius 6,371,008.8 m).
  const north = (m: number): LngLat => [113.6, 34.7 + (m * 180) / (Math.PI * 6_371_008.8)];
  const line = [cell('n0', 0, 10, 0, north(0)), cell('n300', 1, 20, 0, north(300)), cell('n700', 2, 30, 1, north(700))];
  const school = [facility('S', 100, north(0))];

  it('2SFCA within the radius (500 m): 100 seats for 30 pupils in reach; the cell at 700 m has none', () => {
    const r = cellAccess(demand(line), school, DEFAULT_ACCESS_SETTINGS);
    expect(r.values[0]).toBeCloseTo(100 / 30, 12);
    expect(r.values[1]).toBeCloseTo(100 / 30, 12);
    expect(r.values[2]).toBe(0);
    expect(r.costUnit).toBe('m');
    expect(r.matrix).toBeNull();
    expect(r.equity.villages.noAccessPct).toBe(100);
    expect(r.equity.rest.noAccessPct).toBe(0);
    expect(r.equity.ratio).toBe(0);
  });

  it('a longer cutoff (800 m) brings the third cell in', () => {
    const r = cellAccess(demand(line), school, { ...DEFAULT_ACCESS_SETTINGS, cutoff: 800 });
    expect(Array.from(r.values).map((v) => v * 60)).toEqual([100, 100, 100].map((v) => expect.closeTo(v, 9)));
  });

  it('distance to the nearest school in metres', () => {
    const r = cellAccess(demand(line), school, { ...DEFAULT_ACCESS_SETTINGS, method: 'nearest', cutoff: 1000 });
    expect(r.values[0]).toBeCloseTo(0, 6);
    expect(r.values[1]).toBeCloseTo(300, 3);
    expect(r.values[2]).toBeCloseTo(700, 3);
  });
});

describe('validateAccessSettings', () => {
  it('takes a whole record and ignores unknown fields', () => {
    expect(validateAccessSettings({ method: 'gravity', costs: 'matrix', decay: 'power', cutoff: null, beta: 1.5, n: 1, extra: 1 })).toEqual({
      method: 'gravity',
      costs: 'matrix',
      decay: 'power',
      cutoff: null,
      beta: 1.5,
      n: 1,
    });
  });

  it('names the field and the rule', () => {
    expect(() => validateAccessSettings({ ...DEFAULT_ACCESS_SETTINGS, method: 'knn' })).toThrow("access.method: must be one of 2sfca, e2sfca, bfca, gravity, cumulative, nearest, got 'knn'");
    expect(() => validateAccessSettings({ ...DEFAULT_ACCESS_SETTINGS, cutoff: -1 })).toThrow('access.cutoff: must be between 0.001 and 1,000,000, got -1');
    expect(() => validateAccessSettings({ ...DEFAULT_ACCESS_SETTINGS, n: 1.5 })).toThrow('access.n: must be a whole number, got 1.5');
    expect(() => validateAccessSettings({ ...DEFAULT_ACCESS_SETTINGS, beta: '1' })).toThrow("access.beta: must be a number, got '1'");
    expect(() => validateAccessSettings(null)).toThrow('access: must be an object');
  });
});
