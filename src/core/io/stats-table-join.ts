import { InputError, type InputWarning } from '../errors.ts';
import { featureLabel, type LooseFeature } from '../input/features.ts';
import { isUnsafeKey } from './properties.ts';
import { findField } from './fields.ts';
import { JOIN_KEY_NAMES, normaliseJoinKey } from './stats-table-keys.ts';
import type { StatsTable } from './stats-table.ts';

/** One table row joined to one boundary feature. */
export interface JoinedRow {
  /** Index into the table's rows. */
  row: number;
  /** Index into the boundary features. */
  feature: number;
  /** The key as the table writes it. */
  key: string;
  /** The key as the boundary writes it. */
  boundaryKey: string;
}

/** A table joined to a boundary layer: plain data, with every unmatched key named on both sides. */
export interface TableJoin {
  keyColumn: string;
  /** The boundary property the keys were matched against (given, or the one matching most). */
  boundaryField: string;
  matched: JoinedRow[];
  /** Table rows whose key no boundary has: the key as written and the row number in the file. */
  unmatchedRows: { key: string; row: number }[];
  /** Boundaries no row names: the key as written and the feature's label. */
  unmatchedBoundaries: { key: string; feature: string }[];
  warnings: InputWarning[];
}

const keyText = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Keys that occur more than once after normalising, each with where: `建设路 (rows 3, 7)`. */
function duplicates(keys: readonly string[], where: (i: number) => string): string[] {
  const at = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (k === '') return;
    const list = at.get(k);
    if (list) list.push(i);
    else at.set(k, [i]);
  });
  return [...at.values()].filter((l) => l.length > 1).map((l) => l.map(where).join(', '));
}

/**
 * Joins `table` to `boundaries` by the table's `keyColumn` and the boundaries' `boundaryField`
 * (not given: the property whose values match the most keys), comparing keys normalised
 * (`normaliseJoinKey`: full-/half-width, whitespace, 社区/居委会/村委会/街道/办事处 suffixes). A key
 * that occurs twice on either side is an InputError naming each occurrence; rows with an empty key
 * are left out with a warning. Unmatched keys are listed on both sides, by name.
 */
export function joinStatsTable(table: StatsTable, keyColumn: string, boundaries: readonly LooseFeature[], boundarySource: string, boundaryField?: string): TableJoin {
  const k = table.columns.indexOf(keyColumn);
  if (k < 0) throw new InputError(table.file, `no column ${JSON.stringify(keyColumn)}; the columns are: ${table.columns.join(', ')}`);
  const warnings: InputWarning[] = [];
  const rowKeys = table.rows.map((row, i) => {
    const key = normaliseJoinKey(keyText(row[k]));
    if (key === '') warnings.push({ source: table.file, feature: `row ${table.rowNumbers[i]}`, reason: `${keyColumn} is empty; left out` });
    return key;
  });
  const rowDuplicates = duplicates(rowKeys, (i) => `${keyText(table.rows[i][k])} (row ${table.rowNumbers[i]})`);
  if (rowDuplicates.length > 0) throw new InputError(table.file, `duplicate keys in ${keyColumn}: ${rowDuplicates.join('; ')}`);

  const fields: string[] = [];
  for (const f of boundaries) for (const name of Object.keys(f.properties)) if (!isUnsafeKey(name) && !fields.includes(name)) fields.push(name);
  let field = boundaryField;
  if (field !== undefined && !fields.includes(field)) throw new InputError(boundarySource, `no property ${JSON.stringify(field)}; the properties are: ${fields.join(', ') || '(none)'}`);
  if (field === undefined) {
    const wanted = new Set(rowKeys.filter((key) => key !== ''));
    let best = 0;
    for (const name of fields) {
      const hits = boundaries.filter((f) => wanted.has(normaliseJoinKey(keyText(f.properties[name])))).length;
      if (hits > best) {
        best = hits;
        field = name;
      }
    }
    if (field === undefined) {
      throw new InputError(boundarySource, `no property matches any ${keyColumn} of ${table.file} (e.g. ${JSON.stringify(keyText(table.rows[0][k]))}); the properties are: ${fields.join(', ') || '(none)'}; choose one with --boundary-key`);
    }
  }
  const chosen = field;
  const boundaryKeys = boundaries.map((f) => normaliseJoinKey(keyText(f.properties[chosen])));
  const boundaryDuplicates = duplicates(boundaryKeys, (i) => `${keyText(boundaries[i].properties[chosen])} (${featureLabel(boundaries[i], i)})`);
  if (boundaryDuplicates.length > 0) throw new InputError(boundarySource, `duplicate keys in ${chosen}: ${boundaryDuplicates.join('; ')}`);

  const byKey = new Map<string, number>();
  boundaryKeys.forEach((key, i) => key !== '' && byKey.set(key, i));
  const matched: JoinedRow[] = [];
  const unmatchedRows: TableJoin['unmatchedRows'] = [];
  const used = new Set<number>();
  rowKeys.forEach((key, i) => {
    if (key === '') return;
    const feature = byKey.get(key);
    if (feature === undefined) {
      unmatchedRows.push({ key: keyText(table.rows[i][k]), row: table.rowNumbers[i] });
      return;
    }
    used.add(feature);
    matched.push({ row: i, feature, key: keyText(table.rows[i][k]), boundaryKey: keyText(boundaries[feature].properties[chosen]) });
  });
  const unmatchedBoundaries = boundaries.flatMap((f, i) => (used.has(i) ? [] : [{ key: keyText(f.properties[chosen]), feature: featureLabel(f, i) }]));
  return { keyColumn, boundaryField: chosen, matched, unmatchedRows, unmatchedBoundaries, warnings };
}

/**
 * The table column to join by: with boundaries, the one whose values match the most boundary
 * values (of any property, keys normalised); a tie, or no boundaries, goes to the column named
 * like a key (社区名称, 代码, name, … in JOIN_KEY_NAMES order), then the first column. Null for a
 * table without columns.
 */
export function suggestKeyColumn(table: StatsTable, boundaries: readonly LooseFeature[] = []): string | null {
  if (table.columns.length === 0) return null;
  const named = findField(table.columns, JOIN_KEY_NAMES);
  const values = new Set<string>();
  for (const f of boundaries) {
    for (const [name, v] of Object.entries(f.properties)) {
      if (isUnsafeKey(name)) continue;
      const key = normaliseJoinKey(keyText(v));
      if (key !== '') values.add(key);
    }
  }
  let best = named ?? table.columns[0];
  let bestHits = 0;
  if (values.size > 0) {
    const hitsOf = (j: number) => table.rows.filter((row) => values.has(normaliseJoinKey(keyText(row[j])))).length;
    const namedHits = named === undefined ? 0 : hitsOf(table.columns.indexOf(named));
    bestHits = namedHits;
    table.columns.forEach((column, j) => {
      const hits = column === named ? namedHits : hitsOf(j);
      if (hits > bestHits) {
        bestHits = hits;
        best = column;
      }
    });
  }
  return best;
}
