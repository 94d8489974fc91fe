import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { evaluate, evaluateView } from '../../../src/core/evaluate/evaluate.ts';
import { cellRows, featureChunks } from '../../../src/core/export/results.ts';
import { tableFeatures, type PopulationTable } from '../../../src/core/demand/population-table.ts';
import { applyMapping, loadFile } from '../../../src/core/io/index.ts';
import { readCollectionStreaming, type ByteSource } from '../../../src/core/io/geojson-stream.ts';
import { DEFAULT_LIMITS } from '../../../src/core/io/limits.ts';

const enc = new TextEncoder();

/** The same file read both ways: as features (no role) and as a population table (role population). */
async function bothWays(text: string, name: string) {
  const bytes = enc.encode(text);
  const objects = applyMapping(await loadFile(bytes, name), 'population');
  const tabled = applyMapping(await loadFile(bytes, name, { role: 'population' }), 'population');
  return { objects, tabled, table: tabled.table as PopulationTable };
}

const facilities: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { id: 'S1', type: 'primary', capacity: 12 }, geometry: { type: 'Point', coordinates: [113.65, 34.75] } },
    { type: 'Feature', properties: { id: 'S2', type: 'primary', capacity: 3 }, geometry: { type: 'Point', coordinates: [113.665, 34.75] } },
  ],
};

describe('a population file read as a table', () => {
  const csv = [
    'id,lon,lat,population,note',
    'a,113.650,34.750,100,"x, y"',
    'b,113.652,34.751,250,=SUM(A1)',
    'c,113.700,34.700,-5,',
    ',113.651,34.749,50,no id',
    'a,113.653,34.752,"1,200",again',
    'e,,34.75,7,no lon',
  ].join('\n');

  it('holds ids, residents and points by hand, and names each bad row by its row number', async () => {
    const { tabled, table } = await bothWays(csv, 'pop.csv');
    expect(table.count).toBe(4);
    expect([0, 1, 2, 3].map((k) => table.ids.get(k))).toEqual(['a', 'b', 'row 5', 'a']);
    expect(Array.from(table.population)).toEqual([100, 250, 50, 1200]);
    expect(Array.from(table.population).reduce((s, v) => s + v, 0)).toBe(1600);
    expect([table.lng[1], table.lat[1]]).toEqual([113.652, 34.751]);
    expect(tabled.report).toEqual({ read: 6, used: 4, skipped: 2 });
    const reasons = tabled.warnings.map((w) => `${w.feature}: ${w.reason}`);
    expect(reasons).toContain('e: no coordinates: the longitude cell (lon) is empty; skipped');
    expect(reasons).toContain('c: population is negative (-5); skipped');
    expect(reasons).toContain('a: duplicate id: another feature has the same id; kept, but results for this id are ambiguous');
    // Properties as the file has them, with the schema's: the id of a row without one is its row number.
    expect(table.properties(2)).toEqual({ id: 'row 5', lon: '113.651', lat: '34.749', population: 50, note: 'no id' });
    expect(table.geometry(3)).toEqual({ type: 'Point', coordinates: [113.653, 34.752] });
  });

  it('maps, warns and evaluates exactly as the features it stands for', async () => {
    const { objects, tabled, table } = await bothWays(csv, 'pop.csv');
    expect(tabled.report).toEqual(objects.report);
    expect(tabled.warnings).toEqual(objects.warnings);
    expect([...tableFeatures(table)]).toEqual(objects.collection.features);
    const options = { type: 'primary' as const, overrides: { radiusM: 800 } };
    const fromObjects = evaluate({ population: objects.collection, facilities }, options);
    const fromTable = evaluateView({ population: table, facilities }, options);
    expect(fromTable.summary).toEqual(fromObjects.summary);
    expect(fromTable.facilities).toEqual(fromObjects.facilities);
    const csvOf = (rows: () => Iterable<Feature<Geometry | null, Record<string, unknown>>>) => [...featureChunks(rows, 'csv')].join('');
    expect(csvOf(() => cellRows(fromTable, table))).toBe(csvOf(() => cellRows(fromObjects, objects.collection)));
  });

  it('reads GeoJSON polygons, points, Feature ids and odd properties alike, split at the radius or not', async () => {
    const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { population: 400, tags: { a: [1, 2] } }, geometry: { type: 'Polygon', coordinates: square(113.64, 34.74, 0.01) } },
        { type: 'Feature', properties: { id: 'p', population: '30' }, geometry: { type: 'Point', coordinates: [113.66, 34.75] } },
        { type: 'Feature', properties: { id: 'z', population: 20 }, geometry: { type: 'Point', coordinates: [113.66, 34.76, 120] } },
        { type: 'Feature', properties: { id: 'm', population: 90 }, geometry: { type: 'MultiPolygon', coordinates: [square(113.65, 34.74, 0.002), square(113.66, 34.74, 0.001)] } },
        { type: 'Feature', properties: { id: 'l', population: 5 }, geometry: { type: 'LineString', coordinates: [[113.6, 34.7], [113.7, 34.8]] } },
        { type: 'Feature', properties: { id: 'n', population: 1e999 }, geometry: { type: 'Point', coordinates: [113.66, 34.75] } },
      ],
    }).replace('"population":null', '"population":1e999');
    const { objects, tabled, table } = await bothWays(text, 'pop.geojson');
    expect(objects.warnings.map((w) => w.reason)).toContain('population is not finite (Infinity); skipped');
    expect(tabled.report).toEqual(objects.report);
    expect(tabled.warnings).toEqual(objects.warnings);
    expect([...tableFeatures(table)]).toEqual(objects.collection.features);
    expect(table.ids.get(0)).toBe('7');
    expect(Array.from(table.polygonal)).toEqual([1, 0, 0, 1]);
    // 1.1 km squares split at 1,000 m: parts joined back to one row per feature.
    for (const radiusM of [300, 1000]) {
      const options = { type: 'primary' as const, overrides: { radiusM } };
      const fromObjects = evaluate({ population: objects.collection, facilities }, options);
      const fromTable = evaluateView({ population: table, facilities }, options);
      expect(fromTable.summary).toEqual(fromObjects.summary);
      const geojsonOf = (rows: () => Iterable<Feature<Geometry | null, Record<string, unknown>>>) => [...featureChunks(rows, 'geojson')].join('');
      expect(geojsonOf(() => cellRows(fromTable, table))).toBe(geojsonOf(() => cellRows(fromObjects, objects.collection)));
    }
  });
});

