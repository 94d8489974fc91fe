import { InputError } from '../errors.ts';
import type { InputWarning } from '../errors.ts';
import { DEFAULT_LIMITS, overLimit, type Limits } from './limits.ts';

/** Lower-case extension of a file name without the dot ('' when none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

/** Names some common binary formats, so a refusal can say what the file is instead. */
export function describeBinary(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an Excel 97–2003 workbook (.xls): save it as CSV (UTF-8)';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip-compressed: unpack it first';
  if (startsWith(bytes, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65])) return 'an SQLite database (GeoPackage?): export the layer as GeoJSON';
  if (startsWith(bytes, [0x00, 0x00, 0x27, 0x0a])) {
    return 'a bare .shp: zip it with its .dbf, .shx, .prj (and .cpg) and load the .zip';
  }
  return null;
}

function hex(bytes: Uint8Array, n = 8): string {
  return Array.from(bytes.subarray(0, n), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Which encodings TextDecoder knows here (all of these are in Node ≥ 20 and browsers). */
function decoder(encoding: string, file: string, fatal: boolean): TextDecoder {
  try {
    return new TextDecoder(encoding, { fatal, ignoreBOM: false });
  } catch {
    throw new InputError(file, `unknown text encoding '${encoding}' (try utf-8 or gbk)`);
  }
}

export interface DecodedText {
  text: string;
  encoding: string;
  warnings: InputWarning[];
}

/**
 * Bytes → text: a BOM decides (UTF-8, UTF-16 LE/BE as Excel's "Unicode text" writes); then the
 * given encoding; then UTF-8, falling back to GBK (gb18030, its superset) when the bytes are not
 * valid UTF-8, as files saved by Chinese Excel or WPS are. NUL bytes mean a binary file.
 */
export function decodeText(bytes: Uint8Array, file: string, encoding?: string, limits: Limits = DEFAULT_LIMITS): DecodedText {
  // Past this the engine cannot make one string: say so, rather than "not valid UTF-8".
  if (bytes.length > limits.textBytes) {
    throw overLimit(file, 'textBytes', limits, `the file is ${bytes.length.toLocaleString('en-US')} bytes, more text than is read into one string`);
  }
  const warnings: InputWarning[] = [];
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: decoder('utf-8', file, false).decode(bytes), encoding: 'utf-8', warnings };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decoder('utf-16le', file, false).decode(bytes), encoding: 'utf-16le', warnings };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decoder('utf-16be', file, false).decode(bytes), encoding: 'utf-16be', warnings };
  const probe = bytes.subarray(0, 65536);
  let control = 0;
  for (const b of probe) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  // Text has no NULs and next to no other control bytes; random or binary data has plenty.
  if (probe.includes(0) || control > probe.length / 100) {
    const what = describeBinary(bytes);
    throw new InputError(file, `not a text file (${what ?? `binary data, starts with bytes ${hex(bytes)}`})`);
  }
  if (encoding) {
    const enc = encoding.toLowerCase();
    try {
      return { text: decoder(enc, file, true).decode(bytes), encoding: enc, warnings };
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(file, `the bytes are not valid ${encoding} text`);
    }
  }
  try {
    return { text: decoder('utf-8', file, true).decode(bytes), encoding: 'utf-8', warnings };
  } catch {
    try {
      const text = decoder('gbk', file, true).decode(bytes);
      warnings.push({ source: file, feature: 'all features', reason: 'not valid UTF-8; read as GBK (Chinese Windows encoding)' });
      return { text, encoding: 'gbk', warnings };
    } catch {
      const what = describeBinary(bytes);
      throw new InputError(file, `not a text file (${what ?? 'neither valid UTF-8 nor GBK text'}); give its encoding, e.g. --encoding gb18030`);
    }
  }
}
