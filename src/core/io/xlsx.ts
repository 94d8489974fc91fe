import { zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { InputError } from '../errors.ts';
import { limitsOf, overLimit, type Limits } from './limits.ts';
import { readZipEntries, zipDirectory, ZipFormatError } from './zip.ts';

/** A cell as a statistics table holds it: text, a number, or empty. */
export type TableCell = string | number | null;

/** One sheet of a workbook as rows of cells. */
export interface SheetRows {
  /** The sheet read. */
  sheet: string;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
  rows: TableCell[][];
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** `.xlsx` bytes start like every zip. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Column letters (A, Z, AA, XFD) as a 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Row (`<row r="N">`) and cell (`<c r="B7">`) references, in either quote style, with or without a namespace prefix. */
const REFERENCE = /<(?:[A-Za-z_][\w.-]*:)?(row|c)\b[^>]*?\sr\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The furthest row and column a worksheet's XML names. A sheet is read into rows padded to its
 * widest row, so one cell at XFD1048576 in an otherwise tiny file would ask for 17 billion slots:
 * these bounds are checked before the sheet is parsed.
 */
export function sheetExtent(xml: string): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  for (const m of xml.matchAll(REFERENCE)) {
    const ref = (m[2] ?? m[3] ?? '').trim().toUpperCase();
    if (m[1] === 'row') {
      const r = Number(ref);
      if (Number.isFinite(r) && r > rows) rows = r;
      continue;
    }
    const cell = /^([A-Z]{1,7})(\d{1,15})$/.exec(ref);
    if (!cell) continue;
    columns = Math.max(columns, columnNumber(cell[1]));
    rows = Math.max(rows, Number(cell[2]));
  }
  return { rows, columns };
}

function cellOf(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * The rows of one sheet of an `.xlsx` workbook (the first, or `sheet` by name), read with
 * read-excel-file. Guarded first, since that library inflates and pads whatever it is given: the
 * parts it reads (.xml, .rels) are inflated here by the bounded zip reader (entry count, declared
 * and actual sizes within zip-bytes, so a zip bomb costs at most the limit) and handed to it
 * stored, never compressed; each worksheet's furthest row and column must lie within the features
 * and csv-columns limits and its rows × columns within features × 10 before it is parsed. A
 * damaged workbook, a missing sheet or any refusal is an InputError naming the file.
 */
export async function readXlsxRows(bytes: Uint8Array, file: string, sheet: string | undefined, given?: Partial<Limits>): Promise<SheetRows> {
  const limits = limitsOf(given);
  let parts: Map<string, Uint8Array>;
  try {
    const entries = zipDirectory(bytes, file, limits).filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.xml.rels'));
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new InputError(file, 'not an Excel workbook (.xlsx): the zip has no xl/workbook.xml');
    parts = readZipEntries(bytes, entries, file, limits);
  } catch (err) {
    if (err instanceof ZipFormatError) throw new InputError(file, `not a readable .xlsx workbook: ${err.message}`);
    throw err;
  }
  const decoder = new TextDecoder();
  for (const [name, part] of parts) {
    if (!name.startsWith('xl/worksheets/')) continue;
    if (part.length > limits.textBytes) throw overLimit(file, 'textBytes', limits, `the sheet ${name} holds ${fmt(part.length)} bytes of text`);
    const extent = sheetExtent(decoder.decode(part));
    if (extent.rows > limits.features) throw overLimit(file, 'features', limits, `the sheet ${name} reaches row ${fmt(extent.rows)}`);
    if (extent.columns > limits.csvColumns) throw overLimit(file, 'csvColumns', limits, `the sheet ${name} reaches column ${fmt(extent.columns)}`);
    if (extent.rows * extent.columns > limits.features * 10) {
      throw overLimit(file, 'features', limits, `the sheet ${name} spans ${fmt(extent.rows)} rows × ${fmt(extent.columns)} columns = ${fmt(extent.rows * extent.columns)} cells, more than 10 × the features limit`);
    }
  }
  const stored = zipSync(Object.fromEntries(parts), { level: 0 });
  let workbook: { sheet: string; data: unknown[][] }[];
  try {
    workbook = (await readXlsxFile(stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer)) as { sheet: string; data: unknown[][] }[];
  } catch (err) {
    throw new InputError(file, `not a readable .xlsx workbook: ${err instanceof Error ? err.message : String(err)}`);
  }
  const sheets = workbook.map((s) => s.sheet);
  if (workbook.length === 0) throw new InputError(file, 'the workbook has no sheets');
  const chosen = sheet === undefined ? workbook[0] : workbook.find((s) => s.sheet === sheet);
  if (!chosen) throw new InputError(file, `no sheet named ${JSON.stringify(sheet)} (sheets: ${sheets.map((s) => JSON.stringify(s)).join(', ')})`);
  return { sheet: chosen.sheet, sheets, rows: chosen.data.map((row) => row.map(cellOf)) };
}
