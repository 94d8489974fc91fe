import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../../src/core/distance/haversine.ts';
import {
  ACCEPTED_EXTENSIONS,
  applyMapping,
  LoadCancelled,
  loadFile,
  sniffFormat,
  type LoadOptions,
  type LoadProgress,
  type LoadResult,
} from '../../../src/core/io/index.ts';

const DIR = join(import.meta.dirname, '../../fixtures/io/corpus');
const load = (file: string, options: LoadOptions = {}) => loadFile(readFileSync(join(DIR, file)), file, options);
const text = (s: string) => new TextEncoder().encode(s);
const pointOf = (r: LoadResult, i = 0) => (r.features[i].geometry as Point).coordinates;
const metresBetween = (a: Position, b: Position) => haversineM([a[0], a[1]], [b[0], b[1]]);

/** Inverse spherical (web) Mercator, EPSG:3857 → lon/lat, R = 6,378,137 m: closed form. */
function fromWebMercator([x, y]: Position): Position {
  const R = 6378137;
  return [((x / R) * 180) / Math.PI, ((2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180) / Math.PI];
}

/** The published GCJ-02 forward transform (Krasovsky ellipsoid offsets), WGS84 → GCJ-02. */
function wgs84ToGcj02([lng, lat]: Position): Position {
  const { PI, sin, sqrt, abs, cos } = Math;
  const a = 6378245.0;
  const ee = 0.00669342162296594323;
  const x = lng - 105;
  const y = lat - 35;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x));
  dLat += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  dLat += ((20 * sin(y * PI) + 40 * sin((y / 3) * PI)) * 2) / 3;
  dLat += ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3;
  let dLng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x));
  dLng += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  dLng += ((20 * sin(x * PI) + 40 * sin((x / 3) * PI)) * 2) / 3;
  dLng += ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3;
  const radLat = (lat / 180) * PI;
  const magic = 1 - ee * sin(radLat) ** 2;
  const sqrtMagic = sqrt(magic);
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * sqrtMagic)) * PI);
  dLng = (dLng * 180) / ((a / sqrtMagic) * cos(radLat) * PI);
  return [lng + dLng, lat + dLat];
}

/** The published GCJ-02 → BD-09 transform (Baidu). */
function gcj02ToBd09([x, y]: Position): Position {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * xPi);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

