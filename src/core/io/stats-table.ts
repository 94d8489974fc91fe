import Papa from 'papaparse';
import { InputError, type InputWarning } from '../errors.ts';
import { decodeText } from './bytes.ts';
import { limitsOf, overLimit, type Limits } from './limits.ts';
import { isXlsx, readXlsxRows, type TableCell } from './xlsx.ts';

/**
 * A statistics table without geometry — population by community (社区) or sub-district (街道), as
 * planners receive it in Excel or CSV. Rows are arrays aligned with `columns` (never objects keyed
 * by a file's header, so a header such as `__proto__` is just a name).
 */
export interface StatsTable {
  file: string;
  format: 'xlsx' | 'csv';
  /** The sheet read (workbooks), with every sheet's name. */
  sheet: string | null;
  sheets: string[];
  /** Header names, trimmed; repeated ones get ` (2)`, ` (3)`… */
  columns: string[];
  /** Data rows below the header; empty rows left out. */
  rows: TableCell[][];
  /** The 1-based row number in the sheet or file of each data row, for messages. */
  rowNumbers: number[];
  warnings: InputWarning[];
}

export interface StatsTableOptions {
  /** Workbooks: the sheet to read; default the first. */
  sheet?: string;
  /** CSV: the text encoding (default UTF-8, else GBK). */
  encoding?: string;
  limits?: Partial<Limits>;
  /** The header row is the first that holds this column (title rows above it are skipped); without it, the first row with two or more cells. */
  key?: string;
}

/** How far down a sheet the header row is looked for (title rows above the table). */
const HEADER_SEARCH_ROWS = 50;

const isBlank = (c: TableCell) => c === null || (typeof c === 'string' && c.trim() === '');
const text = (c: TableCell) => (c === null ? '' : String(c).trim());

/**
 * Reads a CSV/TSV (UTF-8 or GBK) or an `.xlsx` workbook (first sheet, or `options.sheet`) as a
 * table: the header row (see `StatsTableOptions.key`), then the rows below it. A table with no
 * header, no rows or more columns than the csv-columns limit is refused naming the file.
 */
export async function readStatsTable(bytes: Uint8Array, file: string, options: StatsTableOptions = {}): Promise<StatsTable> {
  const limits = limitsOf(options.limits);
  let raw: TableCell[][];
  let sheet: string | null = null;
  let sheets: string[] = [];
  const warnings: InputWarning[] = [];
  let format: StatsTable['format'];
  if (isXlsx(bytes)) {
    const read = await readXlsxRows(bytes, file, options.sheet, options.limits);
    raw = read.rows;
    sheet = read.sheet;
    sheets = read.sheets;
    format = 'xlsx';
  } else {
    if (options.sheet !== undefined) throw new InputError(file, `--sheet ${JSON.stringify(options.sheet)} is for Excel workbooks (.xlsx); this file is text`);
    const decoded = decodeText(bytes, file, options.encoding, limits);
    warnings.push(...decoded.warnings);
    const parsed = Papa.parse<string[]>(decoded.text, { delimitersToGuess: [',', '\t', ';', '|'], skipEmptyLines: false });
    raw = parsed.data;
    format = 'csv';
  }
  if (raw.length > limits.features + HEADER_SEARCH_ROWS) throw overLimit(file, 'features', limits, `more than ${limits.features.toLocaleString('en-US')} rows`);
  const key = options.key?.trim();
  let header = -1;
  for (let r = 0; r < Math.min(raw.length, HEADER_SEARCH_ROWS) && header < 0; r++) {
    const row = raw[r];
    if (key !== undefined ? row.some((c) => text(c) === key) : row.filter((c) => !isBlank(c)).length >= 2) header = r;
  }
  if (header < 0) {
    throw new InputError(
      file,
      key !== undefined
        ? `no column ${JSON.stringify(key)} in the first ${HEADER_SEARCH_ROWS} rows${sheet !== null ? ` of sheet ${JSON.stringify(sheet)}` : ''}; the first row holds: ${(raw[0] ?? []).map(text).filter(Boolean).join(', ') || '(nothing)'}`
        : 'no header row: no row in the first 50 has two or more cells',
    );
  }
  const headerRow = raw[header];
  if (headerRow.length > limits.csvColumns) throw overLimit(file, 'csvColumns', limits, `the header has ${headerRow.length.toLocaleString('en-US')} columns`);
  const columns: string[] = [];
  const seen = new Map<string, number>();
  headerRow.forEach((c, i) => {
    const name = text(c) || `column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    columns.push(n === 1 ? name : `${name} (${n})`);
  });
  const rows: TableCell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = header + 1; r < raw.length; r++) {
    const row = raw[r];
    if (row.every(isBlank)) continue;
    rows.push(columns.map((_, i) => {
      const c = row[i] ?? null;
      return typeof c === 'string' && c.trim() === '' ? null : c;
    }));
    rowNumbers.push(r + 1);
  }
  if (rows.length === 0) throw new InputError(file, `no rows below the header (${columns.join(', ')})${sheet !== null ? ` in sheet ${JSON.stringify(sheet)}` : ''}`);
  return { file, format, sheet, sheets, columns, rows, rowNumbers, warnings };
}
