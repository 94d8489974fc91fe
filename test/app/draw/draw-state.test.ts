import { describe, expect, it } from 'vitest';
import { areaText, drawnPolygon, lengthText, lineLengthM, polygonAreaM2 } from '../../../src/app/draw/draw-state.ts';
import { withDrawnZone } from '../../../src/app/data/merge-layer.ts';
import { emptyDistrict } from '../../../src/app/data/workspace.ts';
import { siteProblem } from '../../../src/app/whatif/site-check.ts';
import { drawnZones } from '../../../src/app/draw/drawn-zones.ts';

/** Degrees of latitude for a distance on turf's sphere (radius 6,371,008.8 m). */
const degLat = (m: number) => (m * 180) / (Math.PI * 6_371_008.8);

describe('measuring', () => {
  it('a line 300 m then 400 m north is 700 m long', () => {
    expect(lineLengthM([[113.6, 34.7], [113.6, 34.7 + degLat(300)], [113.6, 34.7 + degLat(700)]])).toBeCloseTo(700, 6);
    expect(lineLengthM([[113.6, 34.7]])).toBe(0);
  });

  it('a square 100 m on a side near the equator is 10,000 m² (within the sphere-to-plane difference)', () => {
    const d = degLat(100);
    const a = polygonAreaM2([[0, 0], [d, 0], [d, d], [0, d]]);
    expect(Math.abs(a - 10_000) / 10_000).toBeLessThan(1e-3);
    expect(drawnPolygon([[0, 0], [1, 1]])).toBeNull();
    expect(drawnPolygon([[0, 0], [1, 0], [1, 1]])!.geometry.coordinates[0]).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
  });

  it('words lengths and areas in sensible units', () => {
    expect(lengthText(742.4, 'en')).toBe('742 m');
    // 999.6 m rounds to 1,000 m: said in kilometres.
    expect(lengthText(999.6, 'en')).toBe('1 km');
    expect(lengthText(999.4, 'en')).toBe('999 m');
    expect(lengthText(12_345, 'en')).toBe('12.35 km');
    expect(areaText(9_999, 'en')).toBe('9,999 m²');
    expect(areaText(25_000, 'en')).toBe('2.5 ha');
    expect(areaText(3_210_000, 'en')).toBe('3.21 km²');
  });
});

describe('zones drawn by hand', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[113.6, 34.7], [113.61, 34.7], [113.61, 34.71], [113.6, 34.7]]] };
  it('join the land use as numbered exclusion zones, or the candidates as numbered parcels', () => {
    const once = withDrawnZone(emptyDistrict(), 'exclusion', square);
    const twice = withDrawnZone(once, 'exclusion', square);
    expect(twice.landuse.features.map((f) => [f.properties.id, f.properties.class])).toEqual([
      ['drawn-exclusion-1', 'exclusion'],
      ['drawn-exclusion-2', 'exclusion'],
    ]);
    const parcel = withDrawnZone(twice, 'candidate', square);
    expect(parcel.candidates?.features.map((f) => f.properties?.id)).toEqual(['drawn-candidate-1']);
    expect(parcel.landuse).toBe(twice.landuse);
    // Downloaded together, each with its role; a loaded park is not a drawn zone.
    const withPark = { ...parcel, landuse: { ...parcel.landuse, features: [...parcel.landuse.features, { type: 'Feature' as const, properties: { id: 'park-1', class: 'park' as const }, geometry: square }] } };
    expect(drawnZones(withPark).features.map((f) => [f.properties?.id, f.properties?.role])).toEqual([
      ['drawn-exclusion-1', 'exclusion'],
      ['drawn-exclusion-2', 'exclusion'],
      ['drawn-candidate-1', 'candidate'],
    ]);
  });

  it('a site in a park, on water or outside the district is named as such', () => {
    const district = {
      boundary: { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[[113, 34], [114, 34], [114, 35], [113, 35], [113, 34]]] } }] },
      landuse: { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { id: 'p', class: 'park' as const }, geometry: square }] },
    };
    expect(siteProblem(district as never, [113.605, 34.702])).toBe('park');
    expect(siteProblem(district as never, [113.9, 34.2])).toBeNull();
    expect(siteProblem(district as never, [115, 34.5])).toBe('outside');
  });
});
