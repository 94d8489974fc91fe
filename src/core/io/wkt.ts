import type { Geometry, Position } from 'geojson';
import { DEFAULT_LIMITS } from './limits.ts';

/**
 * Parses WKT (and EWKT's `SRID=n;` prefix) into a GeoJSON geometry: POINT, LINESTRING, POLYGON,
 * MULTIPOINT (with or without inner parentheses), MULTILINESTRING, MULTIPOLYGON and
 * GEOMETRYCOLLECTION, 2D or with Z/M (extra ordinates kept). Returns an error text instead of
 * throwing, so a CSV row can be skipped with the reason. EMPTY geometries are an error (no place).
 * A hand-written parser: the npm WKT libraries are unmaintained or need Node's Buffer.
 */
export function parseWkt(text: string, maxDepth: number = DEFAULT_LIMITS.nestingDepth): { geometry: Geometry; srid?: number } | { error: string } {
  let s = text.trim();
  let srid: number | undefined;
  const ewkt = /^SRID=(\d+);/i.exec(s);
  if (ewkt) {
    srid = Number(ewkt[1]);
    s = s.slice(ewkt[0].length);
  }
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at character ${i + 1}`);
  };
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const word = (): string => {
    ws();
    const m = /^[A-Za-z]+/.exec(s.slice(i, i + 32));
    if (!m) fail('expected a geometry type');
    i += m![0].length;
    return m![0].toUpperCase();
  };
  const expect = (ch: string) => {
    ws();
    if (s[i] !== ch) fail(`expected '${ch}'`);
    i++;
  };
  const peek = (): string => {
    ws();
    return s[i];
  };
  const num = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
  const position = (): Position => {
    const p: number[] = [];
    for (;;) {
      ws();
      num.lastIndex = i;
      const m = num.exec(s);
      if (!m) break;
      p.push(Number(m[0]));
      i = num.lastIndex;
    }
    if (p.length < 2) fail('expected a coordinate pair');
    return p;
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const out = [item()];
    while (peek() === ',') {
      i++;
      out.push(item());
    }
    expect(')');
    return out;
  };
  const ring = () => list(position);
  const polygon = () => list(ring);
  let depth = 0;
  // GEOMETRYCOLLECTION recurses: past the limit the stack, and every later step, would overflow.
  const geometry = (): Geometry => {
    if (++depth > maxDepth) fail(`GEOMETRYCOLLECTION nested more than ${maxDepth} deep (limit nesting-depth)`);
    const g = shape();
    depth--;
    return g;
  };
  const shape = (): Geometry => {
    ws();
    const start = i;
    const type = word();
    ws();
    // Dimension markers: POINT Z (…), POINT ZM (…), POINTZ (…).
    const dims = /^(?:ZM|Z|M)\b/i.exec(s.slice(i, i + 3));
    if (dims) i += dims[0].length;
    const bare = type.replace(/(?:ZM|Z|M)$/, '');
    ws();
    // A bounded look-ahead: slicing the rest of the text for every member would be quadratic.
    if (/^EMPTY\b/i.test(s.slice(i, i + 6))) fail(`${bare} EMPTY has no coordinates`);
    switch (bare) {
      case 'POINT': {
        expect('(');
        const p = position();
        expect(')');
        return { type: 'Point', coordinates: p };
      }
      case 'LINESTRING':
        return { type: 'LineString', coordinates: ring() };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: polygon() };
      case 'MULTIPOINT':
        return {
          type: 'MultiPoint',
          coordinates: list(() => {
            if (peek() !== '(') return position();
            expect('(');
            const p = position();
            expect(')');
            return p;
          }),
        };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: list(ring) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: list(polygon) };
      case 'GEOMETRYCOLLECTION':
        return { type: 'GeometryCollection', geometries: list(geometry) };
      default:
        i = start;
        return fail(`unknown geometry type ${type}`);
    }
  };
  try {
    const g = geometry();
    ws();
    if (i < s.length) fail('unexpected text after the geometry');
    return srid === undefined ? { geometry: g } : { geometry: g, srid };
  } catch (err) {
    return { error: `invalid WKT: ${(err as Error).message}` };
  }
}

/** A GeoJSON geometry as WKT, for CSV exports that must keep polygons. */
export function toWkt(g: Geometry): string {
  const pos = (p: Position) => p.join(' ');
  const seq = (ps: Position[]) => `(${ps.map(pos).join(', ')})`;
  const poly = (rings: Position[][]) => `(${rings.map(seq).join(', ')})`;
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT ${seq(g.coordinates)}`;
    case 'LineString':
      return `LINESTRING ${seq(g.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING (${g.coordinates.map(seq).join(', ')})`;
    case 'Polygon':
      return `POLYGON ${poly(g.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${g.geometries.map(toWkt).join(', ')})`;
  }
}
