import type { Geometry } from 'geojson';
import Papa from 'papaparse';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { decodeText, extensionOf } from './bytes.ts';
import { crsFromEpsg, epsgDefinition, type SourceCrs } from './crs.ts';
import { FeatureTable } from './feature-table.ts';
import { FIELD_NAMES, findField } from './fields.ts';
import { checkpoint, finish, noFeatures } from './finish.ts';
import { limitsOf, overLimit, type Limits } from './limits.ts';
import { decimalNumber } from './numbers.ts';
import { isUnsafeKey } from './properties.ts';
import { LoadCancelled, type GeometryColumns, type Loader, type LoadOptions, type RawFeature } from './types.ts';
import { parseWkt } from './wkt.ts';

/**
 * Characters per papaparse chunk: big enough to be fast, small enough for smooth progress and for
 * a chunk's rows, all alive at once, to die in the young generation (4 MiB chunks outlived it, and
 * copying their rows out took a second of a 3-million-row read).
 */
const CHUNK_CHARS = 512 * 1024;

const NUMERIC = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A coordinate cell as a number; a decimal comma is accepted where `;` separates fields. */
function coordinate(cell: string, decimalComma: boolean): number {
  const t = cell.trim();
  if (t === '') return NaN;
  return decimalNumber(decimalComma && /^[-+]?\d+,\d+$/.test(t) ? t.replace(',', '.') : t);
}

/** Header cells → unique, safe property names; unsafe ones are dropped (index −1). */
function headerNames(cells: string[], file: string, warnings: InputWarning[]): string[] {
  const seen = new Set<string>();
  return cells.map((raw, j) => {
    let name = raw.trim() === '' ? `column ${j + 1}` : raw.trim();
    if (isUnsafeKey(name)) {
      warnings.push({ source: file, feature: `column ${j + 1}`, reason: `the name ${JSON.stringify(name)} is reserved; column dropped` });
      return '';
    }
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name}_${k}`)) k++;
      warnings.push({ source: file, feature: `column ${j + 1}`, reason: `duplicate column name ${JSON.stringify(name)}; renamed ${name}_${k}` });
      name = `${name}_${k}`;
    }
    seen.add(name);
    return name;
  });
}

function pickGeometryColumns(names: string[], options: LoadOptions, file: string): GeometryColumns {
  const fields = names.filter((n) => n !== '');
  const need = (field: string) => {
    if (!fields.includes(field)) throw new InputError(file, `column ${JSON.stringify(field)} not found; the columns are: ${fields.join(', ')}`);
    return field;
  };
  if (options.wktField) return { wkt: need(options.wktField) };
  if (options.lonField || options.latField) {
    if (!options.lonField || !options.latField) throw new InputError(file, 'give both the longitude and the latitude column');
    return { lon: need(options.lonField), lat: need(options.latField) };
  }
  const lon = findField(fields, FIELD_NAMES.lon);
  const lat = findField(fields, FIELD_NAMES.lat);
  const wkt = findField(fields, FIELD_NAMES.wkt);
  // A column named exactly "wkt" beside lon/lat (as our CSV exports write) holds the true shape.
  if (wkt && (!lon || !lat || wkt.trim().toLowerCase() === 'wkt')) return { wkt };
  if (lon && lat) return { lon, lat };
  const location = findField(fields, FIELD_NAMES.location);
  if (location) return { location };
  const half = lon ? `a longitude column (${lon}) but no latitude column; ` : lat ? `a latitude column (${lat}) but no longitude column; ` : '';
  throw new InputError(
    file,
    `no coordinate columns found: ${half}need lon/lat (or lng, longitude, x/y, 经度/纬度), a WKT column (wkt, geometry) or a "lng,lat" location column; the columns are: ${fields.join(', ')}`,
  );
}

function guessDelimiter(text: string, file: string): string {
  const ext = extensionOf(file);
  if (ext === 'tsv' || ext === 'tab') return '\t';
  const sample = text.slice(0, 65536);
  const meta = Papa.parse<string[]>(sample, { preview: 20, delimitersToGuess: [',', '\t', ';', '|'] }).meta;
  return meta.delimiter || ',';
}

/** A CSV's text: its first piece (the header, for sniffing), every piece in order, how it was decoded. */
interface CsvText {
  first: string;
  pieces: Iterable<string>;
  warnings: InputWarning[];
  encoding: string;
}

/** A CSV of ordinary size: one piece. */
function wholeText(bytes: Uint8Array, file: string, encoding: string | undefined, limits: Limits): CsvText {
  const decoded = decodeText(bytes, file, encoding, limits);
  const text = decoded.text.replace(/^\uFEFF/, '');
  return { first: text, pieces: [text], warnings: decoded.warnings, encoding: decoded.encoding };
}

/** CSV files larger than this are read a piece at a time (streamedText). */
const STREAM_BYTES = 256 * 1024 * 1024;
/** Bytes of whole rows decoded and parsed at once when streaming. */
const PIECE_BYTES = 32 * 1024 * 1024;

/**
 * A large CSV as pieces of whole rows: each piece ends at a line break outside quotes (quote
 * parity is followed from the start, so a quoted cell holding line breaks is never cut), is
 * decoded alone and handed out when asked for. UTF-8 (BOM or not) or the given encoding; without
 * one, GBK when the first piece is not UTF-8. UTF-16 files this large are refused.
 */
export function streamedText(bytes: Uint8Array, file: string, encoding: string | undefined, pieceBytes = PIECE_BYTES): CsvText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(file, 'a UTF-16 CSV this large cannot be read; save it as UTF-8');
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let inQuote = false;
  let scanned = start;
  /** The end of the piece starting at `from`: the first line break outside quotes past from + pieceBytes. */
  const pieceEnd = (from: number): number => {
    const target = Math.min(bytes.length, from + pieceBytes);
    for (; scanned < target; scanned++) if (bytes[scanned] === 0x22) inQuote = !inQuote;
    for (; scanned < bytes.length; scanned++) {
      const b = bytes[scanned];
      if (b === 0x22) inQuote = !inQuote;
      else if (b === 0x0a && !inQuote) return scanned;
    }
    return bytes.length;
  };
  const warnings: InputWarning[] = [];
  const firstEnd = pieceEnd(start);
  let enc = encoding?.toLowerCase();
  const decoderFor = (name: string) => {
    try {
      return new TextDecoder(name, { fatal: true });
    } catch {
      throw new InputError(file, `unknown text encoding '${name}' (try utf-8 or gbk)`);
    }
  };
  if (!enc) {
    try {
      decoderFor('utf-8').decode(bytes.subarray(start, firstEnd));
      enc = 'utf-8';
    } catch {
      enc = 'gbk';
      warnings.push({ source: file, feature: 'all features', reason: 'not valid UTF-8; read as GBK (Chinese Windows encoding)' });
    }
  }
  const decoder = decoderFor(enc);
  // A piece without its line break (and a CR before it): no empty row between pieces.
  const decode = (from: number, to: number): string => {
    const end = to > from && bytes[to - 1] === 0x0d ? to - 1 : to;
    try {
      return decoder.decode(bytes.subarray(from, end));
    } catch {
      throw new InputError(file, `the bytes from ${from.toLocaleString('en-US')} are not valid ${enc} text; give the file's encoding, e.g. --encoding gb18030`);
    }
  };
  const first = decode(start, firstEnd);
  function* pieces(): Generator<string> {
    yield first;
    for (let from = firstEnd + 1; from < bytes.length; ) {
      const to = pieceEnd(from);
      yield decode(from, to);
      from = to + 1;
    }
  }
  return { first, pieces: pieces(), warnings, encoding: enc };
}

