import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { buildDemandCells, readPopulation, readUrbanVillages } from '../../../src/core/index.ts';
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
