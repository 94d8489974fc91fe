import { isUnsafeKey } from './properties.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index just past the JSON string whose opening quote is at `from` (the text is valid JSON). */
function stringEnd(text: string, from: number): number {
  for (let j = from + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** The index just past the JSON array or object opening at `from`. */
function containerEnd(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) j = stringEnd(text, j) - 1;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}

/** The index just past a number or literal starting at `from`. */
function scalarEnd(text: string, from: number): number {
  let j = from;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x2c || c === 0x7d) break;
  }
  return j;
}

/**
 * The members named in `wanted` of a JSON object as `JSON.stringify` writes one (no white space),
 * as `JSON.parse` would give them, without parsing the others: a population table reads its id and
 * residents from millions of features' properties kept as text. Null when the text holds what this
 * does not read (an escaped member name, a wanted member that is an object or array): then parse
 * it whole.
 */
export function pickMembers(text: string, wanted: ReadonlySet<string>): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (text.charCodeAt(0) !== 0x7b) return null;
  let i = 1;
  if (text.charCodeAt(i) === 0x7d) return out;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    const key = text.slice(i + 1, keyEnd - 1);
    if (key.includes('\\') || isUnsafeKey(key) || text.charCodeAt(keyEnd) !== 0x3a) return null;
    const from = keyEnd + 1;
    const c = text.charCodeAt(from);
    // White space (a file's own text, kept as it was): read whole.
    if (c <= 0x20) return null;
    const container = c === 0x7b || c === 0x5b;
    const to = c === QUOTE ? stringEnd(text, from) : container ? containerEnd(text, from) : scalarEnd(text, from);
    if (to < 0) return null;
    if (wanted.has(key)) {
      if (container) return null;
      const value = text.slice(from, to);
      // JSON's numbers are read by Number() exactly as by JSON.parse; a string without escapes is its inside.
      out[key] =
        c === QUOTE ? (value.includes('\\') ? JSON.parse(value) : value.slice(1, -1)) : c === 0x74 ? true : c === 0x66 ? false : c === 0x6e ? null : Number(value);
    }
    const next = text.charCodeAt(to);
    if (next === 0x7d) return out;
    if (next !== 0x2c) return null;
    i = to + 1;
  }
}
