/**
 * The hostile-input corpus (#17): bad, malicious and huge inputs for every format, each with the
 * outcome it must have — exit 0 with the totals used, or exit 2 with one `error: FILE: reason`
 * line holding the reason's key words. Generated here (deterministically), never committed as
 * files. `test/hostile/corpus.test.ts` runs the light cases through the CLI in-process;
 * `npm run bench -- hostile` runs the heavy ones (bombs, files of hundreds of MB) in child
 * processes, printing each one's peak memory and time.
 *
 *   npx tsx scripts/hostile-corpus.ts [DIR]   writes every light case's files under DIR (default:
 *                                             a folder in the system's temp directory) and lists them
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, zipSync, type Zippable } from 'fflate';
import { writeArrayBuffer } from 'geotiff';

export type CaseFormat = 'geojson' | 'csv' | 'tsv' | 'shapefile' | 'geotiff' | 'wkt' | 'mapping' | 'scenario' | 'link' | 'orlib' | 'matrix' | 'options';

/** What a case must give. */
export interface Expected {
  code: 0 | 2;
  /** Words the stderr must hold (for exit 2, in its one `error:` line). */
  stderr?: string[];
  /** Words the stdout must hold (totals such as "read 3, used 2, skipped 1"). */
  stdout?: string[];
  /** The file (a key of `files`) the error line must name first. */
  file?: string;
}

/** A scenario or share-link case: read as the app reads it. */
export interface AppExpected {
  /** Refused whole: the words of the message. */
  refused?: string[];
  /** Else the parts dropped (paths such as 'view', 'recommend.p', 'sites[0]'). */
  dropped?: string[];
}

export interface HostileCase {
  name: string;
  format: CaseFormat;
  /** The case's files by name, made when asked for (the heavy ones are hundreds of MB). */
  files: () => Record<string, Uint8Array | string>;
  /** CLI arguments; `@NAME` stands for the path of the case's file NAME. */
  argv?: string[];
  env?: Record<string, string>;
  expect?: Expected;
  /** Scenario cases: the text (`scenario`) or link parameter (`link`) the app reads. */
  app?: { kind: 'scenario' | 'link'; text: () => string; expect: AppExpected };
  /** Bombs and huge files: only in `npm run bench -- hostile`. */
  heavy?: boolean;
}

// ---------------------------------------------------------------- builders

type Props = Record<string, unknown>;
const enc = new TextEncoder();
const pt = (x: number, y: number, properties: Props = {}) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [x, y] } });
const sq = (x: number, y: number, d: number, properties: Props = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
});
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const pop = (id: string, population: unknown, x = 113.65, y = 34.75) => pt(x, y, { id, population });

/** A .shp of raw record contents (type + shape bytes), with a valid 100-byte header. */
function shpOf(contents: Uint8Array[], shapeType = 1): Uint8Array {
  const size = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, size / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, shapeType, true);
  let at = 100;
  contents.forEach((c, i) => {
    v.setInt32(at, i + 1, false);
    v.setInt32(at + 4, c.length / 2, false);
    out.set(c, at + 8);
    at += 8 + c.length;
  });
  return out;
}

const pointRec = (x: number, y: number): Uint8Array => {
  const c = new DataView(new ArrayBuffer(20));
  c.setInt32(0, 1, true);
  c.setFloat64(4, x, true);
  c.setFloat64(12, y, true);
  return new Uint8Array(c.buffer);
};

/** A MultiPoint record that says `claimed` points and holds `pts`. */
function multiPointRec(claimed: number, pts: [number, number][]): Uint8Array {
  const c = new DataView(new ArrayBuffer(40 + 16 * pts.length));
  c.setInt32(0, 8, true);
  c.setInt32(36, claimed, true);
  pts.forEach(([x, y], k) => {
    c.setFloat64(40 + 16 * k, x, true);
    c.setFloat64(48 + 16 * k, y, true);
  });
  return new Uint8Array(c.buffer);
}

/** A PolyLine (3) or Polygon (5) record with the given part starts and points (claims may lie). */
function polyRec(type: 3 | 5, starts: number[], pts: [number, number][], claimedPoints = pts.length, claimedParts = starts.length): Uint8Array {
  const c = new DataView(new ArrayBuffer(44 + 4 * starts.length + 16 * pts.length));
  c.setInt32(0, type, true);
  c.setInt32(36, claimedParts, true);
  c.setInt32(40, claimedPoints, true);
  starts.forEach((s, k) => c.setInt32(44 + 4 * k, s, true));
  const p0 = 44 + 4 * starts.length;
  pts.forEach(([x, y], k) => {
    c.setFloat64(p0 + 16 * k, x, true);
    c.setFloat64(p0 + 8 + 16 * k, y, true);
  });
  return new Uint8Array(c.buffer);
}

