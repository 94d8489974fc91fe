import type { Geometry } from 'geojson';
import { InputError, type InputWarning } from '../errors.ts';
import { decodeText, extensionOf, type DecodedText } from './bytes.ts';
import { crsFromEpsg, crsFromGeoJsonName, type SourceCrs } from './crs.ts';
import { checkpoint, finish, noFeatures } from './finish.ts';
import { FeatureTable } from './feature-table.ts';
import { GEOMETRY_CODES } from './geojson-features.ts';
import { bytesSource, readCollectionStreaming, type ByteSource, type PlainBatch } from './geojson-stream.ts';
import { parseJson } from './json.ts';
import { limitsOf, overLimit } from './limits.ts';
import type { Loader, LoadOptions, LoadProgressCallback, LoadResult, RawFeature } from './types.ts';

/** Files larger than this are read feature by feature (geojson-stream.ts), never as one string. */
const STREAM_BYTES = 256 * 1024 * 1024;

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return typeof value.type === 'string' ? `type '${value.type}'` : 'an object without a "type"';
  return value === null ? 'null' : typeof value;
}

/** What names a feature in messages: its properties' id, else its own id, else its place. */
function labelOf(propertyId: unknown, id: string | number | undefined, i: number): string {
  if ((typeof propertyId === 'string' && propertyId.trim() !== '') || (typeof propertyId === 'number' && Number.isFinite(propertyId))) return String(propertyId);
  return id !== undefined && String(id).trim() !== '' ? String(id) : `feature ${i + 1}`;
}

/** First non-space byte after an optional UTF-8 BOM. */
function firstByte(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i];
}

/** RFC 7946 GeoJSON: a FeatureCollection, a Feature or a bare geometry. */
export const geojsonLoader: Loader = {
  id: 'geojson',
  extensions: ['geojson', 'json'],
  sniff(bytes, name) {
    const ext = extensionOf(name);
    const b = firstByte(bytes);
    if (b === 0x7b || b === 0x5b) return ext === 'geojson' || ext === 'json' ? 1 : 0.8;
    return ext === 'geojson' || ext === 'json' ? 0.6 : 0;
  },
  load: (bytes, file, options, onProgress) => loadGeojson(bytesSource(bytes), file, options, onProgress),
  loadSource: loadGeojson,
};

/**
 * How a GeoJSON is read: `whole`, parsed as one text; `stream`, a window at a time
 * (`readCollectionStreaming`); `auto`, streamed when larger than STREAM_BYTES, and a population
 * file streamed first whatever its size (see below).
 */
export type GeojsonReading = 'auto' | 'whole' | 'stream';

/**
 * The GeoJSON loader over a byte source: a file read a window at a time (windows of
 * `windowBytes`) is never all in memory when the source is on disk; one read whole is parsed as
 * one text.
 */
