import { describe, expect, it } from 'vitest';
import { evaluate, InputError } from '../../../src/core/index.ts';
import { pixelFeature, type PopulationGrid } from '../../../src/core/demand/population-grid.ts';

/**
 * A 12 × 10 raster of 0.001° pixels; a village whose edge cuts pixels; three schools. The same
 * district with the raster written out as one polygon per pixel is the independent answer: the
 * feature path tags villages with turf's polygon intersection.
 */
function district() {
  const width = 12;
  const height = 10;
  const residents = new Float32Array(width * height);
  for (let i = 0; i < residents.length; i++) residents[i] = i % 7 === 3 ? 0 : 50 + ((i * 37) % 400);
  const grid: PopulationGrid = { kind: 'population-grid', west: 113.65, north: 34.76, stepLng: 0.001, stepLat: 0.001, width, height, row0: 100, col0: 200, residents };
  const features = [];
  for (let i = 0; i < residents.length; i++) if (residents[i] > 0) features.push(pixelFeature(grid, i));
  const school = (id: string, lng: number, lat: number, capacity: number) => ({
    type: 'Feature',
    properties: { id, type: 'primary', capacity },
    geometry: { type: 'Point', coordinates: [lng, lat] },
  });
  const facilities = { type: 'FeatureCollection', features: [school('A', 113.6525, 34.7575, 300), school('B', 113.659, 34.754, 150), school('C', 113.66, 34.751, 60)] };
  const villages = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'V', name: '城中村', migrant_share: 0.6 },
        geometry: { type: 'Polygon', coordinates: [[[113.6537, 34.7513], [113.6581, 34.7519], [113.6569, 34.7566], [113.6532, 34.7548], [113.6537, 34.7513]]] },
      },
    ],
  };
  return { grid, polygons: { type: 'FeatureCollection', features }, facilities, villages };
}

describe('evaluate on a population grid', () => {
  const d = district();
  const fromGrid = evaluate({ population: d.grid, facilities: d.facilities, villages: d.villages }, { type: 'primary' });
  const fromPolygons = evaluate({ population: d.polygons, facilities: d.facilities, villages: d.villages }, { type: 'primary' });

  it('gives the figures of the same raster as pixel polygons', () => {
    const a = fromGrid.summary;
    const b = fromPolygons.summary;
    expect(a.residents).toBe(b.residents);
    expect(a.pupils).toBe(b.pupils);
    expect(a.coveragePct).toBe(b.coveragePct);
    expect(a.servedPupils).toBe(b.servedPupils);
    expect(a.equity.villageResidents).toBeGreaterThan(0);
    expect(a.equity.villageResidents).toBeCloseTo(b.equity.villageResidents, 0);
    expect(a.equity.villageServedPct).toBe(b.equity.villageServedPct);
    expect(fromGrid.cells.length).toBe(fromPolygons.cells.length);
    fromGrid.cells.forEach((cell, k) => {
      const other = fromPolygons.cells[k];
      expect(cell.id).toBe(other.id);
      expect(cell.lngLat[0]).toBeCloseTo(other.lngLat[0], 9);
      expect(cell.lngLat[1]).toBeCloseTo(other.lngLat[1], 9);
      expect(cell.served).toBeCloseTo(other.served, 9);
      expect(cell.villageShare).toBeCloseTo(other.villageShare, 4);
      expect(cell.migrants).toBeCloseTo(other.migrants, 2);
    });
    // The village edge cuts pixels: some are shared, not all-or-nothing.
    expect(fromGrid.cells.some((c) => c.villageShare > 0.05 && c.villageShare < 0.95)).toBe(true);
  });

  it('names pixels by the source raster row and column, and keys them by pixel index', () => {
    const first = fromGrid.cells[0];
    expect(first.id).toBe('r100c200');
    expect(first.featureIndex).toBe(0);
    const last = fromGrid.cells[fromGrid.cells.length - 1];
    expect(last.id).toBe('r109c211');
    expect(last.featureIndex).toBe(119);
  });

  it('prepares the district once: a second evaluation agrees, a new standard is not served stale', () => {
    const again = evaluate({ population: d.grid, facilities: d.facilities, villages: d.villages }, { type: 'primary' });
    expect(again).toEqual(fromGrid);
    const wide = evaluate({ population: d.grid, facilities: d.facilities, villages: d.villages }, { type: 'primary', overrides: { radiusM: 5000 } });
    expect(wide.summary.coveragePct).toBe(100);
    const grown = evaluate({ population: d.grid, facilities: d.facilities, villages: d.villages }, { type: 'primary', growthFactor: 2 });
    expect(grown.summary.residents).toBe(2 * fromGrid.summary.residents);
    const noVillages = evaluate({ population: d.grid, facilities: d.facilities }, { type: 'primary' });
    expect(noVillages.cells.every((c) => c.villageShare === 0)).toBe(true);
  });

  it('refuses a grid whose values do not fit its size', () => {
    const bad = { ...d.grid, residents: new Float32Array(5) };
    expect(() => evaluate({ population: bad, facilities: d.facilities }, { type: 'primary' })).toThrow(InputError);
    expect(() => evaluate({ population: bad, facilities: d.facilities }, { type: 'primary' })).toThrow('population: raster has 5 values for 12 × 10 pixels');
  });
});
