import type { Geometry, Position } from 'geojson';
import { ShapeColumn, type FlatRings } from '../demand/shape-column.ts';
import { TextColumn } from '../demand/text-column.ts';
import { pickMembers } from './json-members.ts';
import { isUnsafeKey } from './properties.ts';
import type { RawFeature } from './types.ts';

const SEPARATOR = '\u0000';
const UNSAFE_TEXT = /"(?:__proto__|constructor|prototype)"|\\u00[2-7][0-9a-fA-F]/;

/** A value JSON text gives back unchanged: no NaN or ±Infinity (JSON.stringify writes them as null). */
function jsonExact(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  // Parsed JSON is never deeper than the nesting limit; anything deeper is kept as it is.
  if (depth > 64) return false;
  for (const k in value) if (!jsonExact((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/**
 * A file's features as a loader reads them for the population layer, held compactly (a 1 GB
 * GeoJSON of cells is about 2.5 GB as parsed objects): each feature's properties as JSON text,
 * its geometry in flat columns (`ShapeColumn`), its label in a text column. Features are added as
 * they are parsed, so the parsed objects of only one batch are alive at a time. `feature(i)` and
 * `properties(i)` give back what was added.
 */
export class FeatureTable {
  readonly labels = new TextColumn();
  readonly shapes = new ShapeColumn();
  private readonly texts = new TextColumn();
  /** Properties that JSON text would change, and GeoJSON Feature ids, by feature: rare, kept as they are. */
  private readonly objects = new Map<number, Record<string, unknown>>();
  /** Keyed rows holding the separator themselves, kept as JSON arrays instead. */
  private readonly jsonRows = new Set<number>();
  private readonly ids = new Map<number, string | number>();

  /**
   * `keys`: the properties of every feature are these, in order (a CSV's columns); each feature's
   * values are then kept joined by U+0000 (splitting is twice as fast as parsing JSON), or as a
   * JSON array when a value holds that character.
   */
  constructor(readonly keys: readonly string[] | null = null) {}

  get count(): number {
    return this.labels.length;
  }

  /** Adds a feature; `values` are the properties' values in `keys` order when the table has keys. */
  add(geometry: Geometry | null, properties: Record<string, unknown> | readonly string[], label: string, id?: string | number): void {
    this.shapes.add(geometry);
    this.addRow(properties, label, id);
  }

  /**
   * Adds a feature read without parsing it (geojson-features.ts): its properties as their JSON
   * text, its geometry null or a bare Point, Polygon or MultiPolygon flat already.
   */
  addText(type: 'Point' | 'Polygon' | 'MultiPolygon' | null, flat: FlatRings, v: number, properties: string, label: string, id?: string | number): void {
    if (type) this.shapes.addFlat(type, flat, v);
    else this.shapes.add(null);
    const i = this.labels.length;
    this.labels.push(label);
    if (id !== undefined) this.ids.set(i, id);
    this.texts.push(properties);
  }

  /** The row of the feature whose shape was just added. */
  private addRow(properties: Record<string, unknown> | readonly string[], label: string, id?: string | number): void {
    const i = this.labels.length;
    this.labels.push(label);
    if (id !== undefined) this.ids.set(i, id);
    if (Array.isArray(properties)) {
      const values = properties as readonly string[];
      if (values.some((v) => v.includes(SEPARATOR))) {
        this.jsonRows.add(i);
        this.texts.push(JSON.stringify(values));
      } else this.texts.push(values.join(SEPARATOR));
    } else if (!jsonExact(properties)) {
      this.objects.set(i, properties as Record<string, unknown>);
      this.texts.push('');
    } else this.texts.push(JSON.stringify(properties));
  }

  /** Feature i's properties: a new object each time (callers change it), equal to the one added. */
  properties(i: number): Record<string, unknown> {
    const kept = this.objects.get(i);
    if (kept) {
      const copy: Record<string, unknown> = {};
      for (const k in kept) if (!isUnsafeKey(k)) copy[k] = kept[k];
      return copy;
    }
    if (!this.keys) {
      const text = this.texts.get(i);
      // The loader dropped unsafe keys already; their names in the text would come back as own keys.
      return (UNSAFE_TEXT.test(text) ? JSON.parse(text, (key, value: unknown) => (isUnsafeKey(key) ? undefined : value)) : JSON.parse(text)) as Record<string, unknown>;
    }
    const out: Record<string, unknown> = {};
    if (this.jsonRows.has(i)) {
      const values = JSON.parse(this.texts.get(i)) as string[];
      for (let j = 0; j < this.keys.length; j++) out[this.keys[j]] = values[j];
      return out;
    }
    // Cut at each separator by hand: twice as fast as split(), which every row of an export pays.
    const text = this.texts.get(i);
    let from = 0;
    for (let j = 0; j < this.keys.length; j++) {
      const to = text.indexOf(SEPARATOR, from);
      if (to < 0) {
        out[this.keys[j]] = text.slice(from);
        for (j++; j < this.keys.length; j++) out[this.keys[j]] = undefined;
        break;
      }
      out[this.keys[j]] = text.slice(from, to);
      from = to + 1;
    }
    return out;
  }

  /**
   * Feature i's properties named in `keys` only (those it has), as `properties(i)` gives them: what
   * mapping a population reads of each of millions of features, without building the rest.
   */
  pick(i: number, keys: ReadonlySet<string>): Record<string, unknown> {
    if (!this.keys && !this.objects.has(i)) {
      // pickMembers refuses unsafe and escaped member names itself (properties() then filters them).
      const picked = pickMembers(this.texts.get(i), keys);
      if (picked) return picked;
    }
    if (this.keys && !this.jsonRows.has(i)) {
      const text = this.texts.get(i);
      const out: Record<string, unknown> = {};
      let from = 0;
      for (let j = 0; j < this.keys.length; j++) {
        const to = from < 0 ? -1 : text.indexOf(SEPARATOR, from);
        const key = this.keys[j];
        // A row shorter than the keys has its missing values undefined, as properties() gives them.
        if (keys.has(key)) out[key] = from < 0 ? undefined : to < 0 ? text.slice(from) : text.slice(from, to);
        from = to < 0 ? -1 : to + 1;
      }
      return out;
    }
    const all = this.properties(i);
    const out: Record<string, unknown> = {};
    for (const k of keys) if (Object.hasOwn(all, k)) out[k] = all[k];
    return out;
  }

  feature(i: number): RawFeature {
    const f: RawFeature = { type: 'Feature', geometry: this.shapes.geometry(i), properties: this.properties(i) };
    const id = this.ids.get(i);
    if (id !== undefined) f.id = id;
    return f;
  }

  /** Every position's numbers in feature order, read only (see `ShapeColumn.forEachXY`). */
  forEachXY(walkObject: (g: Geometry | null, fn: (p: Position) => void) => void, fn: (x: unknown, y: unknown) => void): void {
    this.shapes.forEachXY(walkObject, fn);
  }

  /** Every position in feature order (see `ShapeColumn.forEachPosition`). */
  forEachPosition(walkObject: (g: Geometry | null, fn: (p: Position) => void) => void, fn: (p: Position) => void): void {
    this.shapes.forEachPosition(walkObject, fn);
  }
}
