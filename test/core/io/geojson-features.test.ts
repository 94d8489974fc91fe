import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/siting/random.ts';
import { tableFeatures, type PopulationTable } from '../../../src/core/demand/population-table.ts';
import { applyMapping, loadFile } from '../../../src/core/io/index.ts';
import { loadGeojson } from '../../../src/core/io/geojson.ts';
import { bytesSource, readCollectionStreaming } from '../../../src/core/io/geojson-stream.ts';
import { PlainFeatures } from '../../../src/core/io/geojson-features.ts';
import { NOT_PLAIN, OUT_OF_BYTES } from '../../../src/core/io/json-bytes.ts';
import { DEFAULT_LIMITS } from '../../../src/core/io/limits.ts';

const enc = new TextEncoder();


const ring = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];

/**
 * Features written by hand as text: plain ones in every form the plain reader takes, and ones it
 * must hand to the ordinary parse (each with why in its note).
 */
const HAND = [
  // Plain: members in any order, white space anywhere, names and values in Chinese, escapes in values.
  `{"type":"Feature","properties":{"id":"a1","population":120},"geometry":{"type":"Polygon","coordinates":[[[113.6,34.7],[113.601,34.7],[113.601,34.701],[113.6,34.701],[113.6,34.7]]]}}`,
  `{ "geometry" : { "coordinates" : [ 113.65 , 34.75 ] , "type" : "Point" } ,\n "properties" : { "人口" : 80 , "id" : "村\\"东\\"" , "note": "tab\\tand \\u00e9" } , "type" : "Feature" }`,
  `{"type":"Feature","id":7,"properties":{"population":5,"flag":true,"x":null,"neg":-0,"big":1.5e3,"tiny":-2E-7},"geometry":null}`,
  `{"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[${JSON.stringify(ring(113.7, 34.8, 0.01))},${JSON.stringify(ring(113.702, 34.802, 0.002))}],[${JSON.stringify(ring(113.8, 34.8, 0.01))}]]}}`,
  `{"type":"Feature","properties":{"id":42,"population":"1,200"},"geometry":{"type":"Point","coordinates":[113.61,34.71]}}`,
  `{"type":"Feature","properties":{"id":"  ","population":3},"id":"own-id","geometry":{"type":"Point","coordinates":[113.62,34.72]}}`,
  `{"type":"Feature","properties":{"id":"中文","population":3,"__proto__":"x","constructor":1},"geometry":{"type":"Point","coordinates":[113.63,34.73]}}`,
  `{"type":"Feature"}`,
  `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[200,34.73]}}`,
  `{"type":"Feature","properties":{"id":"inf","population":1e400},"geometry":{"type":"Point","coordinates":[113.64,1e400]}}`,
  // A repeated property (JSON.parse keeps the last) is plain too.
  `{"type":"Feature","properties":{"id":"dup","id":"dup2","population":4},"geometry":{"type":"Point","coordinates":[113.67,34.77]}}`,
  // Ordinary: an altitude; a LineString; a bbox member; a nested property value; a repeated member;
  // an escaped member name; not a Feature; a geometry whose type and coordinates disagree; properties an array.
  `{"type":"Feature","properties":{"id":"z3","population":4},"geometry":{"type":"Point","coordinates":[113.66,34.76,12]}}`,
  `{"type":"Feature","properties":{"id":"line","population":4},"geometry":{"type":"LineString","coordinates":[[113.66,34.76],[113.67,34.77]]}}`,
  `{"type":"Feature","bbox":[1,2,3,4],"properties":{"id":"bb","population":4},"geometry":{"type":"Point","coordinates":[113.66,34.76]}}`,
  `{"type":"Feature","properties":{"id":"nest","population":4,"tags":{"a":[1,2]}},"geometry":{"type":"Point","coordinates":[113.66,34.76]}}`,
  `{"type":"Feature","properties":{"id":"twice","population":4},"geometry":{"type":"Point","coordinates":[1,1]},"geometry":{"type":"Point","coordinates":[113.67,34.77]}}`,
  `{"type":"Feature","properties":{"id":"esc","population":4},"geo\\u006detry":{"type":"Point","coordinates":[113.68,34.78]}}`,
  `{"type":"Foo","properties":{"id":"foo"},"geometry":null}`,
  `17`,
  `{"type":"Feature","properties":{"id":"mismatch","population":4},"geometry":{"type":"Polygon","coordinates":[113.69,34.79]}}`,
  `{"type":"Feature","properties":[1,2],"geometry":{"type":"Point","coordinates":[113.69,34.79]}}`,
  `{"type":"Feature","properties":{"id":"short","population":4},"geometry":{"type":"Polygon","coordinates":[[[113.6,34.7],[113.7,34.7],[113.6,34.7]]]}}`,
];

