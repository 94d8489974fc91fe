import { CoordinateBatch } from './geojson-coordinates.ts';
import { grown, isDigit, JsonCursor, notPlain, OUT_OF_BYTES, outOfBytes, Stop } from './json-bytes.ts';
import { isUnsafeKey } from './properties.ts';

/**
 * Features of a population GeoJSON read from UTF-8 bytes without `JSON.parse`: `JSON.parse` made
 * three objects and a string per member of every feature, only for the table to write the
 * properties back as text, and it was the largest part of a gigabyte's load.
 *
 * A plain feature is an object with "type": "Feature", and optionally "id" (a string or number),
 * "properties" (null, or an object of strings, numbers, true, false and null) and "geometry"
 * (null, or a Point, Polygon or MultiPolygon of plain coordinates, see `CoordinateBatch`), each
 * once, in any order, no member name escaped. Its properties are kept as their own JSON text.
 * Anything else is `NOT_PLAIN`, and the caller parses that feature as before, so what is read,
 * refused and said about a file does not change.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** Geometry types by code, as `PlainFeatures.types` holds them (0: no geometry). */
export const GEOMETRY_CODES = [null, 'Point', 'Polygon', 'MultiPolygon'] as const;
const DEPTHS = [0, 1, 3, 4];

const bytesOf = (text: string) => new TextEncoder().encode(text);
const TYPE = bytesOf('type');
const ID = bytesOf('id');
const PROPERTIES = bytesOf('properties');
const GEOMETRY = bytesOf('geometry');
const COORDINATES = bytesOf('coordinates');
const FEATURE = bytesOf('Feature');
const NULL = bytesOf('null');
const TRUE = bytesOf('true');
const FALSE = bytesOf('false');
const TYPE_NAMES = GEOMETRY_CODES.map((t) => (t ? bytesOf(t) : new Uint8Array(0)));

const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** Bytes that may follow a backslash in a JSON string (u is followed by four hex digits). */
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74, 0x75]);

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The plain features of a batch, numbered as parsed: geometry type code and coordinates value
 * (`coordinates`, -1 for none), the feature's "id", its properties' "id" (what names it; see
 * `propertyId`) and its properties' text (`texts()`). `newFields` lists, by feature, property
 * names its earlier features did not have in that place (so every name is there the first time it
 * is seen; unsafe ones are left out, as the ordinary parse leaves them out).
 *
 * No closures in the reading: the CLI runs under tsx, which names every closure it makes (a
 * property definition each), and this runs for each of millions of features.
 */
export class PlainFeatures extends JsonCursor {
  readonly coordinates = new CoordinateBatch();
  readonly newFields: [feature: number, name: string][] = [];
  count = 0;
  types = new Uint8Array(1024);
  values = new Int32Array(1024);
  readonly ids: (string | number | undefined)[] = [];
  /** Where a plain ASCII string "id" of the properties is in their text (-1: see `otherIds`). */
  private idFroms = new Int32Array(1024);
  private idTos = new Int32Array(1024);
  private readonly otherIds: (string | number | undefined)[] = [];
  /** The properties' texts, each followed by a 0 byte (which JSON text never holds raw). */
  private text = new Uint8Array(1 << 17);
  /** Per feature: where its text ends. */
  private textEnds = new Int32Array(1024);
  private textLength = 0;
  /** Names by their place in the last features' properties: most files repeat them, so few are decoded. */
  private readonly names: Uint8Array[] = [];
  private readonly added: string[] = [];
  /** Past the last member name read (its closing quote + 1). */
  private nameEnd = 0;
  /** Bytes of the strings read, or-ed: below 0x80 while all were ASCII. */
  private high = 0;
  private idFrom = -1;
  private idTo = -1;
  private otherId: string | number | undefined;

  clear(): void {
    this.count = 0;
    this.ids.length = 0;
    this.otherIds.length = 0;
    this.textLength = 0;
    this.newFields.length = 0;
    this.coordinates.clear();
  }

