import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { InputError, isFacilityType, type FacilityType } from '../core/index.ts';
import { applyMapping, DEFAULT_LIMITS, LIMIT_NAMES, loadFile, parseJson, parseLimitSettings, type CoordinateSystem, type Limits, type LoadOptions, type LoadResult, type MappedLayer, type Role } from '../core/io/index.ts';
import type { ByteSource } from '../core/io/geojson-stream.ts';
import { decimalNumber } from '../core/io/numbers.ts';
import { mappingFor, type LayerChoice } from './mapping-options.ts';

export { parseJson, jsonErrorPosition } from '../core/io/index.ts';

/** Reads a file's bytes; any failure is an InputError naming the file. */
export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'ERR_FS_FILE_TOO_LARGE'
            ? 'the file is over 2 GiB, more than is read at once; split it (e.g. by district)'
            : `cannot read file (${code ?? String(err)})`;
    throw new InputError(file, reason);
  }
}

/** Files larger than this are read a piece at a time where the format allows (GeoJSON), never whole. */
const SOURCE_BYTES = 256 * 1024 * 1024;
/** The most one read may ask for at once, as readFileSync allows. */
const MAX_READ = 2 ** 31 - 1;

/**
 * A large file as a byte source read from disk as asked (a 1 GB GeoJSON is then never all in
 * memory), or null for a file small enough to read at once. `close` when done.
 */
function fileSource(file: string): (ByteSource & { close(): void }) | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null; // readBytes names the failure
  }
  const size = fstatSync(fd).size;
  if (size <= SOURCE_BYTES) {
    closeSync(fd);
    return null;
  }
  // One buffer for every read (a window moves sixteen times through a 1 GB file): a new one each
  // time would leave a gigabyte of dead buffers for the collector to notice.
  let buffer = Buffer.alloc(0);
  return {
    size,
    read(offset, length) {
      if (length > MAX_READ) throw new InputError(file, 'the file is over 2 GiB, more than is read at once; split it (e.g. by district)');
      if (buffer.length < length) buffer = Buffer.allocUnsafe(length);
      const out = buffer.subarray(0, length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return done === length ? out : out.subarray(0, done);
    },
    close: () => closeSync(fd),
  };
}

/** Reads a file as UTF-8 text; any failure is an InputError naming the file. */
export function readText(file: string): string {
  return new TextDecoder().decode(readBytes(file));
}

/** Reads and parses a JSON file. */
export function readJsonFile(file: string): unknown {
  return parseJson(readText(file), file);
}

/** The options every command that reads layers accepts (`--epsg`, `--coords`, `--encoding`, `--bbox`). */
export const LAYER_OPTIONS = {
  epsg: { type: 'string' },
  coords: { type: 'string' },
  encoding: { type: 'string' },
  bbox: { type: 'string' },
  limit: { type: 'string', multiple: true },
} as const;

export const LAYER_OPTIONS_USAGE = `  --epsg N            EPSG code of projected input files without a .prj (e.g. 4547)
  --coords SYSTEM     the inputs' coordinates are gcj02 (Amap, Tencent) or bd09 (Baidu): convert
                      them to WGS84; wgs84 keeps them as they are
  --encoding NAME     text encoding of CSV/DBF files (default UTF-8, else GBK)
  --bbox W,S,E,N      GeoTIFF rasters: read only this lon/lat window
  --limit NAME=N      raise (or lower) an input limit (repeatable; also CATCHMAP_LIMITS=NAME=N,…):
                      ${Object.entries(LIMIT_NAMES).map(([k, name]) => `${name} (${DEFAULT_LIMITS[k as keyof Limits].toLocaleString('en-US')})`).join(', ')}`;

