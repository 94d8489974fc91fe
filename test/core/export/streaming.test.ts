import Papa from 'papaparse';
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { csvLines, featureChunks } from '../../../src/core/export/index.ts';

type F = Feature<Geometry | null, Record<string, unknown>>;
const point = (x: number, y: number, properties: Record<string, unknown>): F => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties });

describe('exports written piece by piece', () => {
  const tricky = ['a,b', 'say "hi"', 'two\nlines', ' lead', 'trail ', '\uFEFFbom', '=SUM(A1)', '-12.5', 'plain', '中文'];
  const features = tricky.map((name, i) => point(113 + i / 10, 34.5, { name, n: i }));

  it('CSV: the header as one piece, the rows in pieces of whole lines ending CRLF, that papaparse reads back to the values', () => {
    let calls = 0;
    const pieces = [...csvLines(() => (calls++, features))];
    // Two passes over the features (columns, then rows), never a copy of them all.
    expect(calls).toBe(2);
    expect(pieces).toEqual(['\uFEFFname,n,lon,lat\r\n', expect.any(String)]);
    expect(pieces[1].split('\r\n')).toHaveLength(features.length + 1);
    expect(pieces.every((p) => p.endsWith('\r\n'))).toBe(true);
    const parsed = Papa.parse<string[]>(pieces.join('').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['name', 'n', 'lon', 'lat']);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(tricky.map((t) => (t === '=SUM(A1)' ? "'=SUM(A1)" : t)));
    expect(parsed.slice(1).map((r) => Number(r[2]))).toEqual(features.map((f) => (f.geometry as { coordinates: number[] }).coordinates[0]));
  });

  it('CSV: a large export comes in pieces of about 32 K characters, each of whole lines', () => {
    // 5,000 rows of 25–29 characters: about 140 K characters, so five pieces of rows.
    const many = Array.from({ length: 5000 }, (_, i) => point(113 + i / 1e4, 34.5, { id: `cell-${i}` }));
    const pieces = [...csvLines(() => many)];
    const rows = pieces.slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const piece of rows) {
      expect(piece.endsWith('\r\n')).toBe(true);
      expect(piece.length).toBeLessThan(32_768 + 40);
    }
    expect(rows.slice(0, -1).every((p) => p.length >= 32_768)).toBe(true);
    expect(rows.join('').split('\r\n').slice(0, -1).map((line) => line.split(',')[0])).toEqual(many.map((f) => f.properties.id));
  });

  it('CSV: the same text as papaparse.unparse writes for the same rows', () => {
    const text = [...csvLines(() => features)].join('');
    const rows = features.map((f, i) => [f.properties.name === '=SUM(A1)' ? "'=SUM(A1)" : f.properties.name, i, 113 + i / 10, 34.5]);
    expect(text).toBe('\uFEFF' + Papa.unparse({ fields: ['name', 'n', 'lon', 'lat'], data: rows }, { newline: '\r\n' }) + '\r\n');
  });

  it('CSV: numbers, empty values, objects and odd geometries written as papaparse.unparse writes the cells worked out by hand', () => {
    const rows: Feature<Geometry | null>[] = [
      point(113.123456789, 34.5, { a: 0.1 + 0.2, b: NaN, c: null, d: { k: '=x' }, e: true }),
      point(NaN, Infinity, { a: -Infinity, b: 1e21, c: undefined, d: '-3e2', e: '+1' }),
      { type: 'Feature', geometry: null, properties: { a: 5, b: '', c: 'x', d: [1, 'a,b'], e: false } },
      { type: 'Feature', geometry: null, properties: null },
    ];
    const text = [...csvLines(() => rows)].join('');
    const data = [
      [0.3, '', '', '{"k":"=x"}', 'true', 113.1234568, 34.5],
      ['', 1e21, '', '-3e2', "'+1", 'NaN', 'Infinity'],
      [5, '', 'x', '[1,"a,b"]', 'false', '', ''],
      ['', '', '', '', '', '', ''],
    ];
    expect(text).toBe('\uFEFF' + Papa.unparse({ fields: ['a', 'b', 'c', 'd', 'e', 'lon', 'lat'], data }, { newline: '\r\n' }) + '\r\n');
    // No property at all: the geometry's columns alone.
    expect([...csvLines(() => [point(1.5, 2, {})])].join('')).toBe('\uFEFFlon,lat\r\n1.5,2\r\n');
  });

  it('CSV: every number written as its 12-significant-digit rounding would be, however many digits it has', () => {
    const values = [0.1 + 0.2, 1 / 3, -2 / 3, 123456789012.5, 1234567890123.5, 0.123456789012, 0.1234567890123, 1.25e-7, 1.2345678901234e-7, 5e-324, 1.7976931348623157e308, -0, 999999999999.5, 0.30000000000000004, 12.300000000000001, 1e21 + 1, 4.35e-5, 2.5];
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 5000; k++) values.push((random() - 0.5) * 10 ** Math.floor(random() * 40 - 20), Number(random().toPrecision(1 + Math.floor(random() * 17))));
    const text = [...csvLines(() => values.map((v) => ({ type: 'Feature', geometry: null, properties: { v } }) as F))].join('');
    // The rule by hand, without the writer: 12 significant digits through toPrecision, but never fewer
    // than the whole units; integers as they are.
    const whole = (v: number) => Math.floor(Math.log10(Math.abs(v))) + 1;
    const expected = values.map((v) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(Math.max(12, whole(v)))))));
    expect(text.split('\r\n').slice(1, -1).map((line) => line.split(',')[0])).toEqual(expected);
  });

  it('GeoJSON: the pieces join into the FeatureCollection JSON.stringify would write', () => {
    const pieces = [...featureChunks(() => features, 'geojson')];
    expect(pieces).toHaveLength(features.length + 2);
    expect(pieces.join('')).toBe(JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
    expect([...featureChunks(() => [], 'geojson')].join('')).toBe('{"type":"FeatureCollection","features":[]}\n');
  });
});