/** A .dbf: character fields, rows of text; `patch` may rewrite the header's claims. */
function dbfOf(fields: { name: string; length: number; type?: 'C' | 'N' }[], rows: string[][], patch: { count?: number; headerLength?: number; recordLength?: number; deleted?: boolean } = {}): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1).fill(0x20);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  v.setUint32(4, patch.count ?? rows.length, true);
  v.setUint16(8, patch.headerLength ?? headerLength, true);
  v.setUint16(10, patch.recordLength ?? recordLength, true);
  out.fill(0, 12, 32);
  fields.forEach((f, j) => {
    const at = 32 + 32 * j;
    out.fill(0, at, at + 32);
    out.set(enc.encode(f.name).subarray(0, 10), at);
    out[at + 11] = (f.type ?? 'C').charCodeAt(0);
    out[at + 16] = f.length;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    const at = headerLength + r * recordLength;
    out[at] = patch.deleted ? 0x2a : 0x20;
    let o = at + 1;
    fields.forEach((f, j) => {
      out.set(enc.encode(row[j] ?? '').subarray(0, f.length), o);
      o += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

const zip = (files: Zippable) => zipSync(files, { mtime: new Date(2025, 0, 1) });
const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';

/** A zipped point shapefile of `n` points with an `id` and `pop` column. */
function pointsZip(n: number, extra: Zippable = {}): Uint8Array {
  const pts = Array.from({ length: n }, (_, i) => pointRec(113.65 + i * 0.001, 34.75));
  const rows = Array.from({ length: n }, (_, i) => [`p${i + 1}`, String(100 * (i + 1))]);
  return zip({ 'a.shp': shpOf(pts), 'a.dbf': dbfOf([{ name: 'id', length: 8 }, { name: 'pop', length: 8, type: 'N' }], rows), 'a.prj': enc.encode(WGS84_PRJ), ...extra });
}

/** A zip written by hand, so its headers can say what a real tool never would. */
function rawZip(entries: { name: string; data: Uint8Array; method?: number; declared?: number; flags?: number }[], patch: { count?: number; dirOffset?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const dir: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(6, e.flags ?? 0, true);
    local.setUint16(8, e.method ?? 8, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.declared ?? e.data.length, true);
    local.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(8, e.flags ?? 0, true);
    central.setUint16(10, e.method ?? 8, true);
    central.setUint32(20, e.data.length, true);
    central.setUint32(24, e.declared ?? e.data.length, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, e.data);
    dir.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const dirSize = dir.reduce((n, d) => n + d.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, patch.count ?? entries.length, true);
  end.setUint16(10, patch.count ?? entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, patch.dirOffset ?? offset, true);
  const all = [...parts, ...dir, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of all) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** A lon/lat Float32 GeoTIFF, 0.001° pixels from (113.65, 34.76). */
function tiff(values: number[], width: number, meta: Record<string, unknown> = {}): Uint8Array {
  return new Uint8Array(
    writeArrayBuffer(new Float32Array(values), {
      width,
      height: values.length / width,
      ModelPixelScale: [0.001, 0.001, 0],
      ModelTiepoint: [0, 0, 0, 113.65, 34.76, 0],
      GeographicTypeGeoKey: 4326,
      GTModelTypeGeoKey: 2,
      ...meta,
    }),
  );
}

/** A TIFF with one tag's value (a SHORT or LONG held in the entry) rewritten. */
function patchTag(bytes: Uint8Array, tag: number, value: number): Uint8Array {
  const out = bytes.slice();
  const v = new DataView(out.buffer);
  const le = out[0] === 0x49; // "II" little-endian, "MM" big-endian
  const ifd = v.getUint32(4, le);
  const n = v.getUint16(ifd, le);
  for (let k = 0; k < n; k++) {
    const at = ifd + 2 + 12 * k;
    if (v.getUint16(at, le) !== tag) continue;
    if (v.getUint16(at + 2, le) === 3) v.setUint16(at + 8, value, le);
    else v.setUint32(at + 8, value, le);
    return out;
  }
  throw new Error(`tag ${tag} not in the TIFF`);
}

const csv = (lines: string[]) => lines.join('\n') + '\n';
const FAC = fc([pt(113.65, 34.751, { id: 'S1', type: 'primary', capacity: 90 })]);

// ---------------------------------------------------------------- the cases

const cases: HostileCase[] = [];
const add = (c: HostileCase) => {
  if (cases.some((x) => x.name === c.name)) throw new Error(`duplicate case ${c.name}`);
  cases.push(c);
};
/** `catchmap load FILE …` on one file. */
const load = (name: string, format: CaseFormat, file: string, content: () => Uint8Array | string, expect: Expected, extra: string[] = [], heavy = false) =>
  // A usage error ('options') names no file.
  add({ name, format, files: () => ({ [file]: content() }), argv: ['load', `@${file}`, ...extra], expect: format === 'options' ? expect : { file, ...expect }, heavy });
const refused = (...words: string[]): Expected => ({ code: 2, stderr: words });
const totals = (read: number, used: number, skipped: number, ...stdout: string[]): Expected => ({ code: 0, stdout: [`read ${read}, used ${used}, skipped ${skipped}`, ...stdout] });

// GeoJSON: structure
load('geojson-empty', 'geojson', 'e.geojson', () => '', refused('empty'));
load('geojson-whitespace', 'geojson', 'w.geojson', () => '   \n ', refused('invalid JSON', 'empty'));
load('geojson-object-no-type', 'geojson', 'o.geojson', () => '{}', refused('expected a GeoJSON FeatureCollection'));
load('geojson-array', 'geojson', 'a.geojson', () => '[1,2]', refused('expected a GeoJSON FeatureCollection', 'an array'));
load('geojson-no-features', 'geojson', 'n.geojson', () => '{"type":"FeatureCollection"}', refused('no "features" array'));
load('geojson-empty-features', 'geojson', 'n.geojson', () => fc([]), refused('no features'));
load('geojson-topojson', 'geojson', 't.json', () => '{"type":"Topology","objects":{}}', refused('TopoJSON'));
load('geojson-truncated', 'geojson', 't.geojson', () => fc([pop('a', 5)]).slice(0, 60), refused('invalid JSON at position'));
load('geojson-binary', 'geojson', 'b.geojson', () => Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256), refused('not a text file'));
load('geojson-nested-arrays-20000', 'geojson', 'd.geojson', () => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":${'['.repeat(20000)}${']'.repeat(20000)}},"geometry":null}]}`, refused('nested more than 64', 'nesting-depth'));
load('geojson-nested-collections-20000', 'geojson', 'gc.geojson', () => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(20000)}${']}'.repeat(20000)}}]}`, refused('nested more than 64', 'nesting-depth'));
// 10 nested collections are 2 levels each: 4 + 20 + 2 = 26 deep, within 64: read, then refused only as no polygon.
load('geojson-nested-collections-10', 'geojson', 'gc10.geojson', () => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"g","population":5},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(10)}{"type":"Point","coordinates":[113.65,34.75]}${']}'.repeat(10)}}]}`, refused('g: geometry GeometryCollection is not a polygon'), ['--role', 'boundary']);
load('geojson-nesting-raised', 'geojson', 'd.geojson', () => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","population":1,"x":${'['.repeat(100)}${']'.repeat(100)}},"geometry":{"type":"Point","coordinates":[113.65,34.75]}}]}`, totals(1, 1, 0), ['--limit', 'nesting-depth=200']);
load('geojson-nesting-lowered', 'geojson', 'd.geojson', () => fc([pop('a', 1)]), refused('nested more than 3', 'nesting-depth = 3'), ['--limit', 'nesting-depth=3']);
load('geojson-proto-keys', 'geojson', 'p.geojson', () => `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","population":3,"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}},"geometry":{"type":"Point","coordinates":[113.65,34.75]}}]}`, totals(1, 1, 0));
load('geojson-crs-unknown', 'geojson', 'c.geojson', () => JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2000' } }, features: [pop('a', 1)] }), refused('EPSG:2000', 'not a coordinate system'));
load('geojson-crs-3857', 'geojson', 'c.geojson', () => JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } }, features: [pop('a', 1, 12651530, 4128210)] }), totals(1, 1, 0, 'EPSG:3857', 'converted to WGS84'));
load('geojson-projected-unstated', 'geojson', 'm.geojson', () => fc([pop('a', 1, 467952, 3846914)]), refused('coordinates look projected', '--epsg'));
load('geojson-bom', 'geojson', 'bom.geojson', () => '\uFEFF' + fc([pop('a', 1)]), totals(1, 1, 0));
load('geojson-utf16', 'geojson', 'u16.geojson', () => Uint8Array.from([0xff, 0xfe, ...[...fc([pop('甲', 1)])].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]), totals(1, 1, 0));
load('geojson-circle-geometry', 'geojson', 'c.geojson', () => fc([{ type: 'Feature', properties: { id: 'c', population: 2 }, geometry: { type: 'Circle', radius: 5 } }, pop('a', 1)]), totals(2, 1, 1));
load('geojson-null-geometry', 'geojson', 'n.geojson', () => fc([{ type: 'Feature', properties: { id: 'n', population: 2 }, geometry: null }, pop('a', 1)]), totals(2, 1, 1));
load('geojson-not-features', 'geojson', 'n.geojson', () => fc([1, 'x', null, pop('a', 1)]), totals(4, 1, 3));
load('geojson-properties-string', 'geojson', 'p.geojson', () => fc([{ type: 'Feature', properties: 'pop=5', geometry: { type: 'Point', coordinates: [113.65, 34.75] } }, pop('a', 1)]), totals(2, 1, 1), ['--role', 'population']);
load('geojson-two-point-ring', 'geojson', 'r.geojson', () => fc([{ type: 'Feature', properties: { id: 'r', population: 2 }, geometry: { type: 'Polygon', coordinates: [[[113.65, 34.75], [113.66, 34.75]]] } }, pop('a', 1)]), totals(2, 1, 1));
load('geojson-string-coordinates', 'geojson', 's.geojson', () => fc([{ type: 'Feature', properties: { id: 's', population: 2 }, geometry: { type: 'Point', coordinates: ['113.65', '34.75'] } }, pop('a', 1)]), totals(2, 1, 1));
load('geojson-lat-100', 'geojson', 'l.geojson', () => fc([pop('x', 2, 113.65, 100), pop('a', 1), pop('b', 1, 113.66)]), totals(3, 2, 1));
load('geojson-all-skipped-reasons', 'geojson', 'all.geojson', () => fc([pop('n1', -5), pop('n2', 'many'), pop('n3', null)]), refused('no usable population features (all 3 skipped)', 'n1: population is negative (-5)', 'n2: population is not a number'), ['--role', 'population']);
load('geojson-limit-features', 'geojson', 'f.geojson', () => fc([pop('a', 1), pop('b', 1), pop('c', 1), pop('d', 1)]), refused('4 features', 'limit features = 3', '--limit features=N'), ['--limit', 'features=3']);
load('geojson-limit-vertices', 'geojson', 'v.geojson', () => fc([sq(113.65, 34.75, 0.001, { id: 's', population: 1 }), sq(113.66, 34.75, 0.001, { id: 't', population: 1 })]), refused('10 coordinate positions', 'limit vertices = 9'), ['--limit', 'vertices=9']);
load('geojson-limit-env', 'geojson', 'f.geojson', () => fc([pop('a', 1), pop('b', 1)]), refused('limit features = 1'));
cases[cases.length - 1].env = { CATCHMAP_LIMITS: 'features=1' };
load('geojson-limit-option-beats-env', 'geojson', 'f.geojson', () => fc([pop('a', 1), pop('b', 1)]), totals(2, 2, 0), ['--limit', 'features=5']);
cases[cases.length - 1].env = { CATCHMAP_LIMITS: 'features=1' };
load('geojson-limit-bad-name', 'options', 'f.geojson', () => fc([pop('a', 1)]), refused('--limit', "'pixels=5' is not NAME=N"), ['--limit', 'pixels=5']);
load('geojson-limit-hex', 'options', 'f.geojson', () => fc([pop('a', 1)]), refused('--limit', 'features=0x10'), ['--limit', 'features=0x10']);
load('geojson-limit-env-bad', 'options', 'f.geojson', () => fc([pop('a', 1)]), refused('CATCHMAP_LIMITS', 'vertices=-1'));
cases[cases.length - 1].env = { CATCHMAP_LIMITS: 'vertices=-1' };

