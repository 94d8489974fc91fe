import type { Feature, Geometry } from 'geojson';
import type { TextColumn } from './text-column.ts';

/**
 * A population of points or polygons held as columns, never as an object per feature: what the
 * CLI reads a large population file into (millions of addresses or cells). Feature k of the table
 * is feature k of the mapped layer (`featureIndex` k): the engine reads its id, residents and
 * point (a polygon's area centroid, with its spread) from the columns, and builds its geometry and
 * exported properties only when asked for one feature.
 */
export interface PopulationTable {
  kind: 'population-table';
  count: number;
  /** The features' ids, as the engine names their cells. */
  ids: TextColumn;
  /** Residents as given, before any growth factor. */
  population: Float64Array;
  /** The point, or the polygon's area centroid. */
  lng: Float64Array;
  lat: Float64Array;
  /** Polygons: the radius of gyration in metres (`polygonShape`); points: 0. */
  spreadM: Float64Array;
  /** Every feature's properties have the same keys in the same order (a CSV's columns). */
  sameKeys: boolean;
  /** Registered residents and migrants, when the file gives them (NaN where a feature gives its total alone). */
  registered?: Float64Array;
  migrants?: Float64Array;
  /** Whether feature k is a polygon (then `geometry(k)` is its Polygon or MultiPolygon). */
  polygonal: Uint8Array;
  /** Feature k's geometry as GeoJSON, built for this call. */
  geometry(k: number): Geometry;
  /** Feature k's properties as the mapped layer has them (the file's own with the schema's), built for this call. */
  properties(k: number): Record<string, unknown>;
}

export function isPopulationTable(value: unknown): value is PopulationTable {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'population-table';
}

/** Feature k of the table as a GeoJSON feature (exports, `load --out`). */
export function tableFeature(table: PopulationTable, k: number): Feature<Geometry, Record<string, unknown>> {
  return { type: 'Feature', geometry: table.geometry(k), properties: table.properties(k) };
}

/** Every feature of the table, one at a time. */
export function* tableFeatures(table: PopulationTable): Generator<Feature<Geometry, Record<string, unknown>>> {
  for (let k = 0; k < table.count; k++) yield tableFeature(table, k);
}
