import { describe, expect, it } from 'vitest';
import { haversineM } from '../../../src/core/distance/haversine.ts';
import { gridCandidates } from '../../../src/core/siting/candidates.ts';
import type { LngLat } from '../../../src/core/types.ts';

// Two blocks of unserved pupils ~2 km apart in Zhengzhou.
const unserved = [
  { lngLat: [113.6, 34.75] as LngLat, weight: 100 },
  { lngLat: [113.602, 34.751] as LngLat, weight: 50 },
  { lngLat: [113.622, 34.75] as LngLat, weight: 80 },
  { lngLat: [113.61, 34.76] as LngLat, weight: 0 },
];

describe('grid candidates', () => {
  it('covers only places near unserved demand, at the given spacing', () => {
    const sites = gridCandidates({ unserved, spacingM: 200 });
    expect(sites.length).toBeGreaterThanOrEqual(3);
    for (const s of sites) {
      const nearest = Math.min(...unserved.filter((d) => d.weight > 0).map((d) => haversineM(s.lngLat!, d.lngLat)));
      expect(nearest).toBeLessThanOrEqual(200);
    }
    // Neighbouring grid points are one spacing apart.
    const a = sites.find((s) => s.id === 'grid-0-0');
    const b = sites.find((s) => s.id === 'grid-0-1');
    if (a && b) expect(haversineM(a.lngLat!, b.lngLat!)).toBeCloseTo(200, 0);
    expect(new Set(sites.map((s) => s.id)).size).toBe(sites.length);
  });

  it('leaves out exclusion zones and the surroundings of existing facilities', () => {
    const all = gridCandidates({ unserved, spacingM: 100 });
    const park = {
      type: 'Polygon' as const,
      coordinates: [[[113.598, 34.748], [113.6035, 34.748], [113.6035, 34.753], [113.598, 34.753], [113.598, 34.748]]],
    };
    const noPark = gridCandidates({ unserved, spacingM: 100, exclude: [park] });
    expect(noPark.length).toBeLessThan(all.length);
    expect(noPark.some((s) => s.lngLat![0] >= 113.598 && s.lngLat![0] <= 113.6035 && s.lngLat![1] >= 34.748 && s.lngLat![1] <= 34.753)).toBe(false);
    const school: LngLat = [113.622, 34.75];
    const spaced = gridCandidates({ unserved, spacingM: 100, existing: [school], minSpacingM: 300 });
    expect(spaced.every((s) => haversineM(s.lngLat!, school) >= 300)).toBe(true);
    expect(spaced.length).toBeLessThan(all.length);
  });

  it('keeps the best-placed when capped, and handles no demand', () => {
    const capped = gridCandidates({ unserved, spacingM: 100, maxCandidates: 3 });
    expect(capped).toHaveLength(3);
    expect(gridCandidates({ unserved: [], spacingM: 100 })).toEqual([]);
    expect(() => gridCandidates({ unserved, spacingM: 0 })).toThrow(/spacing must be positive/);
  });
});
