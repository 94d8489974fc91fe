import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  createWhatIfSession,
  evaluate,
  geodesicRule,
  InputError,
  withProposedSites,
  type DistanceRule,
  type EvaluateInput,
  type EvaluateOptions,
  type Evaluation,
  type LngLat,
  type Reach,
  type WhatIfSession,
} from '../../../src/core/index.ts';
import { CELL_LAT, CELL_LNG, smallDistrict, SOUTH, WEST } from './fixture.ts';
import { applyUpdate } from './replay.ts';

/**
 * Edits chosen to hit the paths of the local update (only the connected parts of the cell–facility
 * graph an edit can change are re-assessed). Expected values come from a full `evaluate()` of the
 * same facility set — the independent path — and, for the chain, from a hand computation.
 */

/** The session's evaluation and a client copy patched with every update must both equal a full evaluate(). */
function expectFull(session: WhatIfSession, input: EvaluateInput, options: EvaluateOptions, view: Evaluation): Evaluation {
  const full = evaluate(withProposedSites(input, options.type, session.sites()), options);
  expect(session.evaluation()).toStrictEqual(full);
  expect(view).toStrictEqual(full);
  return full;
}

const point = (lngLat: LngLat, properties: Record<string, unknown>): Feature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [...lngLat] } });

/**
 * A chain of `links` cells X0…X(n-1) and schools S0…S(n-1), laid out by a travel-cost table: Xi
 * reaches Si at 10 + 2i m and S(i+1) at 11 + 2i m, so allocation meets them in chain order. Every
 * cell has 10 pupils (1,000 per 1,000 residents) and every school 10 seats, except S0 with 4. A
 * proposed site "P" (10 seats) reaches X0 alone, at 5 m.
 */
function chain(links: number) {
  const pairs = new Map<string, [cell: number, distanceM: number][]>();
  for (let i = 0; i < links; i++) {
    pairs.set(`S${i}`, [...(i > 0 ? [[i - 1, 11 + 2 * (i - 1)] as [number, number]] : []), [i, 10 + 2 * i]]);
  }
  pairs.set('P', [[0, 5]]);
  const at = (i: number): LngLat => [113.6, 34.7 + i * 0.01];
  const input: EvaluateInput = {
    population: { type: 'FeatureCollection', features: Array.from({ length: links }, (_, i) => point(at(i), { id: `X${i}`, population: 10 })) },
    facilities: {
      type: 'FeatureCollection',
      features: Array.from({ length: links }, (_, i) => point(at(i), { id: `S${i}`, type: 'primary', capacity: i === 0 ? 4 : 10 })),
    },
  };
  const rule = (points: readonly LngLat[]): DistanceRule => ({
    kind: 'matrix',
    demandCount: points.length,
    reach: (site, maxDistanceM): Reach => {
      const row = (pairs.get(site.id) ?? []).filter(([, d]) => d <= maxDistanceM).sort((a, b) => a[1] - b[1]);
      return { indices: Int32Array.from(row, ([c]) => c), distancesM: Float64Array.from(row, ([, d]) => d) };
    },
  });
  const options: EvaluateOptions = { type: 'primary', overrides: { usersPer1000: 1000 }, distanceRule: rule };
  return { input, options };
}