  /** The properties of features 0…count-1 as JSON text (invalid UTF-8 throws). */
  texts(): string[] {
    const all = decoder.decode(this.text.subarray(0, this.textLength));
    const out: string[] = new Array<string>(this.count);
    let from = 0;
    for (let k = 0; k < this.count; k++) {
      const to = all.indexOf('\u0000', from);
      out[k] = all.slice(from, to);
      from = to + 1;
    }
    return out;
  }

  /** Forgets the last feature read, whose end the caller could not see: it reads it again from a later window. */
  dropLast(): void {
    const k = --this.count;
    this.textLength = k === 0 ? 0 : this.textEnds[k - 1];
    if (this.values[k] >= 0) this.coordinates.truncate(this.values[k]);
    while (this.newFields.length > 0 && this.newFields[this.newFields.length - 1][0] === k) this.newFields.pop();
    this.ids.length = k;
    this.otherIds.length = k;
    // Its names must be noted again when it is read again.
    this.names.length = 0;
  }

  /** Feature k's properties' "id" (given its properties' text), undefined when absent. */
  propertyId(k: number, text: string): string | number | undefined {
    return this.idFroms[k] >= 0 ? text.slice(this.idFroms[k], this.idTos[k]) : this.otherIds[k];
  }

  /**
   * Reads the object starting at `bytes[from]` as the next plain feature: returns the index just
   * past it, `NOT_PLAIN` or `OUT_OF_BYTES`; only a feature read whole is kept.
   */
  parse(bytes: Uint8Array, from: number): number {
    const values = this.coordinates.values;
    const textLength = this.textLength;
    this.added.length = 0;
    this.b = bytes;
    this.j = from;
    this.idFrom = -1;
    this.otherId = undefined;
    try {
      let seen = 0;
      let id: string | number | undefined;
      let type = 0;
      let value = -1;
      let propertiesAt = -1;
      if (this.enter()) {
        do {
          const name = this.name();
          const member = this.is(name, TYPE) ? 1 : this.is(name, ID) ? 2 : this.is(name, PROPERTIES) ? 4 : this.is(name, GEOMETRY) ? 8 : 0;
          // Another member, or one repeated (JSON.parse keeps the last): the ordinary way.
          if (member === 0 || seen & member) throw notPlain;
          seen |= member;
          if (member === 1) {
            const at = this.j;
            this.string();
            if (!this.equals(at + 1, this.j - 1, FEATURE)) throw notPlain;
          } else if (member === 2) {
            id = this.idValue();
            if (id === undefined) throw notPlain;
          } else if (member === 4) {
            propertiesAt = this.j;
            const isObject = !this.literal(NULL);
            if (isObject) this.properties(propertiesAt);
            this.copyText(propertiesAt, isObject ? this.j : -1);
          } else if (!this.literal(NULL)) {
            type = this.geometry();
            value = this.coordinates.values - 1;
          }
        } while (this.next());
      }
      if (!(seen & 1)) throw notPlain;
      if (propertiesAt < 0) this.copyText(-1, -1);
      const k = this.count;
      if (k === this.types.length) {
        this.types = grown(this.types, 2 * k);
        this.values = grown(this.values, 2 * k);
        this.idFroms = grown(this.idFroms, 2 * k);
        this.idTos = grown(this.idTos, 2 * k);
        this.textEnds = grown(this.textEnds, 2 * k);
      }
      this.textEnds[k] = this.textLength;
      this.types[k] = type;
      this.values[k] = value;
      this.idFroms[k] = this.idFrom;
      this.idTos[k] = this.idTo;
      this.ids[k] = id;
      this.otherIds[k] = this.otherId;
      for (let n = 0; n < this.added.length; n++) this.newFields.push([k, this.added[n]]);
      this.count++;
      return this.j;
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      this.coordinates.truncate(values);
      this.textLength = textLength;
      // The names it noted are not fields yet: the next feature must note them again.
      this.names.length = 0;
      return err.code;
    } finally {
      this.release();
    }
  }

