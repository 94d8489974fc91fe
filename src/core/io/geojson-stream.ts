import { InputError } from '../errors.ts';
import { parseJson } from './json.ts';
import { overLimit, type Limits } from './limits.ts';

/** What the streaming reader gives: the collection's `type` and `crs`, and its features parsed one by one. */
export interface StreamedCollection {
  type: unknown;
  crs: unknown;
  /** Absent when the top-level object has no "features" member; empty when they went to `onBatch`. */
  features?: unknown[];
  /** How many features "features" held. */
  featureCount: number;
}

/** Takes the features parsed in one batch; `first` is the index of the first of them. */
export type FeatureBatch = (features: unknown[], first: number) => void;

/** Bytes of features parsed at once: few parses, and no string anywhere near the engine's limit. */
const BATCH_BYTES = 16 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Reads a GeoJSON FeatureCollection from its UTF-8 bytes without ever holding the file as one
 * string (the engine's strings stop near 512 MiB): a byte scanner finds the top-level members and
 * the byte range of every element of "features", and each is decoded and parsed alone. Nesting
 * deeper than the limit is refused where it occurs. Members other than type, crs and features
 * are skipped unread. With `onBatch`, each batch of parsed features goes there and is not kept,
 * so a caller that keeps less than the parsed objects (a population table) never holds them all.
 */
export function readCollectionStreaming(bytes: Uint8Array, file: string, limits: Limits, encoding = 'utf-8', onBatch?: FeatureBatch): StreamedCollection {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new InputError(file, `unknown text encoding '${encoding}' (try utf-8 or gbk)`);
  }
  const fail = (at: number, what: string): never => {
    throw new InputError(file, `invalid JSON at byte ${at}: ${what}`);
  };
  const decode = (from: number, to: number, what: string): string => {
    try {
      return decoder.decode(bytes.subarray(from, to));
    } catch {
      return fail(from, `${what} is not valid ${encoding} text`);
    }
  };
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const ws = () => {
    while (i < bytes.length && isSpace(bytes[i])) i++;
  };
  /** Moves past a string starting at i (a quote). */
  const skipString = () => {
    for (i++; i < bytes.length; i++) {
      if (bytes[i] === BACKSLASH) i++;
      else if (bytes[i] === QUOTE) return void i++;
    }
    fail(i, 'a string is never closed');
  };
  /** Moves past one value starting at i; `depth` is the nesting of the value's container. */
  const skipValue = (depth: number) => {
    const start = i;
    let d = depth;
    while (i < bytes.length) {
      const b = bytes[i];
      if (b === QUOTE) {
        skipString();
        if (d === depth) return;
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        if (++d > limits.nestingDepth) throw overLimit(file, 'nestingDepth', limits, `JSON nested more than ${limits.nestingDepth} deep at byte ${i}`);
      } else if (b === 0x7d || b === 0x5d) {
        if (d === depth) return; // the container's own closing bracket: the value has ended
        if (--d === depth) return void i++;
      } else if (b === 0x2c && d === depth) return;
      i++;
    }
    if (d !== depth || i === start) fail(i, 'the file ends inside a value');
  };

  ws();
  if (bytes[i] !== 0x7b) fail(i, 'expected a GeoJSON object');
  i++;
  const out: StreamedCollection = { type: undefined, crs: undefined, featureCount: 0 };
  for (;;) {
    ws();
    if (bytes[i] === 0x7d) break;
    if (bytes[i] !== QUOTE) fail(i, 'expected a member name');
    const keyStart = i;
    skipString();
    const key = parseJson(decode(keyStart, i, 'a member name'), file);
    ws();
    if (bytes[i] !== 0x3a) fail(i, "expected ':'");
    i++;
    ws();
    if (key === 'features' && bytes[i] === 0x5b) {
      out.features = [];
      i++;
      ws();
      if (bytes[i] === 0x5d) i++;
      else {
        const features = out.features;
        // Features are parsed a batch at a time (the bytes from the first one's start to the last
        // one's end, commas included, are a JSON array's inside): one parse per batch, not per feature.
        let batchStart = -1;
        const flush = (end: number) => {
          if (batchStart < 0) return;
          const first = out.featureCount + 1;
          let parsed: unknown;
          try {
            parsed = parseJson(`[${decode(batchStart, end, `features ${first}…`)}]`, file, { ...limits, nestingDepth: limits.nestingDepth - 1 });
          } catch (err) {
            if (err instanceof InputError) throw new InputError(file, `features from ${first} (at byte ${batchStart}): ${err.reason}`);
            throw err;
          }
          const batch = parsed as unknown[];
          if (onBatch) onBatch(batch, out.featureCount);
          else for (const f of batch) features.push(f);
          out.featureCount += batch.length;
          batchStart = -1;
        };
        for (;;) {
          ws();
          if (batchStart < 0) batchStart = i;
          skipValue(2);
          const end = i;
          if (end - batchStart >= BATCH_BYTES) flush(end);
          ws();
          if (bytes[i] === 0x2c) i++;
          else if (bytes[i] === 0x5d) {
            flush(end);
            i++;
            break;
          } else fail(i, "expected ',' or ']' after a feature");
        }
      }
    } else {
      const start = i;
      skipValue(1);
      if (key === 'type' || key === 'crs') out[key] = parseJson(decode(start, i, `"${key}"`), file);
    }
    ws();
    if (bytes[i] === 0x2c) i++;
    else if (bytes[i] === 0x7d) break;
    else fail(i, "expected ',' or '}'");
  }
  i++;
  ws();
  if (i < bytes.length) fail(i, 'unexpected data after the GeoJSON object');
  return out;
}