// Feature ids and names that try to drive the terminal or forge lines.
load('geojson-id-newline-forges-error', 'geojson', 'nl.geojson', () => fc([pop('x\nerror: forged line', -1), pop('a', 1)]), { code: 0, stderr: ['x\\nerror: forged line: population is negative'] });
load('geojson-id-ansi-escape', 'geojson', 'esc.geojson', () => fc([pop('\u001b[31mred\u001b[0m', -1), pop('a', 1)]), { code: 0, stderr: ['\\u001b[31mred\\u001b[0m'] });
load('geojson-id-bidi-override', 'geojson', 'bidi.geojson', () => fc([pop('abc\u202Edef', -1), pop('a', 1)]), { code: 0, stderr: ['abc\\u202edef'] });
load('geojson-all-skipped-escaped', 'geojson', 'all.geojson', () => fc([pop('a\rb', -1), pop('c\u0007d', -2)]), refused('a\\rb: population is negative', 'c\\u0007d'), ['--role', 'population']);
load('geojson-crs-name-escape', 'geojson', 'c.geojson', () => JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'evil\n\u001b[2J' } }, features: [pop('a', 1)] }), refused('"evil\\n\\u001b[2J"'));

// Numbers in decimal notation only (population as text).
const NUMBERS: [string, string, boolean][] = [
  ['hex', '0x10', false], ['binary', '0b11', false], ['octal', '0o17', false], ['infinity', 'Infinity', false], ['minus-infinity', '-Infinity', false],
  ['nan', 'NaN', false], ['overflow', '1e999', false], ['exponent', '1.2e3', true], ['spaces', ' 12 ', true], ['grouped', '1,200', true],
  ['plus', '+5', true], ['minus-zero', '-0', true], ['leading-dot', '.5', true], ['trailing-dot', '5.', true], ['empty', '', false],
  ['words', 'twelve', false], ['fullwidth-digits', '１２', false], ['underscore', '1_000', false],
];
for (const [label, text, ok] of NUMBERS) {
  load(`csv-population-${label}`, 'csv', 'n.csv', () => csv(['id,lon,lat,population', `x,113.65,34.75,"${text}"`, 'a,113.66,34.75,7']), ok ? totals(2, 2, 0) : totals(2, 1, 1), ['--role', 'population']);
}
load('geojson-population-implausible', 'geojson', 'big.geojson', () => fc([pop('x', 1e10), pop('a', 1)]), totals(2, 1, 1));

// CSV / TSV
load('csv-empty', 'csv', 'e.csv', () => '', refused('empty'));
load('csv-header-only', 'csv', 'h.csv', () => 'lon,lat,population\n', refused('no data rows'));
load('csv-headerless', 'csv', 'h.csv', () => csv(['113.65,34.75,10']), refused('the first row holds numbers'));
load('csv-no-coordinates', 'csv', 'n.csv', () => csv(['name,population', 'a,1']), refused('no coordinate columns found'));
load('csv-hex-coordinates', 'csv', 'x.csv', () => csv(['id,lon,lat,population', 'x,0x71,34.75,1', 'a,113.65,34.75,1']), { code: 0, stdout: ['read 2, used 1, skipped 1'], stderr: ['longitude "0x71" is not a number'] });
load('csv-huge-coordinates', 'csv', 'h.csv', () => csv(['id,lon,lat,population', 'x,1e300,34.75,1', 'a,113.65,34.75,1', 'b,113.66,34.75,1']), totals(3, 2, 1));
load('csv-semicolon-decimal-comma', 'csv', 's.csv', () => csv(['id;lon;lat;population', 'a;113,65;34,75;5']), totals(1, 1, 0));
load('tsv-basic', 'tsv', 't.tsv', () => csv(['id\tlon\tlat\tpopulation', 'a\t113.65\t34.75\t5', 'b\t113.66\t34.75\t6']), totals(2, 2, 0));
load('tsv-ragged', 'tsv', 't.tsv', () => csv(['id\tlon\tlat\tpopulation', 'a\t113.65\t34.75\t5\textra\tmore', 'b\t113.66']), { code: 0, stdout: ['read 2, used 1, skipped 1'], stderr: ['extra fields dropped'] });
load('csv-unclosed-quote', 'csv', 'q.csv', () => csv(['id,lon,lat,population', 'a,113.65,34.75,5', '"b,113.66,34.75,6', 'c,113.67,34.75,7']), { code: 0, stderr: ['never closed'] });
load('csv-proto-header', 'csv', 'p.csv', () => csv(['id,lon,lat,population,__proto__', 'a,113.65,34.75,5,x']), { code: 0, stdout: ['read 1, used 1, skipped 0'], stderr: ['reserved; column dropped'] });
load('csv-duplicate-headers', 'csv', 'd.csv', () => csv(['id,lon,lat,population,population', 'a,113.65,34.75,5,6']), { code: 0, stderr: ['renamed population_2'] });
load('csv-gbk-bytes', 'csv', 'g.csv', () => Uint8Array.from([...enc.encode('id,lon,lat,population,name\na,113.65,34.75,5,'), 0xb4, 0xe5, 0x0a]), { code: 0, stdout: ['(gbk)'] });
load('csv-bad-encoding-option', 'options', 'e.csv', () => csv(['id,lon,lat', 'a,113.65,34.75']), refused('unknown text encoding'), ['--encoding', 'klingon']);
load('csv-nul-bytes', 'csv', 'z.csv', () => Uint8Array.from([...enc.encode('id,lon,lat\n'), 0, 0, 0, 1, 2]), refused('not a text file'));
load('csv-columns-50000', 'csv', 'wide.csv', () => csv([Array.from({ length: 50000 }, (_, i) => `c${i}`).join(','), Array.from({ length: 50000 }, () => '1').join(',')]), refused('50,000 columns', 'limit csv-columns = 2,000'));
load('csv-columns-2001', 'csv', 'wide.csv', () => csv([['lon', 'lat', ...Array.from({ length: 1999 }, (_, i) => `c${i}`)].join(','), ['113.65', '34.75', ...Array.from({ length: 1999 }, () => '1')].join(',')]), refused('2,001 columns', 'csv-columns'));
load('csv-columns-raised', 'csv', 'wide.csv', () => csv([['id', 'lon', 'lat', 'population', ...Array.from({ length: 2000 }, (_, i) => `c${i}`)].join(','), ['a', '113.65', '34.75', '3', ...Array.from({ length: 2000 }, () => '1')].join(',')]), totals(1, 1, 0), ['--limit', 'csv-columns=3000']);
load('csv-limit-rows', 'csv', 'r.csv', () => csv(['id,lon,lat,population', ...Array.from({ length: 5 }, (_, i) => `p${i},113.65,34.75,1`)]), refused('more than 4 rows', 'limit features = 4'), ['--limit', 'features=4']);
load('csv-limit-text-bytes', 'csv', 'r.csv', () => csv(['id,lon,lat,population', 'a,113.65,34.75,1']), refused('bytes, more text than is read into one string', 'text-bytes'), ['--limit', 'text-bytes=10']);
load('csv-id-newline', 'csv', 'nl.csv', () => csv(['id,lon,lat,population', '"a\nerror: forged",113.65,34.75,-1', 'b,113.66,34.75,2']), { code: 0, stderr: ['a\\nerror: forged: population is negative'] });
load('csv-all-skipped-reasons', 'csv', 'all.csv', () => csv(['id,lon,lat,population', 'a,x,34.75,1', 'b,,,1']), refused('all 2 skipped', 'longitude "x" is not a number', 'longitude and latitude are empty'));
load('csv-location-column', 'csv', 'loc.csv', () => csv(['id,location,population', 'a,"113.65,34.75",5', 'b,"0x71,34.75",5']), totals(2, 1, 1));
add({
  name: 'csv-formula-export', format: 'csv',
  files: () => ({ 'f.csv': csv(['id,lon,lat,population,note', 'a,113.65,34.75,5,=HYPERLINK("http://x")', 'b,113.66,34.75,5,@SUM(1)']) }),
  argv: ['load', '@f.csv', '--out', '@out.csv'], expect: { code: 0, stdout: ['mapped features written to'] },
});