  /** Appends the properties' text (bytes from…to, or `{}` when to < 0) and its 0 byte. */
  private copyText(from: number, to: number): void {
    const n = to < 0 ? 2 : to - from;
    if (this.textLength + n + 1 > this.text.length) this.text = grown(this.text, 2 * (this.textLength + n + 1));
    const t = this.text;
    let k = this.textLength;
    if (to < 0) {
      t[k++] = OPEN_OBJECT;
      t[k++] = CLOSE_OBJECT;
    } else {
      const b = this.b;
      for (let m = from; m < to; m++) t[k++] = b[m];
    }
    t[k++] = 0;
    this.textLength = k;
  }

  /** The "properties" object at j (which starts at `at`): scalars only; notes new names and its "id". */
  private properties(at: number): void {
    this.high = 0;
    if (!this.enter()) return;
    let place = 0;
    do {
      const name = this.name();
      const known = this.names[place];
      if (!known || !this.equals(name + 1, this.nameEnd - 1, known)) {
        const text = this.text8(name + 1, this.nameEnd - 1);
        this.names[place] = this.b.slice(name + 1, this.nameEnd - 1);
        if (!isUnsafeKey(text)) this.added.push(text);
      }
      place++;
      if (!this.is(name, ID)) this.scalar();
      else if (this.byte() === QUOTE) {
        const from = this.j;
        const escaped = this.string();
        // Unescaped, with only ASCII before it: its place in the text is its place in the bytes.
        if (!escaped && this.high < 0x80) {
          this.idFrom = from + 1 - at;
          this.idTo = this.j - 1 - at;
          this.otherId = undefined;
        } else {
          this.j = from;
          this.idFrom = -1;
          this.otherId = this.idValue();
        }
      } else {
        this.idFrom = -1;
        this.otherId = this.idValue();
        if (this.otherId === undefined) this.scalar();
      }
    } while (this.next());
  }

  /** The "geometry" object at j: its type's code; its coordinates become the last value. */
  private geometry(): number {
    let type = -1;
    let value = -1;
    if (this.enter()) {
      do {
        const name = this.name();
        if (this.is(name, TYPE) && type < 0) {
          const at = this.j;
          this.string();
          for (let k = 1; k < TYPE_NAMES.length && type < 0; k++) if (this.equals(at + 1, this.j - 1, TYPE_NAMES[k])) type = k;
          if (type < 0) throw notPlain;
        } else if (this.is(name, COORDINATES) && value < 0) {
          const end = this.coordinates.parse(this.b, this.j);
          if (end < 0) throw end === OUT_OF_BYTES ? outOfBytes : notPlain;
          this.j = end;
          value = this.coordinates.values - 1;
        } else throw notPlain;
      } while (this.next());
    }
    if (type < 0 || value < 0 || this.coordinates.depths[value] !== DEPTHS[type]) throw notPlain;
    return type;
  }

  /** Past the '{' at j and the spaces after it; false (and past its '}') when the object is empty. */
  private enter(): boolean {
    if (this.byte() !== OPEN_OBJECT) throw notPlain;
    this.j++;
    this.ws();
    if (this.byte() !== CLOSE_OBJECT) return true;
    this.j++;
    return false;
  }

  /** Reads a member name (unescaped) and its colon: returns where its quote is; j is at the value. */
  private name(): number {
    if (this.byte() !== QUOTE) throw notPlain;
    const at = this.j;
    this.string();
    this.nameEnd = this.j;
    for (let m = at + 1; m < this.nameEnd - 1; m++) if (this.b[m] === BACKSLASH) throw notPlain;
    this.ws();
    if (this.byte() !== COLON) throw notPlain;
    this.j++;
    this.ws();
    return at;
  }

