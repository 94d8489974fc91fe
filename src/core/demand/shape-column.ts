import type { Geometry, Position } from 'geojson';
import { ChunkedNumbers, float64s, uint32s, uint8s } from './chunked-numbers.ts';
import { FlatRingList, ringsShape, type PolygonShape } from './polygon-shape.ts';

const OTHER = 0;
const POINT = 1;
const POLYGON = 2;
const MULTI_POLYGON = 3;

/** A position of exactly two numbers: what the flat columns hold (a third, altitude, goes with the object). */
const isPlainPosition = (p: unknown): p is [number, number] => Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';

function plainRings(rings: unknown): rings is [number, number][][] {
  if (!Array.isArray(rings) || rings.length === 0) return false;
  // Plain loops: this sees every position of a million-polygon file.
  for (let r = 0; r < rings.length; r++) {
    const ring: unknown = rings[r];
    if (!Array.isArray(ring)) return false;
    for (let k = 0; k < ring.length; k++) if (!isPlainPosition(ring[k])) return false;
  }
  return true;
}

/** A geometry object with no member beyond type and coordinates (an export writes every member). */
function bare(g: Record<string, unknown>): boolean {
  let n = 0;
  for (const _ in g) n++;
  return n === 2 && 'coordinates' in g;
}

/**
 * Coordinates read flat already (`CoordinateBatch` in io/geojson-coordinates.ts): value v's rings
 * run from `ringStart(v)` to `ringEnds[v]`, ring r's positions from `positionStart(r)` to
 * `vertexEnds[r]`, as x, y pairs in `xy`; `outer[r]` is 1 when ring r starts a polygon.
 */
export interface FlatRings {
  readonly xy: Float64Array;
  readonly vertexEnds: Uint32Array;
  readonly outer: Uint8Array;
  readonly ringEnds: Uint32Array;
  ringStart(v: number): number;
  positionStart(r: number): number;
}

const isLngLat = (x: number, y: number) => Math.abs(x) <= 180 && Math.abs(y) <= 90;

const FLAT_KINDS = { Point: POINT, Polygon: POLYGON, MultiPolygon: MULTI_POLYGON } as const;
const FLAT_TYPES = [null, 'Point', 'Polygon', 'MultiPolygon'] as const;

/**
 * The geometries of a population layer without an object per position: points and polygons as
 * flat coordinates (rings, and which ring starts each polygon), every other geometry (lines,
 * altitudes, malformed ones, null) kept as it came, by feature. A 150 m square is 80 bytes here
 * and about 600 as parsed GeoJSON. `geometry(i)` builds the GeoJSON object again, equal to the one
 * stored.
 */
export class ShapeColumn {
  private readonly kinds = new ChunkedNumbers(uint8s);
  /** Per feature: the end (exclusive) of its rings. */
  private readonly ringEnds = new ChunkedNumbers(uint32s);
  /** Per ring: the end (exclusive) of its positions, and 1 when it starts a polygon. */
  private readonly vertexEnds = new ChunkedNumbers(uint32s);
  private readonly outer = new ChunkedNumbers(uint8s);
  private readonly xy = new ChunkedNumbers(float64s);
  private readonly others = new Map<number, Geometry | null>();
  private readonly scratch = new FlatRingList();

  get length(): number {
    return this.kinds.length;
  }

  /** Coordinate positions stored flat. */
  get positions(): number {
    return this.xy.length / 2;
  }

  add(geometry: Geometry | null): void {
    const g = geometry as unknown as Record<string, unknown> | null;
    const c = g?.coordinates;
    if (g && bare(g) && g.type === 'Point' && isPlainPosition(c)) {
      this.ring([c], true);
      return this.close(POINT);
    }
    if (g && bare(g) && g.type === 'Polygon' && plainRings(c)) {
      c.forEach((ring, k) => this.ring(ring, k === 0));
      return this.close(POLYGON);
    }
    if (g && bare(g) && g.type === 'MultiPolygon' && Array.isArray(c) && c.every(plainRings)) {
      for (const rings of c as [number, number][][][]) rings.forEach((ring, k) => this.ring(ring, k === 0));
      return this.close(MULTI_POLYGON);
    }
    this.others.set(this.kinds.length, geometry);
    this.close(OTHER);
  }

  /** Adds a bare Point, Polygon or MultiPolygon whose coordinates are value `v` of `flat`. */
  addFlat(type: keyof typeof FLAT_KINDS, flat: FlatRings, v: number): void {
    for (let r = flat.ringStart(v); r < flat.ringEnds[v]; r++) {
      for (let p = flat.positionStart(r); p < flat.vertexEnds[r]; p++) {
        this.xy.push(flat.xy[2 * p]);
        this.xy.push(flat.xy[2 * p + 1]);
      }
      this.vertexEnds.push(this.xy.length / 2);
      this.outer.push(flat.outer[r]);
    }
    this.close(FLAT_KINDS[type]);
  }

