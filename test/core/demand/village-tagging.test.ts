import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area, booleanPointInPolygon, feature, featureCollection, intersect } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { buildDemandCells, readPopulation, readUrbanVillages, villageTagger } from '../../../src/core/index.ts';
import { readInput } from '../expect-fixture.ts';

const RAD = Math.PI / 180;
type Box = [west: number, south: number, east: number, north: number];

/**
 * The area of a longitude/latitude rectangle on a sphere of radius 1: Δλ × (sin φn − sin φs).
 * Written here independently of turf: a cell's village share is the ratio of two of these.
 */
const rectArea = ([w, s, e, n]: Box) => (e - w) * RAD * (Math.sin(n * RAD) - Math.sin(s * RAD));
const overlap = (a: Box, b: Box): Box | null => {
  const o: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return o[0] < o[2] && o[1] < o[3] ? o : null;
};

/**
 * The fixture by hand. Villages: V1 甲村 = [113.60, 113.61] × [34.70, 34.71], migrant share 0.5;
 * V2 乙村 = [113.61, 113.62] × [34.70, 34.71], migrant share 0.8. Every cell is a 0.002° square.
 * residents = population × 1.1 (growth); users = residents × 66 / 1,000;
 * migrants = Σ over villages of residents × share × migrant share.
 * - inside  [113.604, 113.606] × [34.704, 34.706]: wholly in V1 → 1100 residents, 72.6 users, 550 migrants.
 * - half-edge [113.599, 113.601]: V1's west edge 113.60 halves it along a meridian; halves of a
 *   lon/lat rectangle split by a meridian have equal area → share ½, migrants 1100 × ½ × 0.5 = 275.
 * - two-villages [113.609, 113.611]: halved by the V1/V2 edge 113.61 → ½ and ½, village share 1,
 *   migrants 2200 × (½ × 0.5 + ½ × 0.8) = 1430; the main village is V1 (a tie keeps the first).
 * - outside [113.629, 113.631]: east of V2 → no village, 550 residents, 36.3 users, 0 migrants.
 * - point-in-v2, a point at 113.615, 34.708: inside V2 → share 1, 330 residents, 21.78 users, 264 migrants.
 * - corner [113.599, 113.601] × [34.699, 34.701]: only its north-east quarter is in V1; on the sphere
 *   that quarter is a little less than ¼ (the northern half is narrower):
 *   ½ × (sin 34.701° − sin 34.700°) / (sin 34.701° − sin 34.699°) = 0.2499985 → 440 × 0.2499985 × 0.5 = 54.99967 migrants.
 */
const CORNER_SHARE = (0.5 * (Math.sin(34.701 * RAD) - Math.sin(34.7 * RAD))) / (Math.sin(34.701 * RAD) - Math.sin(34.699 * RAD));
const HAND = [
  { id: 'inside', residents: 1100, users: 72.6, villageId: 'V1', villageName: '甲村', villages: [['V1', 1]], migrants: 550 },
  { id: 'half-edge', residents: 1100, users: 72.6, villageId: 'V1', villageName: '甲村', villages: [['V1', 0.5]], migrants: 275 },
  { id: 'two-villages', residents: 2200, users: 145.2, villageId: 'V1', villageName: '甲村', villages: [['V1', 0.5], ['V2', 0.5]], migrants: 1430 },
  { id: 'outside', residents: 550, users: 36.3, villageId: null, villageName: null, villages: [], migrants: 0 },
  { id: 'point-in-v2', residents: 330, users: 21.78, villageId: 'V2', villageName: '乙村', villages: [['V2', 1]], migrants: 264 },
  { id: 'corner', residents: 440, users: 29.04, villageId: 'V1', villageName: '甲村', villages: [['V1', CORNER_SHARE]], migrants: 440 * CORNER_SHARE * 0.5 },
] as const;