  /** Past a ',' (true: another member follows) or the '}' (false) after a member. */
  private next(): boolean {
    this.ws();
    const c = this.byte();
    this.j++;
    if (c === CLOSE_OBJECT) return false;
    if (c !== COMMA) throw notPlain;
    this.ws();
    return true;
  }

  /** Whether the member name whose quote is at `at` (ending at nameEnd) is `name`. */
  private is(at: number, name: Uint8Array): boolean {
    return this.equals(at + 1, this.nameEnd - 1, name);
  }

  private equals(from: number, to: number, bytes: Uint8Array): boolean {
    if (to - from !== bytes.length) return false;
    const b = this.b;
    for (let k = 0; k < bytes.length; k++) if (b[from + k] !== bytes[k]) return false;
    return true;
  }

  /** A string or number at j, read; undefined (j unmoved) for anything else. */
  private idValue(): string | number | undefined {
    const at = this.j;
    const c = this.byte();
    if (c === QUOTE) {
      const escaped = this.string();
      return escaped ? (JSON.parse(this.text8(at, this.j)) as string) : this.text8(at + 1, this.j - 1);
    }
    if (c === MINUS || isDigit(c)) {
      this.number();
      return Number(this.text8(at, this.j));
    }
    return undefined;
  }

  /** The text of bytes from…to (invalid UTF-8 is not plain). */
  private text8(from: number, to: number): string {
    try {
      return decoder.decode(this.b.subarray(from, to));
    } catch {
      throw notPlain;
    }
  }

  /** A string, number, true, false or null at j. */
  private scalar(): void {
    const c = this.byte();
    if (c === QUOTE) this.string();
    else if (c === MINUS || isDigit(c)) this.number();
    else if (!this.literal(TRUE) && !this.literal(FALSE) && !this.literal(NULL)) throw notPlain;
  }

  /** Moves past `word` when it is at j. */
  private literal(word: Uint8Array): boolean {
    if (this.j + word.length >= this.b.length) throw outOfBytes;
    if (!this.equals(this.j, this.j + word.length, word)) return false;
    this.j += word.length;
    return true;
  }

  /** Moves past the JSON string at j (valid: no raw control character, known escapes); whether it has escapes. */
  private string(): boolean {
    const b = this.b;
    let k = this.j + 1;
    let escaped = false;
    let high = this.high;
    for (;;) {
      if (k >= b.length) throw outOfBytes;
      const c = b[k];
      if (c === QUOTE) break;
      if (c < 0x20) throw notPlain;
      high |= c;
      if (c === BACKSLASH) {
        escaped = true;
        if (k + 5 >= b.length) throw outOfBytes;
        if (!ESCAPES.has(b[k + 1])) throw notPlain;
        if (b[k + 1] === 0x75) {
          if (!(isHex(b[k + 2]) && isHex(b[k + 3]) && isHex(b[k + 4]) && isHex(b[k + 5]))) throw notPlain;
          k += 4;
        }
        k++;
      }
      k++;
    }
    this.high = high;
    this.j = k + 1;
    return escaped;
  }

  /** Moves past the JSON number at j: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.b;
    let k = this.j;
    if (k < b.length && b[k] === MINUS) k++;
    if (k >= b.length) throw outOfBytes;
    if (b[k] === ZERO) k++;
    else k = this.digits(k);
    if (k >= b.length) throw outOfBytes;
    if (b[k] === 0x2e) k = this.digits(k + 1);
    if (b[k] === 0x65 || b[k] === 0x45) {
      k++;
      if (k < b.length && (b[k] === 0x2b || b[k] === MINUS)) k++;
      k = this.digits(k);
    }
    this.j = k;
  }

  /** Past one or more digits from k (something must follow them). */
  private digits(k: number): number {
    const b = this.b;
    const from = k;
    while (k < b.length && isDigit(b[k])) k++;
    if (k >= b.length) throw outOfBytes;
    if (k === from) throw notPlain;
    return k;
  }

}