/** "rows 2, 5, 9 and 4 more". */
function rowList(seen: { count: number; rows: number[] }): string {
  const more = seen.count - seen.rows.length;
  return `row${seen.count === 1 ? '' : 's'} ${seen.rows.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * One coordinate system for the whole file, never row by row: EWKT rows that state an SRID must
 * all state the same one, agree with --epsg when it is given, and leave no row unstated unless the
 * SRID is lon/lat (4326), which unstated rows are judged against anyway. Anything else is mixed,
 * an error naming the rows.
 */
function fileCrs(srids: Map<number | null, { count: number; rows: number[] }>, epsg: number | undefined, stated: SourceCrs | null, file: string): SourceCrs | null {
  const codes = [...srids.keys()].filter((k): k is number => k !== null);
  if (codes.length === 0) return stated;
  const describe = () => [...srids].map(([srid, seen]) => `${srid === null ? 'no SRID' : `SRID=${srid}`} in ${rowList(seen)}`).join('; ');
  if (codes.length > 1) throw new InputError(file, `the rows mix coordinate systems (${describe()}): one file must use one`);
  const [code] = codes;
  if (epsg !== undefined && code !== epsg && !(isLonLat(code) && isLonLat(epsg))) {
    throw new InputError(file, `the rows say SRID=${code} (${rowList(srids.get(code)!)}) but --epsg says ${epsg}`);
  }
  if (stated) return stated;
  if (srids.has(null) && !isLonLat(code)) {
    throw new InputError(file, `the rows mix coordinate systems (${describe()}): give every row the same SRID, or none and --epsg`);
  }
  return isLonLat(code) ? null : crsFromEpsg(code, 'ewkt', file);
}

const isLonLat = (code: number) => epsgDefinition(code)?.startsWith('+proj=longlat') === true;

/** CSV / TSV text (UTF-8, GBK or UTF-16 with BOM) with coordinate, WKT or location columns. */
export const csvLoader: Loader = {
  id: 'csv',
  extensions: ['csv', 'tsv', 'txt', 'tab'],
  sniff(bytes, name) {
    const ext = extensionOf(name);
    if (ext === 'csv' || ext === 'tsv' || ext === 'tab') return 0.9;
    const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
    if (/^[^\n{[<]*[,;\t|][^\n]*\r?\n/.test(head)) return ext === 'txt' ? 0.7 : 0.4;
    return ext === 'txt' ? 0.3 : 0;
  },
  async load(bytes, file, options, onProgress) {
    const limits = limitsOf(options.limits);
    // Past STREAM_BYTES the file is decoded and parsed a piece of whole rows at a time, never as one string.
    const decoded = bytes.length > STREAM_BYTES ? streamedText(bytes, file, options.encoding) : wholeText(bytes, file, options.encoding, limits);
    const { first, pieces } = decoded;
    if (first.trim() === '') throw new InputError(file, bytes.length === 0 ? 'the file is empty (0 bytes)' : 'the file is empty (no header row)');
    const warnings: InputWarning[] = [...decoded.warnings];
    const delimiter = options.delimiter ?? guessDelimiter(first, file);
    const decimalComma = delimiter === ';';
    onProgress?.({ phase: 'read', fraction: 0.05, rows: 0 });

    const features: RawFeature[] = [];
    const labels: string[] = [];
    // A population file is kept as a table (its columns' values per row), never as a feature object per row.
    let table = null as FeatureTable | null;
    let names: string[] | null = null;
    let columns: GeometryColumns | null = null;
    let geom: { lon: number; lat: number } | { wkt: number } | { location: number } | null = null;
    let idColumn = -1;
    const stated: SourceCrs | null = options.epsg !== undefined ? crsFromEpsg(options.epsg, 'option', file) : null;
    let row = 0; // spreadsheet row number: the header is row 1
    let read = 0;
    let skipped = 0;
    let charsDone = 0;
    let failure: unknown = null;

    // The SRIDs the WKT rows state (null: none), with the first rows of each, to rule per file.
    const srids = new Map<number | null, { count: number; rows: number[] }>();
    const noteSrid = (srid: number | null) => {
      const seen = srids.get(srid) ?? { count: 0, rows: [] };
      seen.count++;
      if (seen.rows.length < 3) seen.rows.push(row);
      srids.set(srid, seen);
    };
    let label = '';
    // One closure for all rows (not one each): this runs millions of times.
    const skip = (reason: string) => {
      skipped++;
      warnings.push({ source: file, feature: label, reason: `${reason}; skipped` });
    };
    const onRow = (cells: string[]) => {
      row++;
      if (cells.length === 1 && cells[0].trim() === '') return;
      if (names === null) {
        if (cells.every((c) => NUMERIC.test(c) || c.trim() === '')) {
          throw new InputError(file, `the first row holds numbers (${cells.slice(0, 3).join(', ')}), not column names: add a header row such as lon,lat,population`);
        }
        if (cells.length > limits.csvColumns) throw overLimit(file, 'csvColumns', limits, `the header has ${cells.length.toLocaleString('en-US')} columns`);
        names = headerNames(cells, file, warnings);
        if (options.role === 'population') table = new FeatureTable(names.filter((n) => n !== ''));
        columns = pickGeometryColumns(names, options, file);
        const at = (f: string) => names!.indexOf(f);
        geom = 'lon' in columns ? { lon: at(columns.lon), lat: at(columns.lat) } : 'wkt' in columns ? { wkt: at(columns.wkt) } : { location: at(columns.location) };
        const idField = findField(names.filter((n) => n !== ''), FIELD_NAMES.id);
        idColumn = idField ? at(idField) : -1;
        return;
      }
      read++;
      if (read > limits.features) throw overLimit(file, 'features', limits, `more than ${limits.features.toLocaleString('en-US')} rows`);
      const h = names;
      const id = idColumn >= 0 ? (cells[idColumn] ?? '').trim() : '';
      label = id !== '' ? id : `row ${row}`;
      if (cells.length < h.length && cells.every((c) => c.trim() === '')) return void read--;
      let geometry: Geometry;
      const g = geom!;
      if ('lon' in g) {
        const lonCell = cells[g.lon] ?? '';
        const latCell = cells[g.lat] ?? '';
        if (lonCell.trim() === '' && latCell.trim() === '') {
          return skip(cells.length < h.length ? `has ${cells.length} fields, the header has ${h.length}; no coordinates` : 'no coordinates (longitude and latitude are empty)');
        }
        if (lonCell.trim() === '') return skip(`no coordinates: the longitude cell (${columns && 'lon' in columns ? columns.lon : 'lon'}) is empty`);
        if (latCell.trim() === '') return skip(`no coordinates: the latitude cell (${columns && 'lat' in columns ? columns.lat : 'lat'}) is empty`);
        const lon = coordinate(lonCell, decimalComma);
        const lat = coordinate(latCell, decimalComma);
        if (!Number.isFinite(lon)) return skip(`bad coordinates: longitude ${JSON.stringify(lonCell)} is not a number`);
        if (!Number.isFinite(lat)) return skip(`bad coordinates: latitude ${JSON.stringify(latCell)} is not a number`);
        geometry = { type: 'Point', coordinates: [lon, lat] };
      } else if ('wkt' in g) {
        const cell = cells[g.wkt] ?? '';
        if (cell.trim() === '') return skip('no geometry (the WKT cell is empty)');
        const parsed = parseWkt(cell, limits.nestingDepth);
        if ('error' in parsed) return skip(parsed.error);
        noteSrid(parsed.srid ?? null);
        geometry = parsed.geometry;
      } else {
        const cell = (cells[g.location] ?? '').trim();
        const parts = cell.split(/\s*[,;]\s*|\s+/);
        const [lon, lat] = parts.map(decimalNumber);
        if (cell === '') return skip('no coordinates (the location cell is empty)');
        if (parts.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat)) return skip(`bad coordinates: location ${JSON.stringify(cell)} is not "lng,lat"`);
        geometry = { type: 'Point', coordinates: [lon, lat] };
      }
      if (cells.length !== h.length) {
        warnings.push({ source: file, feature: label, reason: `has ${cells.length} fields, the header has ${h.length}; ${cells.length > h.length ? 'extra fields dropped' : 'missing fields left empty'}` });
      }
      if (table) {
        const values: string[] = [];
        for (let j = 0; j < h.length; j++) if (h[j] !== '') values.push(cells[j] ?? '');
        return table.add(geometry, values, label);
      }
      const properties: Record<string, unknown> = {};
      for (let j = 0; j < h.length; j++) if (h[j] !== '') properties[h[j]] = cells[j] ?? '';
      features.push({ type: 'Feature', geometry, properties });
      labels.push(label);
    };

    const totalChars = bytes.length > STREAM_BYTES ? bytes.length : first.length;
    // Each piece through papaparse in turn; rows, warnings and features carry on across pieces.
    const parsePiece = async (text: string): Promise<void> => {
      await new Promise<void>((resolve, reject) => {
        Papa.parse<string[]>(text, {
          delimiter,
          chunkSize: CHUNK_CHARS,
          skipEmptyLines: false,
          chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
            const rowBase = row;
            for (const e of results.errors) {
              if (e.code === 'MissingQuotes' && typeof e.row === 'number') {
                warnings.push({ source: file, feature: `row ${rowBase + e.row + 1}`, reason: 'a quote (") is never closed: the rest of the file was read into one cell' });
              }
            }
            try {
              for (const cells of results.data) onRow(cells);
            } catch (err) {
              failure = err;
              parser.abort();
              return;
            }
            charsDone += CHUNK_CHARS;
            onProgress?.({ phase: 'features', fraction: 0.05 + 0.85 * Math.min(1, charsDone / totalChars), rows: read });
            // Pause so the event loop runs: progress messages go out and a cancel can arrive.
            parser.pause();
            setTimeout(() => {
              if (options.signal?.aborted) {
                failure = new LoadCancelled(file);
                parser.abort();
              } else parser.resume();
            }, 0);
          },
          complete: () => (failure ? reject(failure) : resolve()),
        });
      });
      if (failure) throw failure;
    };
    for (const text of pieces) await parsePiece(text);
    await checkpoint(options, file);
    if (names === null) throw new InputError(file, 'the file is empty (no header row)');
    if (read === 0) throw noFeatures(file, options, 'the file has a header row but no data rows');
    if ((table?.count ?? features.length) === 0) throw noUsableFeatures(file, 'rows', warnings.filter((w) => w.reason.endsWith('; skipped')), read);
    const known = fileCrs(srids, options.epsg, stated, file);
    const fields = (names as string[]).filter((n) => n !== '');
    return finish(
      { file, format: 'csv', features, labels, table: table ?? undefined, fields, read, skipped, warnings, known, encoding: decoded.encoding, geometryColumns: columns ?? undefined },
      options,
      onProgress,
    );
  },
};