// WKT / EWKT in CSV: one coordinate system per file.
const ewkt = (rows: string[]) => () => csv(['id,population,wkt', ...rows.map((w, i) => `r${i + 1},5,"${w}"`)]);
load('ewkt-one-3857-row-in-lonlat', 'wkt', 'e.csv', ewkt(['POINT (113.65 34.75)', 'SRID=3857;POINT (12651530 4128210)', 'POINT (113.66 34.75)']), refused('the rows mix coordinate systems', 'SRID=3857 in row 3', 'no SRID in rows 2, 4'));
load('ewkt-all-3857', 'wkt', 'e.csv', ewkt(['SRID=3857;POINT (12651530 4128210)', 'SRID=3857;POINT (12652530 4128210)']), totals(2, 2, 0, 'EPSG:3857 (ewkt)', 'converted to WGS84'));
load('ewkt-two-srids', 'wkt', 'e.csv', ewkt(['SRID=3857;POINT (12651530 4128210)', 'SRID=4547;POINT (467952 3846914)']), refused('mix coordinate systems', 'SRID=3857 in row 2', 'SRID=4547 in row 3'));
load('ewkt-4326-and-plain', 'wkt', 'e.csv', ewkt(['SRID=4326;POINT (113.65 34.75)', 'POINT (113.66 34.75)']), totals(2, 2, 0, 'EPSG:4326 (assumed)'));
load('ewkt-vs-epsg-option', 'wkt', 'e.csv', ewkt(['SRID=3857;POINT (12651530 4128210)']), refused('SRID=3857', '--epsg says 4547'), ['--epsg', '4547']);
load('ewkt-unknown-srid', 'wkt', 'e.csv', ewkt(['SRID=2000;POINT (1 2)']), refused('EPSG:2000'));
load('wkt-invalid', 'wkt', 'w.csv', ewkt(['POINT (113.65)', 'POINT (113.66 34.75)']), totals(2, 1, 1));
load('wkt-empty', 'wkt', 'w.csv', ewkt(['POINT EMPTY', 'POINT (113.66 34.75)']), totals(2, 1, 1));
load('wkt-unknown-type', 'wkt', 'w.csv', ewkt(['CIRCLE (1 2 3)', 'POINT (113.66 34.75)']), totals(2, 1, 1));
load('wkt-collections-100-deep', 'wkt', 'w.csv', ewkt([`${'GEOMETRYCOLLECTION ('.repeat(100)}POINT (113.65 34.75)${')'.repeat(100)}`, 'POINT (113.66 34.75)']), { code: 0, stdout: ['read 2, used 1, skipped 1'], stderr: ['nested more than 64 deep'] });
load('wkt-collections-20000-deep', 'wkt', 'w.csv', ewkt([`${'GEOMETRYCOLLECTION ('.repeat(20000)}POINT (113.65 34.75)${')'.repeat(20000)}`]), refused('no usable rows', 'nested more than 64 deep'));
load('wkt-long-linestring', 'wkt', 'w.csv', ewkt([`LINESTRING (${Array.from({ length: 20000 }, (_, i) => `${113.6 + i * 1e-6} 34.75`).join(', ')})`]), totals(1, 1, 0), ['--role', 'roads']);
load('wkt-collection-many-members', 'wkt', 'w.csv', ewkt([`GEOMETRYCOLLECTION (${Array.from({ length: 5000 }, (_, i) => `POINT (${113.6 + i * 1e-6} 34.75)`).join(', ')})`]), refused('r1: geometry GeometryCollection is not a polygon'), ['--role', 'boundary']);

