import { InputError } from '../errors.ts';
import { parseBoundedJson, parseJson } from './json.ts';
import { OUT_OF_BYTES } from './json-bytes.ts';
import { PlainFeatures } from './geojson-features.ts';
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

/**
 * A file read a piece at a time: its size, and `length` bytes from `offset` (fewer only at its
 * end). The bytes given are valid until the next read, which may reuse their memory.
 */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Uint8Array;
}

/**
 * A batch read with plain features (`PlainFeatures`): its feature k is plain feature `slots[k]`,
 * or, where that is -1, the next of the features parsed the ordinary way.
 */
export interface PlainBatch {
  plain: PlainFeatures;
  slots: Int32Array;
  /** The plain features' properties as JSON text. */
  texts: string[];
}

/**
 * Takes the features of one batch; `first` is the index of the first of them, `bytesRead` how far
 * into the file the batch ends. With `plain`, the batch is `plain.slots.length` features,
 * `features` only those parsed the ordinary way.
 */
export type FeatureBatch = (features: unknown[], first: number, plain: PlainBatch | undefined, bytesRead: number) => void;

/** Bytes of features parsed at once: few parses, and no string anywhere near the engine's limit. */
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Bytes parsed at once when each batch goes to a callback and is dropped: its objects then die
 * young, and so does its text, which stays under the engine's large-object size (about 128 KB).
 * Texts of 2 MiB went to the large-object space, a gigabyte of them left there for the full
 * collections to find: a 1 GB file then peaked at 1.8–2.5 GB instead of 1.3 GB.
 */
const CALLBACK_BATCH_BYTES = 64 * 1024;

/** Brackets a plain feature's coordinates nest in, within the collection. */
const PLAIN_DEPTH = 8;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Bytes of the file held at once: a few batches, never the whole file. */
const WINDOW_BYTES = 64 * 1024 * 1024;

/** Thrown by the scanner at the end of the window when the file goes on: the step is redone on the next window. */
const NEED_MORE = Symbol('more bytes');

