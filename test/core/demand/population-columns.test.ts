import { describe, expect, it } from 'vitest';
import { IdSet } from '../../../src/core/demand/id-set.ts';
import { ShapeColumn } from '../../../src/core/demand/shape-column.ts';
import { TextColumn } from '../../../src/core/demand/text-column.ts';

describe('the columns a population table is kept in', () => {
  it('a text column gives back every string, across the chunks it joins them into', () => {
    const column = new TextColumn();
    const texts = Array.from({ length: 300_000 }, (_, i) => (i % 1000 === 0 ? '' : i % 7 === 0 ? `中文 ${i}` : `c${i}`));
    for (const t of texts) column.push(t);
    expect(column.length).toBe(300_000);
    for (const i of [0, 1, 7, 999, 1000, 16_383, 16_384, 16_385, 262_143, 262_144, 262_145, 299_999]) expect(column.get(i)).toBe(texts[i]);
  });

  it('an id set finds exactly the ids seen before, by their text', () => {
    const ids = ['a', 'b', 'a', 'row 5', 'b', 'B', ''];
    const kept: string[] = [];
    const seen = new IdSet(ids.length, (row) => kept[row]);
    const repeats = ids.map((id) => {
      const repeated = seen.add(id, kept.length);
      kept.push(id);
      return repeated;
    });
    expect(repeats).toEqual([false, false, true, false, true, false, false]);
  });

  it('a shape column gives back points and polygons as added, and keeps any other geometry as it came', () => {
    const shapes = new ShapeColumn();
    const square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]];
    const hole = [[0.2, 0.2], [0.2, 0.4], [0.4, 0.4], [0.2, 0.2]];
    const geometries = [
      { type: 'Point', coordinates: [113.5, 34.6] },
      { type: 'Polygon', coordinates: [...square, hole] },
      { type: 'MultiPolygon', coordinates: [square, [[[2, 2], [3, 2], [3, 3], [2, 2]]]] },
      { type: 'Point', coordinates: [1, 2, 3] },
      { type: 'LineString', coordinates: [[0, 0], [1, 1]] },
      null,
      { type: 'Point', coordinates: [5, 6], bbox: [5, 6, 5, 6] },
    ] as const;
    for (const g of geometries) shapes.add(g as never);
    expect(geometries.map((_, i) => shapes.geometry(i))).toEqual(geometries);
    expect(shapes.positions).toBe(1 + 9 + 9);
    expect([shapes.isPoint(0), shapes.isPoint(3)]).toEqual([true, false]);
  });
});
