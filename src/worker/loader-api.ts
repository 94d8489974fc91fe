import {
  applyMapping,
  featuresOf,
  FIELD_NAMES,
  findField,
  InputError,
  isXlsx,
  joinedPopulationLayer,
  joinStatsTable,
  loadFile,
  readStatsTable,
  sniffFormat,
  suggestKeyColumn,
  tablePopulation,
  type FigureColumns,
  type InputWarning,
  type LooseFeature,
  type StatsTable,
  type TablePopulation,
  pixelId,
  readCostMatrix,
  sniffCostMatrix,
  type CostColumns,
  type PopulationGrid,
  type SparseCostMatrix,
  type FieldMapping,
  type LoadOptions,
  type LoadProgressCallback,
  type LoadResult,
  type MappedLayer,
  type MappingOptions,
  type Role,
} from '../core/index.ts';

/** Warnings sent to the page at most; the count says how many there were. */
const MAX_WARNINGS = 200;

/** What the page needs to confirm a loaded file: everything but the (possibly huge) features. */
export interface LoadPreview extends Omit<LoadResult, 'features' | 'labels' | 'warnings' | 'grid'> {
  kind: 'layer';
  id: number;
  warnings: LoadResult['warnings'];
  warningCount: number;
  /** The first rows' properties, so the user can check the field mapping. */
  sample: Record<string, unknown>[];
  /** Each field's distinct values (text, at most MAX_VALUES, most frequent first), so type words can be mapped. */
  values: Record<string, string[]>;
}

const MAX_VALUES = 12;

/** Each field's most frequent distinct values; fields with many (names, ids, numbers) are cut short, never listed whole. */
function distinctValues(features: { properties: Record<string, unknown> | null }[], fields: readonly string[]): Record<string, string[]> {
  const counts = new Map<string, Map<string, number>>(fields.map((f) => [f, new Map()]));
  for (const f of features) {
    for (const [field, seen] of counts) {
      const v = f.properties?.[field];
      if (v === null || v === undefined || v === '' || seen.size > 200) continue;
      const text = String(v);
      seen.set(text, (seen.get(text) ?? 0) + 1);
    }
  }
  return Object.fromEntries(
    [...counts].map(([field, seen]) => [field, [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_VALUES).map(([v]) => v)]),
  );
}

/**
 * A travel-cost table read and waiting for confirmation: which columns were taken for what, and
 * what they hold; or, when the columns are not found or do not read, why (the user picks them).
 */
export interface MatrixPreview {
  kind: 'matrix';
  id: number;
  file: string;
  /** The header's fields. */
  fields: string[];
  columns: CostColumns | null;
  read: { pairs: number; origins: number; destinations: number; minCost: number; maxCost: number; sample: { origin: string; destination: string; cost: number }[] } | null;
  error: string | null;
}

/**
 * A statistics table without geometry (CSV or Excel) read and waiting to be joined to community
 * boundaries: its columns and first rows, the columns found for the key and the figures, the
 * boundary file once chosen, and the join's outcome for the last choice (or why it failed).
 */
export interface TablePreview {
  kind: 'table';
  id: number;
  file: string;
  format: StatsTable['format'];
  sheet: string | null;
  sheets: string[];
  columns: string[];
  rowCount: number;
  /** The first rows, each cell as text. */
  sample: string[][];
  /** The key column suggested (by the boundaries' values once they are loaded, else by name). */
  key: string | null;
  /** The figure columns found by name. */
  figures: FigureColumns;
  boundaries: { file: string; features: number; fields: string[] } | null;
  join: JoinPreview | null;
  error: string | null;
  warnings: InputWarning[];
  warningCount: number;
}

/** What a join gave: counts, every unmatched key (up to MAX_WARNINGS a side, with the count) and the totals. */
export interface JoinPreview {
  keyColumn: string;
  boundaryField: string;
  matched: number;
  unmatchedRows: { key: string; row: number }[];
  unmatchedRowCount: number;
  unmatchedBoundaries: { key: string; feature: string }[];
  unmatchedBoundaryCount: number;
  totals: TablePopulation['totals'];
  spread: TablePopulation['spread'];
  features: number;
  cellsOutside: number;
  communitiesWithoutCells: string[];
}

/** The user's choices for a join: the key, the boundary property (default: the one matching most), the figure columns, and the cells to spread over (none: one feature per community). */
export interface JoinChoice {
  key: string;
  boundaryField?: string;
  figures: FigureColumns;
  cells: LooseFeature[] | null;
}

interface PendingTable {
  bytes: Uint8Array;
  name: string;
  options: LoadOptions;
  table: StatsTable;
  boundaries: { file: string; features: LooseFeature[]; fields: string[] } | null;
  join: JoinPreview | null;
  population: TablePopulation | null;
  error: string | null;
}

const cellText = (c: unknown) => (c === null || c === undefined ? '' : String(c));

/** A table has no geometry when no column is named like coordinates or WKT. */
const withoutGeometry = (columns: readonly string[]) => !(['lon', 'lat', 'wkt', 'location'] as const).some((k) => findField(columns, FIELD_NAMES[k]) !== undefined);

