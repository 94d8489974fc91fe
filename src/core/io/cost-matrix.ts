import { Gunzip } from 'fflate';
import { groupPairs, type OdMatrix } from '../access/od-matrix.ts';
import { InputError } from '../errors.ts';
import type { DistanceRule, Reach, SiteRef } from '../types.ts';
import { decodeText, extensionOf, startsWith } from './bytes.ts';
import { limitsOf, overLimit, type Limits } from './limits.ts';

/**
 * Travel costs from another tool (network distances, travel times) as a long table: one row per
 * origin–destination pair. Pairs that are absent are unreachable.
 */
export interface CostMatrix {
  source: string;
  /** origin → destination → cost */
  costs: Map<string, Map<string, number>>;
  destinations: Set<string>;
}

export interface CostColumns {
  origin: string;
  destination: string;
  cost: string;
}

const DEFAULT_COLUMNS: CostColumns = { origin: 'origin', destination: 'destination', cost: 'cost' };

/** Column names found by themselves when not given: ours, then R accessibility's and r5r's. */
const COLUMN_ALIASES: Record<keyof CostColumns, readonly string[]> = {
  origin: ['origin', 'from_id'],
  destination: ['destination', 'to_id'],
  cost: ['cost', 'travel_time'],
};

/**
 * A cost table read compactly: ids once each, the pairs as an OdMatrix over them (typed arrays,
 * file order) and the line of each pair, so a later check can name it.
 */
export interface SparseCostMatrix {
  source: string;
  columns: CostColumns;
  originIds: string[];
  destinationIds: string[];
  /** Pairs as indices into `originIds` and `destinationIds`. */
  matrix: OdMatrix;
  /** The file line of each pair (the header is line 1). */
  lines: Int32Array;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * One CSV record's fields, reused from record to record: unquoted fields as spans of the text (no
 * string is made for them), quoted ones unescaped. Making no strings for the cells is what lets a
 * 748,437-row matrix be read in well under a second.
 */
class CsvRecord {
  count = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  /** The unescaped text of a quoted field, else null. */
  quoted: (string | null)[] = [];

  constructor(readonly text: string) {}

  add(start: number, end: number, quoted: string | null): void {
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quoted[this.count++] = quoted;
  }

  /** Field k without surrounding blanks ('' when the record is shorter). */
  string(k: number): string {
    if (k >= this.count) return '';
    return (this.quoted[k] ?? this.text.slice(this.starts[k], this.ends[k])).trim();
  }
}

/**
 * Calls `onRecord` with each CSV record (RFC 4180: quoted fields may hold the delimiter, `""` and
 * line breaks) and the line it starts on. Blank lines are skipped; the record object is reused.
 */
function scanCsv(text: string, delimiter: number, source: string, onRecord: (record: CsvRecord, line: number) => void): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const record = new CsvRecord(text);
  while (i < n) {
    const start = line;
    record.count = 0;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = ++i;
        for (;;) {
          if (i >= n) throw new InputError(source, `line ${start}: a quoted field is not closed`);
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            value += text.slice(from, i);
            if (text.charCodeAt(i + 1) !== QUOTE) {
              i++;
              break;
            }
            value += '"';
            i += 2;
            from = i;
            continue;
          }
          if (c === LF) line++;
          i++;
        }
        const rest = i;
        while (i < n && text.charCodeAt(i) !== delimiter && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
        record.add(rest, i, value + text.slice(rest, i));
      } else {
        const from = i;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === delimiter || c === LF || c === CR) break;
        }
        record.add(from, i, null);
      }
      if (i < n && text.charCodeAt(i) === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    if (record.count > 1 || record.string(0) !== '') onRecord(record, start);
  }
}

/** The id in field k of a record, trimmed, as an index of `table`; -1 when empty. */
function idAt(record: CsvRecord, k: number, table: IdTable): number {
  if (k >= record.count) return -1;
  const quoted = record.quoted[k];
  if (quoted !== null) {
    const id = quoted.trim();
    return id === '' ? -1 : table.intern(id, 0, id.length);
  }
  const text = record.text;
  let a = record.starts[k];
  let b = record.ends[k];
  while (a < b && text.charCodeAt(a) <= 0x20) a++;
  while (b > a && text.charCodeAt(b - 1) <= 0x20) b--;
  return a === b ? -1 : table.intern(text, a, b);
}

