import { describe, expect, it } from 'vitest';
import { pickMembers } from '../../../src/core/io/json-members.ts';
import { FeatureTable } from '../../../src/core/io/feature-table.ts';

/** The same members taken from JSON.parse's object: the reference. */
function byParse(text: string, wanted: ReadonlySet<string>): Record<string, unknown> {
  const all = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of wanted) if (Object.hasOwn(all, k)) out[k] = all[k];
  return out;
}

describe('pickMembers', () => {
  it('gives the wanted members of JSON.stringify text as JSON.parse does, for random objects', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const keys = ['id', 'population', '人口', 'name', 'a,b', 'x}', 'q"', '', 'note'];
    const scalars: unknown[] = [0, -0, 1.5, -2e-7, 1e21, 123456789.125, 'c0', '', '大村', 'he said "hi"', 'back\\slash', 'line\nbreak', '\u0001', '}{][,:', true, false, null];
    const nested: unknown[] = [{ a: [1, { b: '}' }] }, [], {}, ['x', [2, [3]]]];
    for (let n = 0; n < 3000; n++) {
      const object: Record<string, unknown> = {};
      for (let m = Math.floor(random() * 6); m > 0; m--) object[pick(keys)] = random() < 0.8 ? pick(scalars) : pick(nested);
      const text = JSON.stringify(object);
      const wanted = new Set([pick(keys), pick(keys), pick(keys)]);
      const picked = pickMembers(text, wanted);
      const wantedNested = [...wanted].some((k) => Object.hasOwn(object, k) && typeof object[k] === 'object' && object[k] !== null);
      const escapedKey = Object.keys(object).some((k) => JSON.stringify(k) !== `"${k}"`);
      // Null exactly when a wanted member is an object or array, or a member name has an escape.
      expect(picked === null, text).toBe(wantedNested || escapedKey);
      if (picked !== null) {
        const expected = byParse(text, wanted);
        expect(picked, text).toEqual(expected);
        for (const k of Object.keys(expected)) expect(Object.is(picked[k], expected[k]), `${text} ${k}`).toBe(true);
      }
    }
  });

  it('reads a feature’s id and residents by hand', () => {
    expect(pickMembers('{"id":"c0","population":719,"name":"东村"}', new Set(['id', 'population']))).toEqual({ id: 'c0', population: 719 });
    expect(pickMembers('{}', new Set(['id']))).toEqual({});
    expect(pickMembers('{"id":{"x":1}}', new Set(['id']))).toBeNull();
  });

  it('never reads a prototype key: the text is then parsed whole, where such keys are dropped', () => {
    const wanted = new Set(['id', '__proto__']);
    expect(pickMembers('{"__proto__":{"polluted":1},"id":"a"}', wanted)).toBeNull();
    expect(pickMembers('{"\\u005f_proto__":1,"id":"a"}', wanted)).toBeNull();
    const table = new FeatureTable();
    table.add(null, JSON.parse('{"__proto__":{"polluted":1},"id":"a"}') as Record<string, unknown>, 'a');
    const picked = table.pick(0, wanted);
    expect(picked).toEqual({ id: 'a' });
    expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('FeatureTable.pick', () => {
  it('gives the named properties as properties() has them, for CSV rows and GeoJSON properties', () => {
    const csv = new FeatureTable(['id', 'lon', 'lat', 'population', 'note']);
    const rows = [['a', '1', '2', '100', 'x'], ['b', '1', '2', '7', 'holds \u0000 the separator'], ['c', '1', '2']];
    for (const r of rows) csv.add({ type: 'Point', coordinates: [1, 2] }, r, r[0]);
    const wanted = new Set(['id', 'population', 'note', 'missing']);
    for (let i = 0; i < rows.length; i++) expect(csv.pick(i, wanted)).toEqual(byParse(JSON.stringify(csv.properties(i)), wanted));
    expect(csv.pick(2, wanted)).toEqual({ id: 'c', population: undefined, note: undefined });
    expect(Object.keys(csv.pick(2, wanted))).toEqual(['id', 'population', 'note']);

    const geo = new FeatureTable();
    const props = [{ id: 'p', population: 30 }, { population: '1,200', tags: { a: 1 } }, { id: 'n', population: Number.POSITIVE_INFINITY }, { 'odd"key': 1, population: 2 }];
    for (const p of props) geo.add(null, p, 'f');
    for (let i = 0; i < props.length; i++) {
      const all = geo.properties(i);
      const expected: Record<string, unknown> = {};
      for (const k of ['id', 'population']) if (Object.hasOwn(all, k)) expected[k] = all[k];
      expect(geo.pick(i, new Set(['id', 'population']))).toEqual(expected);
    }
  });

  it('reads text with white space as JSON.parse does (a GeoJSON read unparsed keeps its properties as written)', () => {
    const wanted = new Set(['id', 'population', 'flag', 'none']);
    const texts = ['{"id": "a b", "population": 12}', '{"id":"x",\n  "population" :5}', '{"id":"y","population": true}', '{"id":"z","flag": null ,"population":1 }', '{ "id":"w"}'];
    for (const text of texts) {
      const picked = pickMembers(text, wanted);
      // Null means "parse it whole"; anything else must be what the parse gives.
      if (picked !== null) expect(picked, text).toEqual(byParse(text, wanted));
    }
    expect(pickMembers('{"id": "a b", "population": 12}', wanted)).toBe(null);
  });
});
