/**
 * Writes a small PMTiles v3 archive of vector tiles (MVT) from GeoJSON-like features, with nothing
 * but this file: the tests make their own archive rather than keep a binary one in the repository.
 *
 *   npx tsx scripts/make-pmtiles.ts out.pmtiles   # a demo archive around the demo district
 *
 * Layout (PMTiles spec v3): a 127-byte header, the root directory, the JSON metadata, then the tile
 * data; directories and metadata uncompressed, tiles uncompressed MVT. Every tile of the zoom range
 * that the features touch is written (the archive is meant to stay small: a district, a few zooms).
 */
import { writeFileSync } from 'node:fs';
import { zxyToTileId } from 'pmtiles';

export type Position = [number, number];
export type TileGeometry = { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] } | { type: 'Polygon'; coordinates: Position[][] };
export interface TileFeature {
  geometry: TileGeometry;
  properties: Record<string, string | number | boolean>;
}
export interface ArchiveOptions {
  layers: Record<string, TileFeature[]>;
  minZoom: number;
  maxZoom: number;
  name?: string;
  attribution?: string;
}

const EXTENT = 4096;

// ---- protobuf writing ----------------------------------------------------------------------

class Writer {
  bytes: number[] = [];
  varint(n: number) {
    let v = n;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  tag(field: number, wire: number) {
    this.varint(field * 8 + wire);
  }
  lengthDelimited(field: number, payload: number[] | Uint8Array) {
    this.tag(field, 2);
    this.varint(payload.length);
    for (const b of payload) this.bytes.push(b);
  }
  string(field: number, s: string) {
    this.lengthDelimited(field, new TextEncoder().encode(s));
  }
  uint(field: number, n: number) {
    this.tag(field, 0);
    this.varint(n);
  }
  packed(field: number, values: number[]) {
    const w = new Writer();
    for (const v of values) w.varint(v);
    this.lengthDelimited(field, w.bytes);
  }
  double(field: number, n: number) {
    this.tag(field, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, n, true);
    for (const x of b) this.bytes.push(x);
  }
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);

// ---- projection and clipping to a tile -------------------------------------------------------

/** Web Mercator: lon/lat → world pixel at zoom z (tile units × EXTENT). */
function toWorld([lon, lat]: Position, z: number): Position {
  const scale = 2 ** z * EXTENT;
  const x = ((lon + 180) / 360) * scale;
  const s = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  return [x, y];
}

function tileRange(features: TileFeature[], z: number) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (p: Position) => {
    const [x, y] = toWorld(p, z);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const f of features) {
    const g = f.geometry;
    if (g.type === 'Point') visit(g.coordinates);
    else if (g.type === 'LineString') g.coordinates.forEach(visit);
    else g.coordinates.flat().forEach(visit);
  }
  return { x0: Math.floor(minX / EXTENT), y0: Math.floor(minY / EXTENT), x1: Math.floor(maxX / EXTENT), y1: Math.floor(maxY / EXTENT) };
}

/**
 * Geometry in tile coordinates. Nothing is clipped: MVT allows coordinates outside the tile's
 * extent, and MapLibre clips what it draws (fine for the few features of a test archive).
 */
function encodeGeometry(g: TileGeometry, z: number, tx: number, ty: number): { type: number; commands: number[] } {
  let cx = 0;
  let cy = 0;
  const local = (p: Position): Position => {
    const [x, y] = toWorld(p, z);
    return [Math.round(x - tx * EXTENT), Math.round(y - ty * EXTENT)];
  };
  const move = (points: Position[], close: boolean): number[] => {
    const out: number[] = [];
    const pts = points.map(local);
    const [x0, y0] = pts[0];
    out.push((1 & 7) | (1 << 3), zigzag(x0 - cx), zigzag(y0 - cy));
    cx = x0;
    cy = y0;
    const rest = close ? pts.slice(1, -1) : pts.slice(1);
    if (rest.length > 0) {
      out.push((2 & 7) | (rest.length << 3));
      for (const [x, y] of rest) {
        out.push(zigzag(x - cx), zigzag(y - cy));
        cx = x;
        cy = y;
      }
    }
    if (close) out.push((7 & 7) | (1 << 3));
    return out;
  };
  if (g.type === 'Point') return { type: 1, commands: move([g.coordinates], false) };
  if (g.type === 'LineString') return { type: 2, commands: move(g.coordinates, false) };
  // MVT: an exterior ring has a positive area in tile coordinates (y down), so it turns clockwise
  // as seen on the map; holes the other way (GeoJSON has them the opposite way round).
  const rings = g.coordinates.map((ring, i) => {
    // Twice the signed area, y up: positive for a counter-clockwise ring.
    const area = ring.slice(0, -1).reduce((a, p, k) => a + p[0] * ring[k + 1][1] - ring[k + 1][0] * p[1], 0);
    const clockwise = area < 0;
    return (i === 0) === clockwise ? ring : [...ring].reverse();
  });
  return { type: 3, commands: rings.flatMap((r) => move(r, true)) };
}

