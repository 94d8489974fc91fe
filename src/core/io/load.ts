import { InputError } from '../errors.ts';
import { describeBinary, extensionOf } from './bytes.ts';
import { csvLoader } from './csv.ts';
import { geojsonLoader } from './geojson.ts';
import { geotiffLoader } from './geotiff.ts';
import { shapefileLoader } from './shapefile.ts';
import type { Loader, LoadOptions, LoadResult, LoadProgressCallback } from './types.ts';

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
  input: Uint8Array | ArrayBuffer,
  name: string,
  options: LoadOptions = {},
  onProgress?: LoadProgressCallback,
): Promise<LoadResult> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0 && !LOADERS.some((l) => l.extensions.includes(extensionOf(name)))) {
    throw new InputError(name, 'the file is empty (0 bytes)');
  }
  const loader = sniffFormat(bytes, name);
  if (!loader) {
    const what = describeBinary(bytes);
    throw new InputError(
      name,
      `not a supported file${what ? ` (${what})` : ''}: expected GeoJSON, CSV/TSV, a GeoTIFF population raster or a zipped Shapefile`,
    );
  }
  return loader.load(bytes, name, options, onProgress);
}
