import type { Geometry, Position } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { extensionOf, startsWith } from './bytes.ts';
import { crsFromEpsg, crsFromPrj, type SourceCrs } from './crs.ts';
import { checkpoint, finish, noFeatures } from './finish.ts';
import { LimitCounter, limitsOf } from './limits.ts';
import { decimalNumber } from './numbers.ts';
import { isUnsafeKey } from './properties.ts';
import type { Loader, RawFeature } from './types.ts';
import { readZipEntries, zipDirectory, ZipFormatError, type ZipEntry } from './zip.ts';

/** Signed area ×2 of a ring (positive: counter-clockwise with y up). */
function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a;
}

function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Shapefile rings → GeoJSON: clockwise rings are outer rings, counter-clockwise ones holes of the
 * outer ring that contains them; output follows RFC 7946's right-hand rule.
 */
function polygonOf(rings: Position[][]): Geometry {
  const outers: Position[][][] = [];
  const holes: Position[][] = [];
  for (const r of rings) (ringArea(r) <= 0 ? outers.push([r.slice().reverse()]) : holes.push(r.slice().reverse()));
  for (const h of holes) {
    const owner = outers.find((o) => inRing(h[0], o[0]));
    if (owner) owner.push(h);
    else outers.push([h.slice().reverse()]); // an unowned "hole" is really an outer ring drawn the wrong way
  }
  return outers.length === 1 ? { type: 'Polygon', coordinates: outers[0] } : { type: 'MultiPolygon', coordinates: outers };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The geometries of a .shp; null for Null shapes, an error text for unreadable records. Every
 * count and offset in a record is checked against the record's own length before it is used, and
 * shapes and positions are counted against the limits as they are read.
 */
function readShp(shp: Uint8Array, file: string, counter: LimitCounter): (Geometry | null | string)[] {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (shp.length < 100 || view.getInt32(0, false) !== 9994) throw new InputError(file, 'the .shp is not a shapefile (bad header)');
  const out: (Geometry | null | string)[] = [];
  let at = 100;
  while (at + 8 <= shp.length) {
    const length = view.getInt32(at + 4, false) * 2;
    const c = at + 8;
    at = c + length;
    if (length < 4 || at > shp.length) {
      out.push('record is truncated');
      break;
    }
    counter.addFeatures(1);
    const type = view.getInt32(c, true);
    const point = (o: number): Position => [view.getFloat64(o, true), view.getFloat64(o + 8, true)];
    if (type === 0) out.push(null);
    else if (type === 1 || type === 11 || type === 21) {
      if (length < 20) {
        out.push(`record is ${length} bytes, shorter than a point (20)`);
        continue;
      }
      counter.addVertices(1);
      out.push({ type: 'Point', coordinates: point(c + 4) });
    } else if (type === 8 || type === 18 || type === 28) {
      const n = length >= 40 ? view.getInt32(c + 36, true) : -1;
      if (n < 0 || 40 + 16 * n > length) {
        out.push(n < 0 ? 'record is truncated' : `record claims ${fmt(n)} points but holds room for ${fmt(Math.max(0, Math.floor((length - 40) / 16)))}`);
        continue;
      }
      counter.addVertices(n);
      out.push({ type: 'MultiPoint', coordinates: Array.from({ length: n }, (_, k) => point(c + 40 + 16 * k)) });
    } else if (type === 3 || type === 13 || type === 23 || type === 5 || type === 15 || type === 25) {
      const parts = length >= 44 ? view.getInt32(c + 36, true) : -1;
      const n = length >= 44 ? view.getInt32(c + 40, true) : -1;
      if (parts < 1 || n < 0 || 44 + 4 * parts + 16 * n > length) {
        out.push(parts < 1 || n < 0 ? 'record is truncated' : `record claims ${fmt(parts)} parts and ${fmt(n)} points, more than its ${fmt(length)} bytes hold`);
        continue;
      }
      const p0 = c + 44 + 4 * parts;
      const starts = Array.from({ length: parts }, (_, k) => view.getInt32(c + 44 + 4 * k, true));
      // Part starts must rise from 0 within the points, or a part would read outside the record.
      const bad = starts.findIndex((s, k) => s < 0 || s > n || (k === 0 ? s !== 0 : s < starts[k - 1]));
      if (bad >= 0) {
        out.push(`part ${bad + 1} starts at point ${starts[bad]}, outside 0–${n} or before the part ahead of it`);
        continue;
      }
      counter.addVertices(n);
      const lines = starts.map((s, k) => Array.from({ length: (k + 1 < parts ? starts[k + 1] : n) - s }, (_, q) => point(p0 + 16 * (s + q))));
      if (type % 10 === 5) out.push(polygonOf(lines));
      else out.push(lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines });
    } else out.push(`unsupported shape type ${type}`);
  }
  return out;
}

