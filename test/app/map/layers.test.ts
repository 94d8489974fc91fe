import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { DENSITY_COLOURS, densityClass } from '../../../src/app/map/colour-ramp.ts';
import { toCellData } from '../../../src/app/map/layers/population-layer.ts';
import { SHORTFALL_COLOURS, shortfallColour, toShortfallData } from '../../../src/app/map/layers/shortfall-layer.ts';
import { facilitySizer, type FacilityFeature } from '../../../src/app/map/layers/facilities-layer.ts';
import type { CellResult, PopulationProperties } from '../../../src/core/index.ts';

/** A 100 m × 100 m square (0.01 km²) at Zhengzhou's latitude, with a hole in the second case. */
function cell(id: string, population: number, hole = false): Feature<Polygon, PopulationProperties> {
  const dLat = 100 / 111_195;
  const dLng = dLat / Math.cos((34.72 * Math.PI) / 180);
  const ring = [[113.6, 34.72], [113.6 + dLng, 34.72], [113.6 + dLng, 34.72 + dLat], [113.6, 34.72 + dLat], [113.6, 34.72]];
  const inner = [[113.6 + dLng / 4, 34.72 + dLat / 4], [113.6 + dLng / 2, 34.72 + dLat / 4], [113.6 + dLng / 2, 34.72 + dLat / 2], [113.6 + dLng / 4, 34.72 + dLat / 4]];
  return { type: 'Feature', properties: { id, population }, geometry: { type: 'Polygon', coordinates: hole ? [ring, inner] : [ring] } };
}

describe('population and shortfall layers', () => {
  it('computes density per km² from the cell area and flattens rings with hole offsets', () => {
    const [a, b] = toCellData([cell('a', 300), cell('b', 300, true)]);
    // 300 residents over the cell's area on the sphere (R = 6,371,008.8 m, turf's): a lon/lat
    // rectangle has area R² Δλ (sin φn − sin φs), here about 0.01 km², so about 30,000 per km².
    const R = 6_371_008.8;
    const rad = Math.PI / 180;
    const dLat = 100 / 111_195;
    const dLng = dLat / Math.cos(34.72 * rad);
    const km2 = (R * R * dLng * rad * (Math.sin((34.72 + dLat) * rad) - Math.sin(34.72 * rad))) / 1e6;
    expect(a.densityPerKm2).toBeCloseTo(300 / km2, 6);
    expect(a.polygon!.positions.length).toBe(10);
    expect(a.polygon!.holeIndices).toEqual([]);
    expect(b.polygon!.holeIndices).toEqual([10]);
    expect(b.densityPerKm2!).toBeGreaterThan(a.densityPerKm2!);
    expect(b.featureIndex).toBe(1);
  });

  it('classes densities at the legend breaks', () => {
    expect(densityClass(0)).toBe(0);
    expect(densityClass(1_999)).toBe(0);
    expect(densityClass(2_000)).toBe(1);
    expect(densityClass(1e9)).toBe(DENSITY_COLOURS.length - 1);
  });

  it('joins unserved users to drawn cells by source feature and colours them by class', () => {
    const cells = toCellData([cell('a', 300), cell('b', 500), cell('c', 100)]);
    const results = [
      { featureIndex: 1, unserved: 40 },
      { featureIndex: 2, unserved: 0.4 },
      { featureIndex: 0, unserved: 0 },
    ] as CellResult[];
    const data = toShortfallData(cells, results);
    expect(data.map((d) => [d.id, d.unserved])).toEqual([['b', 40]]);
    expect(shortfallColour(40)).toBe(SHORTFALL_COLOURS[3]);
    expect(shortfallColour(1)).toBe(SHORTFALL_COLOURS[0]);
    expect(shortfallColour(500)).toBe(SHORTFALL_COLOURS[4]);
  });

  it('sizes facility symbols by capacity within their own type', () => {
    const f = (type: string, capacity: number) => ({ properties: { type, capacity } }) as FacilityFeature;
    const features = [f('primary', 2000), f('primary', 500), f('health_station', 100)];
    const size = facilitySizer(features);
    expect(size(features[0])).toBe(20);
    expect(size(features[1])).toBeCloseTo(9 + 11 * Math.sqrt(0.25));
    expect(size(features[2])).toBe(20);
  });

  it('draws a point population as dots (no density), and sums the parts of a feature in the shortfall', () => {
    const point = { type: 'Feature' as const, properties: { id: 'p', population: 2500 }, geometry: { type: 'Point' as const, coordinates: [114.3, 30.6] } };
    const line = { type: 'Feature' as const, properties: { id: 'l', population: 5 }, geometry: { type: 'LineString' as const, coordinates: [[0, 0], [1, 1]] } };
    const cells = toCellData([point, line, cell('a', 300)] as never);
    expect(cells.map((c) => [c.id, c.featureIndex, c.position, c.densityPerKm2 === null])).toEqual([
      ['p', 0, [114.3, 30.6], true],
      ['a', 2, null, false],
    ]);
    // Two parts of feature 0 each short of 0.6 seats: 1.2 together, so it is drawn.
    const shortfall = toShortfallData(cells, [
      { featureIndex: 0, unserved: 0.6 },
      { featureIndex: 0, unserved: 0.6 },
      { featureIndex: 2, unserved: 0.5 },
    ] as CellResult[]);
    expect(shortfall.map((d) => [d.id, d.unserved])).toEqual([['p', 1.2]]);
  });
});
