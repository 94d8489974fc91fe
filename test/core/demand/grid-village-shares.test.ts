import { area, feature, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gridVillageShares } from '../../../src/core/demand/grid-village-shares.ts';
import { pixelFeature, type PopulationGrid } from '../../../src/core/demand/population-grid.ts';
import type { UrbanVillage } from '../../../src/core/demand/urban-villages.ts';

const grid = (width: number, height: number): PopulationGrid => ({
  kind: 'population-grid',
  west: 113.6,
  north: 34.8,
  stepLng: 0.001,
  stepLat: 0.001,
  width,
  height,
  row0: 0,
  col0: 0,
  residents: new Float32Array(width * height).fill(10),
});

const village = (id: string, polygon: Polygon | MultiPolygon): UrbanVillage => ({ id, name: id, nameEn: id, migrantShare: 0.5, polygon });

/** Independent answer: turf's polygon intersection of the pixel with the village, by area. */
function turfShare(g: PopulationGrid, index: number, v: UrbanVillage): number {
  const pixel = pixelFeature(g, index);
  const overlap = intersect(featureCollection([pixel, feature(v.polygon)]));
  return overlap ? area(overlap) / area(pixel) : 0;
}

/** A wobbly star: concave, with edges crossing pixels at every angle. */
function star(cx: number, cy: number, rOuter: number, rInner: number, points: number, clockwise: boolean): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < 2 * points; i++) {
    const a = (Math.PI * i) / points + 0.1;
    const r = i % 2 === 0 ? rOuter : rInner;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  if (clockwise) ring.reverse();
  ring.push(ring[0]);
  return ring;
}

describe('gridVillageShares', () => {
  it('gives a square village covering whole pixels and half pixels their exact shares', () => {
    const g = grid(4, 3);
    // From x = 1.5 to 3 columns and the top two rows: pixel (0,1) half, (0,2) whole, (1,1) half, (1,2) whole.
    const sq = village('v', { type: 'Polygon', coordinates: [[[113.6015, 34.798], [113.603, 34.798], [113.603, 34.8], [113.6015, 34.8], [113.6015, 34.798]]] });
    const shares = gridVillageShares(g, [sq]);
    const byIndex = Object.fromEntries([...shares].map(([i, s]) => [i, s[0].share]));
    expect(Object.keys(byIndex).map(Number).sort((a, b) => a - b)).toEqual([1, 2, 5, 6]);
    expect(byIndex[1]).toBeCloseTo(0.5, 9);
    expect(byIndex[2]).toBeCloseTo(1, 9);
    expect(byIndex[5]).toBeCloseTo(0.5, 9);
    expect(byIndex[6]).toBeCloseTo(1, 9);
  });

  it('matches turf intersection areas for a concave village with a hole, drawn clockwise', () => {
    const g = grid(30, 30);
    const v = village('star', {
      type: 'Polygon',
      coordinates: [star(113.615, 34.785, 0.012, 0.005, 7, true), star(113.615, 34.785, 0.002, 0.0012, 5, false)],
    });
    const shares = gridVillageShares(g, [v]);
    let checked = 0;
    for (let i = 0; i < g.width * g.height; i++) {
      const expected = turfShare(g, i, v);
      const got = shares.get(i)?.[0].share ?? 0;
      expect(Math.abs(got - expected)).toBeLessThan(1e-4);
      if (expected > 0.01 && expected < 0.99) checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('gives a multipolygon village both parts and lets the first of overlapping villages win', () => {
    const g = grid(6, 2);
    const box = (w: number, e: number) => [[w, 34.798], [e, 34.798], [e, 34.8], [w, 34.8], [w, 34.798]];
    const a = village('a', { type: 'MultiPolygon', coordinates: [[box(113.6, 113.601)], [box(113.604, 113.6055)]] });
    const b = village('b', { type: 'Polygon', coordinates: [box(113.605, 113.606)] });
    const shares = gridVillageShares(g, [a, b]);
    expect(shares.get(0)).toEqual([{ village: 0, share: 1 }]);
    expect(shares.get(4)?.[0].village).toBe(0);
    expect(shares.get(4)?.[0].share).toBeCloseTo(1, 9);
    // Pixel 5 (x 5…6): half in a's second part, the whole of it in b; b gets only what is left.
    expect(shares.get(5)?.map((s) => s.village)).toEqual([0, 1]);
    expect(shares.get(5)?.[0].share).toBeCloseTo(0.5, 9);
    expect(shares.get(5)?.[1].share).toBeCloseTo(0.5, 9);
    expect(shares.has(2)).toBe(false);
  });

  it('leaves out pixels without residents and villages off the grid', () => {
    const g = grid(2, 2);
    g.residents[0] = 0;
    const all = village('all', { type: 'Polygon', coordinates: [[[113.59, 34.79], [113.61, 34.79], [113.61, 34.81], [113.59, 34.81], [113.59, 34.79]]] });
    const away = village('away', { type: 'Polygon', coordinates: [[[100, 10], [100.1, 10], [100.1, 10.1], [100, 10]]] });
    const shares = gridVillageShares(g, [away, all]);
    expect([...shares.keys()].sort()).toEqual([1, 2, 3]);
    for (const s of shares.values()) expect(s).toEqual([{ village: 1, share: 1 }]);
  });
});