describe('demand cells and urban-village tagging', () => {
  const cellsInput = readInput('demand', 'straddling-cells.geojson') as FeatureCollection<Polygon | Point, { id: string }>;
  const villagesInput = readInput('demand', 'straddling-villages.geojson') as FeatureCollection<Polygon, { id: string }>;
  const population = readPopulation(cellsInput).features;
  const { villages } = readUrbanVillages(villagesInput);

  it('splits cells straddling a village boundary by area share (every number by hand)', () => {
    const cells = buildDemandCells(population, villages, { usersPer1000: 66, growthFactor: 1.1 });
    expect(cells.map((c) => c.id)).toEqual(HAND.map((h) => h.id));
    cells.forEach((c, k) => {
      const hand = HAND[k];
      // Exact up to float noise: the engine clips polygons with turf, the hand uses decimal fractions.
      expect(c.residents, c.id).toBeCloseTo(hand.residents, 9);
      expect(c.users, c.id).toBeCloseTo(hand.users, 9);
      expect(c.villageId, c.id).toBe(hand.villageId);
      expect(c.villageName, c.id).toBe(hand.villageName);
      expect(c.villages.map((v) => villages[v.village].id), c.id).toEqual(hand.villages.map(([id]) => id));
      c.villages.forEach((v, i) => expect(v.share, c.id).toBeCloseTo(hand.villages[i][1], 9));
      expect(c.villageShare, c.id).toBeCloseTo(hand.villages.reduce((t, [, share]) => t + share, 0), 9);
      expect(c.migrants, c.id).toBeCloseTo(hand.migrants, 6);
    });
  });

  it('gives each polygon cell the share of its area inside each village (rectangle areas on the sphere)', () => {
    const cells = buildDemandCells(population, villages, { usersPer1000: 66 });
    const box = (g: Polygon): Box => {
      const ring = g.coordinates[0];
      return [Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1]))];
    };
    const villageBoxes = villagesInput.features.map((f) => box(f.geometry));
    cellsInput.features.forEach((f, k) => {
      if (f.geometry.type !== 'Polygon') return;
      const cellBox = box(f.geometry);
      const expected = villageBoxes
        .map((vb, v) => ({ village: v, o: overlap(cellBox, vb) }))
        .filter((x) => x.o !== null)
        .map(({ village, o }) => ({ village, share: rectArea(o!) / rectArea(cellBox) }));
      const actual = cells[k].villages;
      expect(actual.map((v) => v.village), f.properties.id).toEqual(expected.map((v) => v.village));
      actual.forEach((v, i) => expect(v.share, f.properties.id).toBeCloseTo(expected[i].share, 9));
    });
    // Without growth: 1,000 residents × 66 / 1,000 = 66 users.
    expect(cells[0].users).toBe(66);
    expect(cells[3].villageId).toBeNull();
    expect(cells[3].migrants).toBe(0);
  });

  it('warns about villages without a polygon or a usable migrant share', () => {
    const { villages: vs, warnings } = readUrbanVillages(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { id: 'p' }, geometry: { type: 'Point', coordinates: [0, 0] } },
          {
            type: 'Feature',
            properties: { id: 'm', name: '丙村', migrant_share: 1.7 },
            geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
          },
        ],
      },
      'v.geojson',
    );
    expect(vs.map((v) => [v.id, v.migrantShare, v.nameEn])).toEqual([['m', 0, '丙村']]);
    expect(warnings.map((w) => `${w.feature}: ${w.reason}`)).toEqual([
      'p: geometry Point is not a valid polygon; skipped',
      'm: migrant_share 1.7 is above 1; migrants counted as 0',
    ]);
  });
});

/** A closed ring of `n` points around (cx, cy) whose radius wobbles: non-convex, like a digitised village. */
function wobbly(cx: number, cy: number, r: number, n: number, lobes: number, clockwise = false): number[][] {
  const ring = Array.from({ length: n }, (_, k) => {
    const a = ((clockwise ? -1 : 1) * 2 * Math.PI * k) / n;
    const rr = r * (1 + 0.35 * Math.sin(lobes * a));
    return [cx + rr * Math.cos(a), cy + rr * Math.sin(a)];
  });
  return [...ring, ring[0]];
}

