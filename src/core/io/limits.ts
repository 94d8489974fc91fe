import { InputError } from '../errors.ts';

/**
 * The most any one input may hold, so a hostile or careless file is refused with a named reason
 * before it exhausts memory or time. Each default keeps a load well under 2 GB of memory; a user
 * with a genuinely bigger file raises one with `--limit NAME=N` (CLI) or `CATCHMAP_LIMITS=NAME=N,…`
 * (environment). The README's "Limits" section lists them.
 */
export interface Limits {
  /** Entries a zip's central directory may list. */
  zipEntries: number;
  /** Bytes the entries read from a zip may inflate to, all together (declared and actual). */
  zipBytes: number;
  /** Features (rows, shapes, pixels kept) in one file. */
  features: number;
  /** Coordinate positions in one file. */
  vertices: number;
  /** Nesting of JSON values and of WKT / GeoJSON GeometryCollections. */
  nestingDepth: number;
  /** Pixels of a raster window read (the whole raster without a bbox). */
  rasterPixels: number;
  /** Columns of a CSV/TSV header. */
  csvColumns: number;
  /**
   * Bytes of a CSV/TSV file decoded into one string; the JavaScript engine's own string limit is
   * just under 512 MiB, so raising this past it cannot help. GeoJSON larger than this is streamed.
   */
  textBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  zipEntries: 10_000,
  zipBytes: 512 * 1024 * 1024,
  features: 5_000_000,
  vertices: 10_000_000,
  nestingDepth: 64,
  rasterPixels: 4_000_000,
  csvColumns: 2_000,
  textBytes: 512 * 1024 * 1024 - 64,
};

/** The names users type (`--limit zip-bytes=N`), one per limit. */
export const LIMIT_NAMES: Readonly<Record<keyof Limits, string>> = {
  zipEntries: 'zip-entries',
  zipBytes: 'zip-bytes',
  features: 'features',
  vertices: 'vertices',
  nestingDepth: 'nesting-depth',
  rasterPixels: 'raster-pixels',
  csvColumns: 'csv-columns',
  textBytes: 'text-bytes',
};

/** The limits in force: the defaults with the caller's raised or lowered values. */
export function limitsOf(given: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...given };
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** "limit zip-bytes = 1,073,741,824; raise it with --limit zip-bytes=N": the tail of every refusal. */
export function limitText(key: keyof Limits, value: number): string {
  return `limit ${LIMIT_NAMES[key]} = ${fmt(value)}; raise it with --limit ${LIMIT_NAMES[key]}=N`;
}

/** The refusal of a file over a limit: `what` says what the file holds. */
export function overLimit(file: string, key: keyof Limits, limits: Limits, what: string): InputError {
  return new InputError(file, `${what} (${limitText(key, limits[key])})`);
}

/**
 * `NAME=N` settings (`zip-bytes=2000000000`, comma-separated or given one by one) as limits. N is
 * a whole number in decimal notation; an unknown NAME or a bad N is an error naming it.
 */
export function parseLimitSettings(settings: readonly string[]): { limits: Partial<Limits> } | { error: string } {
  const limits: Partial<Limits> = {};
  const byName = new Map(Object.entries(LIMIT_NAMES).map(([k, name]) => [name, k as keyof Limits]));
  for (const setting of settings.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^([a-z-]+)=(\d{1,15})$/.exec(setting);
    const key = m ? byName.get(m[1]) : undefined;
    if (!m || !key) {
      return { error: `'${setting}' is not NAME=N with NAME one of ${[...byName.keys()].join(', ')} and N a whole number` };
    }
    const n = Number(m[2]);
    if (n < 1) return { error: `'${setting}': a limit must be at least 1` };
    limits[key] = n;
  }
  return { limits };
}

/**
 * Counts features and positions as a parser makes them, refusing the file as soon as either passes
 * its limit (before the rest is built).
 */
export class LimitCounter {
  features = 0;
  vertices = 0;
  constructor(
    private readonly file: string,
    private readonly limits: Limits,
  ) {}

  addFeatures(n: number): void {
    this.features += n;
    if (this.features > this.limits.features) throw overLimit(this.file, 'features', this.limits, `more than ${fmt(this.limits.features)} features`);
  }

  addVertices(n: number): void {
    this.vertices += n;
    if (this.vertices > this.limits.vertices) throw overLimit(this.file, 'vertices', this.limits, `more than ${fmt(this.limits.vertices)} coordinate positions`);
  }
}
