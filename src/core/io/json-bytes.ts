/**
 * What the byte-level JSON readers share (`geojson-coordinates.ts`, `geojson-features.ts`): their
 * two verdicts on a value they will not read, the exception carrying one out of a parse, and a
 * cursor over bytes.
 */

/** The value is not what the reader takes: parse it the ordinary way. */
export const NOT_PLAIN = -1;
/** The bytes end inside the value. */
export const OUT_OF_BYTES = -2;

/** Thrown inside a parse; the parse turns it into its code. */
export class Stop {
  constructor(readonly code: number) {}
}
export const notPlain = new Stop(NOT_PLAIN);
export const outOfBytes = new Stop(OUT_OF_BYTES);

export const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** `a`, or a copy of it at least `need` long (twice as long at least). */
export function grown<T extends Float64Array | Uint32Array | Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

const EMPTY = new Uint8Array(0);

/** A position `j` in bytes `b`, for a reader's methods. */
export class JsonCursor {
  protected b: Uint8Array = EMPTY;
  protected j = 0;

  /** Drops the bytes read (they may be a window the caller reuses). */
  protected release(): void {
    this.b = EMPTY;
  }

  protected byte(): number {
    if (this.j >= this.b.length) throw outOfBytes;
    return this.b[this.j];
  }

  protected ws(): void {
    while (this.j < this.b.length && isSpace(this.b[this.j])) this.j++;
  }
}
