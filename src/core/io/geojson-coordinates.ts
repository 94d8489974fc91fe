/**
 * GeoJSON "coordinates" read from UTF-8 bytes straight into flat arrays, for the streaming reader
 * of a population file: `JSON.parse` building an array per position was most of the time of a
 * gigabyte of polygons, and the table then copied every number out of those arrays again.
 *
 * Only plain, valid JSON in the three shapes a population table keeps flat is read — a position
 * of exactly two numbers (a Point's), rings of such positions (a Polygon's) and polygons of rings
 * (a MultiPolygon's), no array empty. Anything else (an altitude, a string, an empty ring, a
 * number JSON does not allow) is `NOT_PLAIN`, and the caller parses that feature as it did
 * before, so what is accepted, refused and said about it does not change.
 */

import { grown, isDigit, isSpace, JsonCursor, notPlain, outOfBytes, Stop } from './json-bytes.ts';

const OPEN = 0x5b;
const CLOSE = 0x5d;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

/** 10^k, exact as doubles for k ≤ 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);


/**
 * The coordinates of a batch of features, flat: positions as x, y pairs; per ring the end of its
 * positions and whether it starts a polygon; per value its depth (1 a position, 3 rings, 4
 * polygons) and the end of its rings. Values are numbered in the order they were parsed.
 */
export class CoordinateBatch extends JsonCursor {
  xy = new Float64Array(1 << 16);
  /** Per ring: the end (exclusive, in positions) of its positions. */
  vertexEnds = new Uint32Array(1 << 12);
  /** Per ring: 1 when it starts a polygon. */
  outer = new Uint8Array(1 << 12);
  /** Per value: the end (exclusive) of its rings. */
  ringEnds = new Uint32Array(1 << 10);
  depths = new Uint8Array(1 << 10);
  positions = 0;
  rings = 0;
  values = 0;

  clear(): void {
    this.truncate(0);
  }

  /** Drops every value from `values` on. */
  truncate(values: number): void {
    this.values = values;
    this.rings = values === 0 ? 0 : this.ringEnds[values - 1];
    this.positions = this.rings === 0 ? 0 : this.vertexEnds[this.rings - 1];
  }

  /** Value v's first ring (its rings run to `ringEnds[v]`). */
  ringStart(v: number): number {
    return v === 0 ? 0 : this.ringEnds[v - 1];
  }

  /** Ring r's first position. */
  positionStart(r: number): number {
    return r === 0 ? 0 : this.vertexEnds[r - 1];
  }

  /**
   * Reads the array starting at `bytes[from]` (an opening bracket) as the next value: returns the
   * index just past it, `NOT_PLAIN` or `OUT_OF_BYTES`. Only a value read whole is kept.
   */
  parse(bytes: Uint8Array, from: number): number {
    const mark = { positions: this.positions, rings: this.rings };
    this.b = bytes;
    this.j = from;
    try {
      const depth = this.depthAhead();
      if (depth === 1) {
        this.position();
        this.ring(1);
      } else if (depth === 3) this.polygon();
      else if (depth === 4) {
        this.open();
        do this.polygon();
        while (this.next());
      } else throw notPlain;
      this.ringEnds = grown(this.ringEnds, this.values + 1);
      this.depths = grown(this.depths, this.values + 1);
      this.ringEnds[this.values] = this.rings;
      this.depths[this.values] = depth;
      this.values++;
      return this.j;
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      this.positions = mark.positions;
      this.rings = mark.rings;
      return err.code;
    } finally {
      this.release();
    }
  }

  /** How many brackets open before the first number, without moving. */
  private depthAhead(): number {
    const b = this.b;
    let k = this.j;
    let depth = 0;
    for (; k < b.length; k++) {
      const c = b[k];
      if (c === OPEN) depth++;
      else if (!isSpace(c)) return depth;
    }
    throw outOfBytes;
  }


  // No closures below: the CLI runs under tsx, which names every closure made (a property
  // definition each), and these run millions of times.

  /** Past the '[' at j and the spaces after it. */
  private open(): void {
    if (this.byte() !== OPEN) throw notPlain;
    this.j++;
    this.ws();
  }

  /** Past a ',' (true: another element follows) or the ']' (false) after an element. */
  private next(): boolean {
    this.ws();
    const c = this.byte();
    this.j++;
    if (c === CLOSE) return false;
    if (c !== COMMA) throw notPlain;
    this.ws();
    return true;
  }

  /** Rings of one or more positions each, at least one ring. */
  private polygon(): void {
    this.open();
    let outer = 1;
    do {
      this.open();
      do this.position();
      while (this.next());
      this.ring(outer);
      outer = 0;
    } while (this.next());
  }

  private ring(outer: number): void {
    this.vertexEnds = grown(this.vertexEnds, this.rings + 1);
    this.outer = grown(this.outer, this.rings + 1);
    this.vertexEnds[this.rings] = this.positions;
    this.outer[this.rings] = outer;
    this.rings++;
  }

  private position(): void {
    if (this.byte() !== OPEN) throw notPlain;
    this.j++;
    this.ws();
    const x = this.number();
    this.ws();
    if (this.byte() !== COMMA) throw notPlain;
    this.j++;
    this.ws();
    const y = this.number();
    this.ws();
    if (this.byte() !== CLOSE) throw notPlain;
    this.j++;
    this.xy = grown(this.xy, 2 * this.positions + 2);
    this.xy[2 * this.positions] = x;
    this.xy[2 * this.positions + 1] = y;
    this.positions++;
  }

  /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): number {
    const b = this.b;
    const start = this.j;
    let j = start;
    const negative = b[j] === MINUS;
    if (negative) j++;
    if (j >= b.length) throw outOfBytes;
    if (!isDigit(b[j])) throw notPlain;
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    if (b[j] === ZERO) j++;
    else {
      while (j < b.length && isDigit(b[j])) {
        mantissa = mantissa * 10 + (b[j] - ZERO);
        digits++;
        j++;
      }
    }
    if (j < b.length && b[j] === DOT) {
      j++;
      const fraction = j;
      while (j < b.length && isDigit(b[j])) {
        mantissa = mantissa * 10 + (b[j] - ZERO);
        digits++;
        j++;
      }
      decimals = j - fraction;
      if (decimals === 0) throw j >= b.length ? outOfBytes : notPlain;
    }
    let exponent = false;
    if (j < b.length && (b[j] === 0x65 || b[j] === 0x45)) {
      exponent = true;
      j++;
      if (j < b.length && (b[j] === 0x2b || b[j] === MINUS)) j++;
      const from = j;
      while (j < b.length && isDigit(b[j])) j++;
      if (j === from) throw j >= b.length ? outOfBytes : notPlain;
    }
    // A number may go on past the bytes there are.
    if (j >= b.length) throw outOfBytes;
    this.j = j;
    // Up to 15 digits and no exponent: an exact integer divided by an exact power of ten, one
    // correctly rounded operation, so the same double as JSON.parse. Otherwise the text itself.
    if (!exponent && digits <= 15) {
      const value = decimals === 0 ? mantissa : mantissa / POW10[decimals];
      return negative ? -value : value;
    }
    // Spread as arguments below: a number of thousands of digits goes the ordinary way.
    if (j - start > 64) throw notPlain;
    return Number(String.fromCharCode(...b.subarray(start, j)));
  }
}