/** Random plain features: cells and points with decimals of every length, holes, ids of both kinds. */
function randomFeatures(n: number, seed: number): string[] {
  const r = seededRandom(seed);
  const num = (base: number) => {
    const digits = 1 + Math.floor(r() * 16);
    return (base + r() * 0.1).toFixed(digits).replace(/0+$/, '0');
  };
  return Array.from({ length: n }, (_, i) => {
    const id = r() < 0.8 ? `"c${i}"` : String(i * 10 + 0.5);
    const props = `{"id":${id},"population":${Math.floor(r() * 1000)}${r() < 0.3 ? ',"name":"单元' + i + '"' : ''}}`;
    if (r() < 0.3) return `{"type":"Feature","properties":${props},"geometry":{"type":"Point","coordinates":[${num(113)},${num(34)}]}}`;
    const x = num(113);
    const y = num(34);
    const outer = `[[${x},${y}],[${x},${num(34)}],[${num(113)},${num(34)}],[${x},${y}]]`;
    const hole = r() < 0.2 ? `,[[${num(113)},${num(34)}],[${num(113)},${num(34)}],[${num(113)},${num(34)}],[${num(113)},${num(34)}]]` : '';
    return `{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[${outer}${hole}]}}`;
  });
}

const collection = (features: string[]) => `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}`;

/** A file read as the app reads a small one (JSON.parse, features as objects) and as a huge one (streamed into a table, plain features unparsed). */
async function bothWays(text: string, windowBytes?: number) {
  const bytes = enc.encode(text);
  const objects = applyMapping(await loadFile(bytes, 'cells.geojson'), 'population');
  const loaded = await loadGeojson(bytesSource(bytes), 'cells.geojson', { role: 'population' }, undefined, 'stream', windowBytes);
  const streamed = applyMapping(loaded, 'population');
  const parsed = await loadFile(bytes, 'cells.geojson');
  return { objects, streamed, table: streamed.table as PopulationTable, loaded, parsed };
}

