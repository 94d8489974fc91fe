import { describe, expect, it } from 'vitest';
import { allocate, geodesicIndexRule, reachTable, shortfall, type ReachTable } from '../../../src/core/index.ts';

const table = (rows: [site: number, cell: number, distanceM: number][][]): ReachTable => {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, s) => (offsets[s + 1] = offsets[s] + r.length));
  const flat = rows.flat();
  return { offsets, indices: Int32Array.from(flat, (r) => r[1]), distancesM: Float64Array.from(flat, (r) => r[2]) };
};

/** Reference: the documented order by plain comparison sort, one pair at a time. */
function reference(t: ReachTable, users: number[], capacity: number[]) {
  const pairs: { s: number; c: number; key: number }[] = [];
  for (let s = 0; s + 1 < t.offsets.length; s++) {
    for (let p = t.offsets[s]; p < t.offsets[s + 1]; p++) pairs.push({ s, c: t.indices[p], key: Math.floor(t.distancesM[p] * 100 + 0.5) });
  }
  pairs.sort((a, b) => a.key - b.key || a.c - b.c || a.s - b.s);
  const left = [...users];
  const free = [...capacity];
  for (const { s, c } of pairs) {
    const take = Math.min(left[c], free[s]);
    left[c] -= take;
    free[s] -= take;
  }
  return left;
}

describe('allocate', () => {
  it('fills nearest first and splits a cell when its school fills', () => {
    // Worked example: A–S1 111 m, B–S2 278 m, B–S1 389 m; C out of reach.
    const t = table([
      [[0, 0, 111.2], [0, 1, 389.2]],
      [[1, 1, 278.0]],
    ]);
    const a = allocate(t, Float64Array.from([66, 132, 99]), Float64Array.from([90, 45]));
    expect([...a.allocated]).toEqual([90, 45]);
    expect([...a.served]).toEqual([66, 69, 0]);
    expect([...a.unserved]).toEqual([0, 63, 99]);
    expect([...a.servedBy]).toEqual([0, 1, -1]);
  });

  it('breaks distance ties by cell, then by the facility listed first', () => {
    const t = table([
      [[0, 1, 100], [0, 0, 100]],
      [[1, 0, 100]],
    ]);
    const a = allocate(t, Float64Array.from([10, 10]), Float64Array.from([10, 10]));
    // Cell 0 comes before cell 1 and takes facility 0 first; cell 1 then finds facility 0 full.
    expect([...a.served]).toEqual([10, 0]);
    expect([...a.allocated]).toEqual([10, 0]);
  });

  it('matches a comparison-sort reference and never leaves a free seat next to an unserved pupil', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const n = 400;
    const lngs = Float64Array.from({ length: n }, () => 113.6 + rand() * 0.03);
    const lats = Float64Array.from({ length: n }, () => 34.7 + rand() * 0.03);
    const users = Array.from({ length: n }, () => Math.floor(rand() * 50) * 0.066 * 10);
    const sites = Array.from({ length: 12 }, (_, i) => ({ id: `${i}`, lngLat: [113.6 + rand() * 0.03, 34.7 + rand() * 0.03] as const }));
    const capacity = sites.map(() => 20 + Math.floor(rand() * 200));
    const t = reachTable(geodesicIndexRule(lngs, lats), sites, 600);
    const a = allocate(t, Float64Array.from(users), Float64Array.from(capacity));
    const expected = reference(t, users, capacity);
    a.unserved.forEach((u, c) => expect(u).toBeCloseTo(expected[c], 9));
    a.allocated.forEach((x, s) => expect(x).toBeLessThanOrEqual(capacity[s] + 1e-9));
    users.forEach((u, c) => expect(a.served[c] + a.unserved[c]).toBeCloseTo(u, 9));
    const totalServed = a.served.reduce((x, y) => x + y, 0);
    expect(a.allocated.reduce((x, y) => x + y, 0)).toBeCloseTo(totalServed, 6);
    for (let s = 0; s < sites.length; s++) {
      for (let p = t.offsets[s]; p < t.offsets[s + 1]; p++) {
        if (a.unserved[t.indices[p]] > 1e-9) expect(a.allocated[s]).toBeCloseTo(capacity[s], 9);
      }
    }
    expect(totalServed).toBeGreaterThan(0);
  });

  it('handles no pairs and no facilities', () => {
    const a = allocate(table([]), Float64Array.from([5, 7]), new Float64Array(0));
    expect([...a.unserved]).toEqual([5, 7]);
    expect([...a.served]).toEqual([0, 0]);
  });
});

describe('shortfall', () => {
  it('turns unserved pupils into seats, classes and schools', () => {
    expect(shortfall(162, 45, 2000)).toEqual({ seatsNeeded: 162, classesNeeded: 4, schoolsNeeded: 1 });
    expect(shortfall(4000.4, 45, 2000)).toEqual({ seatsNeeded: 4001, classesNeeded: 89, schoolsNeeded: 3 });
    expect(shortfall(90.0000000001, 45, 2000)).toEqual({ seatsNeeded: 90, classesNeeded: 2, schoolsNeeded: 1 });
    expect(shortfall(0, 45, 2000)).toEqual({ seatsNeeded: 0, classesNeeded: 0, schoolsNeeded: 0 });
    expect(shortfall(31, null, 30)).toEqual({ seatsNeeded: 31, classesNeeded: null, schoolsNeeded: 2 });
  });
});
