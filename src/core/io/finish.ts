import { InputError, type InputWarning } from '../errors.ts';
import { type SourceCrs, toWgs84 } from './crs.ts';
import type { FeatureTable } from './feature-table.ts';
import { suggestMapping, suggestRole } from './fields.ts';
import { limitsOf } from './limits.ts';
import { LoadCancelled, type FormatId, type GeometryColumns, type LoadOptions, type LoadResult, type LoadProgressCallback, type RawFeature, type Role } from './types.ts';

/** How messages name a role's layer ("no features: the facility layer is empty"). */
export const LAYER_NAMES: Record<Role, string> = {
  population: 'population',
  villages: 'urban-village',
  facilities: 'facility',
  candidates: 'candidate-site',
  exclusions: 'exclusion-zone',
  roads: 'road',
  boundary: 'boundary',
  zones: 'attendance-zone',
};

export function noFeatures(file: string, options: LoadOptions, what: string): InputError {
  return new InputError(file, options.role ? `no features: the ${LAYER_NAMES[options.role]} layer is empty` : `no features: ${what}`);
}

/**
 * Lets the event loop run (so a worker sees a cancel message and posts progress) and stops when
 * the signal has aborted. Loaders call it between chunks.
 */
export async function checkpoint(options: LoadOptions, file: string): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (options.signal?.aborted) throw new LoadCancelled(file);
}

export interface Parsed {
  file: string;
  format: FormatId;
  /** The features as objects, or (`table`) none: they are then in the table. */
  features: RawFeature[];
  /** Parallel to features: how warnings name each (id, `row N` or `feature N`). */
  labels: string[];
  /** A population file's features held compactly (`LoadOptions.role` population), in place of `features`. */
  table?: FeatureTable;
  fields: string[];
  read: number;
  skipped: number;
  warnings: InputWarning[];
  known?: SourceCrs | null;
  encoding?: string;
  geometryColumns?: GeometryColumns;
}

/** Features the role is suggested from (`suggestRole` looks at the first 10,000). */
const ROLE_SAMPLE = 10_000;

/** The steps every format shares: coordinates to WGS84, then role and field suggestions. */
export function finish(p: Parsed, options: LoadOptions, onProgress?: LoadProgressCallback): LoadResult {
  onProgress?.({ phase: 'coordinates', fraction: 0.95, rows: p.read });
  const { table } = p;
  const { crs, warnings } = toWgs84(table ?? p.features, { file: p.file, fields: p.fields, known: p.known, coordinateSystem: options.coordinateSystem, limits: limitsOf(options.limits) });
  const suggestedMapping = suggestMapping(p.fields);
  const sample = table ? Array.from({ length: Math.min(ROLE_SAMPLE, table.count) }, (_, i) => table.feature(i)) : p.features;
  const result: LoadResult = {
    file: p.file,
    format: p.format,
    features: p.features,
    labels: p.labels,
    fields: p.fields,
    suggestedRole: suggestRole(p.file, sample, suggestedMapping),
    suggestedMapping,
    crs,
    report: { read: p.read, used: table ? table.count : p.features.length, skipped: p.skipped },
    warnings: [...p.warnings, ...warnings],
  };
  if (p.encoding) result.encoding = p.encoding;
  if (p.geometryColumns) result.geometryColumns = p.geometryColumns;
  onProgress?.({ phase: 'coordinates', fraction: 1, rows: p.read });
  if (!table) return result;
  // The objects are built only if something asks for them (the population layer maps the table).
  let built: { features: RawFeature[]; labels: string[] } | null = null;
  const lazy = () =>
    (built ??= {
      features: Array.from({ length: table.count }, (_, i) => table.feature(i)),
      labels: Array.from({ length: table.count }, (_, i) => table.labels.get(i)),
    });
  return Object.defineProperties({ ...result, table }, {
    features: { get: () => lazy().features, enumerable: true },
    labels: { get: () => lazy().labels, enumerable: true },
  });
}
