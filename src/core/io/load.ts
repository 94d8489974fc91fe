import { InputError } from '../errors.ts';
import { describeBinary, extensionOf } from './bytes.ts';
import { csvLoader } from './csv.ts';
import { geojsonLoader } from './geojson.ts';
import { geotiffLoader } from './geotiff.ts';
import { shapefileLoader } from './shapefile.ts';
import type { ByteSource } from './geojson-stream.ts';
import type { Loader, LoadOptions, LoadResult, LoadProgressCallback } from './types.ts';

/** Bytes of a source's head its format is told from (every loader's sniff looks at far less). */
const SNIFF_BYTES = 1024 * 1024;

/** Every supported format; `loadFile` picks the one whose `sniff` is most confident. */
export const LOADERS: readonly Loader[] = [geojsonLoader, csvLoader, geotiffLoader, shapefileLoader];

/** The accept list for a file picker: ".geojson,.json,.csv,…". */
export const ACCEPTED_EXTENSIONS: readonly string[] = LOADERS.flatMap((l) => l.extensions.map((e) => `.${e}`));

/** The loader for these bytes, or null when none is confident enough. */
export function sniffFormat(bytes: Uint8Array, name: string): Loader | null {
  let best: Loader | null = null;
  let score = 0;
  for (const loader of LOADERS) {
    const s = loader.sniff(bytes, name);
    if (s > score) {
      best = loader;
      score = s;
    }
  }
  return score >= 0.25 ? best : null;
}

/**
 * Loads one file (bytes and its name) in whatever supported format it is: features in WGS84,
 * their fields, a suggested role and field mapping, the CRS found, a read/used/skipped report and
 * warnings naming skipped features. A file that cannot be used at all rejects with an InputError
 * naming it; a cancelled load (options.signal) rejects with LoadCancelled. Runs in Node and in a
 * Web Worker (no DOM, no file system).
 */
export async function loadFile(
  input: Uint8Array | ArrayBuffer | ByteSource,
  name: string,
  options: LoadOptions = {},
  onProgress?: LoadProgressCallback,
): Promise<LoadResult> {
  // A source (a large file on disk) is sniffed from its head and read whole only by formats that cannot stream.
  const source = input instanceof Uint8Array || input instanceof ArrayBuffer ? null : input;
  const head = source ? source.read(0, Math.min(source.size, SNIFF_BYTES)) : input instanceof Uint8Array ? input : new Uint8Array(input as ArrayBuffer);
  if (head.length === 0 && !LOADERS.some((l) => l.extensions.includes(extensionOf(name)))) {
    throw new InputError(name, 'the file is empty (0 bytes)');
  }
  const loader = sniffFormat(head, name);
  if (!loader) {
    const what = describeBinary(head);
    throw new InputError(
      name,
      `not a supported file${what ? ` (${what})` : ''}: expected GeoJSON, CSV/TSV, a GeoTIFF population raster or a zipped Shapefile`,
    );
  }
  if (!source) return loader.load(head, name, options, onProgress);
  if (loader.loadSource) return loader.loadSource(source, name, options, onProgress);
  return loader.load(source.read(0, source.size), name, options, onProgress);
}
