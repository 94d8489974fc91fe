import type { Feature, Geometry } from 'geojson';
import type { PopulationGrid } from '../demand/population-grid.ts';
import type { PopulationTable } from '../demand/population-table.ts';
import type { InputWarning } from '../errors.ts';
import type { FacilityType } from '../schema.ts';
import type { FeatureTable } from './feature-table.ts';
import type { ByteSource } from './geojson-stream.ts';
import type { Limits } from './limits.ts';

/** What a loaded file is for in the plan; the UI asks the user to confirm the suggested one. */
export const ROLES = ['population', 'villages', 'facilities', 'candidates', 'exclusions', 'roads', 'boundary', 'zones'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** How the numbers in a file relate to WGS84 lon/lat (Amap/Tencent: gcj02, Baidu: bd09). */
export type CoordinateSystem = 'wgs84' | 'gcj02' | 'bd09';

/** A feature as loaded: WGS84 geometry (or null), the file's own properties untouched. */
export type RawFeature = Feature<Geometry | null, Record<string, unknown>>;

export interface LoadOptions {
  /** Text encoding of CSV/TSV/GeoJSON/DBF; default: UTF-8, or GBK when the bytes are not UTF-8. */
  encoding?: string;
  /** EPSG code of the file's coordinates when the file does not say (no .prj). */
  epsg?: number;
  /**
   * The user's answer to the GCJ-02 / BD-09 prompt: convert from it to WGS84 ('wgs84' = the
   * numbers are already WGS84). Without it a suspect file is loaded unconverted and flagged.
   */
  coordinateSystem?: CoordinateSystem;
  /** CSV: the columns holding longitude and latitude, or WKT, overriding auto-detection. */
  lonField?: string;
  latField?: string;
  wktField?: string;
  /** CSV: the delimiter, overriding sniffing. */
  delimiter?: string;
  /** GeoTIFF: the window to read, WGS84 [west, south, east, north] (the boundary or the view). */
  bbox?: [number, number, number, number];
  /** Limits raised or lowered from DEFAULT_LIMITS (limits.ts): zip sizes, features, vertices, nesting, pixels, columns. */
  limits?: Partial<Limits>;
  /** Zipped shapefile with several layers: the .shp to read (its name inside the zip). */
  layer?: string;
  /**
   * The role the caller already knows (CLI --population …): messages then name the layer. For
   * `population`, CSV and GeoJSON files are read into a compact `LoadResult.table`.
   */
  role?: Role;
  /** Stops the load at the next chunk; the promise rejects with a LoadCancelled error. */
  signal?: AbortSignal;
}

export interface LoadProgress {
  /** 'read': decoding bytes; 'parse': parsing; 'features': building features; 'coordinates': CRS checks. */
  phase: 'read' | 'parse' | 'features' | 'coordinates';
  /** Overall share done, 0..1. */
  fraction: number;
  /** Rows or features handled so far. */
  rows: number;
}

export type LoadProgressCallback = (progress: LoadProgress) => void;

/** Field names of the file that hold each schema property (undefined: not in the file). */
export interface FieldMapping {
  id?: string;
  name?: string;
  population?: string;
  capacity?: string;
  /** Facilities: number of classes; a school without a capacity gets classes × the class size. */
  classes?: string;
  /** Column with the facility type (幼儿园, 小学, primary, …). */
  type?: string;
  /** Every feature is this facility type (a file of primary schools without a type column). */
  fixedType?: FacilityType;
  migrantShare?: string;
  /** Road or land-use class. */
  class?: string;
  /** Population: registered (Hukou) residents living here (户籍人口). */
  registered?: string;
  /** Attendance zones: the zone's id (学区, zone); without it the feature id. */
  zone?: string;
  /** Attendance zones: the id of the zone's school (学校编号, school_id), matched against the facilities' ids. */
  school?: string;
  /** Population: migrants living here without local Hukou (流动人口, 居住证, 暂住人口). */
  migrants?: string;
}

/** The keys of FieldMapping, in the order forms and messages list them. */
export const FIELD_MAPPING_KEYS = ['population', 'capacity', 'classes', 'type', 'fixedType', 'name', 'id', 'migrantShare', 'class', 'registered', 'migrants', 'zone', 'school'] as const satisfies readonly (keyof FieldMapping)[];
export type FieldMappingKey = (typeof FIELD_MAPPING_KEYS)[number];

/**
 * What to do with a facility that has no capacity (the mapped column is empty, or no column is
 * mapped) and no class count: 'standard' keeps it with the preset's standard size (see
 * `standardSiteSize`), flagged as assumed in every result.
 */
export const ASSUME_CAPACITY = ['standard'] as const;
export type AssumeCapacity = (typeof ASSUME_CAPACITY)[number];

/** Choices of a field mapping beyond the columns: the same in the app's dialog, the CLI and a mapping file. */
export interface MappingOptions {
  /**
   * Facility type values and the type each stands for ('Elementary' → 'primary'), tried before
   * the built-in type words (小学, primary school, …). Matched exactly, then trimmed and
   * case-insensitively.
   */
  typeValues?: Readonly<Record<string, FacilityType>>;
  /** Facilities without a capacity or a class count: see AssumeCapacity. Without it they are skipped, or, when no facility has a capacity, kept for coverage only. */
  assumeCapacity?: AssumeCapacity;
  /** Attendance zones: only the features whose `field` holds `value` (as text, trimmed) for every filter (e.g. Year = 2016, Level = Elementary); the others are left out and counted. */
  zoneWhere?: readonly { field: string; value: string }[];
}

/** How the facilities of a mapped layer got their capacity. */
export interface CapacityCounts {
  /** From the mapped capacity column. */
  given: number;
  /** No capacity, but a class count: the engine uses classes × the class size. */
  fromClasses: number;
  /** No capacity or class count, kept with `capacity_assumed: true`: the engine uses the standard size. */
  assumed: number;
  /** No capacity at all (no column, or the column empty everywhere): kept for coverage only. */
  none: number;
  /** Skipped because their capacity was empty while others had one. */
  skipped: number;
}

/** Where a CSV's geometry came from, so a form can show and change it. */
export type GeometryColumns = { lon: string; lat: string } | { wkt: string } | { location: string };

export interface CrsInfo {
  /** What the file's numbers were taken to be, e.g. 'EPSG:4326', 'EPSG:4547', 'unknown'. */
  detected: string;
  /** How: 'assumed' (lon/lat ranges), 'prj', 'option', 'geojson-crs', 'geotiff', 'ewkt' (every WKT row's SRID). */
  source: 'assumed' | 'prj' | 'option' | 'geojson-crs' | 'geotiff' | 'ewkt';
  /** True when coordinates were reprojected, swapped or shifted to WGS84. */
  converted: boolean;
  /** Lat/lon were swapped into lon/lat. */
  swapped?: boolean;
  /** The file is probably GCJ-02 or BD-09 (from its name or fields); `prompt` says what to ask. */
  suspect?: { system: Exclude<CoordinateSystem, 'wgs84'>; hint: string; prompt: string };
  /** The conversion applied on the user's answer, e.g. 'gcj02 → wgs84'. */
  shift?: string;
}

export interface LoadReport {
  /** Features or rows in the file. */
  read: number;
  /** Features kept. */
  used: number;
  /** Features or rows skipped, each with a warning. */
  skipped: number;
}

export type FormatId = 'geojson' | 'csv' | 'geotiff' | 'shapefile';

export interface LoadResult {
  file: string;
  format: FormatId;
  features: RawFeature[];
  /** Parallel to features: how warnings name each feature (its id, else `row N` / `feature N`). */
  labels: string[];
  /** Property names in file order (CSV: all columns, including coordinate columns). */
  fields: string[];
  suggestedRole: Role;
  suggestedMapping: FieldMapping;
  /** CSV only: the columns the geometry was built from. */
  geometryColumns?: GeometryColumns;
  /** Text encoding used (text formats and DBF). */
  encoding?: string;
  crs: CrsInfo;
  report: LoadReport;
  warnings: InputWarning[];
  /**
   * A lon/lat population raster kept as a grid; `features` and `labels` are then built only when
   * read (a city is a million pixels), so code that can take the grid should.
   */
  grid?: PopulationGrid;
  /**
   * A file read for the population role (`LoadOptions.role`) by the CSV or GeoJSON loader: its
   * features held compactly; `features` and `labels` are then built only when read, so code that
   * can take the table should (`applyMapping` does).
   */
  table?: FeatureTable;
}

/** Features mapped onto the schema for one role, ready for the engine. */
export interface MappedLayer {
  file: string;
  role: Role;
  mapping: FieldMapping;
  /** A GeoJSON FeatureCollection: schema properties beside the file's own. */
  collection: { type: 'FeatureCollection'; features: Feature<Geometry, Record<string, unknown>>[] };
  /** read = rows in the file; skipped = at load plus at mapping. */
  report: LoadReport;
  /** Load warnings followed by mapping warnings. */
  warnings: InputWarning[];
  /** Facilities only: how many features got their capacity which way. */
  capacities?: CapacityCounts;
  /** A population raster kept as a grid (`collection` is then empty): what the engine and the map take in its place. */
  grid?: PopulationGrid;
  /** A population read compactly (`LoadResult.table`; `collection` is then empty): what the engine and exports take in its place. */
  table?: PopulationTable;
}

/** One file format: `sniff` scores how likely the bytes are this format (0..1). */
export interface Loader {
  id: FormatId;
  /** Lower-case file extensions without the dot. */
  extensions: readonly string[];
  sniff(bytes: Uint8Array, name: string): number;
  load(bytes: Uint8Array, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadResult>;
  /** Loads from a source read a piece at a time (a large file on disk), where the format can; others get all its bytes. */
  loadSource?(source: ByteSource, name: string, options: LoadOptions, onProgress?: LoadProgressCallback): Promise<LoadResult>;
}

/** Thrown when `options.signal` aborts a load. */
export class LoadCancelled extends Error {
  constructor(readonly file: string) {
    super(`${file}: loading cancelled`);
    this.name = 'LoadCancelled';
  }
}
