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
    expect(a.densityPerKm2).toBeGreaterThan(29_500);
    expect(a.densityPerKm2).toBeLessThan(30_500);
    expect(a.polygon.positions.length).toBe(10);
    expect(a.polygon.holeIndices).toEqual([]);
    expect(b.polygon.holeIndices).toEqual([10]);
    expect(b.densityPerKm2).toBeGreaterThan(a.densityPerKm2);
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
});