describe('loadFile: formats', () => {
  it('sniffs formats by content first, then by extension', () => {
    expect(sniffFormat(text('{"type":"Point"}'), 'data.txt')?.id).toBe('geojson');
    expect(sniffFormat(text('lon,lat\n1,2\n'), 'noext')?.id).toBe('csv');
    expect(sniffFormat(readFileSync(join(DIR, 'pop.tif')), 'raster.bin')?.id).toBe('geotiff');
    expect(sniffFormat(readFileSync(join(DIR, 'villages-gk.zip')), 'upload')?.id).toBe('shapefile');
    expect(sniffFormat(new Uint8Array([1, 2, 3]), 'x.bin')).toBeNull();
    expect(ACCEPTED_EXTENSIONS).toEqual(expect.arrayContaining(['.geojson', '.json', '.csv', '.tsv', '.tif', '.zip']));
  });

  it('reads GeoJSON bare geometries, single features and BOMs, and keeps properties and ids', async () => {
    const bare = await load('bare-point.geojson');
    expect(bare.features).toHaveLength(1);
    expect(pointOf(bare)).toEqual([113.65, 34.75]);
    const one = await load('single-feature.geojson');
    expect(one.suggestedRole).toBe('population');
    expect((await load('bom.geojson')).labels).toEqual(['ok']);
    const withId = await load('pop-feature-id.geojson');
    expect(withId.labels).toEqual(['17', 'ok']);
    expect(withId.features[0].id).toBe(17);
  });

  it('decodes GBK GeoJSON and CSV (sniffed or stated)', async () => {
    const g = await load('gbk.geojson');
    expect(g.encoding).toBe('gbk');
    expect(g.features[0].properties.name).toBe('陈寨小学');
    const c = await load('csv-gbk.csv');
    expect(c.fields).toEqual(['编号', '名称', '经度', '纬度', '常住人口']);
    expect(c.suggestedMapping).toMatchObject({ id: '编号', name: '名称', population: '常住人口' });
    expect(c.geometryColumns).toEqual({ lon: '经度', lat: '纬度' });
    const stated = await load('csv-gbk.csv', { encoding: 'gbk' });
    expect(stated.warnings).toEqual([]);
    expect(applyMapping(stated, 'population').collection.features[0].properties).toMatchObject({ id: 'c1', name: '陈寨', population: 1200, 常住人口: '1200' });
    await expect(load('csv-gbk.csv', { encoding: 'klingon' })).rejects.toThrow("csv-gbk.csv: unknown text encoding 'klingon'");
  });

  it('reads UTF-16 (Excel "Unicode text"), TSV, semicolon CSV with decimal commas, pipes and BOMs', async () => {
    for (const file of ['csv-utf16.csv', 'tsv.tsv', 'semicolon.csv', 'pipe.csv', 'csv-bom.csv']) {
      const r = await load(file);
      expect(pointOf(r), file).toEqual([113.65, 34.75]);
      expect(r.fields, file).toContain('lon');
    }
  });

  it('builds geometry from WKT (incl. Z and EWKT with SRID) and from "lng,lat" location cells', async () => {
    const wkt = await load('csv-wkt.csv');
    expect(wkt.features.map((f) => f.geometry?.type)).toEqual(['Polygon', 'MultiPolygon']);
    expect(wkt.geometryColumns).toEqual({ wkt: 'wkt' });
    const z = await load('csv-wkt-empty.csv');
    expect(pointOf(z)).toEqual([113.65, 34.75, 3]);
    const ewkt = await load('csv-ewkt-3857.csv');
    // The inverse spherical Mercator of the file's x, y (rounded to centimetres in the fixture).
    const [ex, ey] = fromWebMercator([12651460.13, 4129958.83]);
    expect(pointOf(ewkt)[0]).toBeCloseTo(ex, 10);
    expect(pointOf(ewkt)[1]).toBeCloseTo(ey, 10);
    expect(metresBetween(pointOf(ewkt), [113.65, 34.75])).toBeLessThan(0.01);
    const loc = await load('csv-location.csv');
    expect(pointOf(loc)).toEqual([113.65, 34.75]);
  });

  it('numbers CSV rows as a spreadsheet does (header = row 1, blank lines counted)', async () => {
    const r = await load('csv-bad-lon.csv');
    expect(r.warnings.map((w) => w.feature)).toEqual(['row 2']);
    const blank = await load('csv-blank-lines.csv');
    expect(blank.labels).toEqual(['a']);
  });

  it('reads GeoTIFF pixels as cell polygons with population, windowed to a bbox', async () => {
    const r = await load('pop.tif');
    expect(r.format).toBe('geotiff');
    expect(r.features.map((f) => f.properties.population)).toEqual([1, 2, 5.5]);
    const cell = r.features[0].geometry as Polygon;
    expect(cell.coordinates[0]).toHaveLength(5);
    const xs = cell.coordinates[0].map((p) => p[0]);
    const ys = cell.coordinates[0].map((p) => p[1]);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([113.65, 113.651, 34.759, 34.76]);
    const windowed = await load('pop.tif', { bbox: [113.6512, 34.7582, 113.6518, 34.7588] });
    expect(windowed.features.map((f) => f.properties.id)).toEqual(['r1c1']);
    await expect(load('pop.tif', { limits: { rasterPixels: 4 } })).rejects.toThrow('pop.tif: the window has 6 pixels; read it within the district (a boundary or a bbox) (limit raster-pixels = 4; raise it with --limit raster-pixels=N)');
  });

  it('reprojects a CGCS2000 Gauss–Krüger GeoTIFF to WGS84', async () => {
    const r = await load('pop-4547.tif');
    expect(r.crs).toEqual({ detected: 'EPSG:4547', source: 'geotiff', converted: true });
    const corner = (r.features[0].geometry as Polygon).coordinates[0][0];
    expect(metresBetween(corner, [113.65, 34.76])).toBeLessThan(0.01);
  });

  it('reads zipped Shapefiles: .prj reprojection, GBK names by .cpg / language byte / sniffing, holes', async () => {
    for (const file of ['villages-gk.zip', 'villages-gbk-nocpg.zip', 'villages-ldid.zip', 'villages-utf8.zip']) {
      const r = await load(file);
      expect(r.crs.converted, file).toBe(true);
      expect(r.features.map((f) => f.properties.NAME), file).toEqual(['陈寨', '宋岗', '空村']);
      expect(r.suggestedRole, file).toBe('villages');
    }
    const r = await load('villages-gk.zip');
    expect(r.features[0].properties).toEqual({ ID: 'uv01', NAME: '陈寨', POP: 12000, MIGRANT: 0.6 });
    const first = (r.features[0].geometry as Polygon).coordinates[0];
    expect(metresBetween(first[0], [113.65, 34.75])).toBeLessThan(0.01);
    const holed = r.features[1].geometry as Polygon;
    expect(holed.type).toBe('Polygon');
    expect(holed.coordinates).toHaveLength(2);
    expect(r.features[2].geometry).toBeNull();
    const noPrj = await load('villages-noprj.zip', { epsg: 4547 });
    expect(noPrj.crs).toMatchObject({ detected: 'EPSG:4547', source: 'option', converted: true });
  });
});

