import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { InputError, type InputWarning } from '../errors.ts';
import { DEFAULT_LIMITS, overLimit, type Limits } from './limits.ts';
import { FeatureTable } from './feature-table.ts';
import type { CoordinateSystem, CrsInfo, RawFeature } from './types.ts';

/**
 * proj4 definitions for the codes Chinese planning files use: WGS84, CGCS2000 (geographic, and its
 * Gauss–Krüger 3° and 6° zones with and without the zone number in x), Web Mercator and UTM north.
 * CGCS2000 and WGS84 differ by centimetres, so CGCS2000 is taken as WGS84 (as Tianditu does).
 */
export function epsgDefinition(code: number): string | null {
  const gk = (lon0: number, x0: number) => `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
  if (code === 4326 || code === 4490 || code === 4479 || code === 4480) return '+proj=longlat +datum=WGS84 +no_defs';
  if (code === 3857 || code === 900913 || code === 102100) {
    return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  }
  if (code >= 4491 && code <= 4501) return gk(6 * (code - 4491 + 13) - 3, (code - 4491 + 13) * 1e6 + 500000); // 6° zones 13–23
  if (code >= 4502 && code <= 4512) return gk(75 + 6 * (code - 4502), 500000); // 6°, CM 75–135 E
  if (code >= 4513 && code <= 4533) return gk(3 * (code - 4513 + 25), (code - 4513 + 25) * 1e6 + 500000); // 3° zones 25–45
  if (code >= 4534 && code <= 4554) return gk(75 + 3 * (code - 4534), 500000); // 3°, CM 75–135 E
  if (code >= 32601 && code <= 32660) return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  return null;
}

export const KNOWN_EPSG_TEXT = '4326, 4490 (CGCS2000), 3857, 4491–4554 (CGCS2000 Gauss–Krüger), 32601–32660 (UTM north)';

/** A known source CRS: a proj4 definition (null for lon/lat) and how it became known. */
export interface SourceCrs {
  label: string;
  source: CrsInfo['source'];
  /** null: the numbers are geographic lon/lat already. */
  proj: string | null;
}

export function crsFromEpsg(code: number, source: CrsInfo['source'], file: string): SourceCrs {
  const def = epsgDefinition(code);
  if (!def) throw new InputError(file, `EPSG:${code} is not a coordinate system Catchmap knows (known: ${KNOWN_EPSG_TEXT})`);
  return { label: `EPSG:${code}`, source, proj: def.startsWith('+proj=longlat') ? null : def };
}

/** A .prj (ESRI WKT) as a source CRS; geographic ones need no reprojection. */
export function crsFromPrj(wkt: string, file: string): SourceCrs {
  const text = wkt.trim();
  const name = /^(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]*)"/i.exec(text)?.[1] ?? 'the .prj';
  const authority = /AUTHORITY\["EPSG","?(\d+)"?\]\]\s*$/i.exec(text);
  if (authority && epsgDefinition(Number(authority[1]))) return crsFromEpsg(Number(authority[1]), 'prj', file);
  if (/^GEOG/i.test(text)) return { label: name, source: 'prj', proj: null };
  try {
    proj4(text, 'EPSG:4326');
  } catch {
    throw new InputError(file, `the .prj projection "${name}" cannot be read; give the EPSG code instead, e.g. --epsg 4547`);
  }
  return { label: name, source: 'prj', proj: text };
}

/** GeoJSON 2008 `crs` members as QGIS and older GDAL still write them ("urn:ogc:def:crs:EPSG::4547"). */
export function crsFromGeoJsonName(name: string, file: string): SourceCrs | null {
  if (/CRS84$/i.test(name)) return null;
  const m = /EPSG:+(?:[\d.]*:)?(\d+)$/i.exec(name);
  if (!m) throw new InputError(file, `the GeoJSON "crs" ${JSON.stringify(name)} is not one Catchmap knows; give the EPSG code, e.g. --epsg 4547`);
  const crs = crsFromEpsg(Number(m[1]), 'geojson-crs', file);
  return crs.proj === null ? null : crs;
}

/** Calls `fn` on every position of a geometry (GeometryCollections included); positions are arrays. */
export function forEachPosition(geometry: Geometry | null, fn: (p: Position) => void): void {
  if (!geometry || typeof geometry !== 'object') return;
  const walk = (value: unknown, depth: number): void => {
    if (!Array.isArray(value)) return;
    if (depth === 0) return void fn(value as Position);
    for (const v of value) walk(v, depth - 1);
  };
  switch (geometry.type) {
    case 'Point':
      return walk(geometry.coordinates, 0);
    case 'MultiPoint':
    case 'LineString':
      return walk(geometry.coordinates, 1);
    case 'MultiLineString':
    case 'Polygon':
      return walk(geometry.coordinates, 2);
    case 'MultiPolygon':
      return walk(geometry.coordinates, 3);
    case 'GeometryCollection':
      if (Array.isArray(geometry.geometries)) for (const g of geometry.geometries) forEachPosition(g, fn);
  }
}

const isXY = (p: Position) => typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);

function round(n: number): string {
  return Math.abs(n) >= 1000 ? String(Math.round(n)) : String(Math.round(n * 1e4) / 1e4);
}

/** The likely projection of metre values, for the message that asks for an EPSG code. */
function guessProjection(x: number, y: number): { what: string; code: number } {
  const zone = Math.floor(x / 1e6);
  if (x >= 8e6 && x <= 1.6e7 && Math.abs(y) <= 2e7) return { what: 'Web Mercator metres (EPSG:3857)', code: 3857 };
  if (zone >= 25 && zone <= 45) {
    return { what: `CGCS2000 3° Gauss–Krüger zone ${zone} (central meridian ${3 * zone}° E, EPSG:${4513 + zone - 25})`, code: 4513 + zone - 25 };
  }
  if (zone >= 16 && zone <= 23) {
    return { what: `CGCS2000 6° Gauss–Krüger zone ${zone} (central meridian ${6 * zone - 3}° E, EPSG:${4491 + zone - 13})`, code: 4491 + zone - 13 };
  }
  if (x >= 1e5 && x <= 9e5 && y >= 1e6 && y <= 7e6) {
    return { what: 'Gauss–Krüger or UTM metres without a zone number, so the central meridian must be given', code: 4547 };
  }
  return { what: 'neither lon/lat degrees nor a projection Catchmap recognises', code: 4547 };
}

const GCJ_HINTS = ['gcj', 'amap', 'gaode', '高德', '火星', 'tencent', '腾讯'];
const BD_HINTS = ['bd09', 'bd-09', 'baidu', '百度'];

/** Amap / Tencent (GCJ-02) or Baidu (BD-09) named in the file name or a field name. */
export function suspectSystem(file: string, fields: readonly string[]): CrsInfo['suspect'] {
  const base = (file.split(/[\\/]/).pop() ?? file).toLowerCase();
  const look = (text: string, where: string): CrsInfo['suspect'] => {
    const t = text.toLowerCase();
    const bd = BD_HINTS.find((h) => t.includes(h)) ?? (/^bd_?(?:lng|lon|lat|x|y)$/.test(t) ? t : undefined);
    if (bd) return suspect('bd09', `${where} ${JSON.stringify(text)} mentions ${bd}`);
    const gcj = GCJ_HINTS.find((h) => t.includes(h));
    if (gcj) return suspect('gcj02', `${where} ${JSON.stringify(text)} mentions ${gcj}`);
    return undefined;
  };
  return look(base, 'file name') ?? fields.map((f) => look(f, 'field')).find((s) => s !== undefined);
}

function suspect(system: 'gcj02' | 'bd09', hint: string): NonNullable<CrsInfo['suspect']> {
  const whose = system === 'gcj02' ? 'GCJ-02 (Amap, Tencent)' : 'BD-09 (Baidu)';
  return {
    system,
    hint,
    prompt: `The ${hint}: its coordinates are probably ${whose}, 100–700 m off WGS84. Convert them to WGS84?`,
  };
}

export interface CrsContext {
  file: string;
  fields: readonly string[];
  /** The CRS the file or the user states (option, .prj, GeoJSON crs); undefined: judge by the numbers. */
  known?: SourceCrs | null;
  coordinateSystem?: CoordinateSystem;
  limits?: Limits;
}

const FILE = 'all features';

/**
 * Brings the features' coordinates to WGS84 lon/lat in place: reprojects a known CRS, swaps
 * lat/lon when the numbers only make sense swapped, refuses projected metres of unknown CRS, and
 * applies the user's GCJ-02/BD-09 answer (or flags a suspect file).
 */
export function toWgs84(features: RawFeature[] | FeatureTable, ctx: CrsContext): { crs: CrsInfo; warnings: InputWarning[] } {
  // Every position in feature order, whether the features are objects or a compact table.
  const each = (fn: (p: Position) => void) => {
    if (features instanceof FeatureTable) features.forEachPosition(forEachPosition, fn);
    else for (const f of features) forEachPosition(f.geometry, fn);
  };
  const count = features instanceof FeatureTable ? features.count : features.length;
  const warnings: InputWarning[] = [];
  const warn = (reason: string) => warnings.push({ source: ctx.file, feature: FILE, reason });
  let n = 0;
  let inRange = 0;
  let swappedRange = 0;
  let china = 0;
  let chinaSwapped = 0;
  let first: Position | null = null;
  const look = (x: unknown, y: unknown) => {
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return;
    n++;
    first ??= [x, y];
    if (Math.abs(x) <= 180 && Math.abs(y) <= 90) inRange++;
    else if (Math.abs(x) <= 90 && Math.abs(y) <= 180) swappedRange++;
    if (x >= 70 && x <= 140 && y >= 15 && y <= 56) china++;
    if (y >= 70 && y <= 140 && x >= 15 && x <= 56) chinaSwapped++;
  };
  // Read only: a table's flat positions are looked at without an array each or writing them back.
  if (features instanceof FeatureTable) features.forEachXY(forEachPosition, look);
  else each((p) => look(p[0], p[1]));
  const limits = ctx.limits ?? DEFAULT_LIMITS;
  if (count > limits.features) throw overLimit(ctx.file, 'features', limits, `${count.toLocaleString('en-US')} features`);
  if (n > limits.vertices) throw overLimit(ctx.file, 'vertices', limits, `${n.toLocaleString('en-US')} coordinate positions`);
  const crs: CrsInfo = { detected: 'EPSG:4326', source: 'assumed', converted: false };
  const known = ctx.known ?? null;
  if (known) {
    crs.detected = known.label;
    crs.source = known.source;
  }
  if (known?.proj) {
    if (n > 0 && inRange === n) {
      warn(`the file says ${known.label} but every coordinate is within lon/lat range; used as lon/lat degrees`);
    } else {
      const forward = proj4(known.proj, 'EPSG:4326').forward;
      each((p) => {
        if (!isXY(p)) return;
        const [lng, lat] = forward([p[0], p[1]]);
        p[0] = lng;
        p[1] = lat;
      });
      crs.converted = true;
    }
  } else if (n > 0) {
    const [x, y] = first ?? [0, 0];
    const swap = (why: string) => {
      each((p) => {
        if (!isXY(p)) return;
        const t = p[0];
        p[0] = p[1];
        p[1] = t;
      });
      crs.swapped = true;
      crs.converted = true;
      warn(`latitude and longitude look swapped (x≈${round(x)}, y≈${round(y)}: ${why}); swapped to lon/lat`);
    };
    if (inRange * 2 >= n) {
      if (chinaSwapped * 2 >= n && china === 0) swap('the points fall in China only when swapped');
    } else if (swappedRange * 2 >= n) {
      swap('y is outside ±90 but x is within it');
    } else {
      const guess = guessProjection(x, y);
      throw new InputError(
        ctx.file,
        `coordinates look projected (x≈${round(x)}, y≈${round(y)}), probably ${guess.what}; give the EPSG code, e.g. --epsg ${guess.code}`,
      );
    }
  }
  const hinted = suspectSystem(ctx.file, ctx.fields);
  const system = ctx.coordinateSystem;
  if (system === 'gcj02' || system === 'bd09') {
    const from = system === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
    each((p) => {
      if (!isXY(p) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return;
      const [lng, lat] = gcoord.transform([p[0], p[1]], from, gcoord.WGS84);
      p[0] = lng;
      p[1] = lat;
    });
    crs.converted = true;
    crs.shift = `${system} → wgs84`;
  } else if (hinted && system !== 'wgs84') {
    crs.suspect = hinted;
    warn(`${hinted.hint}: coordinates are probably ${hinted.system === 'gcj02' ? 'GCJ-02 (Amap, Tencent)' : 'BD-09 (Baidu)'}, 100–700 m off WGS84; loaded unconverted (choose ${hinted.system} to convert, or wgs84 to keep them)`);
  }
  return { crs, warnings };
}