/** Each distinct id once, found by hashing the text in place: no string per cell, one per id. */
class IdTable {
  readonly ids: string[] = [];
  private readonly hashes: number[] = [];
  private slots = new Int32Array(1024).fill(-1);

  /** The index of the id `text[start, end)`, added if new. */
  intern(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const k = this.slots[slot];
      if (k < 0) {
        this.slots[slot] = this.ids.length;
        this.ids.push(text.slice(start, end));
        this.hashes.push(h);
        if (this.ids.length * 2 > this.slots.length) this.rehash();
        return this.ids.length - 1;
      }
      if (this.hashes[k] === h && sameText(this.ids[k], text, start, end)) return k;
    }
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    this.hashes.forEach((h, k) => {
      let slot = h & mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = k;
    });
  }
}

function sameText(id: string, text: string, start: number, end: number): boolean {
  if (id.length !== end - start) return false;
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * A plain decimal (digits, at most one point, up to 15 digits) read without making a string:
 * m / 10^k of exact integers is the correctly rounded value, the same double as Number(). Any
 * other form (empty, blanks, signs, exponents, text) is NaN here, for the caller to read as text.
 */
function decimalAt(text: string, start: number, end: number): number {
  let m = 0;
  let scale = 1;
  let digits = 0;
  let point = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (point) scale *= 10;
    } else if (c === 46 && !point) point = true;
    else return NaN;
  }
  return digits === 0 || digits > 15 ? NaN : m / scale;
}

/** The delimiter of the header line: the most frequent of , tab ; | (a .tsv is tab). */
function guessDelimiter(text: string, source: string): number {
  if (['tsv', 'tab'].includes(extensionOf(source.replace(/\.gz$/i, '')))) return 0x09;
  const end = text.search(/\r|\n/);
  const header = text.slice(0, end < 0 ? text.length : end).replace(/"[^"]*"/g, '');
  let best = ',';
  let most = 0;
  for (const d of [',', '\t', ';', '|']) {
    const count = header.split(d).length - 1;
    if (count > most) [best, most] = [d, count];
  }
  return best.charCodeAt(0);
}

/** A growable typed array: rows arrive one by one, their number unknown beforehand. */
class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Gunzips in slices, counting what comes out, so a small file that inflates past the text limit
 * (a gzip bomb) is refused before it is all in memory.
 */
