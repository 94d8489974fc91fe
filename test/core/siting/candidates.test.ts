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
    // By hand: the grid starts at the south-west corner of the weighted demand (113.6, 34.75);
    // 200 m is 0.0017986° of latitude and 0.0017986° / cos 34.7505° = 0.0021890° of longitude,
    // so one row (the demand spans 0.001° of latitude) of 11 columns (0.022° / 0.0021890 = 10.05).
    // Within 200 m of weighted demand: column 0 (0 m from the first block), column 1
    // (113.602189: 17 m east and 111 m south of the second block, 112.5 m) and column 10
    // (113.62189: 10 m from the third block); columns 2 and 9 are 217 m and 210 m away.
    const sites = gridCandidates({ unserved, spacingM: 200 });
    expect(sites.map((s) => s.id)).toEqual(['grid-0-0', 'grid-0-1', 'grid-0-10']);
    for (const s of sites) {
      const nearest = Math.min(...unserved.filter((d) => d.weight > 0).map((d) => haversineM(s.lngLat!, d.lngLat)));
      expect(nearest).toBeLessThanOrEqual(200);
    }
    // Neighbouring grid points are one spacing apart: one column is 200 m along the middle
    // latitude 34.7505°, so along the row's latitude 34.75° it is 200 × cos 34.75° / cos 34.7505°.
    const [a, b] = sites;
    expect(haversineM(a.lngLat!, b.lngLat!)).toBeCloseTo((200 * Math.cos((34.75 * Math.PI) / 180)) / Math.cos((34.7505 * Math.PI) / 180), 6);
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
    // By hand: a point within 100 m of the two western blocks lies within 113.5989–113.6031 E,
    // 34.7491–34.7519 N, all inside the park; by the eastern block only column 20 (113.62189,
    // 10 m away) is within 100 m (column 19 is 110 m away, row 1 above it 100.5 m).
    expect(noPark.map((s) => s.id)).toEqual(['grid-0-20']);
    const school: LngLat = [113.622, 34.75];
    const spaced = gridCandidates({ unserved, spacingM: 100, existing: [school], minSpacingM: 300 });
    // Exactly the unspaced grid points at least 300 m from the school, in the same order.
    expect(spaced.map((s) => s.id)).toEqual(all.filter((s) => haversineM(s.lngLat!, school) >= 300).map((s) => s.id));
    expect(spaced.length).toBeLessThan(all.length);
  });

  it('keeps the best-placed when capped, and handles no demand', () => {
    const capped = gridCandidates({ unserved, spacingM: 100, maxCandidates: 3 });
    expect(capped).toHaveLength(3);
    // The three of the uncapped grid with the most unserved weight within 100 m (brute force
    // here; ties by id), in that order.
    const all = gridCandidates({ unserved, spacingM: 100 });
    const weightNear = (s: (typeof all)[number]) => unserved.reduce((t, d) => t + (haversineM(s.lngLat!, d.lngLat) <= 100 ? d.weight : 0), 0);
    const best = all
      .map((s) => ({ id: s.id, w: weightNear(s) }))
      .sort((x, y) => y.w - x.w || (x.id < y.id ? -1 : 1))
      .slice(0, 3)
      .map((x) => x.id);
    expect(capped.map((s) => s.id)).toEqual(best);
    expect(gridCandidates({ unserved: [], spacingM: 100 })).toEqual([]);
    expect(() => gridCandidates({ unserved, spacingM: 0 })).toThrow(/spacing must be positive/);
  });
});