/** Turns the layer options' text into LoadOptions; `usage` builds the command's usage error. */
export function layerOptions(
  values: { epsg?: string; coords?: string; encoding?: string; bbox?: string; limit?: string[] },
  usage: (message: string) => Error,
  env: string | undefined = process.env.CATCHMAP_LIMITS,
): LoadOptions {
  const options: LoadOptions = {};
  // The environment first, so an option on the command line wins.
  const fromEnv = parseLimitSettings(env === undefined ? [] : [env]);
  if ('error' in fromEnv) throw usage(`CATCHMAP_LIMITS: ${fromEnv.error}`);
  const fromOptions = parseLimitSettings(values.limit ?? []);
  if ('error' in fromOptions) throw usage(`--limit ${fromOptions.error}`);
  const limits = { ...fromEnv.limits, ...fromOptions.limits };
  if (Object.keys(limits).length > 0) options.limits = limits;
  if (values.epsg !== undefined) {
    const digits = values.epsg.trim().replace(/^EPSG:/i, '');
    const code = /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
    if (!Number.isInteger(code) || code <= 0) throw usage(`--epsg must be an EPSG code such as 4547, got '${values.epsg}'`);
    options.epsg = code;
  }
  if (values.coords !== undefined) {
    if (!['wgs84', 'gcj02', 'bd09'].includes(values.coords)) throw usage(`--coords must be wgs84, gcj02 or bd09, got '${values.coords}'`);
    options.coordinateSystem = values.coords as CoordinateSystem;
  }
  if (values.encoding !== undefined) options.encoding = values.encoding;
  if (values.bbox !== undefined) {
    const box = values.bbox.split(',').map(decimalNumber);
    if (box.length !== 4 || box.some((n) => !Number.isFinite(n)) || box[0] >= box[2] || box[1] >= box[3]) {
      throw usage(`--bbox must be west,south,east,north in degrees, got '${values.bbox}'`);
    }
    options.bbox = box as [number, number, number, number];
  }
  return options;
}

/** Loads any supported file (GeoJSON, CSV/TSV, GeoTIFF, zipped Shapefile) from disk. */
export async function readFeatureFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const source = fileSource(file);
  if (!source) return loadFile(readBytes(file), file, options);
  try {
    return await loadFile(source, file, options);
  } finally {
    source.close();
  }
}

/**
 * Loads a file for one role and maps it onto the schema: the auto-detected fields, overridden by
 * the user's `choice` (--field, --type-value, --mapping, --assume-capacity; a column the file
 * lacks is a usage error). Facilities without a type column take `type` (the type being evaluated).
 */
export async function readLayer(
  file: string,
  role: Role,
  options: LoadOptions = {},
  type?: FacilityType,
  choice?: LayerChoice,
  usage: (message: string) => Error = (m) => new InputError(file, m),
): Promise<MappedLayer> {
  const loaded = await readFeatureFile(file, { ...options, role });
  const { mapping, options: mappingOptions } = mappingFor(loaded, role, choice, usage);
  if (role === 'facilities' && !mapping.type && !mapping.fixedType && type && isFacilityType(type)) mapping.fixedType = type;
  return applyMapping(loaded, role, mapping, mappingOptions);
}

/** Schema names a layer read without mapping gets from its mapped columns (readFeatureCollection). */
const ALIASED = ['id', 'name', 'population', 'capacity', 'class'] as const;

/**
 * Loads a file as a FeatureCollection of its own properties (WGS84), with the schema names
 * (`population`, `capacity`, `name`) added where the file calls them otherwise (人口, 学位, 名称),
 * and those the user chose (`choice`: `id`, `name`, `population`, `capacity`, `class`, even where
 * the file has a column of that name): for commands that validate features themselves.
 */
export async function readFeatureCollection(
  file: string,
  options: LoadOptions = {},
  choice?: LayerChoice,
  usage: (message: string) => Error = (m) => new InputError(file, m),
): Promise<{ collection: FeatureCollection<Geometry | null>; loaded: LoadResult }> {
  const loaded = await readFeatureFile(file, options);
  const m = loaded.suggestedMapping;
  const chosen = choice ? mappingFor(loaded, loaded.suggestedRole, { ...choice, optionsFrom: [] }, usage).mapping : {};
  const aliases: [key: string, column: string][] = [];
  for (const k of ALIASED) {
    if (choice?.fields[k] !== undefined) {
      if (chosen[k] && chosen[k] !== k) aliases.push([k, chosen[k]!]);
    } else if ((k === 'population' || k === 'capacity' || k === 'name') && m[k] && m[k] !== k && !loaded.fields.includes(k)) {
      aliases.push([k, m[k]!]);
    }
  }
  const features: Feature<Geometry | null>[] = loaded.features.map((f) => {
    if (aliases.length === 0) return f;
    const properties = { ...f.properties };
    for (const [k, column] of aliases) properties[k] = properties[column];
    return { ...f, properties };
  });
  return { collection: { type: 'FeatureCollection', features }, loaded };
}