/** The DBF encoding: option, then .cpg, then the language driver byte; undefined = sniff. */
function dbfEncoding(option: string | undefined, cpg: string | undefined, ldid: number): string | undefined {
  if (option) return option.toLowerCase();
  const c = cpg?.trim().toLowerCase();
  if (c) {
    if (/^(?:936|cp936|gbk|gb2312|gb18030|ansi 936)$/.test(c)) return 'gbk';
    if (/^(?:utf-?8|65001)$/.test(c)) return 'utf-8';
    if (/^(?:big5|950)$/.test(c)) return 'big5';
    return c;
  }
  return ldid === 0x4d || ldid === 0x7a ? 'gbk' : undefined;
}

interface DbfField {
  nameBytes: Uint8Array;
  type: string;
  offset: number;
  length: number;
}

/** The attribute rows of a .dbf (deleted records left out), decoded with `encoding`. */
function readDbf(dbf: Uint8Array, file: string, option: string | undefined, cpg: string | undefined, warnings: InputWarning[]): { fields: string[]; rows: Record<string, unknown>[]; encoding: string } {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  if (dbf.length < 32) throw new InputError(file, 'the .dbf is truncated');
  const declared = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > dbf.length) throw new InputError(file, `the .dbf header claims ${fmt(headerLength)} bytes, outside the file's ${fmt(dbf.length)}`);
  if (recordLength < 1) throw new InputError(file, 'the .dbf records are 0 bytes long (a damaged header)');
  // The header's count is only a claim: as many records as the bytes after the header hold.
  const present = Math.floor((dbf.length - headerLength) / recordLength);
  const count = Math.min(declared, present);
  if (declared > present) {
    warnings.push({ source: file, feature: 'all features', reason: `the .dbf header claims ${fmt(declared)} records but the file holds ${fmt(present)}; read those` });
  }
  const fields: DbfField[] = [];
  const latin = new TextDecoder('latin1');
  let offset = 1;
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11);
    const end = raw.indexOf(0);
    const nameBytes = raw.subarray(0, end < 0 ? 11 : end);
    fields.push({ nameBytes, type: String.fromCharCode(dbf[at + 11]), offset, length: dbf[at + 16] });
    offset += dbf[at + 16];
  }
  if (offset > recordLength) throw new InputError(file, `the .dbf fields need ${fmt(offset)} bytes a record but records are ${fmt(recordLength)}`);
  let encoding = dbfEncoding(option, cpg, dbf[29]);
  const records: number[] = [];
  for (let r = 0; r < count; r++) {
    const at = headerLength + r * recordLength;
    if (dbf[at] === 0x2a) continue;
    records.push(at);
  }
  if (!encoding) {
    // No .cpg: try UTF-8 on every character field, fall back to GBK as Chinese ArcGIS writes.
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    try {
      for (const at of records) for (const f of fields) if (f.type === 'C') utf8.decode(dbf.subarray(at + f.offset, at + f.offset + f.length));
      for (const f of fields) utf8.decode(f.nameBytes);
      encoding = 'utf-8';
    } catch {
      encoding = 'gbk';
      warnings.push({ source: file, feature: 'all features', reason: 'the .dbf text is not valid UTF-8 and there is no .cpg; read as GBK' });
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding);
  } catch {
    throw new InputError(file, `unknown .dbf encoding '${encoding}' (from the .cpg or the encoding option)`);
  }
  const seen = new Set<string>();
  const names = fields.map((f, j) => {
    let name = decoder.decode(f.nameBytes).trim() || `field ${j + 1}`;
    if (isUnsafeKey(name)) {
      warnings.push({ source: file, feature: `field ${j + 1}`, reason: `the name ${JSON.stringify(name)} is reserved; field dropped` });
      return '';
    }
    while (seen.has(name)) name = `${name}_2`;
    seen.add(name);
    return name;
  });
  const rows = records.map((at) => {
    const row: Record<string, unknown> = {};
    fields.forEach((f, j) => {
      if (names[j] === '') return;
      const bytes = dbf.subarray(at + f.offset, at + f.offset + f.length);
      const text = (f.type === 'C' ? decoder.decode(bytes) : latin.decode(bytes)).replace(/[\0\s]+$/, '').replace(/^\s+/, '');
      if (f.type === 'N' || f.type === 'F') row[names[j]] = text === '' || /^\*+$/.test(text) ? null : decimalNumber(text);
      else if (f.type === 'L') row[names[j]] = /^[YyTt]$/.test(text) ? true : /^[NnFf]$/.test(text) ? false : null;
      else if (f.type === 'D' && /^\d{8}$/.test(text)) row[names[j]] = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`;
      else row[names[j]] = text;
    });
    return row;
  });
  return { fields: names.filter((n) => n !== ''), rows, encoding };
}

/** A zipped ESRI Shapefile: .shp geometry, .dbf attributes (GBK or UTF-8), .prj, .cpg. */
export const shapefileLoader: Loader = {
  id: 'shapefile',
  extensions: ['zip'],
  sniff(bytes, name) {
    if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return extensionOf(name) === 'zip' ? 1 : 0.9;
    if (startsWith(bytes, [0x00, 0x00, 0x27, 0x0a])) return 0.9;
    return extensionOf(name) === 'zip' || extensionOf(name) === 'shp' ? 0.5 : 0;
  },
  async load(bytes, file, options, onProgress) {
    if (startsWith(bytes, [0x00, 0x00, 0x27, 0x0a]) || extensionOf(file) === 'shp') {
      throw new InputError(file, 'a .shp alone has no attributes or projection: zip it with its .dbf, .shx, .prj (and .cpg) and load the .zip');
    }
    const limits = limitsOf(options.limits);
    let directory: ZipEntry[];
    try {
      directory = zipDirectory(bytes, file, limits);
    } catch (err) {
      if (err instanceof ZipFormatError) throw new InputError(file, `not a readable zip file (${err.message})`);
      throw err;
    }
    const names = directory.map((e) => e.name);
    const wanted = directory.filter((e) => !e.name.startsWith('__MACOSX/') && /\.(?:shp|dbf|prj|cpg)$/i.test(e.name));
    const shps = wanted.filter((e) => /\.shp$/i.test(e.name)).map((e) => e.name);
    if (shps.length === 0) {
      const listed = names.filter((n) => !n.endsWith('/'));
      if (listed.some((n) => n.startsWith('xl/') || n === '[Content_Types].xml')) {
        throw new InputError(file, 'this is an Excel workbook (.xlsx), not a zipped Shapefile: save the sheet as CSV (UTF-8) and load that');
      }
      throw new InputError(file, `the zip holds no .shp file${listed.length ? ` (it holds ${listed.slice(0, 8).join(', ')})` : ''}`);
    }
    let shpName = shps[0];
    if (shps.length > 1) {
      const wanted = options.layer && shps.find((n) => n === options.layer || n.replace(/^.*\//, '') === options.layer || n.replace(/^.*\//, '').replace(/\.shp$/i, '') === options.layer);
      if (!wanted) throw new InputError(file, `the zip holds ${shps.length} shapefiles (${shps.join(', ')}); choose one layer`);
      shpName = wanted;
    }
    const stem = shpName.replace(/\.shp$/i, '');
    // Only the chosen layer's files are inflated: another layer in the zip costs nothing.
    const sidecarOf = (n: string) => n.length === stem.length + 4 && n.slice(0, stem.length + 1).toLowerCase() === `${stem}.`.toLowerCase();
    const layerFiles = wanted.filter((e) => e.name === shpName || sidecarOf(e.name));
    let entries: Map<string, Uint8Array>;
    try {
      entries = readZipEntries(bytes, layerFiles, file, limits);
    } catch (err) {
      if (err instanceof ZipFormatError) throw new InputError(file, `not a readable zip file (${err.message})`);
      throw err;
    }
    const sidecar = (ext: string) => [...entries].find(([n]) => n.toLowerCase() === `${stem}.${ext}`.toLowerCase())?.[1];
    const warnings: InputWarning[] = [];
    const geometries = readShp(entries.get(shpName)!, file, new LimitCounter(file, limits));
    onProgress?.({ phase: 'parse', fraction: 0.4, rows: geometries.length });
    await checkpoint(options, file);
    const dbf = sidecar('dbf');
    const cpg = sidecar('cpg');
    const prj = sidecar('prj');
    const table = dbf ? readDbf(dbf, file, options.encoding, cpg && new TextDecoder().decode(cpg), warnings) : null;
    if (!table) warnings.push({ source: file, feature: 'all features', reason: 'the zip has no .dbf: features have no attributes' });
    else if (table.rows.length !== geometries.length) {
      warnings.push({ source: file, feature: 'all features', reason: `the .shp has ${geometries.length} shapes but the .dbf ${table.rows.length} rows; matched by order` });
    }
    let known: SourceCrs | null = null;
    if (options.epsg !== undefined) known = crsFromEpsg(options.epsg, 'option', file);
    else if (prj) known = crsFromPrj(new TextDecoder().decode(prj), file);

    const features: RawFeature[] = [];
    const labels: string[] = [];
    let skipped = 0;
    geometries.forEach((g, i) => {
      const properties = table?.rows[i] ?? {};
      const id = properties.id ?? properties.ID ?? properties.Id;
      const label = (typeof id === 'string' && id !== '') || typeof id === 'number' ? String(id) : `feature ${i + 1}`;
      if (typeof g === 'string') {
        skipped++;
        warnings.push({ source: file, feature: label, reason: `${g}; skipped` });
        return;
      }
      features.push({ type: 'Feature', geometry: g, properties });
      labels.push(label);
    });
    if (geometries.length === 0) throw noFeatures(file, options, 'the shapefile has no shapes');
    // Every record unreadable: say why, rather than an empty layer later.
    if (features.length === 0 && skipped > 0) throw noUsableFeatures(file, 'shapes', warnings.filter((w) => w.reason.endsWith('; skipped')), geometries.length);
    return finish(
      { file, format: 'shapefile', features, labels, fields: table?.fields ?? [], read: geometries.length, skipped, warnings, known, encoding: table?.encoding },
      options,
      onProgress,
    );
  },
};
