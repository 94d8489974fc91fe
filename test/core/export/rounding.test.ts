import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/core/index.ts';
import { cellFeatures, facilityFeatures, featuresText, proposalFeatures, ROUNDING } from '../../../src/core/export/index.ts';

/** Float noise as sums of fractional people leave it. */
const NOISY = 12.1 + 0.2; // 12.299999999999999
const NOISE = String(NOISY);
const csvRows = (text: string) => Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;

// A population cell (a polygon whose centroid has float noise) and a facility, with noisy results.
const population = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'A', population: 1000, note: 0.30000000000000004 },
      geometry: { type: 'Polygon', coordinates: [[[113.1, 34.7], [113.2, 34.7], [113.2, 34.8], [113.1, 34.8], [113.1, 34.7]]] },
    },
  ],
};
const facilities = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { id: 'S1', type: 'primary', capacity: 90 }, geometry: { type: 'Point', coordinates: [113.123456789012, 34.700000000000003] } }],
};
const result = {
  summary: {},
  warnings: [],
  cells: [
    {
      id: 'A', featureIndex: 0, lngLat: [113.15, 34.75], residents: 1000.0000000000001, users: 66.00000000000001, served: NOISY, unserved: 53.699999999999996,
      covered: true, nearestFacilityId: 'S1', nearestDistanceM: 234.56000000000003, servedById: 'S1', access2sfca: 0.18637128712871287, accessE2sfca: 1.234567890123,
      villageId: null, villageName: null, villageShare: 0.33333333333333337, migrants: 12.345678,
    },
  ],
  facilities: [
    {
      id: 'S1', featureIndex: 0, name: 'S1', nameEn: '', type: 'primary', lngLat: [113.123456789012, 34.7], capacity: 90.00000000000001, cellsInCatchment: 1,
      usersInCatchment: NOISY, allocated: 89.99999999999999, utilisation: 0.9999999999999999, catchmentUtilisation: 0.13666666666666666, status: 'under',
    },
  ],
} as unknown as Evaluation;

describe('rounding rules', () => {
  it('people to 2 decimals, shares to 0.1 %, ratios to 4 significant digits, metres to 0.1, degrees to 7 decimals', () => {
    expect(ROUNDING.people(NOISY)).toBe(12.3);
    expect(ROUNDING.people(1234.5678)).toBe(1234.57);
    expect(ROUNDING.share(0.33333333333333337)).toBe(0.333);
    expect(ROUNDING.ratio(0.18637128712871287)).toBe(0.1864);
    expect(ROUNDING.ratio(0.000123456)).toBe(0.0001235);
    expect(ROUNDING.ratio(1234.5678)).toBe(1235);
    expect(ROUNDING.ratio(0)).toBe(0);
    expect(ROUNDING.metres(234.56000000000003)).toBe(234.6);
    expect(ROUNDING.degrees(113.15000000000001)).toBe(113.15);
    expect(ROUNDING.degrees(113.123456789012)).toBe(113.1234568);
    expect(ROUNDING.other(0.30000000000000004)).toBe(0.3);
    expect(ROUNDING.other(113.123456789012)).toBe(113.123456789);
    expect(ROUNDING.other(7)).toBe(7);
    expect(Number.isNaN(ROUNDING.people(NaN))).toBe(true);
  });
});

describe('exported results carry no float noise', () => {
  it('cells as GeoJSON and CSV', () => {
    const cells = cellFeatures(result, population);
    for (const text of [featuresText(cells, 'geojson'), featuresText(cells, 'csv')]) {
      expect(text).not.toContain(NOISE);
      expect(text).not.toContain('0.30000000000000004');
      expect(text).not.toContain('66.00000000000001');
      expect(text).not.toMatch(/\d\.\d{8,}/);
    }
    expect(cells[0].properties).toMatchObject({ residents: 1000, users: 66, served: 12.3, unserved: 53.7, nearest_distance_m: 234.6, access_2sfca: 0.1864, access_e2sfca: 1.235, village_share: 0.333, migrants: 12.35 });
    const [row] = csvRows(featuresText(cells, 'csv'));
    expect(row).toMatchObject({ served: '12.3', note: '0.3', lon: '113.15', lat: '34.75' });
    expect(row.wkt).toBe('POLYGON ((113.1 34.7, 113.2 34.7, 113.2 34.8, 113.1 34.8, 113.1 34.7))');
  });

  it('facilities as GeoJSON and CSV, coordinates to 7 decimals', () => {
    const fac = facilityFeatures(result, facilities);
    expect(fac[0].properties).toMatchObject({ capacity: 90, users_in_catchment: 12.3, allocated: 90, utilisation: 1, catchment_utilisation: 0.1367 });
    const geojson = featuresText(fac, 'geojson');
    expect(geojson).toContain('"coordinates":[113.1234568,34.7]');
    expect(geojson).not.toContain(NOISE);
    const [row] = csvRows(featuresText(fac, 'csv'));
    expect(row).toMatchObject({ users_in_catchment: '12.3', lon: '113.1234568', lat: '34.7' });
  });

  it('proposals', () => {
    const proposals = proposalFeatures([
      { rank: 1, id: 'g1', name: null, lngLat: [113.60000000000001, 34.712345678901], seats: 1350, classes: 30, pupilsServed: NOISY, pupilsInCatchment: 1234.5678, marginalGain: 0.1 + 0.7 },
    ]);
    expect(proposals[0].properties).toMatchObject({ pupils_served: 12.3, pupils_in_catchment: 1234.57, marginal_gain: 0.8 });
    const csv = featuresText(proposals, 'csv');
    expect(csvRows(csv)[0]).toMatchObject({ pupils_served: '12.3', lon: '113.6', lat: '34.7123457' });
    // Features made elsewhere (the app's own proposal list) lose their float noise too.
    const text = featuresText([{ type: 'Feature', geometry: { type: 'Point', coordinates: [113.6, 34.7] }, properties: { pupils_served: NOISY } }], 'geojson');
    expect(text).toContain('"pupils_served":12.3');
    expect(text).not.toContain(NOISE);
  });
});
