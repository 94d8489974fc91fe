import { InputError } from '../errors.ts';
import { DEFAULT_LIMITS, overLimit, type Limits } from './limits.ts';
import { UNSAFE_KEYS } from './properties.ts';

/**
 * Parses JSON text. Errors give the character position (and line and column) of the first fault;
 * `__proto__`, `constructor` and `prototype` keys are dropped so the result cannot pollute
 * prototypes wherever it is later copied.
 */
export function parseJson(text: string, file: string, limits: Limits = DEFAULT_LIMITS): unknown {
  // Deep nesting parses, but then overflows the stack of every recursive step after (copies, exports).
  const deep = nestingPast(text, limits.nestingDepth);
  if (deep >= 0) throw overLimit(file, 'nestingDepth', limits, `JSON nested more than ${limits.nestingDepth} deep at position ${deep}`);
  return parseBoundedJson(text, file);
}

/** `parseJson` for text whose nesting the caller has bounded already (the streaming reader's scanner does, byte by byte). */
export function parseBoundedJson(text: string, file: string): unknown {
  try {
    // The reviver costs time on large files, so it runs only when an unsafe key could be there
    // (spelt out, or hidden behind \u escapes of ASCII letters).
    return /"(?:__proto__|constructor|prototype)"|\\u00[2-7][0-9a-fA-F]/.test(text)
      ? JSON.parse(text, (key, value: unknown) => (UNSAFE_KEYS.has(key) ? undefined : value))
      : JSON.parse(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    if (text.trim() === '') throw new InputError(file, 'invalid JSON at position 0: the file is empty');
    const stated = /at position (\d+)/.exec(err.message);
    const position = stated ? Number(stated[1]) : jsonErrorPosition(text);
    const what = err.message
      .replace(/\s*(?:in JSON )?at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/[\u0000-\u001f]/g, (ch) => JSON.stringify(ch).slice(1, -1));
    const before = text.slice(0, position).split('\n');
    throw new InputError(
      file,
      `invalid JSON at position ${position}: ${what} (line ${before.length}, column ${before[before.length - 1].length + 1})`,
    );
  }
}

/**
 * Where a JSON text first goes wrong, for the engine messages that do not say ("Unexpected token
 * 'x', "…" is not valid JSON"). A small recursive-descent scan, run only after a parse failed.
 */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return void i++;
      if (c === '\\') {
        if ('"\\/bfnrt'.includes(text[i + 1] ?? 'x')) i += 2;
        else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return void (i++, fail());
      } else i++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    const literal = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : '';
    if (literal) {
      // Character by character, to fail where V8 does ("tru}" fails at the "}").
      for (const ch of literal) if (text[i] === ch) i++; else fail();
      return;
    }
    number.lastIndex = i;
    if (number.test(text)) return void (i = number.lastIndex);
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return at;
    // Nesting too deep for the scan: say where it started rather than nothing.
    return 0;
  }
  return text.length;
}

/** Where JSON text first nests deeper than `limit` (brackets outside strings), or −1. */
function nestingPast(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}