// Shapefiles (zipped)
load('shp-valid-points', 'shapefile', 'a.zip', () => pointsZip(3), totals(3, 3, 0), ['--field', 'population=pop']);
load('shp-dbf-count-4-billion-length-0', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 4 }], [['a']], { count: 0xffffffff, recordLength: 0 }) }), refused('records are 0 bytes long'));
load('shp-dbf-count-4-billion', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 4 }], [['a']], { count: 0xffffffff }) }), { code: 0, stderr: ['claims 4,294,967,295 records but the file holds 1'] });
load('shp-dbf-all-deleted', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75), pointRec(113.66, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 4 }], [['a'], ['b']], { count: 0xffffffff, deleted: true }) }), { code: 0, stderr: ['the .shp has 2 shapes but the .dbf 0 rows'] });
load('shp-dbf-header-past-end', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 4 }], [['a']], { headerLength: 60000 }) }), refused('the .dbf header claims 60,000 bytes'));
load('shp-dbf-fields-wider-than-record', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 200 }], [['a']], { recordLength: 10 }) }), refused('the .dbf fields need 201 bytes a record but records are 10'));
load('shp-dbf-truncated', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 4 }], [['a']]).subarray(0, 20) }), refused('the .dbf is truncated'));
load('shp-multipoint-billion', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([multiPointRec(1_000_000_000, [[113.65, 34.75]]), pointRec(113.66, 34.75)], 8) }), { code: 0, stdout: ['read 2, used 1, skipped 1'], stderr: ['claims 1,000,000,000 points but holds room for 1'] }, ['--role', 'candidates']);
load('shp-multipoint-negative', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([multiPointRec(-3, []), pointRec(113.66, 34.75)], 8) }), { code: 0, stderr: ['record is truncated'] });
load('shp-negative-part-start', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([polyRec(3, [-5], [[113.65, 34.75], [113.66, 34.75]]), pointRec(113.66, 34.75)], 3) }), { code: 0, stderr: ['part 1 starts at point -5'] });
load('shp-part-start-past-points', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([polyRec(3, [0, 9], [[113.65, 34.75], [113.66, 34.75]]), pointRec(113.66, 34.75)], 3) }), { code: 0, stderr: ['part 2 starts at point 9'] });
load('shp-parts-decreasing', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([polyRec(3, [0, 2, 1], [[113.65, 34.75], [113.66, 34.75], [113.67, 34.75]]), pointRec(113.66, 34.75)], 3) }), { code: 0, stderr: ['part 3 starts at point 1', 'before the part ahead of it'] });
load('shp-poly-points-claimed-beyond', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([polyRec(5, [0], [[113.65, 34.75]], 2_000_000_000), pointRec(113.66, 34.75)], 5) }), { code: 0, stderr: ['claims 1 parts and 2,000,000,000 points'] });
load('shp-poly-parts-claimed-beyond', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([polyRec(5, [0], [[113.65, 34.75]], 1, 900_000_000), pointRec(113.66, 34.75)], 5) }), { code: 0, stderr: ['claims 900,000,000 parts'] });
load('shp-record-shorter-than-point', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75).subarray(0, 8), pointRec(113.66, 34.75)]) }), { code: 0, stderr: ['record is 8 bytes, shorter than a point (20)'] });
load('shp-record-past-end', 'shapefile', 'a.zip', () => {
  const s = shpOf([pointRec(113.65, 34.75), pointRec(113.66, 34.75)]);
  new DataView(s.buffer).setInt32(100 + 28 + 4, 1_000_000, false); // the second record's length
  return zip({ 'a.shp': s });
}, { code: 0, stderr: ['record is truncated'] });
load('shp-all-records-bad', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([multiPointRec(77, []), polyRec(3, [-1], [])], 8) }), refused('no usable', 'claims 77 points'));
load('shp-unsupported-type', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([Uint8Array.from([31, 0, 0, 0, 0, 0, 0, 0]), pointRec(113.66, 34.75)]) }), { code: 0, stderr: ['unsupported shape type 31'] });
load('shp-bad-header', 'shapefile', 'a.zip', () => zip({ 'a.shp': enc.encode('not a shapefile at all, just text padding it out to a hundred bytes .......................') }), refused('the .shp is not a shapefile'));
load('shp-no-shp', 'shapefile', 'a.zip', () => zip({ 'readme.txt': enc.encode('hi') }), refused('holds no .shp', 'readme.txt'));
load('shp-xlsx', 'shapefile', 'book.zip', () => zip({ '[Content_Types].xml': enc.encode('<Types/>'), 'xl/workbook.xml': enc.encode('<w/>') }), refused('Excel workbook'));
load('shp-two-layers', 'shapefile', 'two.zip', () => zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'b.shp': shpOf([pointRec(113.66, 34.75)]) }), refused('2 shapefiles', 'choose one layer'));
load('shp-macosx-ignored', 'shapefile', 'a.zip', () => pointsZip(2, { '__MACOSX/._a.shp': enc.encode('resource fork') }), totals(2, 2, 0), ['--field', 'population=pop']);
load('shp-prj-unreadable', 'shapefile', 'a.zip', () => zip({ 'a.shp': shpOf([pointRec(467952, 3846914)]), 'a.prj': enc.encode('PROJCS["mystery",NONSENSE]') }), refused('.prj projection "mystery" cannot be read'));
load('shp-limit-zip-bytes', 'shapefile', 'a.zip', () => pointsZip(3), refused('would inflate to', 'limit zip-bytes = 100'), ['--limit', 'zip-bytes=100']);
load('shp-limit-features', 'shapefile', 'a.zip', () => pointsZip(3), refused('more than 2 features', 'limit features = 2'), ['--limit', 'features=2']);

// Zips: headers checked before inflating, sizes enforced while inflating.
load('zip-20000-entries', 'shapefile', 'many.zip', () => rawZip(Array.from({ length: 20000 }, (_, i) => ({ name: `f${i}.txt`, data: new Uint8Array(0), method: 0 }))), refused('the zip lists 20,000 entries', 'limit zip-entries = 10,000'));
load('zip-declares-2gb', 'shapefile', 'big.zip', () => rawZip([{ name: 'a.shp', data: deflateSync(new Uint8Array(1000)), declared: 2_000_000_000 }]), refused('would inflate to 2,000,000,000 bytes', 'limit zip-bytes'));
load('zip-lies-about-size', 'shapefile', 'liar.zip', () => rawZip([{ name: 'a.shp', data: deflateSync(new Uint8Array(10_000_000)), declared: 1000 }]), refused('inflates to more than the 1,000 bytes its header declares', 'zip bomb'));
load('zip-inflates-short', 'shapefile', 'short.zip', () => rawZip([{ name: 'a.shp', data: deflateSync(new Uint8Array(100)), declared: 5000 }]), refused('not a readable zip file', 'inflates to 100 bytes, not the 5,000 declared'));
load('zip-encrypted', 'shapefile', 'enc.zip', () => rawZip([{ name: 'a.shp', data: new Uint8Array(50), flags: 1, method: 0 }]), refused('encrypted'));
load('zip-bzip2-method', 'shapefile', 'bz.zip', () => rawZip([{ name: 'a.shp', data: new Uint8Array(50), method: 12 }]), refused('compression method 12'));
load('zip-cut-short', 'shapefile', 'cut.zip', () => pointsZip(3).subarray(0, 200), refused('not a readable zip file', 'no end of central directory'));
load('zip-count-65535', 'shapefile', 'count.zip', () => rawZip([{ name: 'a.shp', data: new Uint8Array(10), method: 0 }], { count: 65535 }), refused('the zip lists 65,535 entries'));
load('zip-count-beyond-directory', 'shapefile', 'count.zip', () => rawZip([{ name: 'a.shp', data: new Uint8Array(10), method: 0 }], { count: 9000 }), refused('central directory does not fit'));
load('zip-directory-offset-past-end', 'shapefile', 'off.zip', () => rawZip([{ name: 'a.shp', data: new Uint8Array(10), method: 0 }], { dirOffset: 0x7fffffff }), refused('central directory does not fit'));
load('zip-garbage-deflate', 'shapefile', 'bad.zip', () => rawZip([{ name: 'a.shp', data: Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256), declared: 5000 }]), refused('not a readable zip file'));
load('zip-only-magic', 'shapefile', 'magic.zip', () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), refused('not a readable zip file'));

