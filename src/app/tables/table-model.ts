import type { Geometry } from 'geojson';
import Papa from 'papaparse';
import { neutraliseCell } from '../../core/index.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The planner's tables: facilities of the analysed type, urban villages, proposed sites, any loaded layer's features. */
export const TABLE_IDS = ['facilities', 'villages', 'proposals', 'features'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  key: string;
  /** A message key for the built-in tables; a layer's own property name is shown as it is. */
  label: { key: MessageKey } | { text: string };
  /** `status`: a utilisation status word (under, near, over), shown in the user's language. */
  kind: 'text' | 'number' | 'percent' | 'boolean' | 'status';
}

/** Where a row is on the map: a point to fly to, or bounds to frame. */
export type RowPlace = { lngLat: [number, number] } | { bounds: [number, number, number, number] };

export interface TableRow {
  id: string;
  values: Record<string, CellValue>;
  place: RowPlace | null;
  /** A polygon's or line's own geometry (shared, not copied), outlined when the row is selected. */
  shape?: Geometry;
}

export interface Table {
  id: TableId;
  columns: TableColumn[];
  rows: TableRow[];
}

export interface TableView {
  sortKey: string | null;
  descending: boolean;
  /** Rows holding this text in any column (case and width of letters ignored). */
  filter: string;
}

const folded = (v: CellValue) => (v === null ? '' : String(v).normalize('NFKC').toLowerCase());

/**
 * The rows shown: those matching the filter, sorted by one column (numbers as numbers, text in
 * the locale's order with digits compared as numbers, so "No. 9" comes before "No. 10"); empty
 * values last whichever way. Ties keep the table's order, so a sort is stable.
 */
export function viewRows(table: Table, view: TableView, locale: string): TableRow[] {
  const needle = view.filter.trim().normalize('NFKC').toLowerCase();
  const rows = needle === '' ? table.rows.slice() : table.rows.filter((r) => r.id.toLowerCase().includes(needle) || Object.values(r.values).some((v) => folded(v).includes(needle)));
  const column = table.columns.find((c) => c.key === view.sortKey);
  if (!column) return rows;
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = view.descending ? -1 : 1;
  const empty = (v: CellValue) => v === null || v === '' || (typeof v === 'number' && Number.isNaN(v));
  return rows
    .map((row, order) => ({ row, order, v: row.values[column.key] ?? null }))
    .sort((a, b) => {
      if (empty(a.v) || empty(b.v)) return empty(a.v) === empty(b.v) ? a.order - b.order : empty(a.v) ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.order - b.order;
    })
    .map((x) => x.row);
}

/** A number as exported: two decimals at most (people, seats and shares need no more). */
const exported = (v: CellValue): CellValue => (typeof v === 'number' ? Math.round(v * 100) / 100 : v);

/**
 * The rows shown as CSV: the labels as the header, `text` turning a status word into the user's
 * language, every cell neutralised against formula injection.
 */
export function tableCsv(columns: readonly TableColumn[], rows: readonly TableRow[], label: (c: TableColumn) => string, text: (c: TableColumn, v: CellValue) => CellValue = (_, v) => v): string {
  const header = columns.map((c) => neutraliseCell(label(c)));
  const body = rows.map((r) => columns.map((c) => neutraliseCell(exported(text(c, r.values[c.key] ?? null)))));
  return Papa.unparse([header, ...body], { newline: '\r\n' });
}
