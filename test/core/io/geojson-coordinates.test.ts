import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/siting/random.ts';
import { CoordinateBatch } from '../../../src/core/io/geojson-coordinates.ts';
import { NOT_PLAIN, OUT_OF_BYTES } from '../../../src/core/io/json-bytes.ts';

const enc = new TextEncoder();


/** A JSON number of 1–20 digits, some with a sign, a fraction or an exponent. */
function jsonNumber(r: () => number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const int = r() < 0.2 ? '0' : String(1 + Math.floor(r() * 9)) + digits(Math.floor(r() * 10));
  const frac = r() < 0.8 ? `.${digits(1 + Math.floor(r() * 12))}` : '';
  const exp = r() < 0.1 ? `e${r() < 0.5 ? '-' : '+'}${Math.floor(r() * 30)}` : '';
  return `${r() < 0.3 ? '-' : ''}${int}${frac}${exp}`;
}

describe('GeoJSON coordinates read from bytes', () => {
  it('reads every number as JSON.parse does, to the bit', () => {
    const r = seededRandom(5);
    const batch = new CoordinateBatch();
    for (let k = 0; k < 20000; k++) {
      const text = `[${jsonNumber(r)},${jsonNumber(r)}]`;
      batch.clear();
      expect(batch.parse(enc.encode(`${text} `), 0)).toBe(text.length);
      const [x, y] = JSON.parse(text) as [number, number];
      expect(Object.is(batch.xy[0], x) && Object.is(batch.xy[1], y), text).toBe(true);
    }
  });

  it('keeps rings, holes and polygons apart (counted by hand)', () => {
    const batch = new CoordinateBatch();
    const square = '[[0,0],[1,0],[1,1],[0,1],[0,0]]';
    const hole = '[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]';
    const multi = `[ [${square}, ${hole}] ,\n [${square}] ]`;
    expect(batch.parse(enc.encode(`${multi},`), 0)).toBe(multi.length);
    expect(batch.parse(enc.encode(`[-0, 5e-1]}`), 0)).toBe(10);
    expect(batch.values).toBe(2);
    expect(Array.from(batch.depths.subarray(0, 2))).toEqual([4, 1]);
    // Rings: 5 + 4 + 5 positions, then the point's one; the first and third start polygons.
    expect(Array.from(batch.ringEnds.subarray(0, 2))).toEqual([3, 4]);
    expect(Array.from(batch.vertexEnds.subarray(0, 4))).toEqual([5, 9, 14, 15]);
    expect(Array.from(batch.outer.subarray(0, 4))).toEqual([1, 0, 1, 1]);
    expect(Array.from(batch.xy.subarray(10, 12))).toEqual([0.2, 0.2]);
    expect(Object.is(batch.xy[28], -0)).toBe(true);
    expect(batch.xy[29]).toBe(0.5);
  });

  it('leaves to the ordinary parse what is not a plain Point, Polygon or MultiPolygon, or not JSON', () => {
    const batch = new CoordinateBatch();
    const others = [
      '[1,2,3]', '[[1,2],[3,4]]', '[[[[[1,2]]]]]', '[]', '[[]]', '[[[]]]', '[["1",2]]', '[01,2]', '[1.,2]', '[.5,2]', '[+1,2]',
      '[1e,2]', '[-,2]', '[NaN,2]', '[true,2]', '[1 2]', '[[[1,2]],[1,2]]', `[1${'0'.repeat(80)}.5,2]`,
    ];
    for (const text of others) expect(batch.parse(enc.encode(`${text} `), 0), text).toBe(NOT_PLAIN);
    expect(batch.values).toBe(0);
    expect(batch.positions).toBe(0);
  });

  it('asks for more bytes wherever a value is cut, and keeps nothing of it', () => {
    const batch = new CoordinateBatch();
    const text = enc.encode('[[[113.601350,34.5],[113.6,-34.5e-2]],[[1,2]]]');
    for (let cut = 1; cut < text.length; cut++) {
      expect(batch.parse(text.subarray(0, cut), 0)).toBe(OUT_OF_BYTES);
      expect([batch.values, batch.rings, batch.positions]).toEqual([0, 0, 0]);
    }
  });
});