export async function loadGeojson(
  source: ByteSource,
  file: string,
  options: LoadOptions,
  onProgress?: LoadProgressCallback,
  reading: GeojsonReading = 'auto',
  windowBytes?: number,
): Promise<LoadResult> {
  // A population read a feature at a time, plain features unparsed, takes a third of the time and
  // half the memory of the whole parse (a 172 MB file of 750,000 cells: 14.6 s and 1.25 GB whole).
  // What the streamed reader does not take (not UTF-8, not a FeatureCollection, not JSON) is read
  // whole as before, so such a file gives the messages and results it always did.
  const utf8 = ['utf-8', 'utf8'].includes(options.encoding?.toLowerCase() ?? 'utf-8');
  if (reading === 'auto' && options.role === 'population' && source.size <= STREAM_BYTES && utf8) {
    try {
      return await loadGeojson(source, file, options, onProgress, 'stream', windowBytes);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  const stream = reading === 'stream' || (reading === 'auto' && source.size > STREAM_BYTES);
  const limits = limitsOf(options.limits);
  const warnings: InputWarning[] = [];
  const features: RawFeature[] = [];
  const labels: string[] = [];
  // A population file is kept as a table (properties as JSON text, flat coordinates), never as all its parsed objects.
  const table = options.role === 'population' ? new FeatureTable() : null;
  const fields = new Set<string>();
  let skipped = 0;
  /** Takes item i of the collection: a feature, or a warning saying why not. */
  const take = (item: unknown, i: number) => {
    if (!isRecord(item) || item.type !== 'Feature') {
      warnings.push({ source: file, feature: `feature ${i + 1}`, reason: `not a GeoJSON Feature (got ${describe(item)}); skipped` });
      skipped++;
      return;
    }
    // The parsed objects are reused in place: copying a 200 MB file's features would double its memory.
    const properties = isRecord(item.properties) ? item.properties : {};
    const id = typeof item.id === 'string' || typeof item.id === 'number' ? item.id : undefined;
    const label = labelOf(properties.id, id, i);
    let geometry: Geometry | null = null;
    if (isRecord(item.geometry) && typeof item.geometry.type === 'string' && GEOMETRY_TYPES.has(item.geometry.type)) {
      geometry = item.geometry as unknown as Geometry;
    } else if (item.geometry !== null && item.geometry !== undefined) {
      warnings.push({ source: file, feature: label, reason: `geometry is not GeoJSON (got ${describe(item.geometry)}); kept without geometry` });
    }
    for (const k in properties) fields.add(k);
    if (table) return table.add(geometry, properties, label, id);
    const feature: RawFeature = { type: 'Feature', geometry, properties };
    if (id !== undefined) feature.id = id;
    features.push(feature);
    labels.push(label);
  };
  /** Takes a batch read with plain features (see geojson-features.ts): each as `take` would. */
  const takeBatch = (ordinary: unknown[], first: number, { plain, slots, texts }: PlainBatch) => {
    let next = 0;
    let named = 0;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      if (slot < 0) {
        take(ordinary[next++], first + k);
        continue;
      }
      for (; named < plain.newFields.length && plain.newFields[named][0] === slot; named++) fields.add(plain.newFields[named][1]);
      const id = plain.ids[slot];
      const type = GEOMETRY_CODES[plain.types[slot]];
      table!.addText(type, plain.coordinates, plain.values[slot], texts[slot], labelOf(plain.propertyId(slot, texts[slot]), id, first + k), id);
    }
  };
  let value: unknown;
  let decoded: DecodedText;
  let read: number;
  if (stream) {
    // Too big to parse as one string (or to want to): features are parsed a batch at a time.
    const enc = options.encoding?.toLowerCase() ?? 'utf-8';
    decoded = { text: '', encoding: enc, warnings: [] };
    onProgress?.({ phase: 'read', fraction: 0.1, rows: 0 });
    let reported = 0;
    const overLimitSoFar = (n: number) => overLimit(file, 'features', limits, `more than ${limits.features.toLocaleString('en-US')} features (${n.toLocaleString('en-US')} read so far)`);
    const streamed = readCollectionStreaming(
      source,
      file,
      limits,
      enc,
      table
        ? (batch, first, plain, bytesRead) => {
            const n = plain ? plain.slots.length : batch.length;
            if (first + n > limits.features) throw overLimitSoFar(first + n);
            // A step a hundredth of the file: the app's bar moves while millions of features are read.
            if (bytesRead >= reported + source.size / 100) {
              reported = bytesRead;
              onProgress?.({ phase: 'parse', fraction: 0.1 + (0.4 * bytesRead) / source.size, rows: first + n });
            }
            if (plain) takeBatch(batch, first, plain);
            else batch.forEach((item, k) => take(item, first + k));
          }
        : undefined,
      windowBytes,
      true,
    );
    if (streamed.type !== 'FeatureCollection') {
      throw new InputError(file, `a GeoJSON file over ${STREAM_BYTES / 1024 / 1024} MiB is read only as a FeatureCollection (its "type" is ${JSON.stringify(streamed.type) ?? 'missing'})`);
    }
    value = streamed;
    read = streamed.featureCount;
  } else {
    decoded = decodeText(source.read(0, source.size), file, options.encoding, limits);
    onProgress?.({ phase: 'read', fraction: 0.1, rows: 0 });
    await checkpoint(options, file);
    value = parseJson(decoded.text, file, limits);
    read = 0;
  }
  onProgress?.({ phase: 'parse', fraction: 0.5, rows: 0 });
  await checkpoint(options, file);

  if (!isRecord(value)) throw new InputError(file, `expected a GeoJSON FeatureCollection, got ${describe(value)}`);
  let items: unknown[];
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) throw new InputError(file, `FeatureCollection has no "features" array (got ${describe(value.features)})`);
    items = value.features;
  } else if (value.type === 'Feature') {
    items = [value];
  } else if (typeof value.type === 'string' && GEOMETRY_TYPES.has(value.type)) {
    items = [{ type: 'Feature', properties: {}, geometry: value }];
  } else if (value.type === 'Topology') {
    throw new InputError(file, 'TopoJSON is not GeoJSON; convert it first (e.g. topo2geo or mapshaper)');
  } else {
    throw new InputError(file, `expected a GeoJSON FeatureCollection, got ${describe(value)}`);
  }
  // Streamed into the table, the items were taken batch by batch already.
  const streamedIntoTable = table !== null && stream;
  if (!streamedIntoTable) read = items.length;
  if (read === 0) throw noFeatures(file, options, 'the FeatureCollection is empty');
  if (read > limits.features) throw overLimit(file, 'features', limits, `${read.toLocaleString('en-US')} features`);

  let known: SourceCrs | null = null;
  if (options.epsg !== undefined) known = crsFromEpsg(options.epsg, 'option', file);
  else if (isRecord(value.crs) && isRecord(value.crs.properties) && typeof value.crs.properties.name === 'string') {
    known = crsFromGeoJsonName(value.crs.properties.name, file);
  }

  if (!streamedIntoTable) {
    for (let i = 0; i < items.length; i++) {
      take(items[i], i);
      if ((i & 0xffff) === 0xffff) {
        onProgress?.({ phase: 'features', fraction: 0.5 + (0.45 * i) / items.length, rows: i + 1 });
        await checkpoint(options, file);
      }
    }
  }
  if ((table?.count ?? features.length) === 0) throw new InputError(file, `no features: none of the ${read} items is a GeoJSON Feature`);
  return finish(
    {
      file,
      format: 'geojson',
      features,
      labels,
      table: table ?? undefined,
      fields: [...fields],
      read,
      skipped,
      warnings: [...decoded.warnings, ...warnings],
      known,
      encoding: decoded.encoding,
    },
    options,
    onProgress,
  );
}
