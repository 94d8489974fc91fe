import { Inflate } from 'fflate';
import { InputError } from '../errors.ts';
import { overLimit, type Limits } from './limits.ts';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  encrypted: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Thrown for damaged zips; the loader words the refusal. */
export class ZipFormatError extends Error {}

/**
 * The central directory of a zip, read from its headers alone (nothing inflated): every count,
 * size and offset is checked against the bytes present, and the entry count against the limit
 * before any entry is built.
 */
export function zipDirectory(bytes: Uint8Array, file: string, limits: Limits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory: the file is cut short or not a zip');
  let count = view.getUint16(eocd + 10, true);
  let dirSize = view.getUint32(eocd + 12, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  // Zip64: the real figures are in the zip64 end record the locator just before points to.
  if ((count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const at = Number(view.getBigUint64(eocd - 12, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== 0x06064b50) throw new ZipFormatError('damaged zip64 directory');
    count = Number(view.getBigUint64(at + 32, true));
    dirSize = Number(view.getBigUint64(at + 40, true));
    dirOffset = Number(view.getBigUint64(at + 48, true));
  }
  if (count > limits.zipEntries) throw overLimit(file, 'zipEntries', limits, `the zip lists ${fmt(count)} entries`);
  // Each central directory header is at least 46 bytes: a count the directory cannot hold is a lie.
  if (dirOffset + dirSize > bytes.length || count * 46 > dirSize) throw new ZipFormatError('the central directory does not fit in the file');
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  let at = dirOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > dirOffset + dirSize || view.getUint32(at, true) !== 0x02014b50) throw new ZipFormatError('damaged central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > dirOffset + dirSize) throw new ZipFormatError('damaged central directory');
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Zip64 extra field: the 64-bit sizes, in order, for the 32-bit fields that are all ones.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => {
          if (q + 8 > e + 4 + size) throw new ZipFormatError('damaged zip64 extra field');
          const v = Number(view.getBigUint64(q, true));
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + size;
    }
    if (localOffset + 30 > bytes.length || compressedSize > bytes.length) throw new ZipFormatError(`entry ${name} lies outside the file`);
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset, encrypted: (flags & 1) === 1 });
    at = end;
  }
  return entries;
}

/**
 * The inflated bytes of the chosen entries. Their declared sizes together must stay within the
 * zip-bytes limit before anything is inflated, and each entry is inflated in chunks into a buffer
 * of its declared size: one that inflates to more than it declared is refused at that point, so a
 * zip bomb costs at most the limit.
 */
export function readZipEntries(bytes: Uint8Array, entries: readonly ZipEntry[], file: string, limits: Limits): Map<string, Uint8Array> {
  const declared = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (declared > limits.zipBytes) {
    throw overLimit(file, 'zipBytes', limits, `the zip's ${entries.map((e) => e.name).join(', ')} would inflate to ${fmt(declared)} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.encrypted) throw new ZipFormatError(`${entry.name} is encrypted`);
    const at = entry.localOffset;
    if (view.getUint32(at, true) !== 0x04034b50) throw new ZipFormatError(`damaged local header of ${entry.name}`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (start + entry.compressedSize > bytes.length) throw new ZipFormatError(`${entry.name} is cut short`);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name}: stored sizes disagree`);
      out.set(entry.name, data);
      continue;
    }
    if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method} (only deflate is read)`);
    out.set(entry.name, inflateEntry(data, entry, file));
  }
  return out;
}

/** Chunk of compressed bytes fed to the inflater at a time: the most it can overshoot by is small. */
const CHUNK = 16 * 1024;

function inflateEntry(data: Uint8Array, entry: ZipEntry, file: string): Uint8Array {
  const target = new Uint8Array(entry.uncompressedSize);
  let written = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > target.length) {
      over = true;
      return;
    }
    target.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let i = 0; i < data.length && !over; i += CHUNK) inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
  } catch (err) {
    throw new ZipFormatError(`${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (over) {
    throw new InputError(
      file,
      `${entry.name} inflates to more than the ${fmt(entry.uncompressedSize)} bytes its header declares (a damaged zip or a zip bomb); refused while inflating`,
    );
  }
  if (written !== target.length) throw new ZipFormatError(`${entry.name} inflates to ${fmt(written)} bytes, not the ${fmt(target.length)} declared`);
  return target;
}
