import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, distance, point } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { recommendSites, type EvaluateInput } from '../../../src/core/index.ts';

const M_PER_DEG_LAT = 111_195;
const LAT0 = 34.72;
const lngPerM = 1 / (M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180));
const at = (xM: number, yM: number): [number, number] => [113.6 + xM * lngPerM, LAT0 + yM / M_PER_DEG_LAT];

/** Two clusters of 1,000-resident points 3 km apart; one school of 90 seats beside cluster A. */
function district(): EvaluateInput {
  const cells = [];
  for (let i = 0; i < 9; i++) {
    cells.push({ type: 'Feature', properties: { id: `a${i}`, population: 1000 }, geometry: { type: 'Point', coordinates: at((i % 3) * 100, Math.floor(i / 3) * 100) } });
    cells.push({ type: 'Feature', properties: { id: `b${i}`, population: 1000 }, geometry: { type: 'Point', coordinates: at(3000 + (i % 3) * 100, Math.floor(i / 3) * 100) } });
  }
  return {
    population: { type: 'FeatureCollection', features: cells },
    facilities: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 's1', name: 'S1', type: 'primary', capacity: 90, classes: 2 }, geometry: { type: 'Point', coordinates: at(100, 100) } }],
    },
  };
}

describe('recommendSites', () => {
  it('puts a new school by the cluster with no school and sizes it from the pupils it takes', async () => {
    const r = await recommendSites(district(), { type: 'primary' }, { model: 'cmclp', p: 1, candidateSpacingM: 100 });
    expect(r.proposals).toHaveLength(1);
    const [site] = r.proposals;
    const m = (xM: number, yM: number) => distance(point([...site.lngLat]), point(at(xM, yM)), { units: 'meters' });
    for (const [x, y] of [[3000, 0], [3200, 0], [3000, 200], [3200, 200]]) expect(m(x, y)).toBeLessThanOrEqual(500);
    expect(m(100, 100)).toBeGreaterThan(2000);
    // Cluster B: 9,000 residents × 66 / 1,000 = 594 pupils, all within 500 m of a central site.
    expect(site.pupilsServed).toBeCloseTo(594, 6);
    expect(site.classes).toBe(Math.ceil(594 / 45));
    expect(site.seats).toBe(site.classes! * 45);
    expect(r.before.unservedPupils).toBe(1188 - 90);
    expect(r.after.unservedPupils).toBe(1188 - 90 - 594);
    expect(r.after.coveragePct).toBe(100);
    expect(r.siting.existing).toEqual(['s1']);
    expect(structuredClone(r)).toEqual(r);
  });

  it('never proposes a site inside an exclusion zone', async () => {
    const [x0, y0] = at(2850, -150);
    const [x1, y1] = at(3350, 350);
    const park: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
    };
    const r = await recommendSites(district(), { type: 'primary' }, { model: 'mclp', p: 1, candidateSpacingM: 100, exclude: [park] });
    expect(r.proposals).toHaveLength(1);
    expect(booleanPointInPolygon([...r.proposals[0].lngLat], park)).toBe(false);
    // By hand: today S1 reaches all of cluster A, so the 594 pupils of cluster B are outside every
    // catchment. The park reaches 150 m beyond cluster B, but a site just north of it still has all
    // of B within 500 m (from (3100, 450): √(100² + 450²) = 461 m to the far corners), and the
    // 100 m grid has a point in 3050–3150 × 350–450, so the best site covers and seats all 594.
    expect(r.before.uncoveredPupils).toBe(594);
    expect(r.after.uncoveredPupils).toBe(0);
    expect(r.after.unservedPupils).toBe(1188 - 90 - 594);
  });

  it('says why when there is nowhere to put a site, and refuses a bad p', async () => {
    const input = district();
    (input.facilities as { features: unknown[] }).features.push({
      type: 'Feature', properties: { id: 's2', name: 'S2', type: 'primary', capacity: 2000, classes: 44 }, geometry: { type: 'Point', coordinates: at(3100, 100) },
    });
    (input.facilities as { features: { properties: { capacity: number } }[] }).features[0].properties.capacity = 2000;
    await expect(recommendSites(input, { type: 'primary' }, { model: 'cmclp', p: 1, candidateSpacingM: 100 })).rejects.toThrow(/no candidate sites/);
    await expect(recommendSites(district(), { type: 'primary' }, { model: 'mclp', p: 0, candidateSpacingM: 100 })).rejects.toThrow(/whole number ≥ 1/);
  });
});

describe('recommendSites with the user\'s own candidate sites', () => {
  it('chooses among the given sites only and keeps their names', async () => {
    const candidates = [
      { id: 'plot-7', name: 'Plot 7', lngLat: at(3100, 100) },
      { id: 'plot-9', name: 'Plot 9', lngLat: at(1500, 100) },
    ];
    const r = await recommendSites(district(), { type: 'primary' }, { model: 'mclp', p: 1, candidateSpacingM: 100, candidates });
    expect(r.candidates).toBe(2);
    expect(r.proposals.map((p) => [p.id, p.name])).toEqual([['plot-7', 'Plot 7']]);
    await expect(recommendSites(district(), { type: 'primary' }, { model: 'mclp', p: 1, candidateSpacingM: 100, candidates: [] })).rejects.toThrow(
      /candidate sites layer is empty/,
    );
  });
});

describe('recommendSites around locked sites', () => {
  it('keeps a locked site, counts its seats and places the new ones elsewhere', async () => {
    const lockedSite = { id: 'mine', lngLat: at(3100, 100), seats: 630, classes: 14 };
    const candidates = [
      { id: 'by-b', lngLat: at(3150, 150) },
      { id: 'by-a', lngLat: at(200, 300) },
    ];
    const r = await recommendSites(district(), { type: 'primary' }, { model: 'cmclp', p: 1, candidateSpacingM: 100, candidates, locked: [lockedSite] });
    // The locked school seats all of cluster B, so the one new school goes to cluster A.
    expect(r.proposals.map((p) => p.id)).toEqual(['by-a']);
    expect(r.before.coveragePct).toBe(50);
    expect(r.before.seats).toBe(90);
    expect(r.after.seats).toBe(90 + 630 + r.proposals[0].seats);
    expect(r.after.unservedPupils).toBe(0);
  });
});
