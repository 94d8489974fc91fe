import {
  applyMapping,
  InputError,
  loadFile,
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
  const take = (id: number): LoadResult => {
    const result = pending.get(id);
    if (!result) throw new Error(`load ${id} is no longer available; load the file again`);
    return result;
  };
  return {
    /** A file read: a travel-cost table (by its header, or gzip) as a matrix, anything else as a layer. */
    async load(bytes: ArrayBuffer, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadPreview | MatrixPreview> {
      const raw = new Uint8Array(bytes);
      const sniffed = sniffCostMatrix(raw, name);
      if (sniffed) {
        const id = nextId++;
        matrices.set(id, { bytes: raw, name, fields: sniffed.fields, matrix: null });
        return previewMatrix(id, sniffed.columns);
      }
      const result = await loadFile(bytes, name, options, onProgress).catch((err: unknown) => {
        throw err instanceof InputError ? new InputError(err.source, withoutCliHint(err.reason)) : err;
      });
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
    discard(id: number): void {
      pending.delete(id);
      matrices.delete(id);
    },
  };
}

export type LoaderApi = ReturnType<typeof createLoaderApi>;
