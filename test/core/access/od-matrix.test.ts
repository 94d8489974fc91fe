import { describe, expect, it } from 'vitest';
import {
  E2SFCA_STEPS,
  e2sfcaZones,
  floatingCatchment,
  groupPairs,
  odFromDistanceRule,
  odFromReachTable,
  pairWeights,
  twoStepFca,
} from '../../../src/core/access/index.ts';
import { EARTH_RADIUS_M, geodesicRule, type ReachTable } from '../../../src/core/index.ts';

// Two sites: site 0 reaches cells 0 (111.2 m) and 1 (389.2 m); site 1 reaches cell 1 (278 m).
const table: ReachTable = {
  offsets: Int32Array.from([0, 2, 3]),
  indices: Int32Array.from([0, 1, 1]),
  distancesM: Float64Array.from([111.2, 389.2, 278.0]),
};

describe('the sparse matrix form', () => {
  it('reads a ReachTable as pairs: sites are destinations, cells origins', () => {
    const od = odFromReachTable(table, 3);
    expect(od.originCount).toBe(3);
    expect(od.destinationCount).toBe(2);
    expect([...od.origins]).toEqual([0, 1, 1]);
    expect([...od.destinations]).toEqual([0, 0, 1]);
    expect([...od.costs]).toEqual([111.2, 389.2, 278.0]);
  });

  it('groups pairs by origin, keeping their order', () => {
    const g = groupPairs(Int32Array.from([2, 0, 2, 1, 0]), 4);
    expect([...g.offsets]).toEqual([0, 2, 3, 5, 5]);
    expect([...g.pairs]).toEqual([1, 4, 3, 0, 2]);
  });

  it("twoStepFca is the general 2SFCA on the table, for the app's binary and E2SFCA decays", () => {
    const users = Float64Array.from([66, 132, 99]);
    const seats = Float64Array.from([90, 45]);
    const od = odFromReachTable(table, 3);
    const binary = floatingCatchment(od, pairWeights({ kind: 'binary', cutoff: 500 }, od.costs), users, seats).access;
    expect([...twoStepFca(table, users, seats, 500, { kind: 'binary' })]).toEqual([...binary]);
    const zones = floatingCatchment(od, pairWeights(e2sfcaZones(500), od.costs), users, seats).access;
    expect([...twoStepFca(table, users, seats, 500, E2SFCA_STEPS)]).toEqual([...zones]);
  });

  it('a distance rule gives the same form: straight-line metres within the radius', () => {
    // Cells on the equator at 0°, 0.001°, 0.002° east; one site at 0°. Along the equator the
    // great-circle distance is R · Δλ: 0, 111.19 m, 222.39 m. Within 150 m: cells 0 and 1.
    const step = (EARTH_RADIUS_M * 0.001 * Math.PI) / 180;
    const rule = geodesicRule([
      [0, 0],
      [0.001, 0],
      [0.002, 0],
    ]);
    const od = odFromDistanceRule(rule, [{ id: 's', lngLat: [0, 0] }], 150);
    expect([...od.origins].sort()).toEqual([0, 1]);
    const costOf = (i: number) => od.costs[[...od.origins].indexOf(i)];
    expect(costOf(0)).toBeCloseTo(0, 6);
    expect(costOf(1)).toBeCloseTo(step, 6);
    // 2SFCA at 150 m: 40 seats over 10 + 30 users = 1 per user for both cells, none for cell 2.
    const a = floatingCatchment(od, pairWeights({ kind: 'binary', cutoff: 150 }, od.costs), Float64Array.from([10, 30, 50]), Float64Array.from([40])).access;
    expect([...a]).toEqual([1, 1, 0]);
  });
});
