import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sharedBoundaryNeighbours } from '../../../src/core/index.ts';

/** A square of `sideDeg` degrees with its south-west corner at (lng, lat). */
const square = (lng: number, lat: number, sideDeg: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + sideDeg, lat], [lng + sideDeg, lat + sideDeg], [lng, lat + sideDeg], [lng, lat]]],
});

// On the equator 0.001° is 111.2 m and 0.00001° is 1.11 m.
describe('sharedBoundaryNeighbours', () => {
  it('counts an edge shared in part, not a corner', () => {
    // 1 runs along 0's east edge (lng 10.001) for 0.0005° = 55.6 m; 2 meets 0 at its north-west corner only.
    const polygons = [square(10, 0, 0.001), square(10.001, 0.0005, 0.001), square(9.999, 0.001, 0.001)];
    expect(sharedBoundaryNeighbours(polygons, { toleranceM: 0.5, minSharedM: 1 })).toEqual([[1], [0], []]);
    // A square meeting 0 at its north-east corner only.
    expect(sharedBoundaryNeighbours([square(10, 0, 0.001), square(10.001, 0.001, 0.001)], { toleranceM: 0.5, minSharedM: 1 })).toEqual([[], []]);
  });

  it('joins boundaries digitised a little apart only within the tolerance', () => {
    // A gap of 0.00001° (1.11 m) between two squares.
    const polygons = [square(10, 0, 0.001), square(10.00101, 0, 0.001)];
    expect(sharedBoundaryNeighbours(polygons, { toleranceM: 0.5, minSharedM: 1 })).toEqual([[], []]);
    expect(sharedBoundaryNeighbours(polygons, { toleranceM: 2, minSharedM: 1 })).toEqual([[1], [0]]);
  });

  it('asks for at least the minimum shared length', () => {
    // 1 overlaps 0's east edge by 0.00005° = 5.6 m.
    const polygons = [square(10, 0, 0.001), square(10.001, 0.00095, 0.001)];
    expect(sharedBoundaryNeighbours(polygons, { toleranceM: 0.5, minSharedM: 5 })).toEqual([[1], [0]]);
    expect(sharedBoundaryNeighbours(polygons, { toleranceM: 0.5, minSharedM: 6 })).toEqual([[], []]);
  });
});
