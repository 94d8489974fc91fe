import {
  applyMapping,
  InputError,
  loadFile,
  pixelId,
  type PopulationGrid,
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
  let nextId = 1;
  const take = (id: number): LoadResult => {
    const result = pending.get(id);
    if (!result) throw new Error(`load ${id} is no longer available; load the file again`);
    return result;
  };
  return {
    async load(bytes: ArrayBuffer, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadPreview> {
      const result = await loadFile(bytes, name, options, onProgress).catch((err: unknown) => {
        throw err instanceof InputError ? new InputError(err.source, withoutCliHint(err.reason)) : err;
      });
      const id = nextId++;
      pending.set(id, result);
      const { file, format, fields, suggestedRole, suggestedMapping, geometryColumns, encoding, crs, report, warnings, grid } = result;
      const summary = { file, format, fields, suggestedRole, suggestedMapping, geometryColumns, encoding, crs, report };
      const preview = { ...summary, id, warnings: warnings.slice(0, MAX_WARNINGS), warningCount: warnings.length };
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
    discard(id: number): void {
      pending.delete(id);
    },
  };
}

export type LoaderApi = ReturnType<typeof createLoaderApi>;