describe('GeoJSON read a window at a time', () => {
  /** A source that counts what was read, so the test sees the file was never all held. */
  const sourceOf = (bytes: Uint8Array) => {
    const reads: number[] = [];
    const source: ByteSource = { size: bytes.length, read: (offset, length) => (reads.push(length), bytes.slice(offset, offset + length)) };
    return { source, reads };
  };

  it('gives the features JSON.parse gives, whatever the windows cut (strings, numbers, escapes, a feature larger than a window)', () => {
    const features = Array.from({ length: 300 }, (_, i) => ({
      type: 'Feature',
      properties: { id: `f${i}`, note: i % 7 === 0 ? 'a "quoted" ]}, \\ and 中文' : 'x'.repeat(i % 40), n: -12345.678e-3 * i },
      geometry: { type: 'Point', coordinates: [113.6 + i / 1e4, 34.7] },
    }));
    features[150].properties.note = 'y'.repeat(5000);
    const text = `\uFEFF{"name":"cells","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n],"type":"FeatureCollection","crs":null}   \n`;
    const bytes = enc.encode(text);
    for (const window of [64, 97, 1000, 1 << 20]) {
      const { source, reads } = sourceOf(bytes);
      const got: unknown[] = [];
      const r = readCollectionStreaming(source, 'w.geojson', DEFAULT_LIMITS, 'utf-8', (batch) => void got.push(...batch), window);
      expect(r.type).toBe('FeatureCollection');
      expect(r.featureCount).toBe(300);
      expect(got).toEqual(JSON.parse(text.slice(1)).features);
      if (window < 1000) expect(Math.max(...reads)).toBeLessThan(bytes.length / 2);
    }
  });

  it('says where damage is, in bytes of the whole file, across windows', () => {
    const text = `{"type":"FeatureCollection","features":[${'{"type":"Feature","properties":{},"geometry":null},'.repeat(50)}{"a":1} {"b":2}]}`;
    const bytes = enc.encode(text);
    const at = text.indexOf(' {"b"') + 1;
    expect(() => readCollectionStreaming(sourceOf(bytes).source, 'w.geojson', DEFAULT_LIMITS, 'utf-8', () => undefined, 100)).toThrow(
      `invalid JSON at byte ${at}: expected ',' or ']' after a feature`,
    );
    expect(() => readCollectionStreaming(sourceOf(enc.encode(text.slice(0, 500))).source, 'w.geojson', DEFAULT_LIMITS, 'utf-8', undefined, 100)).toThrow(/w\.geojson: invalid JSON at byte \d+/);
  });
});