describe('loadFile: coordinates', () => {
  it('reprojects GeoJSON with a crs member or an EPSG option', async () => {
    const r = await load('crs-4547.geojson');
    expect(metresBetween(pointOf(r), [113.65, 34.75])).toBeLessThan(0.01);
    const gk = await load('projected-gk.geojson', { epsg: 4547 });
    expect(metresBetween(pointOf(gk), [113.65, 34.75])).toBeLessThan(0.01);
    const zone = await load('projected-zone38.geojson', { epsg: 4526 });
    expect(metresBetween(pointOf(zone), [113.65, 34.75])).toBeLessThan(0.01);
    const merc = await load('webmercator.geojson', { epsg: 3857 });
    const exact = fromWebMercator([12651460.128655542, 4129958.8290286926]);
    expect(pointOf(merc)[0]).toBeCloseTo(exact[0], 10);
    expect(pointOf(merc)[1]).toBeCloseTo(exact[1], 10);
    expect(metresBetween(pointOf(merc), [113.65, 34.75])).toBeLessThan(0.01);
    const utm = await load('utm50.csv', { epsg: 32650 });
    expect(metresBetween(pointOf(utm), [116.4, 39.9])).toBeLessThan(0.1);
    await expect(load('projected-gk.geojson', { epsg: 9999 })).rejects.toThrow('projected-gk.geojson: EPSG:9999 is not a coordinate system Catchmap knows');
  });

  it('swaps lat/lon that only make sense swapped', async () => {
    expect(pointOf(await load('swapped.geojson'))).toEqual([113.65, 34.75]);
    expect(pointOf(await load('swapped-china.geojson'))).toEqual([80.2, 39.9]);
  });

  it('flags GCJ-02 / BD-09 files by name or field and converts on request', async () => {
    const suspect = await load('amap-schools.csv');
    expect(suspect.crs.suspect).toMatchObject({ system: 'gcj02', hint: 'file name "amap-schools.csv" mentions amap' });
    expect(suspect.crs.suspect?.prompt).toMatch(/GCJ-02 \(Amap, Tencent\), 100–700 m off WGS84\. Convert them to WGS84\?$/);
    expect((await load('gcj-fields.csv')).crs.suspect?.system).toBe('gcj02');
    expect((await load('baidu-pois.csv')).crs.suspect?.system).toBe('bd09');
    expect((await loadFile(text('id,bd_lng,bd_lat,population\na,113.65,34.75,1\n'), 'pois.csv')).crs.suspect?.hint).toBe('field "bd_lng" mentions bd_lng');

    const converted = await load('amap-schools.csv', { coordinateSystem: 'gcj02' });
    expect(converted.crs).toMatchObject({ converted: true, shift: 'gcj02 → wgs84' });
    expect(converted.crs.suspect).toBeUndefined();
    // The converted point, taken forward again by the published GCJ-02 formula (written out below,
    // independent of the loader's library), lands back on the file's point: the library's inverse
    // is iterative, within millimetres here (the shift itself is about 570 m).
    expect(metresBetween(wgs84ToGcj02(pointOf(converted)), [113.6501, 34.7512])).toBeLessThan(0.01);
    const bd = await load('baidu-pois.csv', { coordinateSystem: 'bd09' });
    // BD-09 = GCJ-02 rotated and shifted once more; its inverse is approximate, to about 0.1 m.
    expect(metresBetween(gcj02ToBd09(wgs84ToGcj02(pointOf(bd))), [113.6571, 34.7571])).toBeLessThan(0.25);
    const kept = await load('amap-schools.csv', { coordinateSystem: 'wgs84' });
    expect(kept.crs.suspect).toBeUndefined();
    expect(kept.warnings).toEqual([]);
    expect(pointOf(kept)).toEqual([113.6501, 34.7512]);
  });
});

