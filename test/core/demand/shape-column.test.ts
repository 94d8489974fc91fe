import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/siting/random.ts';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { ShapeColumn } from '../../../src/core/demand/shape-column.ts';
import { polygonShape } from '../../../src/core/demand/polygon-shape.ts';
import { CoordinateBatch } from '../../../src/core/io/geojson-coordinates.ts';
import { forEachPosition } from '../../../src/core/io/crs.ts';
import { isLngLatPair, isValidPolygonal } from '../../../src/core/input/features.ts';

const enc = new TextEncoder();


/** Random Points, Polygons (some with holes) and MultiPolygons; some out of lon/lat range, infinite, or with a ring too short. */
function geometries(n: number, seed: number): { type: 'Point' | 'Polygon' | 'MultiPolygon'; text: string }[] {
  const r = seededRandom(seed);
  const coord = (base: number) => (r() < 0.02 ? '1e400' : (base + (r() - 0.5) * (r() < 0.03 ? 500 : 0.05)).toFixed(1 + Math.floor(r() * 9)));
  const ringText = () => {
    const k = r() < 0.05 ? 3 : 4 + Math.floor(r() * 4);
    const pts = Array.from({ length: k - 1 }, () => `[${coord(113)},${coord(34)}]`);
    return `[${[...pts, pts[0]].join(',')}]`;
  };
  const polygon = () => `[${[ringText(), ...(r() < 0.3 ? [ringText()] : [])].join(',')}]`;
  return Array.from({ length: n }, () => {
    const u = r();
    if (u < 0.3) return { type: 'Point', text: `[${coord(113)},${coord(34)}]` };
    if (u < 0.8) return { type: 'Polygon', text: polygon() };
    return { type: 'MultiPolygon', text: `[${polygon()},${polygon()}]` };
  });
}

describe('a shape column holding coordinates read flat', () => {
  const shapes = geometries(600, 3);
  const flat = new ShapeColumn();
  const objects = new ShapeColumn();
  const parsed: Geometry[] = [];
  const batch = new CoordinateBatch();
  for (const { type, text } of shapes) {
    batch.clear();
    batch.parse(enc.encode(`${text} `), 0);
    flat.addFlat(type, batch, 0);
    const g = { type, coordinates: JSON.parse(text) } as Geometry;
    parsed.push(g);
    objects.add(g);
  }
  // A line between them is kept as it came, in both.
  const line: Geometry = { type: 'LineString', coordinates: [[1, 2], [3, 4]] };
  flat.add(line);
  objects.add(line);

  it('gives back the GeoJSON it was read from', () => {
    parsed.forEach((g, i) => expect(flat.geometry(i)).toEqual(g));
    expect(flat.flatType(parsed.length)).toBe(null);
  });

  it('checks and measures each shape where it is as the GeoJSON functions do', () => {
    let invalid = 0;
    parsed.forEach((g, i) => {
      expect(flat.flatType(i)).toBe(g.type);
      const valid = g.type === 'Point' ? isLngLatPair(g.coordinates) : isValidPolygonal(g);
      expect(flat.lngLatValid(i), JSON.stringify(g)).toBe(valid);
      if (!valid) invalid++;
      if (g.type !== 'Point') expect(flat.polygonShape(i)).toEqual(valid ? polygonShape(g as Polygon | MultiPolygon) : null);
    });
    // The generator made both kinds.
    expect(invalid).toBeGreaterThan(20);
    expect(invalid).toBeLessThan(parsed.length - 200);
  });

  it('measures a square with a square hole as by hand', () => {
    const column = new ShapeColumn();
    const square = [[113, 34], [113.004, 34], [113.004, 34.004], [113, 34.004], [113, 34]];
    // The hole is the square's north-east quarter: the centroid moves south-west by a third of a quarter side.
    const hole = [[113.002, 34.002], [113.004, 34.002], [113.004, 34.004], [113.002, 34.004], [113.002, 34.002]];
    batch.clear();
    batch.parse(enc.encode(`${JSON.stringify([square, hole])} `), 0);
    column.addFlat('Polygon', batch, 0);
    const { lngLat } = column.polygonShape(0)!;
    // Area-weighted: (4·2 − 1·3) / 3 thousandths of a degree east of 113, alike north of 34 (the frame is affine).
    expect(lngLat[0]).toBeCloseTo(113 + 0.001 * (5 / 3), 12);
    expect(lngLat[1]).toBeCloseTo(34 + 0.001 * (5 / 3), 12);
  });

  it('walks the positions read only in the order forEachPosition walks them', () => {
    const seen: unknown[] = [];
    flat.forEachXY(forEachPosition, (x, y) => seen.push(x, y));
    const expected: unknown[] = [];
    objects.forEachPosition(forEachPosition, (p: Position) => expected.push(p[0], p[1]));
    expect(seen).toEqual(expected);
    expect(seen.slice(-4)).toEqual([1, 2, 3, 4]);
  });
});
