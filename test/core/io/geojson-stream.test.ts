import { describe, expect, it } from 'vitest';
import { readCollectionStreaming } from '../../../src/core/io/geojson-stream.ts';
import { DEFAULT_LIMITS } from '../../../src/core/io/limits.ts';

const enc = new TextEncoder();
const read = (text: string, limits = DEFAULT_LIMITS) => readCollectionStreaming(enc.encode(text), 'big.geojson', limits);

describe('GeoJSON read feature by feature', () => {
  it('gives the same features as JSON.parse of the whole, whatever the strings hold', () => {
    const features = [
      { type: 'Feature', properties: { id: 'a', note: 'brackets ]}[{ and "quotes" and \\ and , commas' }, geometry: { type: 'Point', coordinates: [113.65, 34.75] } },
      { type: 'Feature', properties: { id: '中文', deep: { a: [1, [2, [3]]] }, n: -1.5e3 }, geometry: null },
      { type: 'Feature', properties: { esc: '\u0000\u001f\u2028' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } },
    ];
    const text = JSON.stringify({ bbox: [0, 0, 1, 1], type: 'FeatureCollection', name: { x: '}' }, crs: { type: 'name', properties: { name: 'EPSG:4326' } }, features }, null, 2);
    const r = read(text);
    expect(r.type).toBe('FeatureCollection');
    expect(r.crs).toEqual({ type: 'name', properties: { name: 'EPSG:4326' } });
    expect(r.features).toEqual(JSON.parse(text).features);
    expect(read('\uFEFF{"type":"FeatureCollection","features":[]}').features).toEqual([]);
    expect(read('{"type":"FeatureCollection"}').features).toBeUndefined();
  });

  it('batches do not change the result: 40,000 features, several 16 MiB batches apart or not', () => {
    const features = Array.from({ length: 40_000 }, (_, i) => ({ type: 'Feature', properties: { id: `f${i}`, pad: 'x'.repeat(i % 700) }, geometry: { type: 'Point', coordinates: [i / 1000, 1] } }));
    const r = read(JSON.stringify({ type: 'FeatureCollection', features }));
    expect(r.features).toHaveLength(40_000);
    expect(r.features?.[39_999]).toEqual(features[39_999]);
  });

  it('refuses damage with the byte where it is, and nesting past the limit', () => {
    expect(() => read('{"type":"FeatureCollection","features":[{"type":"Feature"}')).toThrow(/big\.geojson: invalid JSON at byte \d+/);
    expect(() => read('{"type":"FeatureCollection","features":[{"a":1} {"b":2}]}')).toThrow("expected ',' or ']' after a feature");
    expect(() => read('[1]')).toThrow('expected a GeoJSON object');
    expect(() => read('{"type":"FeatureCollection","features":[]} trailing')).toThrow('unexpected data after the GeoJSON object');
    expect(() => read(`{"type":"FeatureCollection","features":[{"p":${'['.repeat(70)}${']'.repeat(70)}}]}`)).toThrow(/JSON nested more than 64 deep at byte \d+ \(limit nesting-depth = 64/);
    const bad = Uint8Array.from([...enc.encode('{"type":"FeatureCollection","features":[{"a":"'), 0xff, ...enc.encode('"}]}')]);
    expect(() => readCollectionStreaming(bad, 'big.geojson', DEFAULT_LIMITS)).toThrow('features 1… is not valid utf-8 text');
  });
});