describe('plain features read without JSON.parse', () => {
  it('gives every feature, warning, field and figure that parsing the file gives, whatever the windows cut', async () => {
    const text = collection([...HAND, ...randomFeatures(400, 11), ...HAND]);
    for (const window of [1 << 20, 997, 301]) {
      const { objects, streamed, table, loaded, parsed } = await bothWays(text, window);
      expect(loaded.fields).toEqual(parsed.fields);
      expect(loaded.report).toEqual(parsed.report);
      expect(loaded.warnings).toEqual(parsed.warnings);
      expect(streamed.report).toEqual(objects.report);
      expect(streamed.warnings).toEqual(objects.warnings);
      expect([...tableFeatures(table)]).toEqual(objects.collection.features);
    }
  });

  it('keeps a property -0 and an infinite value as JSON.parse reads them, and names features as the parse does', async () => {
    const { loaded } = await bothWays(collection(HAND));
    const table = loaded.table!;
    expect(Object.is(table.properties(2).neg, -0)).toBe(true);
    expect(table.properties(2).big).toBe(1500);
    expect(table.properties(9).population).toBe(Infinity);
    expect(table.properties(6)).toEqual({ id: '中文', population: 3 });
    expect(loaded.fields).toContain('人口');
    expect(loaded.fields).not.toContain('__proto__');
    expect(loaded.fields).not.toContain('constructor');
    // By hand: the label is the properties' id when it is text with more than spaces or a finite
    // number, else the feature's own id, else its place; a repeated id is its last.
    expect(Array.from({ length: 11 }, (_, k) => table.labels.get(k))).toEqual(['a1', '村"东"', '7', 'feature 4', '42', 'own-id', '中文', 'feature 8', 'feature 9', 'inf', 'dup2']);
  });

  it('reads the plain ones aside and hands every other one to the ordinary parse', () => {
    const plain = new PlainFeatures();
    const verdicts = HAND.map((f) => plain.parse(enc.encode(` ${f} `), 1));
    // The first ten are plain (each read to its end); the rest are not.
    HAND.forEach((f, k) => expect(verdicts[k], f).toBe(k < 11 || k === HAND.length - 1 ? 1 + enc.encode(f).length : NOT_PLAIN));
    expect(plain.count).toBe(12);
    expect(plain.texts()[2]).toBe('{"population":5,"flag":true,"x":null,"neg":-0,"big":1.5e3,"tiny":-2E-7}');
    expect(plain.texts()[3]).toBe('{}');
  });

  it('says it needs more bytes for every cut of a plain feature, and keeps nothing of it', () => {
    const f = enc.encode(HAND[1]);
    const plain = new PlainFeatures();
    for (let cut = 1; cut < f.length; cut++) {
      expect(plain.parse(f.subarray(0, cut), 0)).toBe(OUT_OF_BYTES);
      expect(plain.count).toBe(0);
      expect(plain.coordinates.values).toBe(0);
    }
    expect(plain.parse(f, 0)).toBe(f.length);
    expect(plain.texts()).toEqual(['{ "人口" : 80 , "id" : "村\\"东\\"" , "note": "tab\\tand \\u00e9" }']);
  });

  it('refuses what JSON refuses, with the message and byte the ordinary parse gives', () => {
    const good = '{"type":"Feature","properties":{"id":"a","population":1},"geometry":{"type":"Point","coordinates":[113.6,34.7]}}';
    const broken = [
      good.replace('113.6', '113.'),
      good.replace('113.6', '0113.6'),
      good.replace('"a"', '"a\u0001"'),
      good.replace('"a"', '"a\\x"'),
      good.replace('1}', '+1}'),
      good.replace('"population":1', '"population":tru'),
      good.replace(']}}', ']}'),
    ];
    for (const bad of broken) {
      const text = collection([good, good, bad, good]);
      const read = (plain: boolean) => () => readCollectionStreaming(enc.encode(text), 'bad.geojson', DEFAULT_LIMITS, 'utf-8', () => undefined, 64 * 1024, plain);
      let expected = '';
      try {
        read(false)();
      } catch (err) {
        expected = (err as Error).message;
      }
      expect(expected, bad).toMatch(/^bad\.geojson: /);
      expect(read(true), bad).toThrow(expected);
    }
  });

  it('refuses a collection with "features" twice when streamed, and a population file of one then reads it whole, keeping the last as JSON.parse does', async () => {
    const a = '{"type":"Feature","properties":{"id":"A","population":1},"geometry":{"type":"Point","coordinates":[113.6,34.7]}}';
    const b = '{"type":"Feature","properties":{"id":"B","population":2},"geometry":{"type":"Point","coordinates":[113.7,34.8]}}';
    const bytes = enc.encode(`{"type":"FeatureCollection","features":[${a}],"features":[${b}]}`);
    await expect(loadGeojson(bytesSource(bytes), 'twice.geojson', { role: 'population' }, undefined, 'stream')).rejects.toThrow('twice.geojson: the FeatureCollection has a second "features" member');
    const layer = applyMapping(await loadFile(bytes, 'twice.geojson', { role: 'population' }), 'population');
    expect(layer.table!.count).toBe(1);
    expect(layer.table!.ids.get(0)).toBe('B');
  });

  it('keeps the fields of a feature the window cuts just after, for every cut', async () => {
    // Each feature brings a property name of its own: a name noted for a feature read again on the next window must still be a field.
    const features = Array.from({ length: 12 }, (_, i) => `{"type":"Feature","properties":{"id":"f${i}","population":${i},"only${i}":1},"geometry":{"type":"Point","coordinates":[113.6,34.7]}}`);
    const text = `{"type":"FeatureCollection","features":[${features.join(' ,\n ')}]}`;
    const expected = ['id', 'population', ...features.map((_, i) => `only${i}`)];
    for (let window = 120; window < 400; window++) {
      const loaded = await loadGeojson(bytesSource(enc.encode(text)), 'cut.geojson', { role: 'population' }, undefined, 'stream', window);
      expect(loaded.fields, `window ${window}`).toEqual(expected);
      expect(Array.from({ length: loaded.table!.count }, (_, k) => loaded.table!.properties(k))).toEqual(features.map((f) => JSON.parse(f).properties));
    }
  });

  it('reads the hand-written features alike whatever byte the window ends at', async () => {
    const text = collection(HAND);
    const bytes = enc.encode(text);
    // The features as JSON.parse gives them (a table read whole would write -0 back as 0).
    const whole = await loadFile(bytes, 'hand.geojson');
    const features = (r: typeof whole) => Array.from({ length: r.table!.count }, (_, k) => r.table!.feature(k));
    // Windows from a little over the largest feature: every feature is cut somewhere by one of them.
    for (let window = 260; window < 520; window++) {
      const streamed = await loadGeojson(bytesSource(bytes), 'hand.geojson', { role: 'population' }, undefined, 'stream', window);
      expect(streamed.fields, `window ${window}`).toEqual(whole.fields);
      expect(streamed.warnings, `window ${window}`).toEqual(whole.warnings);
      expect(features(streamed), `window ${window}`).toEqual(whole.features);
    }
  });

  it('refuses a plain feature that is not UTF-8 as the ordinary reader does', () => {
    const good = '{"type":"Feature","properties":{"id":"aXb","population":1},"geometry":{"type":"Point","coordinates":[113.6,34.7]}}';
    const bytes = enc.encode(collection([good, good.replace('aXb', 'aYb')]));
    bytes[bytes.lastIndexOf(0x59)] = 0xff;
    const read = (plain: boolean) => () => readCollectionStreaming(bytes, 'latin.geojson', DEFAULT_LIMITS, 'utf-8', () => undefined, 64 * 1024, plain);
    const message = 'latin.geojson: invalid JSON at byte 41: features 1… is not valid utf-8 text';
    expect(read(false)).toThrow(message);
    expect(read(true)).toThrow(message);
  });
});