describe('what-if local updates', () => {
  it('a site at one end of a chain of full schools re-allocates the whole chain (hand-computed)', () => {
    const links = 40;
    const { input, options } = chain(links);
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    // By hand, without P: X0 takes S0's 4 seats and 6 of S1's; each Xi (0 < i < n-1) then finds 4
    // left at Si and takes 6 at S(i+1); the last cell gets 4 and 6 of its pupils have no place.
    const last = links - 1;
    expect(view.cells[last]).toMatchObject({ served: 4, unserved: 6, servedById: `S${last}` });
    expect(view.cells[0]).toMatchObject({ served: 10, servedById: 'S0' });
    expect(view.facilities.map((f) => f.allocated)).toEqual([4, ...Array.from({ length: links - 1 }, () => 10)]);
    expect(view.summary.servedPupils).toBe(10 * (links - 1) + 4);

    const added = session.addSite({ id: 'P', lngLat: [113.6, 34.69], seats: 10 });
    applyUpdate(view, added);
    // With P: X0 is seated at P, so every Si is left wholly to Xi, down to the last cell, 40 links away.
    expect(view.cells[0]).toMatchObject({ served: 10, servedById: 'P' });
    expect(view.cells[last]).toMatchObject({ served: 10, unserved: 0, servedById: `S${last}` });
    expect(view.facilities.map((f) => [f.id, f.allocated])).toEqual([['S0', 0], ...Array.from({ length: links - 1 }, (_, i) => [`S${i + 1}`, 10]), ['P', 10]]);
    expect(view.summary.servedPupils).toBe(10 * links);
    // Only the two ends change rows; the whole chain had to be re-assessed to know that.
    expect(added.cells.map((c) => c.index)).toEqual([0, last]);
    expect(session.lastScope()).toEqual({ cells: links, facilities: links + 1, whole: false });
    expectFull(session, input, options, view);

    // Removing the last (only) proposed site gives the district back, cascade undone.
    applyUpdate(view, session.removeSite('P'));
    expect(view.cells[last]).toMatchObject({ served: 4, unserved: 6 });
    expect(session.sites()).toEqual([]);
    expect(expectFull(session, input, options, view)).toStrictEqual(evaluate(input, options));
  });

  it('removing the last site brings back the "no facility" warning and the district without sites', () => {
    const input = smallDistrict();
    const options: EvaluateOptions = { type: 'junior' };
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    const added = session.addSite({ id: 'J1', lngLat: [WEST + 6 * CELL_LNG, SOUTH + 6 * CELL_LAT], seats: 900 });
    expect(added.warnings).toBeDefined();
    expect(added.warnings?.map((w) => w.feature)).not.toContain('type junior');
    applyUpdate(view, added);
    expectFull(session, input, options, view);
    const removed = session.removeSite('J1');
    expect(removed.warnings?.map((w) => w.feature)).toContain('type junior');
    applyUpdate(view, removed);
    expect(expectFull(session, input, options, view)).toStrictEqual(evaluate(input, options));
    expect(view.summary.servedPupils).toBe(0);
  });

  it('refuses 0 seats without changing anything, and a site of almost no seats allocates as a full run does', () => {
    const input = smallDistrict();
    const options: EvaluateOptions = { type: 'primary' };
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    applyUpdate(view, session.addSite({ id: 'P', lngLat: [WEST + 7 * CELL_LNG, SOUTH + 7 * CELL_LAT], seats: 900 }));
    const before = session.summary();
    expect(() => session.resizeSite('P', 0)).toThrow(InputError);
    expect(session.summary()).toStrictEqual(before);
    expect(session.sites()[0].seats).toBe(900);
    expectFull(session, input, options, view);
    applyUpdate(view, session.resizeSite('P', 1e-9));
    const full = expectFull(session, input, options, view);
    expect(full.facilities.find((f) => f.id === 'P')?.allocated).toBeCloseTo(1e-9, 18);
  });

  it('two sites sharing cells, even at the same point: the one listed first fills first, and reordering swaps them', () => {
    const input = smallDistrict();
    const options: EvaluateOptions = { type: 'primary' };
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    const here: LngLat = [WEST + 9 * CELL_LNG, SOUTH + 5 * CELL_LAT];
    applyUpdate(view, session.addSite({ id: 'A', lngLat: here, seats: 200 }));
    applyUpdate(view, session.addSite({ id: 'B', lngLat: here, seats: 200 }));
    let full = expectFull(session, input, options, view);
    const allocated = (id: string) => full.facilities.find((f) => f.id === id)?.allocated;
    // Equal distances: every tie goes to A, listed first; B only gets what A cannot seat.
    expect(allocated('A')).toBe(200);
    expect(full.cells.some((c) => c.nearestFacilityId === 'A')).toBe(true);
    expect(full.cells.some((c) => c.nearestFacilityId === 'B')).toBe(false);
    applyUpdate(view, session.setSites([...session.sites()].reverse()));
    full = expectFull(session, input, options, view);
    expect(allocated('B')).toBe(200);
    expect(full.cells.some((c) => c.nearestFacilityId === 'A')).toBe(false);
    // Apart again, with overlapping catchments, then one moved onto the other's cells.
    applyUpdate(view, session.moveSite('A', [here[0] + 3 * CELL_LNG, here[1]]));
    expectFull(session, input, options, view);
    applyUpdate(view, session.moveSite('A', [here[0] + CELL_LNG / 3, here[1]]));
    expectFull(session, input, options, view);
  });

  it('a site with no cell in reach: its own row only, no cell changes, nothing else re-assessed', () => {
    const input = smallDistrict();
    const options: EvaluateOptions = { type: 'primary' };
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    const before = session.summary();
    const far = session.addSite({ id: 'FAR', lngLat: [WEST - 0.2, SOUTH - 0.2], seats: 500 });
    expect(far.cells).toEqual([]);
    expect(session.lastScope()).toEqual({ cells: 0, facilities: 1, whole: false });
    expect(far.facilities.at(-1)).toMatchObject({ id: 'FAR', cellsInCatchment: 0, usersInCatchment: 0, allocated: 0, status: 'under' });
    expect(far.facilities.slice(0, -1)).toStrictEqual(before.facilities);
    expect(far.summary).toStrictEqual({ ...before.summary, seats: before.summary.seats + 500, facilities: before.summary.facilities + 1 });
    applyUpdate(view, far);
    expectFull(session, input, options, view);
    // Dragged into the district and out again.
    applyUpdate(view, session.moveSite('FAR', [WEST + 2 * CELL_LNG, SOUTH + 2 * CELL_LAT]));
    expectFull(session, input, options, view);
    applyUpdate(view, session.moveSite('FAR', [WEST - 0.2, SOUTH - 0.2]));
    expect(expectFull(session, input, options, view).summary.servedPupils).toBe(before.summary.servedPupils);
  });

  it('re-assesses only the part of the district an edit can reach', () => {
    // Two clusters 10 km apart: an edit in one leaves the other untouched.
    const near = smallDistrict();
    const cells = (near.population as { features: Feature[] }).features;
    const shifted = (f: Feature): Feature => {
      const g = f.geometry as { type: 'Polygon'; coordinates: number[][][] };
      return { ...f, properties: { ...f.properties, id: `far-${String(f.properties?.id)}` }, geometry: { ...g, coordinates: g.coordinates.map((ring) => ring.map(([x, y]) => [x + 0.11, y])) } };
    };
    const input: EvaluateInput = { ...near, population: { type: 'FeatureCollection', features: [...cells, ...cells.map(shifted)] } };
    const options: EvaluateOptions = { type: 'primary' };
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    applyUpdate(view, session.addSite({ id: 'P', lngLat: [WEST + 0.11 + 7 * CELL_LNG, SOUTH + 7 * CELL_LAT], seats: 900 }));
    const scope = session.lastScope();
    expect(scope.whole).toBe(false);
    // The far cluster has no existing school: P's part is P and the cells it reaches.
    expect(scope.facilities).toBe(1);
    expect(scope.cells).toBe(view.facilities.at(-1)?.cellsInCatchment);
    expectFull(session, input, options, view);
  });

  it('re-assesses everything when an edit changes the allocation\'s distance scale (pairs beyond ~42 km)', () => {
    // A rule that answers every cell, at 30 m for each metre (as a cost table in other units
    // might): a site far enough away makes the longest pair exceed the centimetre scale's range.
    const input = smallDistrict();
    const stretched = (points: readonly LngLat[]): DistanceRule => {
      const inner = geodesicRule(points);
      return {
        kind: 'matrix',
        demandCount: points.length,
        reach: (site) => {
          const r = inner.reach(site, Infinity);
          return { indices: r.indices, distancesM: r.distancesM.map((d) => d * 30) };
        },
      };
    };
    const options: EvaluateOptions = { type: 'primary', distanceRule: stretched };
    const session = createWhatIfSession(input, options);
    const view = structuredClone(session.evaluation());
    applyUpdate(view, session.addSite({ id: 'P', lngLat: [WEST + 3 * CELL_LNG, SOUTH + 3 * CELL_LAT], seats: 300 }));
    expect(session.lastScope().whole).toBe(false);
    expectFull(session, input, options, view);
    applyUpdate(view, session.moveSite('P', [WEST + 0.02, SOUTH + 0.02]));
    expect(session.lastScope().whole).toBe(true);
    expectFull(session, input, options, view);
    applyUpdate(view, session.moveSite('P', [WEST + 3 * CELL_LNG, SOUTH + 3 * CELL_LAT]));
    expect(session.lastScope().whole).toBe(true);
    expectFull(session, input, options, view);
  });
});