/** A deterministic pseudo-random sequence (no Math.random: failures must repeat). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('village tagging against turf (independent overlap areas)', () => {
  // Expected shares from turf's polygon clipping and spherical area: the way the tagger worked before.
  const village = (id: string, polygon: Polygon | MultiPolygon) =>
    readUrbanVillages({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id, name: id, migrant_share: 0.5 }, geometry: polygon }] }).villages[0];
  const turfShare = (cell: Polygon, v: Polygon | MultiPolygon) => {
    const o = intersect(featureCollection([feature(cell), feature(v)]));
    return o ? area(o) / area(cell) : 0;
  };
  const star: Polygon = { type: 'Polygon', coordinates: [wobbly(113.62, 34.76, 0.01, 400, 7)] };
  // The same star with a wobbly hole, and its outer ring drawn clockwise (the tagger must not care).
  const holed: Polygon = { type: 'Polygon', coordinates: [wobbly(113.62, 34.76, 0.01, 400, 7, true), wobbly(113.621, 34.761, 0.004, 90, 3, true)] };
  const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [star.coordinates, [wobbly(113.66, 34.76, 0.006, 120, 5)]] };

  it.each([['star', star], ['star with a hole', holed], ['two parts', multi]] as const)('square, skewed and triangular cells over a %s', (_, shape) => {
    const tag = villageTagger([village('v', shape)]);
    const rnd = lcg(17);
    let straddling = 0;
    for (let k = 0; k < 60; k++) {
      const x = 113.60 + 0.07 * rnd();
      const y = 34.745 + 0.03 * rnd();
      const d = 0.0005 + 0.003 * rnd();
      const cells: Polygon[] = [
        { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
        { type: 'Polygon', coordinates: [[[x, y], [x + d, y + d / 3], [x + d / 2, y + d], [x, y]]] },
      ];
      for (const cell of cells) {
        const expected = turfShare(cell, shape);
        const got = tag([x, y], cell);
        const share = got.reduce((t, s) => t + s.share, 0);
        if (expected > 1e-6) expect(got.map((s) => s.village)).toEqual([0]);
        // Within 5e-6: turf cuts slanted edges straight in degrees, the tagger straight on the equal-area plane.
        expect(share, `cell ${k} at ${x}, ${y}`).toBeCloseTo(expected, 5);
        if (expected > 0.01 && expected < 0.99) straddling++;
      }
    }
    // The cases test what they are meant to: many cells cut by the boundary.
    expect(straddling).toBeGreaterThan(8);
  });

  it('points: inside, in the hole, on the boundary (counts as inside, as turf says)', () => {
    const square: Polygon = { type: 'Polygon', coordinates: [[[113.6, 34.7], [113.61, 34.7], [113.61, 34.71], [113.6, 34.71], [113.6, 34.7]], [[113.603, 34.703], [113.603, 34.706], [113.606, 34.706], [113.606, 34.703], [113.603, 34.703]]] };
    const tag = villageTagger([village('sq', square)]);
    for (const p of [[113.601, 34.701], [113.604, 34.704], [113.6, 34.705], [113.61, 34.71], [113.62, 34.705], [113.603, 34.7045]] as [number, number][]) {
      expect(tag(p, null).length, String(p)).toBe(booleanPointInPolygon(p, square) ? 1 : 0);
    }
  });

  // Its time (under 5 s, against minutes when every cell met every edge) is measured by `npm run bench -- hostile`.
  it('a village digitised with 200,000 vertices tags the demo with the rectangle shares by hand', () => {
    const population = readPopulation(JSON.parse(readFileSync(join(import.meta.dirname, '../../../data/geo/demo-population.geojson'), 'utf8'))).features;
    // A rectangle over part of the demo, its edges densified to 200,000 vertices: its shares are rectangle overlaps.
    const box: Box = [113.6105, 34.7605, 113.6495, 34.7895];
    const perSide = 50_000;
    const [w, s, e, n] = box;
    const ring: number[][] = [];
    for (let k = 0; k < perSide; k++) ring.push([w + ((e - w) * k) / perSide, s]);
    for (let k = 0; k < perSide; k++) ring.push([e, s + ((n - s) * k) / perSide]);
    for (let k = 0; k < perSide; k++) ring.push([e - ((e - w) * k) / perSide, n]);
    for (let k = 0; k < perSide; k++) ring.push([w, n - ((n - s) * k) / perSide]);
    ring.push(ring[0]);
    expect(ring.length - 1).toBe(200_000);
    const v = village('dense', { type: 'Polygon', coordinates: [ring] });
    const cells = buildDemandCells(population, [v], { usersPer1000: 66 });
    let checked = 0;
    population.forEach((p, k) => {
      const g = p.polygon as Polygon;
      const xs = g.coordinates[0].map((q) => q[0]);
      const ys = g.coordinates[0].map((q) => q[1]);
      const cellBox: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      const o = overlap(cellBox, box);
      const expected = o ? rectArea(o) / rectArea(cellBox) : 0;
      const got = cells[k].villages.reduce((t, x) => t + x.share, 0);
      expect(got, p.id).toBeCloseTo(expected > 1e-6 ? expected : 0, 6);
      if (expected > 0) checked++;
    });
    expect(checked).toBeGreaterThan(100);
  });
});