// GeoTIFF
const raster = () => tiff([1, 2, -9999, 0, 5.5, -3], 3, { GDAL_NODATA: '-9999' });
load('tif-valid', 'geotiff', 'p.tif', raster, { code: 0, stdout: ['read 6, used 3, skipped 1'] });
load('tif-no-geokeys', 'geotiff', 'p.tif', () => tiff([1, 2, 3, 4], 2, { GeoKeyDirectory: [1, 1, 0, 0] }), refused('no coordinate system'));
load('tif-user-defined-crs', 'geotiff', 'p.tif', () => tiff([1, 2, 3, 4], 2, { GeographicTypeGeoKey: undefined, ProjectedCSTypeGeoKey: 32767, GTModelTypeGeoKey: 1 }), refused('user-defined coordinate system'));
load('tif-unknown-compression', 'geotiff', 'p.tif', () => patchTag(tiff([1, 2, 3, 4], 2), 259, 65000), refused("cannot read the raster's pixels"));
// ZSTD (50000) over bytes that are not ZSTD: the library reads zeros, so the file is refused as empty.
load('tif-zstd-garbage', 'geotiff', 'p.tif', () => patchTag(tiff([1, 2, 3, 4], 2), 259, 50000), refused('p.tif', 'no pixel'));
load('tif-absurd-dimensions', 'geotiff', 'p.tif', () => patchTag(patchTag(tiff([1, 2, 3, 4], 2), 256, 60_000), 257, 60_000), refused('3,600,000,000 pixels', 'limit raster-pixels'));
load('tif-absurd-dimensions-bbox', 'geotiff', 'p.tif', () => patchTag(patchTag(tiff([1, 2, 3, 4], 2), 256, 60_000), 257, 60_000), refused('p.tif'), ['--bbox', '113.65,34.70,113.66,34.76']);
load('tif-limit-pixels', 'geotiff', 'p.tif', raster, refused('the window has 6 pixels', 'limit raster-pixels = 4'), ['--limit', 'raster-pixels=4']);
load('tif-bbox-outside', 'geotiff', 'p.tif', raster, refused('lies outside the raster'), ['--bbox', '10,10,11,11']);
load('tif-all-zero', 'geotiff', 'p.tif', () => tiff([0, 0, 0, 0], 2), refused('no pixel', 'above 0'));
load('tif-nan-pixels', 'geotiff', 'p.tif', () => tiff([NaN, 1, NaN, 2], 2), { code: 0, stdout: ['read 4, used 2'] });
load('tif-truncated', 'geotiff', 'p.tif', () => raster().subarray(0, 40), refused('p.tif'));
load('tif-magic-only', 'geotiff', 'p.tif', () => Uint8Array.from([0x49, 0x49, 0x2a, 0x00]), refused('not a readable GeoTIFF'));
load('tif-bigtiff-garbage', 'geotiff', 'p.tif', () => Uint8Array.from([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), refused('p.tif'));
load('tif-zero-pixel-size', 'geotiff', 'p.tif', () => tiff([1, 2, 3, 4], 2, { ModelPixelScale: [0, 0, 0] }), refused('p.tif'));
load('tif-bbox-hex', 'options', 'p.tif', raster, refused('--bbox must be west,south,east,north'), ['--bbox', '0x71,34,114,35']);

// Options
const WORKED = () => ({ 'pop.geojson': fc([sq(113.6496, 34.7496, 0.0008, { id: 'A', population: 1000 }), sq(113.6496, 34.7541, 0.0008, { id: 'B', population: 2000 })]), 'fac.geojson': FAC });
const evaluate = (name: string, extra: string[], expect: Expected, files = WORKED) =>
  add({ name, format: 'options', files, argv: ['evaluate', '--population', '@pop.geojson', '--facilities', '@fac.geojson', '--type', 'primary', ...extra], expect });
evaluate('option-growth-1e308', ['--growth', '1e308'], refused('--growth is not a number', '1e308'));
evaluate('option-growth-hex', ['--growth', '0x10'], refused('--growth is not a number'));
evaluate('option-growth-infinity', ['--growth', 'Infinity'], refused('--growth is not a number'));
evaluate('option-growth-11', ['--growth', '11'], refused('--growth must be between 0.01 and 10'));
evaluate('option-radius-negative-space', ['--radius', '-5'], refused('--radius needs a value', '--radius=-5'));
evaluate('option-radius-negative-equals', ['--radius=-5'], refused('--radius must be between 10 and 20,000'));
evaluate('option-radius-empty', ['--radius', ''], refused('--radius is empty'));
evaluate('option-epsg-hex', ['--epsg', '0x10EB'], refused("--epsg must be an EPSG code such as 4547, got '0x10EB'"));
evaluate('option-coords-bogus', ['--coords', 'mars'], refused('--coords must be wgs84, gcj02 or bd09'));
evaluate('option-unknown', ['--frobnicate'], refused("Unknown option '--frobnicate'"));
evaluate('option-type-escape', ['--type', 'x\u001b[2Jy'], refused('\\u001b[2J'));
// Residents 1,000 + 2,000 = 3,000; pupils at 66 per 1,000: 198 (by hand).
evaluate('evaluate-totals', [], { code: 0, stdout: ['residents', '3,000', 'pupils', '198'] });
// Growth 10 (the most allowed): 30,000 residents, 1,980 pupils.
evaluate('evaluate-growth-max', ['--growth', '10'], { code: 0, stdout: ['30,000', '1,980'] });
evaluate('evaluate-export-csv', ['--out', '@cells.csv', '--facilities-out', '@facilities.geojson'], { code: 0, stdout: ['per-cell results written to', 'per-facility results written to'] });
evaluate('evaluate-all-population-skipped', [], refused('no usable population features (all 2 skipped)', 'A: population is negative (-1)', 'B: population is not a number'), () => ({ 'pop.geojson': fc([pop('A', -1), pop('B', '0x10')]), 'fac.geojson': FAC }));
evaluate('evaluate-village-200k-vertices', ['--villages', '@v.geojson'], { code: 0, stdout: ['residents', '3,000'] }, () => {
  // A 200,000-vertex ring round both cells: the tagging must stay fast (no time-out here).
  const ring = Array.from({ length: 200_000 }, (_, k) => {
    const a = (2 * Math.PI * k) / 200_000;
    return [113.65 + 0.01 * Math.cos(a) * (1 + 0.05 * Math.sin(40 * a)), 34.752 + 0.01 * Math.sin(a) * (1 + 0.05 * Math.sin(40 * a))];
  });
  ring.push(ring[0]);
  return { ...WORKED(), 'v.geojson': fc([{ type: 'Feature', properties: { id: 'v', name: '村', migrant_share: 0.5 }, geometry: { type: 'Polygon', coordinates: [ring] } }]) };
});
add({ name: 'unknown-command-escape', format: 'options', files: () => ({}), argv: ['evil\nerror: forged'], expect: { code: 2, stderr: ["unknown command 'evil\\nerror: forged'"] } });
add({ name: 'load-missing-file', format: 'options', files: () => ({}), argv: ['load', '@nope.geojson'], expect: { code: 2, stderr: ['file not found'], file: 'nope.geojson' } });

// Mapping files
const mapping = (name: string, text: string | (() => string), expect: Expected) =>
  add({ name, format: 'mapping', files: () => ({ 'p.csv': csv(['id,lon,lat,people', 'a,113.65,34.75,5']), 'm.json': typeof text === 'string' ? text : text() }), argv: ['load', '@p.csv', '--mapping', '@m.json'], expect });
mapping('mapping-valid', JSON.stringify({ format: 'catchmap-mapping', version: 1, role: 'population', fields: { population: 'people' } }), totals(1, 1, 0, 'population ← people'));
mapping('mapping-invalid-json', '{"format":', refused('m.json', 'invalid JSON'));
mapping('mapping-wrong-format', JSON.stringify({ format: 'other' }), refused('m.json'));
mapping('mapping-unknown-role', JSON.stringify({ format: 'catchmap-mapping', version: 1, role: 'hospital', fields: {} }), refused('role'));
mapping('mapping-missing-column', JSON.stringify({ format: 'catchmap-mapping', version: 1, role: 'population', fields: { population: 'nope' } }), refused('nope'));
mapping('mapping-fields-array', JSON.stringify({ format: 'catchmap-mapping', version: 1, role: 'population', fields: ['people'] }), refused('fields'));
mapping('mapping-bad-type-value', JSON.stringify({ format: 'catchmap-mapping', version: 1, role: 'facilities', fields: {}, typeValues: { Elementary: 'castle' } }), refused('castle'));
mapping('mapping-deep', () => `{"format":"catchmap-mapping","version":1,"x":${'['.repeat(10000)}${']'.repeat(10000)}}`, refused('nested more than 64'));
mapping('mapping-proto', `{"format":"catchmap-mapping","version":1,"role":"population","fields":{"population":"people","__proto__":{"polluted":"yes"}}}`, totals(1, 1, 0));
mapping('mapping-binary', () => '\u0000\u0001\u0002', refused('m.json'));

// OR-Library and cost matrices: the solver engineer's (#17 "Solvers"); outcomes from the "Done when".
const orlib = (name: string, text: string, extra: string[], expect: Expected) =>
  add({ name, format: 'orlib', files: () => ({ 'g.txt': text }), argv: ['solve', '--model', 'pmedian', '--orlib', '@g.txt', ...extra], expect });
orlib('orlib-header-n-100000', '100000 1 5\n1 2 3\n', [], refused('g.txt', '100000'));
orlib('orlib-20-bytes', '20000 1 5\n1 2 7\n', [], refused('g.txt'));
// Nodes 3 and 4 have no edge: named as out of reach, not dropped silently.
orlib('orlib-disconnected', '4 1 1\n1 2 5\n', [], { code: 0, stderr: ['2 demand point(s)', 'no open site in reach', '3, 4'] });
orlib('orlib-p-zero', '3 2 1\n1 2 5\n2 3 5\n', ['--p', '0'], refused('p = 0'));
orlib('orlib-empty', '', [], refused('g.txt', 'empty'));
orlib('orlib-hex', '0x10 1 1\n1 2 3\n', [], refused('g.txt', 'integer'));
const matrix = (name: string, text: string, expect: Expected) =>
  add({
    name, format: 'matrix',
    files: () => ({ 'd.geojson': fc([pt(113.65, 34.75, { id: 'd1', weight: 5 }), pt(113.66, 34.75, { id: 'd2', weight: 5 })]), 'c.geojson': fc([pt(113.65, 34.75, { id: 'c1' }), pt(113.66, 34.75, { id: 'c2' })]), 'm.csv': text }),
    argv: ['solve', '--model', 'pmedian', '--demand', '@d.geojson', '--candidates', '@c.geojson', '--p', '1', '--matrix', '@m.csv'], expect,
  });
matrix('matrix-negative-cost', 'origin,destination,cost\nd1,c1,-5\n', refused('m.csv', 'negative'));
matrix('matrix-hex-cost', 'origin,destination,cost\nd1,c1,0x10\n', refused('m.csv'));
matrix('matrix-unknown-id', 'origin,destination,cost\nzz,c1,5\n', refused('m.csv', 'no costs'));
matrix('matrix-unreached-demand', 'origin,destination,cost\nd1,c1,5\n', refused('m.csv', 'no costs for 1 demand point(s): d2'));
add({ name: 'solve-p-zero-pmedian', format: 'options', files: () => ({ 'd.geojson': fc([pt(113.65, 34.75, { id: 'd1' })]), 'c.geojson': fc([pt(113.65, 34.75, { id: 'c1' })]) }), argv: ['solve', '--model', 'pmedian', '--demand', '@d.geojson', '--candidates', '@c.geojson', '--p', '0'], expect: refused('p = 0') });
add({ name: 'solve-p-zero-pcenter', format: 'options', files: () => ({ 'd.geojson': fc([pt(113.65, 34.75, { id: 'd1' })]), 'c.geojson': fc([pt(113.65, 34.75, { id: 'c1' })]) }), argv: ['solve', '--model', 'pcenter', '--demand', '@d.geojson', '--candidates', '@c.geojson', '--p', '0'], expect: refused('p = 0') });

// Scenarios and share links, read as the app reads them.
const base = {
  format: 'catchmap-scenario', version: 1, name: 'plan', savedAt: '', data: { demoLayers: [], files: [] },
  analysis: { type: 'primary', preset: 'zhengzhou-2035', overrides: {}, growthFactor: 1, distance: 'straight' },
  recommend: { model: 'cmclp', p: 8, targetPct: 90, candidateSpacingM: 250, solver: 'heuristic', iterations: 2, timeLimitS: 30 },
  sites: [{ id: 'P1', lngLat: [113.6, 34.7], seats: 1000, classes: null, locked: false }],
  view: { center: [113.62, 34.72], zoom: 12, bearing: 0, pitch: 0 },
};
const scenarioText = (patch: (s: Record<string, unknown>) => void) => () => {
  const s = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  patch(s);
  return JSON.stringify(s);
};
const toLink = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const app = (name: string, kind: 'scenario' | 'link', text: () => string, expect: AppExpected) =>
  add({ name, format: kind, files: () => ({}), app: { kind, text: kind === 'link' ? () => toLink(text()) : text, expect } });
type Rec = Record<string, Record<string, unknown> & { center?: unknown }>;
const SCENARIO_FIELDS: [string, (s: Rec) => void, string[]][] = [
  ['lat-100', (s) => void (s.view.center = [113, 100]), ['view']],
  ['lng-200', (s) => void (s.view.center = [200, 34]), ['view']],
  ['zoom-30', (s) => void (s.view.zoom = 30), ['view']],
  ['bearing-x', (s) => void (s.view.bearing = 'x'), ['view']],
  ['pitch-90', (s) => void (s.view.pitch = 90), ['view']],
  ['view-string', (s) => void ((s as Record<string, unknown>).view = 'north'), ['view']],
  ['recommend-p-text', (s) => void (s.recommend.p = 'x'), ['recommend.p']],
  ['recommend-model', (s) => void (s.recommend.model = 'magic'), ['recommend.model']],
  ['recommend-time-huge', (s) => void (s.recommend.timeLimitS = 1e12), ['recommend.timeLimitS']],
  ['analysis-type', (s) => void (s.analysis.type = 'casino'), ['analysis']],
  ['analysis-growth-1e308', (s) => void (s.analysis.growthFactor = 1e308), ['analysis']],
  ['site-no-seats', (s) => void ((s as unknown as { sites: Record<string, unknown>[] }).sites[0].seats = null), ['sites[0]']],
  ['sites-object', (s) => void ((s as Record<string, unknown>).sites = { a: 1 }), ['sites']],
  ['unknown-fields', (s) => void ((s as Record<string, unknown>).evil = { script: '<img onerror=alert(1)>' }), []],
  ['proto', (s) => void ((s as Record<string, unknown>).extra = JSON.parse('{"__proto__":{"polluted":1}}')), []],
];
for (const [label, patch, dropped] of SCENARIO_FIELDS) {
  app(`scenario-${label}`, 'scenario', scenarioText(patch as (s: Record<string, unknown>) => void), { dropped });
  app(`link-${label}`, 'link', scenarioText(patch as (s: Record<string, unknown>) => void), { dropped });
}
app('scenario-not-json', 'scenario', () => '{', { refused: ['not valid JSON'] });
app('scenario-wrong-format', 'scenario', () => '{"format":"x"}', { refused: ['not a Catchmap scenario'] });
app('scenario-version-9', 'scenario', scenarioText((s) => void (s.version = 9)), { refused: ['version 9 is not supported'] });
app('scenario-deep', 'scenario', () => `{"format":"catchmap-scenario","version":1,"x":${'['.repeat(50000)}${']'.repeat(50000)}}`, { refused: ['nested more than 64'] });
app('scenario-huge', 'scenario', () => JSON.stringify({ ...base, pad: 'x'.repeat(5_000_000) }), { refused: ['more than a scenario holds'] });
add({ name: 'link-damaged', format: 'link', files: () => ({}), app: { kind: 'link', text: () => '%%%', expect: { refused: ['damaged'] } } });
add({ name: 'link-not-utf8', format: 'link', files: () => ({}), app: { kind: 'link', text: () => Buffer.from([0xff, 0xfe, 0xfd]).toString('base64'), expect: { refused: ['damaged'] } } });

// ---------------------------------------------------------------- heavy: bench only

/** `n` population squares as GeoJSON bytes, written in pieces (no string of the whole). */
function bigGeojson(targetBytes: number): Uint8Array {
  const head = enc.encode('{"type":"FeatureCollection","features":[\n');
  const pieces: Uint8Array[] = [head];
  let size = head.length;
  const d = 0.00135;
  let batch: string[] = [];
  for (let n = 0; size < targetBytes; n++) {
    const x = 113.4 + (n % 2000) * d;
    const y = 34.5 + Math.floor(n / 2000) * d;
    const line = `${n ? ',\n' : ''}{"type":"Feature","properties":{"id":"c${n}","population":${(n * 7919) % 900}},"geometry":{"type":"Polygon","coordinates":[[[${x.toFixed(6)},${y.toFixed(6)}],[${(x + d).toFixed(6)},${y.toFixed(6)}],[${(x + d).toFixed(6)},${(y + d).toFixed(6)}],[${x.toFixed(6)},${(y + d).toFixed(6)}],[${x.toFixed(6)},${y.toFixed(6)}]]]}}`;
    batch.push(line);
    size += line.length;
    if (batch.length === 10000) {
      pieces.push(enc.encode(batch.join('')));
      batch = [];
    }
  }
  pieces.push(enc.encode(batch.join('') + '\n]}\n'));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip of one entry of `size` zero bytes, deflated (a bomb: ~1,000:1). */
function zerosZip(name: string, size: number, declared = size): Uint8Array {
  const zeros = new Uint8Array(size);
  // A valid .shp header, so only the size can stop it.
  new DataView(zeros.buffer).setInt32(0, 9994, false);
  return rawZip([{ name, data: deflateSync(zeros, { level: 9 }), declared }]);
}

// Declares its 1 GB honestly: over the 512 MiB default, refused from the headers; raised, inflated, then refused as records of 0 bytes.
add({ name: 'bomb-zip-1gb-shp', format: 'shapefile', heavy: true, files: () => ({ 'bomb.zip': zerosZip('a.shp', 1_000_000_000) }), argv: ['load', '@bomb.zip'], expect: refused('would inflate to 1,000,000,000 bytes', 'zip-bytes') });
add({ name: 'bomb-zip-1gb-shp-raised', format: 'shapefile', heavy: true, files: () => ({ 'bomb.zip': zerosZip('a.shp', 1_000_000_000) }), argv: ['load', '@bomb.zip', '--limit', 'zip-bytes=1100000000'], expect: refused('no usable shapes', 'record is truncated') });
add({ name: 'bomb-zip-1gb-shp-lying', format: 'shapefile', heavy: true, files: () => ({ 'liar.zip': zerosZip('a.shp', 1_000_000_000, 1000) }), argv: ['load', '@liar.zip'], expect: refused('inflates to more than the 1,000 bytes') });
add({ name: 'bomb-zip-2gb-declared', format: 'shapefile', heavy: true, files: () => ({ 'big.zip': zerosZip('a.shp', 1_500_000_000) }), argv: ['load', '@big.zip'], expect: refused('would inflate to 1,500,000,000 bytes', 'zip-bytes') });
add({ name: 'bomb-dbf-4-billion-deleted', format: 'shapefile', heavy: true, files: () => ({ 'a.zip': zip({ 'a.shp': shpOf([pointRec(113.65, 34.75)]), 'a.dbf': dbfOf([{ name: 'id', length: 1 }], Array.from({ length: 1000 }, () => ['a']), { count: 0xffffffff, deleted: true }) }) }), argv: ['load', '@a.zip'], expect: { code: 0 } });
add({ name: 'huge-csv-50000-columns-20mb', format: 'csv', heavy: true, files: () => ({ 'wide.csv': csv([['lon', 'lat', ...Array.from({ length: 49998 }, (_, i) => `c${i}`)].join(','), ...Array.from({ length: 200 }, () => ['113.65', '34.75', ...Array.from({ length: 49998 }, () => '1')].join(','))]) }), argv: ['load', '@wide.csv'], expect: refused('50,000 columns', 'csv-columns') });
add({ name: 'huge-geojson-300mb-streamed', format: 'geojson', heavy: true, files: () => ({ 'big.geojson': bigGeojson(300_000_000) }), argv: ['load', '@big.geojson', '--role', 'population'], expect: { code: 0, stdout: ['used'] } });
add({ name: 'huge-geojson-600mb-streamed', format: 'geojson', heavy: true, files: () => ({ 'big.geojson': bigGeojson(600_000_000) }), argv: ['load', '@big.geojson', '--role', 'population', '--limit', 'vertices=20000000'], expect: { code: 0, stdout: ['used'] } });
// 4.3 million cells: read a window at a time into a population table, never as one buffer or as parsed objects.
add({ name: 'huge-geojson-1gb-streamed', format: 'geojson', heavy: true, files: () => ({ 'big.geojson': bigGeojson(1_000_000_000) }), argv: ['load', '@big.geojson', '--role', 'population', '--limit', 'vertices=30000000'], expect: { code: 0, stdout: ['read 4336109, used 4336109, skipped 0'] } });
add({
  name: 'huge-csv-400mb-streamed', format: 'csv', heavy: true,
  // 600,000 rows of ~700 bytes, a quoted note with a line break in each: read in pieces of whole rows.
  files: () => {
    const pad = 'x'.repeat(640);
    const parts = ['id,lon,lat,population,note'];
    for (let i = 0; i < 600_000; i++) parts.push(`p${i},${(113.5 + (i % 2000) * 0.0003).toFixed(6)},${(34.6 + Math.floor(i / 2000) * 0.0003).toFixed(6)},${1 + (i % 9)},"line one\nline ""two"" ${pad}"`);
    return { 'big.csv': parts.join('\r\n') + '\r\n' };
  },
  argv: ['load', '@big.csv', '--role', 'population'], expect: { code: 0, stdout: ['read 600000, used 600000, skipped 0'] },
});
add({ name: 'huge-nested-collections-1m', format: 'geojson', heavy: true, files: () => ({ 'gc.geojson': `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(1_000_000)}${']}'.repeat(1_000_000)}}]}` }), argv: ['load', '@gc.geojson'], expect: refused('nesting-depth') });

export const HOSTILE_CASES: readonly HostileCase[] = cases;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? join(tmpdir(), 'catchmap-hostile');
  for (const c of cases) {
    if (c.heavy) continue;
    const folder = join(dir, c.name);
    mkdirSync(folder, { recursive: true });
    for (const [name, content] of Object.entries(c.files())) writeFileSync(join(folder, name), content);
    if (c.app) writeFileSync(join(folder, c.app.kind === 'link' ? 'link.txt' : 'scenario.catchmap.json'), c.app.text());
  }
  const light = cases.filter((c) => !c.heavy);
  console.log(`${light.length} cases written under ${dir} (${cases.length - light.length} heavy ones are made by npm run bench -- hostile)`);
}