function gunzipWithin(bytes: Uint8Array, source: string, limits: Limits): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > limits.textBytes) throw overLimit(source, 'textBytes', limits, `it inflates to more than ${limits.textBytes.toLocaleString('en-US')} bytes of text`);
    chunks.push(chunk);
  });
  const SLICE = 1 << 16;
  try {
    for (let i = 0; i < bytes.length; i += SLICE) stream.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(source, `not a valid gzip file (${err instanceof Error ? err.message : String(err)})`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Bytes (plain or gzip-compressed, UTF-8 or GBK) or text → text. */
function matrixText(input: Uint8Array | string, source: string, limits: Limits): string {
  if (typeof input === 'string') return input;
  const bytes = startsWith(input, [0x1f, 0x8b]) ? gunzipWithin(input, source, limits) : input;
  return decodeText(bytes, source, undefined, limits).text;
}

/**
 * Reads a cost table (CSV/TSV with a header row; `.csv.gz` read directly) into a SparseCostMatrix,
 * within `limits` (the text it inflates to: `textBytes`; header columns: `csvColumns`).
 * `columns` not given are found by name (origin/from_id, destination/to_id, cost/travel_time).
 * Every problem names its line: a missing id or cost, a cost that is not a number or is negative,
 * a pair given twice.
 */
export function readCostMatrix(input: Uint8Array | string, source: string, columns: Partial<CostColumns> = {}, limits?: Partial<Limits>): SparseCostMatrix {
  const limit = limitsOf(limits);
  const text = matrixText(input, source, limit);
  const delimiter = guessDelimiter(text, source);
  let header: string[] | null = null;
  let at: [number, number, number] = [0, 0, 0];
  let names: CostColumns = DEFAULT_COLUMNS;
  const originTable = new IdTable();
  const destinationTable = new IdTable();
  const origins = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  const destinations = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  const costs = new Grow(new Float64Array(1024), (n) => new Float64Array(n));
  const lines = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  scanCsv(text, delimiter, source, (record, line) => {
    if (!header) {
      if (record.count > limit.csvColumns) throw overLimit(source, 'csvColumns', limit, `the header has ${record.count.toLocaleString('en-US')} columns`);
      const h = Array.from({ length: record.count }, (_, k) => record.string(k));
      header = h;
      const find = (key: keyof CostColumns): string => {
        const wanted = columns[key];
        const name = wanted ?? COLUMN_ALIASES[key].find((a) => h.includes(a)) ?? COLUMN_ALIASES[key][0];
        if (!h.includes(name)) throw new InputError(source, `missing column '${name}' (header: ${h.join(', ') || 'none'})`);
        return name;
      };
      names = { origin: find('origin'), destination: find('destination'), cost: find('cost') };
      at = [h.indexOf(names.origin), h.indexOf(names.destination), h.indexOf(names.cost)];
      return;
    }
    if (record.count > header.length) throw new InputError(source, `line ${line}: ${record.count} fields, but the header has ${header.length}`);
    const oi = idAt(record, at[0], originTable);
    const di = idAt(record, at[1], destinationTable);
    if (oi < 0) throw new InputError(source, `line ${line}: missing ${names.origin}`);
    if (di < 0) throw new InputError(source, `line ${line}: missing ${names.destination}`);
    const k = at[2];
    const c = k < record.count && record.quoted[k] === null ? decimalAt(text, record.starts[k], record.ends[k]) : NaN;
    // Only what the fast read cannot take (blanks, quotes, signs, text) is looked at as a string.
    const cost = Number.isNaN(c) ? Number(record.string(k) || NaN) : c;
    if (!Number.isFinite(cost) || cost < 0) {
      const where = `line ${line}`;
      const raw = record.string(k);
      const pair = `${originTable.ids[oi]} → ${destinationTable.ids[di]}`;
      if (raw === '') throw new InputError(source, `${where}: missing ${names.cost} for ${pair}`);
      if (!Number.isFinite(cost)) throw new InputError(source, `${where}: ${names.cost} '${raw}' is not a number`);
      throw new InputError(source, `${where}: ${names.cost} must not be negative, got ${cost}`);
    }
    origins.push(oi);
    destinations.push(di);
    costs.push(cost);
    lines.push(line);
  });
  if (!header) throw new InputError(source, `missing column '${columns.origin ?? DEFAULT_COLUMNS.origin}' (header: none)`);
  if (origins.length === 0) throw new InputError(source, 'no rows after the header');
  const originIds = originTable.ids;
  const destinationIds = destinationTable.ids;
  const matrix: OdMatrix = {
    originCount: originIds.length,
    destinationCount: destinationIds.length,
    origins: origins.done(),
    destinations: destinations.done(),
    costs: costs.done(),
  };
  const result: SparseCostMatrix = { source, columns: names, originIds, destinationIds, matrix, lines: lines.done() };
  checkRepeatedPairs(result);
  return result;
}

/** A pair given twice is refused, naming the earliest line that repeats one. */
function checkRepeatedPairs(m: SparseCostMatrix): void {
  const { origins, destinations } = m.matrix;
  const { offsets, pairs } = groupPairs(origins, m.matrix.originCount);
  const seenBy = new Int32Array(m.matrix.destinationCount).fill(-1);
  let first = -1;
  for (let o = 0; o < m.matrix.originCount; o++) {
    for (let k = offsets[o]; k < offsets[o + 1]; k++) {
      const p = pairs[k];
      if (seenBy[destinations[p]] === o) {
        if (first < 0 || m.lines[p] < m.lines[first]) first = p;
      } else seenBy[destinations[p]] = o;
    }
  }
  if (first >= 0) {
    const o = m.originIds[origins[first]];
    const d = m.destinationIds[destinations[first]];
    throw new InputError(m.source, `line ${m.lines[first]}: ${o} → ${d} appears twice`);
  }
}

/** Parses CSV text with a header row; every problem names its line (the header is line 1). */
export function parseCostMatrix(text: string, source: string, columns: CostColumns = DEFAULT_COLUMNS): CostMatrix {
  const m = readCostMatrix(text, source, columns);
  const costs = new Map<string, Map<string, number>>();
  const { origins, destinations, costs: values } = m.matrix;
  for (let p = 0; p < origins.length; p++) {
    const o = m.originIds[origins[p]];
    let row = costs.get(o);
    if (!row) costs.set(o, (row = new Map()));
    row.set(m.destinationIds[destinations[p]], values[p]);
  }
  return { source, costs, destinations: new Set(m.destinationIds) };
}

/** What the matrix's ids are matched against: a file's ids, named for messages. */
export interface IdSide {
  ids: readonly string[];
  /** e.g. `land_use.csv` or `--supply land_use.csv`. */
  name: string;
}

/**
 * The matrix over the caller's demand (origins) and supply (destinations) arrays, matching ids as
 * text. An id the other side does not have is refused, naming the first line where it appears.
 * `originRows` / `destinationRows` give the demand / supply index of each matrix id, so the
 * caller knows which of its rows are in the matrix at all.
 */
export function matchCostMatrix(
  m: SparseCostMatrix,
  demand: IdSide,
  supply: IdSide,
): { matrix: OdMatrix; originRows: Int32Array; destinationRows: Int32Array } {
  const rowsOf = (ids: readonly string[], side: IdSide, column: string, keys: Int32Array): Int32Array => {
    const index = new Map<string, number>();
    side.ids.forEach((id, k) => index.set(id, k));
    const rows = Int32Array.from(ids, (id) => index.get(id) ?? -1);
    const unknown = ids.filter((_, k) => rows[k] < 0);
    if (unknown.length > 0) {
      let line = Infinity;
      for (let p = 0; p < keys.length; p++) if (ids[keys[p]] === unknown[0]) line = Math.min(line, m.lines[p]);
      const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more ${column} value${unknown.length > 2 ? 's' : ''} not there: ${unknown.slice(1, 6).join(', ')}${unknown.length > 6 ? ', …' : ''})` : '';
      throw new InputError(m.source, `line ${line}: ${column} '${unknown[0]}' is not an id in ${side.name}${more}`);
    }
    return rows;
  };
  const originRows = rowsOf(m.originIds, demand, m.columns.origin, m.matrix.origins);
  const destinationRows = rowsOf(m.destinationIds, supply, m.columns.destination, m.matrix.destinations);
  const origins = new Int32Array(m.matrix.origins.length);
  const destinations = new Int32Array(origins.length);
  for (let p = 0; p < origins.length; p++) {
    origins[p] = originRows[m.matrix.origins[p]];
    destinations[p] = destinationRows[m.matrix.destinations[p]];
  }
  return {
    matrix: { originCount: demand.ids.length, destinationCount: supply.ids.length, origins, destinations, costs: m.matrix.costs },
    originRows,
    destinationRows,
  };
}

/**
 * A distance rule reading the matrix. Rows may run demand → site or site → demand: the
 * orientation is taken from where the demand ids appear. Every demand point and site must appear
 * at least once, so an id mismatch is reported instead of silently making everything unreachable.
 */
export function costMatrixRule(matrix: CostMatrix, demandIds: readonly string[], siteIds: readonly string[]): DistanceRule {
  const demandAsOrigin = demandIds.filter((id) => matrix.costs.has(id)).length;
  const demandAsDest = demandIds.filter((id) => matrix.destinations.has(id)).length;
  const forward = demandAsOrigin >= demandAsDest;
  const get = (demand: string, site: string): number | undefined =>
    forward ? matrix.costs.get(demand)?.get(site) : matrix.costs.get(site)?.get(demand);
  const demandSide = forward ? (id: string) => matrix.costs.has(id) : (id: string) => matrix.destinations.has(id);
  const siteSide = forward ? (id: string) => matrix.destinations.has(id) : (id: string) => matrix.costs.has(id);
  const missing = (ids: readonly string[], has: (id: string) => boolean): string[] => ids.filter((id) => !has(id));
  const md = missing(demandIds, demandSide);
  if (md.length > 0) throw new InputError(matrix.source, `no costs for ${md.length} demand point(s): ${md.slice(0, 10).join(', ')}${md.length > 10 ? ', …' : ''}`);
  const ms = missing(siteIds, siteSide);
  if (ms.length > 0) throw new InputError(matrix.source, `no costs for ${ms.length} site(s): ${ms.slice(0, 10).join(', ')}${ms.length > 10 ? ', …' : ''}`);
  return {
    kind: 'matrix',
    demandCount: demandIds.length,
    reach(site: SiteRef, maxDistanceM: number): Reach {
      const found: { i: number; d: number }[] = [];
      demandIds.forEach((id, i) => {
        const d = get(id, site.id);
        if (d !== undefined && d <= maxDistanceM) found.push({ i, d });
      });
      found.sort((a, b) => a.d - b.d || a.i - b.i);
      return { indices: Int32Array.from(found, (f) => f.i), distancesM: Float64Array.from(found, (f) => f.d) };
    },
  };
}
