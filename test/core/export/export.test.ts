import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate/evaluate.ts';
import { cellFeatures, exportFormatOf, facilityFeatures, featuresText, featuresToCsv, neutraliseCell, summaryJson } from '../../../src/core/export/index.ts';
import { applyMapping, loadFile, parseWkt, toWkt } from '../../../src/core/io/index.ts';

const EVAL = join(import.meta.dirname, '../../fixtures/core/evaluate/in');
const read = (name: string) => JSON.parse(readFileSync(join(EVAL, name), 'utf8')) as unknown;
const text = (s: string) => new TextEncoder().encode(s);

describe('neutraliseCell', () => {
  it('prefixes formula starters with a quote, keeps numbers and plain negative numbers', () => {
    expect(neutraliseCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutraliseCell('+86 371 1234')).toBe("'+86 371 1234");
    expect(neutraliseCell('-1+2')).toBe("'-1+2");
    expect(neutraliseCell('@cmd')).toBe("'@cmd");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell('\rx')).toBe("'\rx");
    expect(neutraliseCell('-12.5')).toBe('-12.5');
    expect(neutraliseCell(-3)).toBe(-3);
    expect(neutraliseCell(NaN)).toBe('');
    expect(neutraliseCell(Infinity)).toBe('');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(true)).toBe('true');
    expect(neutraliseCell({ a: '=1' })).toBe('{"a":"=1"}');
    expect(neutraliseCell('陈寨')).toBe('陈寨');
  });
});

describe('exports round-trip through the loaders', () => {
  const features = [
    { type: 'Feature' as const, properties: { id: 'a', name: '=HYPERLINK("http://evil","x")', population: 1200, note: '-5', 名称: '陈寨' }, geometry: { type: 'Point' as const, coordinates: [113.65, 34.75] } },
    { type: 'Feature' as const, properties: { id: 'b', name: 'B', population: 30, note: '@x', 名称: '宋岗' }, geometry: { type: 'Polygon' as const, coordinates: [[[113.66, 34.75], [113.661, 34.75], [113.661, 34.751], [113.66, 34.751], [113.66, 34.75]]] } },
  ];

  it('GeoJSON → export → load gives the same features and properties', async () => {
    const loaded = await loadFile(text(featuresText(features, 'geojson')), 'out.geojson');
    expect(loaded.features.map((f) => f.properties)).toEqual(features.map((f) => f.properties));
    expect(loaded.features.map((f) => f.geometry)).toEqual(features.map((f) => f.geometry));
  });

  it('CSV export neutralises formulas and loads back with geometry (WKT for polygons)', async () => {
    const csv = featuresToCsv(features);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows[0].name).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[0].note).toBe('-5');
    expect(rows[1].note).toBe("'@x");
    expect(rows[0].wkt).toBe('POINT (113.65 34.75)');
    const back = await loadFile(text(csv), 'out.csv');
    expect(back.geometryColumns).toEqual({ wkt: 'wkt' });
    expect(back.features.map((f) => f.geometry)).toEqual(features.map((f) => f.geometry));
    const mapped = applyMapping(back, 'population');
    expect(mapped.collection.features.map((f) => [f.properties.id, f.properties.population, f.properties.名称])).toEqual([
      ['a', 1200, '陈寨'],
      ['b', 30, '宋岗'],
    ]);
  });

  it('WKT writes and parses every geometry type', () => {
    const geoms = [
      { type: 'Point' as const, coordinates: [1, 2] },
      { type: 'MultiPoint' as const, coordinates: [[1, 2], [3, 4]] },
      { type: 'LineString' as const, coordinates: [[1, 2], [3, 4]] },
      { type: 'MultiLineString' as const, coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
      { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
      { type: 'MultiPolygon' as const, coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] },
    ];
    for (const g of geoms) expect(parseWkt(toWkt(g))).toEqual({ geometry: g });
    expect(parseWkt('GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))')).toMatchObject({ geometry: { type: 'GeometryCollection' } });
    expect(parseWkt('MULTIPOINT ((1 2), (3 4))')).toEqual({ geometry: geoms[1] });
    expect(parseWkt('CIRCLE (1 2)')).toEqual({ error: 'invalid WKT: unknown geometry type CIRCLE at character 1' });
  });
});

describe('result exports', () => {
  const population = read('worked-example-population.geojson');
  const facilities = read('worked-example-facilities.geojson');
  const result = evaluate({ population, facilities }, { type: 'primary' });

  it('per-cell and per-facility features keep the input properties beside the computed ones', () => {
    const cells = cellFeatures(result, population);
    expect(cells[0].properties).toMatchObject({ id: 'A', population: 1000, users: 66, served: 66, covered: true });
    const fac = facilityFeatures(result, facilities);
    expect(fac.map((f) => f.properties)).toEqual([
      expect.objectContaining({ id: 'S1', capacity: 90, allocated: 90, utilisation: 1, catchment_utilisation: 2.2, status: 'over' }),
      expect.objectContaining({ id: 'S2', capacity: 45, allocated: 45, status: 'over' }),
    ]);
    const csvRows = Papa.parse<Record<string, string>>(featuresToCsv(fac).slice(1), { header: true, skipEmptyLines: true }).data;
    expect(csvRows.map((r) => [r.id, r.status, r.lon, r.lat])).toEqual([
      ['S1', 'over', '113.65', '34.751'],
      ['S2', 'over', '113.65', '34.757'],
    ]);
  });

  it('summary JSON and export formats by extension', () => {
    const json = JSON.parse(summaryJson(result, ['w']));
    expect(json).toMatchObject({ pupils: 297, seats: 135, warnings: ['w'] });
    expect(json.facilityResults).toHaveLength(2);
    expect(['a.geojson', 'b.CSV', 'c.json', 'd.txt'].map(exportFormatOf)).toEqual(['geojson', 'csv', 'json', null]);
  });
});