/** A limit's refusal without the command line's "raise it with --limit NAME=N", which the app cannot do. */
const withoutCliHint = (reason: string): string => reason.replace(/; raise it with --limit [a-z-]+=N\)/g, ')');

function gridSample(grid: PopulationGrid): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < grid.residents.length && rows.length < 5; i++) if (grid.residents[i] > 0) rows.push({ id: pixelId(grid, i), population: grid.residents[i] });
  return rows;
}

/**
 * File loading in a worker: the parsed file stays here until the user confirms its role and
 * fields, and only the mapped layer crosses back to the page.
 */
export function createLoaderApi() {
  const pending = new Map<number, LoadResult>();
  const matrices = new Map<number, { bytes: Uint8Array; name: string; fields: string[]; matrix: SparseCostMatrix | null }>();
  let nextId = 1;
  const previewMatrix = (id: number, columns: CostColumns | null): MatrixPreview => {
    const m = matrices.get(id);
    if (!m) throw new Error(`load ${id} is no longer available; load the file again`);
    m.matrix = null;
    const base = { kind: 'matrix' as const, id, file: m.name, fields: m.fields, columns };
    if (!columns) return { ...base, read: null, error: null };
    try {
      const matrix = readCostMatrix(m.bytes, m.name, columns);
      m.matrix = matrix;
      const { origins, destinations, costs } = matrix.matrix;
      let minCost = Infinity;
      let maxCost = -Infinity;
      for (const c of costs) {
        if (c < minCost) minCost = c;
        if (c > maxCost) maxCost = c;
      }
      const sample = Array.from({ length: Math.min(5, costs.length) }, (_, p) => ({ origin: matrix.originIds[origins[p]], destination: matrix.destinationIds[destinations[p]], cost: costs[p] }));
      return { ...base, read: { pairs: costs.length, origins: matrix.originIds.length, destinations: matrix.destinationIds.length, minCost, maxCost, sample }, error: null };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { ...base, read: null, error: withoutCliHint(err.reason) };
    }
  };
  const tables = new Map<number, PendingTable>();
  const takeTable = (id: number): PendingTable => {
    const t = tables.get(id);
    if (!t) throw new Error(`load ${id} is no longer available; load the file again`);
    return t;
  };
  const previewTable = (id: number): TablePreview => {
    const t = takeTable(id);
    const { table } = t;
    const figures: FigureColumns = {};
    for (const k of ['population', 'registered', 'migrants'] as const) {
      const column = findField(table.columns, FIELD_NAMES[k]);
      if (column) figures[k] = column;
    }
    const warnings = [...table.warnings, ...(t.population?.warnings ?? [])];
    return {
      kind: 'table',
      id,
      file: t.name,
      format: table.format,
      sheet: table.sheet,
      sheets: table.sheets,
      columns: table.columns,
      rowCount: table.rows.length,
      sample: table.rows.slice(0, 5).map((row) => row.map(cellText)),
      key: suggestKeyColumn(table, t.boundaries?.features),
      figures,
      boundaries: t.boundaries && { file: t.boundaries.file, features: t.boundaries.features.length, fields: t.boundaries.fields },
      join: t.join,
      error: t.error,
      warnings: warnings.slice(0, MAX_WARNINGS),
      warningCount: warnings.length,
    };
  };
  const readTable = async (id: number, bytes: Uint8Array, name: string, options: LoadOptions, sheet?: string): Promise<TablePreview> => {
    const table = await readStatsTable(bytes, name, { sheet, encoding: options.encoding });
    tables.set(id, { bytes, name, options, table, boundaries: tables.get(id)?.boundaries ?? null, join: null, population: null, error: null });
    return previewTable(id);
  };
  const asInputError = (err: unknown) => (err instanceof InputError ? new InputError(err.source, withoutCliHint(err.reason)) : err);
  const take = (id: number): LoadResult => {
    const result = pending.get(id);
    if (!result) throw new Error(`load ${id} is no longer available; load the file again`);
    return result;
  };
  return {
    /** A file read: a travel-cost table (by its header, or gzip) as a matrix, anything else as a layer. */
    async load(bytes: ArrayBuffer, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadPreview | MatrixPreview | TablePreview> {
      const raw = new Uint8Array(bytes);
      const sniffed = sniffCostMatrix(raw, name);
      if (sniffed) {
        const id = nextId++;
        matrices.set(id, { bytes: raw, name, fields: sniffed.fields, matrix: null });
        return previewMatrix(id, sniffed.columns);
      }
      // A workbook is always a statistics table; a CSV is one when it has no coordinate columns.
      if (isXlsx(raw)) return readTable(nextId++, raw, name, options).catch((err: unknown) => Promise.reject(asInputError(err)));
      let result: LoadResult;
      try {
        result = await loadFile(bytes, name, options, onProgress);
      } catch (err) {
        if (err instanceof InputError && sniffFormat(raw, name)?.id === 'csv' && !options.lonField && !options.wktField) {
          const table = await readStatsTable(raw, name, { encoding: options.encoding }).catch(() => null);
          if (table && table.rows.length > 0 && withoutGeometry(table.columns)) return readTable(nextId++, raw, name, options);
        }
        throw asInputError(err);
      }
      const id = nextId++;
      pending.set(id, result);
      const { file, format, fields, suggestedRole, suggestedMapping, geometryColumns, encoding, crs, report, warnings, grid } = result;
      const summary = { file, format, fields, suggestedRole, suggestedMapping, geometryColumns, encoding, crs, report };
      const preview = { ...summary, kind: 'layer' as const, id, warnings: warnings.slice(0, MAX_WARNINGS), warningCount: warnings.length };
      // A raster's pixels are never turned into features here: the sample is its first populated pixels.
      if (grid) return { ...preview, sample: gridSample(grid), values: {} };
      return { ...preview, sample: result.features.slice(0, 5).map((f) => ({ ...f.properties })), values: distinctValues(result.features, fields) };
    },
    /**
     * The file mapped for a role; it stays here so the user can try another mapping. `options`:
     * the dialog's type values and its choice for facilities without a capacity.
     */
    map(id: number, role: Role, mapping: FieldMapping, options?: MappingOptions): MappedLayer {
      return applyMapping(take(id), role, mapping, options);
    },
    /** The matrix read again with other columns. */
    matrixColumns(id: number, columns: CostColumns): MatrixPreview {
      return previewMatrix(id, columns);
    },
    /** The matrix as read, for the engine; the file is let go. */
    takeMatrix(id: number): SparseCostMatrix {
      const m = matrices.get(id);
      if (!m?.matrix) throw new Error(`load ${id}: no travel-cost table has been read; choose its columns`);
      matrices.delete(id);
      return m.matrix;
    },
    /** The workbook read again from another sheet. */
    async tableSheet(id: number, sheet: string): Promise<TablePreview> {
      const t = takeTable(id);
      try {
        return await readTable(id, t.bytes, t.name, t.options, sheet);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        t.error = withoutCliHint(`${err.source}: ${err.reason}`);
        return previewTable(id);
      }
    },
    /** The community boundaries the table is to be joined to: any layer file with polygons. */
    async tableBoundaries(id: number, bytes: ArrayBuffer, name: string): Promise<TablePreview> {
      const t = takeTable(id);
      try {
        const loaded = await loadFile(bytes, name, {});
        const features = featuresOf({ type: 'FeatureCollection', features: loaded.features }, name).filter(
          (f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
        );
        if (features.length === 0) throw new InputError(name, `no polygons: community boundaries must be polygons (the file holds ${loaded.features.length} features of other kinds)`);
        t.boundaries = { file: name, features, fields: loaded.fields };
        t.join = null;
        t.population = null;
        t.error = null;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        t.error = withoutCliHint(`${err.source}: ${err.reason}`);
      }
      return previewTable(id);
    },
    /** The table joined with these choices: the counts, unmatched keys and totals, or why it cannot be joined. */
    tableJoin(id: number, choice: JoinChoice): TablePreview {
      const t = takeTable(id);
      t.join = null;
      t.population = null;
      t.error = null;
      if (!t.boundaries) {
        t.error = 'choose the community boundaries first';
        return previewTable(id);
      }
      try {
        const join = joinStatsTable(t.table, choice.key, t.boundaries.features, t.boundaries.file, choice.boundaryField || undefined);
        const population = join.matched.length > 0 ? tablePopulation(t.table, join, t.boundaries.features, t.boundaries.file, choice.figures, choice.cells ?? undefined) : null;
        t.population = population;
        t.join = {
          keyColumn: join.keyColumn,
          boundaryField: join.boundaryField,
          matched: join.matched.length,
          unmatchedRows: join.unmatchedRows.slice(0, MAX_WARNINGS),
          unmatchedRowCount: join.unmatchedRows.length,
          unmatchedBoundaries: join.unmatchedBoundaries.slice(0, MAX_WARNINGS),
          unmatchedBoundaryCount: join.unmatchedBoundaries.length,
          totals: population?.totals ?? { population: 0, registered: null, migrants: null },
          spread: population?.spread ?? (choice.cells ? 'cells' : 'boundaries'),
          features: population?.collection.features.length ?? 0,
          cellsOutside: population?.cellsOutside ?? 0,
          communitiesWithoutCells: population?.communitiesWithoutCells ?? [],
        };
        if (!population) t.error = `no row of ${t.name} matches a boundary of ${t.boundaries.file} by ${choice.key} and ${join.boundaryField}`;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        t.error = withoutCliHint(`${err.source}: ${err.reason}`);
      }
      return previewTable(id);
    },
    /** The joined table as a population layer; the table is let go. */
    takeTableLayer(id: number): MappedLayer {
      const t = takeTable(id);
      if (!t.population) throw new Error(`${t.name}: the table has not been joined yet; choose the boundaries and the key`);
      const layer = joinedPopulationLayer(t.name, t.population);
      tables.delete(id);
      return layer;
    },
    discard(id: number): void {
      pending.delete(id);
      matrices.delete(id);
      tables.delete(id);
    },
  };
}

export type LoaderApi = ReturnType<typeof createLoaderApi>;