describe('loadFile: safety, progress and cancel', () => {
  it('never lets __proto__ / constructor keys reach prototypes or properties', async () => {
    for (const file of ['proto-keys.geojson', 'proto-escaped.geojson', 'csv-proto-header.csv', 'points-wgs84.zip']) {
      const r = await load(file);
      for (const f of r.features) {
        expect(Object.getPrototypeOf(f.properties), file).toBe(Object.prototype);
        expect(Object.keys(f.properties), file).not.toContain('__proto__');
        expect(Object.keys(f.properties), file).not.toContain('constructor');
      }
      applyMapping(r, r.suggestedRole === 'facilities' ? 'facilities' : 'population');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps formula-looking cells as plain text', async () => {
    const r = await load('csv-formula.csv');
    expect(r.features[0].properties.name).toBe('=HYPERLINK("http://x","y")');
  });

  it('reports progress through to 1 and stops on an aborted signal', async () => {
    const rows = ['lon,lat,population', ...Array.from({ length: 200_000 }, (_, i) => `113.${i % 1000},34.7,${i}`)].join('\n');
    const seen: LoadProgress[] = [];
    const r = await loadFile(text(rows), 'big.csv', {}, (p) => seen.push(p));
    expect(r.report).toEqual({ read: 200_000, used: 200_000, skipped: 0 });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.map((p) => p.fraction)).toEqual([...seen.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ fraction: 1, rows: 200_000 });

    const controller = new AbortController();
    const cancelled = loadFile(text(rows), 'big.csv', { signal: controller.signal }, (p) => p.phase === 'features' && controller.abort());
    await expect(cancelled).rejects.toBeInstanceOf(LoadCancelled);
    const geo = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] });
    const aborted = new AbortController();
    aborted.abort();
    await expect(loadFile(text(geo), 'a.geojson', { signal: aborted.signal })).rejects.toThrow('a.geojson: loading cancelled');
    await expect(loadFile(text(geo), 'a.geojson', { signal: aborted.signal, role: 'population' })).rejects.toThrow('a.geojson: loading cancelled');
  });

  it('moves the progress while a population GeoJSON is streamed, a hundredth of the file at a time', async () => {
    const features = Array.from({ length: 20_000 }, (_, i) => ({ type: 'Feature', properties: { id: `c${i}`, population: i % 90 }, geometry: { type: 'Point', coordinates: [113.6 + (i % 100) / 1e4, 34.7] } }));
    const seen: LoadProgress[] = [];
    const r = await loadFile(text(JSON.stringify({ type: 'FeatureCollection', features })), 'cells.geojson', { role: 'population' }, (p) => seen.push(p));
    expect(r.report.read).toBe(20_000);
    const reading = seen.filter((p) => p.phase === 'parse');
    // About 1.9 MB in 64 KiB batches: a report per batch past each hundredth, so one per batch here (about 29).
    expect(reading.length).toBeGreaterThan(20);
    expect(reading.at(-2)!.rows).toBeLessThan(20_000);
    expect(seen.map((p) => p.fraction)).toEqual([...seen.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ fraction: 1 });
  });
});

describe('applyMapping', () => {
  it('maps Chinese facility types and capacity columns onto the schema, keeping the file properties', async () => {
    const r = await load('fac-chinese-types.geojson');
    expect(r.suggestedRole).toBe('facilities');
    expect(r.suggestedMapping).toMatchObject({ type: '类型', capacity: '学位' });
    const m = applyMapping(r, 'facilities');
    expect(m.collection.features.map((f) => [f.properties.type, f.properties.capacity, f.properties.类型])).toEqual([
      ['kindergarten', 180, '幼儿园'],
      ['primary', 900, '小学'],
      ['junior', 1200, '初级中学'],
      ['health_station', 100, '社区卫生服务站'],
    ]);
  });

  it('gives a file without a type column one fixed type, and a campus polygon its centroid', async () => {
    const csv = await loadFile(text('name,lon,lat,seats\nA,113.65,34.75,900\n'), 'schools.csv');
    expect(csv.suggestedRole).toBe('facilities');
    expect(() => applyMapping(csv, 'facilities')).toThrow('schools.csv: no facility type field');
    const m = applyMapping(csv, 'facilities', { ...csv.suggestedMapping, fixedType: 'primary' });
    expect(m.collection.features[0].properties).toMatchObject({ type: 'primary', capacity: 900, id: 'row 2', name: 'A' });
    const campus = applyMapping(await load('fac-campus-polygon.geojson'), 'facilities');
    expect(campus.collection.features[0].geometry.type).toBe('Point');
  });

  it('suggests roles from geometry, fields and names', async () => {
    const role = async (file: string) => (await load(file)).suggestedRole;
    expect(await role('roads-short-line.geojson')).toBe('roads');
    expect(await role('village-bowtie.geojson')).toBe('villages');
    expect(await role('fac-missing-capacity.geojson')).toBe('facilities');
    expect(await role('pop-multipolygon.geojson')).toBe('population');
    expect(await role('pop.tif')).toBe('population');
    expect(await role('bare-point.geojson')).toBe('candidates');
    const boundary = await loadFile(text(JSON.stringify({ type: 'Polygon', coordinates: [[[113, 34], [114, 34], [114, 35], [113, 34]]] })), 'district.geojson');
    expect(boundary.suggestedRole).toBe('boundary');
  });

  it('maps every role with finite numbers only', async () => {
    const r = await load('csv-nan-inf.csv');
    const m = applyMapping(r, 'population');
    for (const f of m.collection.features) expect(Number.isFinite(f.properties.population)).toBe(true);
    expect(m.report).toEqual({ read: 4, used: 1, skipped: 3 });
  });
});