/** The index just past the string whose opening quote is at `from`, or -1 when it does not close in `b`. */
function stringEnd(b: Uint8Array, from: number): number {
  for (let j = from + 1; j < b.length; j++) {
    const c = b[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** Bytes already in memory as a byte source. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/**
 * Reads a GeoJSON FeatureCollection from its UTF-8 bytes without ever holding the file as one
 * string (the engine's strings stop near 512 MiB), nor, from a `ByteSource`, as one buffer: a byte
 * scanner walks a window of the file (WINDOW_BYTES, grown for a feature larger than that), finds
 * the top-level members and the byte range of every element of "features", and each batch of them
 * is decoded and parsed alone. A step cut by the window's end is redone on the next window, which
 * starts where the step did. Nesting deeper than the limit is refused where it occurs. Members
 * other than type, crs and features are skipped unread. With `onBatch`, each batch of parsed
 * features goes there and is not kept, so a caller that keeps less than the parsed objects (a
 * population table) never holds them all; with `onBatch` and `plainFeatures`, UTF-8 features that
 * are plain are read without being parsed (`PlainBatch`).
 */
export function readCollectionStreaming(
  input: Uint8Array | ByteSource,
  file: string,
  limits: Limits,
  encoding = 'utf-8',
  onBatch?: FeatureBatch,
  windowBytes = WINDOW_BYTES,
  plainFeatures = false,
): StreamedCollection {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new InputError(file, `unknown text encoding '${encoding}' (try utf-8 or gbk)`);
  }
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  // The window: `buf` holds the file's bytes from `base`; `i` is an index into it.
  let base = 0;
  let buf = source.read(0, Math.min(source.size, windowBytes));
  const more = () => base + buf.length < source.size;
  /** Moves the window to start at index `from` of the current one (growing it when little would be new). */
  const refill = (from: number) => {
    const length = Math.max(windowBytes, 2 * (buf.length - from));
    base += from;
    buf = source.read(base, Math.min(length, source.size - base));
    i = 0;
  };
  const fail = (at: number, what: string): never => {
    throw new InputError(file, `invalid JSON at byte ${base + at}: ${what}`);
  };
  const decode = (from: number, to: number, what: string): string => {
    try {
      return decoder.decode(buf.subarray(from, to));
    } catch {
      return fail(from, `${what} is not valid ${encoding} text`);
    }
  };
  let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const ws = () => {
    while (i < buf.length && isSpace(buf[i])) i++;
    if (i >= buf.length && more()) throw NEED_MORE;
  };
  /** Moves past a string starting at i (a quote). */
  const skipString = () => {
    i = stringEnd(buf, i);
    if (i >= 0) return;
    i = buf.length;
    if (more()) throw NEED_MORE;
    fail(i, 'a string is never closed');
  };
  /** Moves past one value starting at i; `depth` is the nesting of the value's container. */
  const skipValue = (depth: number) => {
    const start = i;
    // Locals, not the closure's `i`: this loop sees every byte of the file.
    const b = buf;
    const n = b.length;
    const maxDepth = limits.nestingDepth;
    let j = i;
    let d = depth;
    while (j < n) {
      const c = b[j];
      if (c === QUOTE) {
        j = stringEnd(b, j);
        if (j < 0) {
          i = n;
          if (more()) throw NEED_MORE;
          fail(i, 'a string is never closed');
        }
        if (d === depth) return void (i = j);
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        if (++d > maxDepth) throw overLimit(file, 'nestingDepth', limits, `JSON nested more than ${maxDepth} deep at byte ${base + j}`);
      } else if (c === 0x7d || c === 0x5d) {
        if (d === depth) return void (i = j); // the container's own closing bracket: the value has ended
        if (--d === depth) return void (i = j + 1);
      } else if (c === 0x2c && d === depth) return void (i = j);
      j++;
    }
    i = j;
    // A number or literal may go on in the next window too.
    if (more()) throw NEED_MORE;
    if (d !== depth || i === start) fail(i, 'the file ends inside a value');
  };
  /** Runs a scanning step; cut by the window's end, it is run again from its start on the next window. */
  const step = <T>(fn: () => T): T => {
    for (;;) {
      const from = i;
      try {
        return fn();
      } catch (err) {
        if (err !== NEED_MORE) throw err;
        refill(from);
      }
    }
  };

  const out: StreamedCollection = { type: undefined, crs: undefined, featureCount: 0 };
  /** The elements of "features", from just after its '[' to just after its ']'. */
  const readFeatures = () => {
    const features: unknown[] = [];
    out.features = features;
    // Features are parsed a batch at a time (the bytes from the first one's start to the last
    // one's end, commas included, are a JSON array's inside): one parse per batch, not per feature.
    let batchStart = -1;
    let batchEnd = -1;
    // Plain features are read aside; the others' bytes are copied into a text of their own.
    const plain = onBatch && plainFeatures && decoder.encoding === 'utf-8' && limits.nestingDepth >= PLAIN_DEPTH ? new PlainFeatures() : null;
    let text = new Uint8Array(plain ? 1024 : 0);
    let textLength = 0;
    let slots = new Int32Array(plain ? 1024 : 0);
    let count = 0;
    let ordinary = 0;
    /** Appends bytes from..to of the window to the batch's text, after a comma unless the first. */
    const copy = (from: number, to: number) => {
      let n = textLength;
      if (n + (to - from) + 1 > text.length) {
        const bigger = new Uint8Array(2 * (n + (to - from) + 1));
        bigger.set(text.subarray(0, n));
        text = bigger;
      }
      // Locals: the closure's variables would be loaded and stored again at every byte.
      const t = text;
      const b = buf;
      if (n > 0) t[n++] = 0x2c;
      for (let k = from; k < to; k++) t[n++] = b[k];
      textLength = n;
    };
    let texts: string[] = [];
    const parseBatch = (first: number): unknown[] => {
      // A decoding error says where it is itself; a parse error is placed in the batch.
      const parse = (t: string) => {
        try {
          // skipValue bounded every feature's nesting already.
          return parseBoundedJson(`[${t}]`, file) as unknown[];
        } catch (err) {
          if (err instanceof InputError) throw new InputError(file, `features from ${first} (at byte ${base + batchStart}): ${err.reason}`);
          throw err;
        }
      };
      const original = () => parse(decode(batchStart, batchEnd, `features ${first}…`));
      if (!plain) return original();
      try {
        texts = plain.texts();
        return ordinary === 0 ? [] : parse(decoder.decode(text.subarray(0, textLength)));
      } catch {
        // The bytes as they are, for the error's position and wording (they are still in the window).
        original();
        throw new InputError(file, `features from ${first} (at byte ${base + batchStart}) could not be read`);
      }
    };
    const flush = () => {
      if (batchStart < 0) return;
      const batch = parseBatch(out.featureCount + 1);
      if (onBatch) onBatch(batch, out.featureCount, plain ? { plain, slots: slots.subarray(0, count), texts } : undefined, base + batchEnd);
      else for (const f of batch) features.push(f);
      out.featureCount += plain ? count : batch.length;
      batchStart = -1;
      plain?.clear();
      textLength = 0;
      count = 0;
      ordinary = 0;
    };
    if (step(() => (ws(), buf[i] === 0x5d))) return void i++;
    for (;;) {
      const from = i;
      let slot = -1;
      try {
        ws();
        const start = i;
        if (plain && buf[i] === 0x7b) {
          const end = plain.parse(buf, i);
          if (end === OUT_OF_BYTES && more()) throw NEED_MORE;
          if (end >= 0) {
            slot = plain.count - 1;
            i = end;
          }
        }
        if (slot < 0) skipValue(2);
        const end = i;
        ws();
        const next = buf[i];
        if (next !== 0x2c && next !== 0x5d) fail(i, "expected ',' or ']' after a feature");
        if (batchStart < 0) batchStart = start;
        batchEnd = end;
        if (plain) {
          if (slot < 0) {
            copy(start, end);
            ordinary++;
          }
          if (count === slots.length) {
            const bigger = new Int32Array(2 * count);
            bigger.set(slots);
            slots = bigger;
          }
          slots[count++] = slot;
        }
        i++;
        if (next === 0x5d) return flush();
        if (batchEnd - batchStart >= (onBatch ? CALLBACK_BATCH_BYTES : BATCH_BYTES)) flush();
      } catch (err) {
        if (err !== NEED_MORE) throw err;
        // A plain feature read whole, its end not seen: it is read again on the next window.
        if (slot >= 0) plain!.dropLast();
        // The window moves past the features taken so far: they are parsed first.
        flush();
        refill(from);
      }
    }
  };

  step(() => {
    ws();
    if (buf[i] !== 0x7b) fail(i, 'expected a GeoJSON object');
    i++;
  });
  for (;;) {
    const key = step((): { name: unknown } | null => {
      ws();
      if (buf[i] === 0x7d) return null;
      if (buf[i] !== QUOTE) fail(i, 'expected a member name');
      const keyStart = i;
      skipString();
      const name = parseJson(decode(keyStart, i, 'a member name'), file);
      ws();
      if (buf[i] !== 0x3a) fail(i, "expected ':'");
      i++;
      ws();
      return { name };
    });
    if (key === null) break;
    if (key.name === 'features' && buf[i] === 0x5b) {
      // JSON.parse would keep the last: this reader cannot go back for it.
      if (out.features) throw new InputError(file, 'the FeatureCollection has a second "features" member');
      i++;
      readFeatures();
    } else {
      step(() => {
        const start = i;
        skipValue(1);
        if (key.name === 'type' || key.name === 'crs') out[key.name] = parseJson(decode(start, i, `"${key.name}"`), file);
      });
    }
    const closed = step(() => {
      ws();
      if (buf[i] === 0x2c) return void i++;
      if (buf[i] !== 0x7d) fail(i, "expected ',' or '}'");
      return true;
    });
    if (closed) break;
  }
  i++;
  step(ws);
  if (i < buf.length) fail(i, 'unexpected data after the GeoJSON object');
  return out;
}