  /** Feature i's geometry as GeoJSON (a new object for flat ones). */
  geometry(i: number): Geometry | null {
    const kind = this.kinds.get(i);
    if (kind === OTHER) return this.others.get(i) ?? null;
    if (kind === POINT) return { type: 'Point', coordinates: [this.pointX(i), this.pointY(i)] };
    const polygons: Position[][][] = [];
    this.forRings(i, (from, to, starts) => {
      const ring: Position[] = [];
      for (let v = from; v < to; v++) ring.push([this.xy.get(2 * v), this.xy.get(2 * v + 1)]);
      if (starts) polygons.push([ring]);
      else polygons[polygons.length - 1].push(ring);
    });
    if (kind === POLYGON) return { type: 'Polygon', coordinates: polygons[0] };
    return { type: 'MultiPolygon', coordinates: polygons };
  }

  /** Feature i's type when it is held flat; null for the others (`geometry(i)` gives them). */
  flatType(i: number): 'Point' | 'Polygon' | 'MultiPolygon' | null {
    return FLAT_TYPES[this.kinds.get(i)];
  }

  /**
   * Whether flat feature i has every position a finite lon/lat pair within ±180, ±90 and, unless a
   * point, every ring of 4 positions or more: what `isLngLatPair` and `isValidPolygonal` ask of
   * its GeoJSON, without building it.
   */
  lngLatValid(i: number): boolean {
    return this.kinds.get(i) === POINT ? isLngLat(this.pointX(i), this.pointY(i)) : this.polygonShape(i) !== null;
  }

  /**
   * Flat polygon i's `polygonShape`, without building its GeoJSON; null when `isValidPolygonal`
   * would refuse it (a position not lon/lat, a ring of fewer than 4), found in the same pass.
   */
  polygonShape(i: number): PolygonShape | null {
    const rings = this.scratch;
    rings.clear();
    const ringTo = this.ringEnds.get(i);
    // Plain loops, no closure: this runs for each of millions of cells.
    for (let r = i === 0 ? 0 : this.ringEnds.get(i - 1); r < ringTo; r++) {
      const from = r === 0 ? 0 : this.vertexEnds.get(r - 1);
      const to = this.vertexEnds.get(r);
      if (to - from < 4) return null;
      for (let v = from; v < to; v++) {
        const x = this.xy.get(2 * v);
        const y = this.xy.get(2 * v + 1);
        if (!isLngLat(x, y)) return null;
        rings.position(x, y);
      }
      rings.endRing(this.outer.get(r) === 1);
    }
    return ringsShape(rings);
  }

  /** Whether feature i is a Point (held flat, so two numbers), without building it. */
  isPoint(i: number): boolean {
    return this.kinds.get(i) === POINT;
  }

  /** A flat point's coordinates. */
  pointX(i: number): number {
    return this.xy.get(2 * this.vertexEnds.get(this.ringEnds.get(i) - 1) - 2);
  }

  pointY(i: number): number {
    return this.xy.get(2 * this.vertexEnds.get(this.ringEnds.get(i) - 1) - 1);
  }

  /**
   * Calls `fn` on every position in feature order, as `forEachPosition` walks a geometry; `fn` may
   * change the position (a reprojection), and flat ones take the change.
   */
  forEachPosition(walkObject: (g: Geometry | null, fn: (p: Position) => void) => void, fn: (p: Position) => void): void {
    const p: Position = [0, 0];
    for (let i = 0; i < this.kinds.length; i++) {
      if (this.kinds.get(i) === OTHER) {
        walkObject(this.others.get(i) ?? null, fn);
        continue;
      }
      this.forRings(i, (from, to) => {
        for (let v = from; v < to; v++) {
          p.length = 2;
          p[0] = this.xy.get(2 * v);
          p[1] = this.xy.get(2 * v + 1);
          fn(p);
          this.xy.set(2 * v, p[0]);
          this.xy.set(2 * v + 1, p[1]);
        }
      });
    }
  }

  /**
   * Calls `fn` with every position's two numbers in feature order, changing none: an object's
   * positions as `walkObject` walks them (their members may be anything), flat ones without an
   * array each.
   */
  forEachXY(walkObject: (g: Geometry | null, fn: (p: Position) => void) => void, fn: (x: unknown, y: unknown) => void): void {
    // Flat positions lie in feature order: feature i's end where its last ring ends.
    let v = 0;
    for (let i = 0; i < this.kinds.length; i++) {
      if (this.kinds.get(i) === OTHER) {
        walkObject(this.others.get(i) ?? null, (p) => fn(p[0], p[1]));
        continue;
      }
      const end = this.vertexEnds.get(this.ringEnds.get(i) - 1);
      for (; v < end; v++) fn(this.xy.get(2 * v), this.xy.get(2 * v + 1));
    }
  }

  private forRings(i: number, fn: (from: number, to: number, startsPolygon: boolean) => void): void {
    const ringFrom = i === 0 ? 0 : this.ringEnds.get(i - 1);
    const ringTo = this.ringEnds.get(i);
    for (let r = ringFrom; r < ringTo; r++) fn(r === 0 ? 0 : this.vertexEnds.get(r - 1), this.vertexEnds.get(r), this.outer.get(r) === 1);
  }

  private ring(positions: readonly [number, number][], startsPolygon: boolean): void {
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k];
      this.xy.push(p[0]);
      this.xy.push(p[1]);
    }
    this.vertexEnds.push(this.xy.length / 2);
    this.outer.push(startsPolygon ? 1 : 0);
  }

  private close(kind: number): void {
    this.kinds.push(kind);
    this.ringEnds.push(this.vertexEnds.length);
  }
}
