import { centroid } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { toWkt } from '../io/wkt.ts';
import { ROUNDING, roundGeometry } from './rounding.ts';

/** A plain negative number ("-12.5"): kept as it is, since spreadsheets read it as a number. */
const NEGATIVE_NUMBER = /^-(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * A cell safe to open in Excel, WPS or LibreOffice: text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return could run as a formula, so it gets a leading `'` (shown as text, not run).
 * Numbers are written as numbers, and so is text that is just a negative number; NaN and
 * ±Infinity become empty cells; objects are written as JSON text (neutralised the same way).
 */
export function neutraliseCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && !NEGATIVE_NUMBER.test(text)) return `'${text}`;
  return text;
}

/** A CSV field as papaparse's `unparse` writes it: quoted when it holds a comma, quote, line break or BOM, or starts or ends with a space. */
function csvField(value: string | number): string {
  // A number's text never holds a character that needs quotes.
  if (typeof value === 'number') return String(value);
  const text = value;
  return /[,"\r\n\uFEFF]|^ | $/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text that needs neither the formula guard nor quotes: most values, found with one test. */
const PLAIN_TEXT = /^[=+\-@\t\r ]|[,"\r\n\uFEFF]| $/;

/** A text value's field: csvField(neutraliseCell(text)), with one test for the usual plain text. */
function textField(text: string): string {
  return PLAIN_TEXT.test(text) ? csvField(neutraliseCell(text)) : text;
}

/** Significant digits of a number's shortest text ("0.00125" and "1.25e-7" have 3). */
function significantDigits(text: string): number {
  let n = 0;
  let leading = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x65) break; // the exponent
    if (c < 0x30 || c > 0x39) continue; // sign, point
    if (leading && c === 0x30) continue;
    leading = false;
    n++;
  }
  return n;
}

/**
 * A number's field (neutraliseCell and csvField for a number): without float noise, empty when
 * not finite. A number whose shortest text has at most 12 significant digits is its own
 * 12-digit rounding, so that text is written without the rounding's costly toPrecision (every
 * ratio of millions of rows was paying it).
 */
function numberField(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  return Number.isInteger(value) || significantDigits(text) <= 12 ? text : String(ROUNDING.other(value));
}

/** Characters of the pieces `csvLines` yields. */
const PIECE_CHARS = 1 << 15;

/**
 * What the first pass over the features finds, when the caller knows it without one: every
 * property key in first-seen order, and whether any geometry is not a point.
 */
export interface CsvHeader {
  keys: readonly string[];
  withWkt: boolean;
}

/**
 * Features as CSV in pieces of whole lines, about 32 K characters each (so an export of millions of
 * rows never becomes one string, and is not a generator step per row either):
 * every property (first-seen order) and the geometry as `lon`, `lat` (points; the centroid
 * otherwise) plus `wkt` when any geometry is not a point, so loading the CSV again gives the same
 * features. A UTF-8 BOM leads so Excel shows Chinese text correctly. Coordinates are written to 7
 * decimals and numbers without float noise (see rounding.ts). `features` is called twice: once for
 * the columns, once for the rows — once only when the caller gives the `header`.
 */
export function* csvLines(features: () => Iterable<Feature<Geometry | null>>, header?: CsvHeader): Generator<string> {
  const keys = new Set<string>(header?.keys);
  let withWkt = header?.withWkt ?? false;
  if (!header) {
    for (const f of features()) {
      for (const k in f.properties ?? {}) keys.add(k);
      if (f.geometry && f.geometry.type !== 'Point') withWkt = true;
    }
  }
  const geometryColumns = withWkt ? ['lon', 'lat', 'wkt'] : ['lon', 'lat'];
  for (const k of geometryColumns) keys.delete(k);
  const columns = [...keys];
  yield '\uFEFF' + [...columns, ...geometryColumns].map((k) => csvField(neutraliseCell(k))).join(',') + '\r\n';
  // Each row's fields go into one array, joined once into a flat line: concatenating them made a
  // tree of string pieces per row for the writer to flatten again. The array is reused.
  const fields: string[] = new Array<string>(columns.length + geometryColumns.length).fill('');
  let lines: string[] = [];
  let chars = 0;
  for (const f of features()) {
    const props = f.properties ?? {};
    for (let j = 0; j < columns.length; j++) {
      const v = props[columns[j]];
      fields[j] = typeof v === 'number' ? numberField(v) : typeof v === 'string' ? textField(v) : v === null || v === undefined ? '' : csvField(neutraliseCell(v));
    }
    // A point needs no rounded copy unless its WKT is written: its coordinates are rounded below.
    const g = !withWkt && f.geometry?.type === 'Point' ? f.geometry : roundGeometry(f.geometry);
    const at = !g ? null : g.type === 'Point' ? g.coordinates : centroid(g).geometry.coordinates;
    fields[columns.length] = at ? String(ROUNDING.degrees(at[0])) : '';
    fields[columns.length + 1] = at ? String(ROUNDING.degrees(at[1])) : '';
    if (withWkt) fields[columns.length + 2] = csvField(g ? toWkt(g) : '');
    const line = fields.join(',');
    lines.push(line);
    chars += line.length + 2;
    if (chars >= PIECE_CHARS) {
      lines.push('');
      yield lines.join('\r\n');
      lines = [];
      chars = 0;
    }
  }
  if (lines.length > 0) {
    lines.push('');
    yield lines.join('\r\n');
  }
}

/** Features as one CSV text (see csvLines). */
export function featuresToCsv(features: readonly Feature<Geometry | null>[]): string {
  return [...csvLines(() => features)].join('');
}
