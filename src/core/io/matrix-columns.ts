import { Gunzip } from 'fflate';
import { extensionOf, startsWith } from './bytes.ts';
import type { CostColumns } from './cost-matrix.ts';

/**
 * Telling a travel-cost table (one row per origin–destination pair, as r5r, OSRM, Valhalla,
 * ArcGIS OD cost matrices or R accessibility write it) from a table of places, by its header, and
 * finding which column is which.
 */

/** Column names, lower-cased and without spaces, hyphens or underscores. */
const ORIGIN = ['origin', 'originid', 'fromid', 'from', 'o', 'oid', 'orig', 'origid', 'source', 'sourceid', 'src', 'originname', '起点', '起点id', '出发地'];
const DESTINATION = ['destination', 'destinationid', 'toid', 'to', 'd', 'did', 'dest', 'destid', 'target', 'targetid', 'destinationname', '终点', '终点id', '目的地'];
const COST = [
  'cost', 'traveltime', 'traveltimep50', 'time', 'minutes', 'mins', 'min', 'seconds', 'duration', 'distance', 'distancem', 'metres', 'meters',
  'totaltraveltime', 'totaltime', 'totalminutes', 'totallength', 'length', 'network', '时间', '耗时', '通行时间', '距离',
];
/** A header naming coordinates or a geometry is a table of places, whatever else it has. */
const PLACE = ['lon', 'lng', 'long', 'longitude', 'lat', 'latitude', 'x', 'y', 'wkt', 'geometry', 'geom', 'the_geom', '经度', '纬度'];

const key = (name: string) => name.trim().replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-.]/g, '');

/** The origin, destination and cost columns of a header, or null when it is not a cost table's. */
export function matrixColumnsOf(header: readonly string[]): CostColumns | null {
  const keys = header.map(key);
  if (keys.some((k) => PLACE.includes(k))) return null;
  const find = (names: readonly string[], taken: readonly number[]) => {
    for (const name of names) {
      const at = keys.findIndex((k, i) => k === name && !taken.includes(i));
      if (at >= 0) return at;
    }
    return -1;
  };
  const origin = find(ORIGIN, []);
  const destination = find(DESTINATION, [origin]);
  if (origin < 0 || destination < 0) return null;
  let cost = find(COST, [origin, destination]);
  // Three columns of which two are the ids: the third is the cost, whatever it is called.
  if (cost < 0 && header.length === 3) cost = [0, 1, 2].find((i) => i !== origin && i !== destination)!;
  if (cost < 0) return null;
  return { origin: header[origin], destination: header[destination], cost: header[cost] };
}

const MAX_HEADER_BYTES = 64 * 1024;
const TABLE_EXTENSIONS = ['csv', 'tsv', 'txt', 'gz'];
const STOP = new Error('header read');

/** The first line of a text file's bytes (gzip inflated only as far as that line). */
function firstLine(bytes: Uint8Array): string {
  let head = bytes.subarray(0, MAX_HEADER_BYTES);
  if (startsWith(bytes, [0x1f, 0x8b])) {
    const parts: Uint8Array[] = [];
    let size = 0;
    const inflate = new Gunzip((chunk) => {
      parts.push(chunk);
      size += chunk.length;
      if (chunk.includes(0x0a) || size >= MAX_HEADER_BYTES) throw STOP;
    });
    try {
      inflate.push(bytes, true);
    } catch (err) {
      // Damaged data is the matrix reader's to report, with its limits; here it is just no header.
      if (err !== STOP) return '';
    }
    head = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      head.set(p, at);
      at += p.length;
    }
    head = head.subarray(0, MAX_HEADER_BYTES);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** Splits a header line at its delimiter (tab, comma, semicolon or bar: the most frequent), unquoting names. */
function headerFields(line: string): string[] {
  const delimiters = ['\t', ',', ';', '|'];
  const counts = delimiters.map((d) => line.split(d).length);
  const delimiter = delimiters[counts.indexOf(Math.max(...counts))];
  return line.split(delimiter).map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * When a file looks like a travel-cost table: its header's fields and the columns found (null
 * when a gzip file's header names none of them; the user then chooses). Anything else: null.
 */
export function sniffCostMatrix(bytes: Uint8Array, name: string): { fields: string[]; columns: CostColumns | null } | null {
  const gz = extensionOf(name) === 'gz' || startsWith(bytes, [0x1f, 0x8b]);
  if (!gz && !TABLE_EXTENSIONS.includes(extensionOf(name))) return null;
  const fields = headerFields(firstLine(bytes));
  const columns = matrixColumnsOf(fields);
  // Compressed tables are read as matrices only: places come as GeoJSON, CSV or Shapefile.
  return columns || gz ? { fields, columns } : null;
}