/** One MVT tile holding every layer's features (all of them, unclipped). */
function encodeTile(layers: Record<string, TileFeature[]>, z: number, x: number, y: number): Uint8Array {
  const tile = new Writer();
  for (const [name, features] of Object.entries(layers)) {
    const layer = new Writer();
    layer.uint(15, 2);
    layer.string(1, name);
    const keys: string[] = [];
    const values: (string | number | boolean)[] = [];
    const index = <T>(list: T[], v: T) => {
      const i = list.indexOf(v);
      return i >= 0 ? i : list.push(v) - 1;
    };
    features.forEach((f, id) => {
      const feature = new Writer();
      feature.uint(1, id + 1);
      const tags = Object.entries(f.properties).flatMap(([k, v]) => [index(keys, k), index(values, v)]);
      if (tags.length) feature.packed(2, tags);
      const geometry = encodeGeometry(f.geometry, z, x, y);
      feature.uint(3, geometry.type);
      feature.packed(4, geometry.commands);
      layer.lengthDelimited(2, feature.bytes);
    });
    for (const k of keys) layer.string(3, k);
    for (const v of values) {
      const value = new Writer();
      if (typeof v === 'string') value.string(1, v);
      else if (typeof v === 'boolean') value.uint(7, v ? 1 : 0);
      else value.double(3, v);
      layer.lengthDelimited(4, value.bytes);
    }
    layer.uint(5, EXTENT);
    tile.lengthDelimited(3, layer.bytes);
  }
  return Uint8Array.from(tile.bytes);
}

// ---- the archive -----------------------------------------------------------------------------

function bounds(layers: Record<string, TileFeature[]>): [number, number, number, number] {
  const all = Object.values(layers)
    .flat()
    .flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
  return [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
}

/** A PMTiles v3 archive of the features, one MVT tile for every tile they touch at each zoom. */
export function makePmtiles(options: ArchiveOptions): Uint8Array {
  const all = Object.values(options.layers).flat();
  const tiles: { id: number; data: Uint8Array }[] = [];
  for (let z = options.minZoom; z <= options.maxZoom; z++) {
    const r = tileRange(all, z);
    for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) tiles.push({ id: zxyToTileId(z, x, y), data: encodeTile(options.layers, z, x, y) });
  }
  tiles.sort((a, b) => a.id - b.id);

  // Root directory: ids as deltas, run lengths, lengths, offsets (0 = right after the previous tile).
  const dir = new Writer();
  dir.varint(tiles.length);
  let last = 0;
  for (const t of tiles) {
    dir.varint(t.id - last);
    last = t.id;
  }
  for (let i = 0; i < tiles.length; i++) dir.varint(1);
  for (const t of tiles) dir.varint(t.data.length);
  tiles.forEach((t, i) => dir.varint(i === 0 ? 1 : 0));

  const metadata = new TextEncoder().encode(
    JSON.stringify({
      name: options.name ?? 'test archive',
      ...(options.attribution ? { attribution: options.attribution } : {}),
      vector_layers: Object.entries(options.layers).map(([id, features]) => ({
        id,
        fields: Object.fromEntries(features.flatMap((f) => Object.entries(f.properties)).map(([k, v]) => [k, typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'String'])),
        minzoom: options.minZoom,
        maxzoom: options.maxZoom,
      })),
    }),
  );
  const tileBytes = tiles.reduce((n, t) => n + t.data.length, 0);

  const HEADER = 127;
  const rootOffset = HEADER;
  const metaOffset = rootOffset + dir.bytes.length;
  const leafOffset = metaOffset + metadata.length;
  const dataOffset = leafOffset;
  const out = new Uint8Array(dataOffset + tileBytes);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  out[7] = 3;
  const u64 = (at: number, n: number) => {
    view.setUint32(at, n % 2 ** 32, true);
    view.setUint32(at + 4, Math.floor(n / 2 ** 32), true);
  };
  u64(8, rootOffset);
  u64(16, dir.bytes.length);
  u64(24, metaOffset);
  u64(32, metadata.length);
  u64(40, leafOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tileBytes);
  u64(72, tiles.length);
  u64(80, tiles.length);
  u64(88, tiles.length);
  out[96] = 1; // clustered: tiles in id order
  out[97] = 1; // internal compression: none
  out[98] = 1; // tile compression: none
  out[99] = 1; // tile type: MVT
  out[100] = options.minZoom;
  out[101] = options.maxZoom;
  const [w, s, e, n] = bounds(options.layers);
  const e7 = (v: number) => Math.round(v * 1e7);
  view.setInt32(102, e7(w), true);
  view.setInt32(106, e7(s), true);
  view.setInt32(110, e7(e), true);
  view.setInt32(114, e7(n), true);
  out[118] = options.minZoom;
  view.setInt32(119, e7((w + e) / 2), true);
  view.setInt32(123, e7((s + n) / 2), true);
  out.set(Uint8Array.from(dir.bytes), rootOffset);
  out.set(metadata, metaOffset);
  let at = dataOffset;
  for (const t of tiles) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}

/** A demo archive: land, a lake and a named street around a lon/lat box. */
export function demoArchive([w, s, e, n]: [number, number, number, number]): Uint8Array {
  const ring = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  const dx = e - w;
  const dy = n - s;
  return makePmtiles({
    minZoom: 10,
    maxZoom: 14,
    name: 'Catchmap test tiles',
    attribution: 'Test tiles',
    layers: {
      earth: [{ geometry: { type: 'Polygon', coordinates: [ring(w - dx, s - dy, e + dx, n + dy)] }, properties: { kind: 'earth' } }],
      water: [{ geometry: { type: 'Polygon', coordinates: [ring(w - dx * 0.9, s - dy * 0.9, w - dx * 0.3, n + dy * 0.9)] }, properties: { kind: 'lake', name: '测试湖' } }],
      roads: [{ geometry: { type: 'LineString', coordinates: [[w - dx, s - dy * 0.5], [e + dx, s - dy * 0.5]] }, properties: { kind: 'major_road', name: '测试大道', 'name:en': 'Test Avenue' } }],
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? 'demo.pmtiles';
  // Around the demo district (Erqi District, Zhengzhou).
  writeFileSync(out, demoArchive([113.55, 34.68, 113.7, 34.82]));
  console.log(`wrote ${out}`);
}
