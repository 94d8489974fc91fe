import { describe, expect, it } from 'vitest';
import type { CellAccess, CellResult } from '../../../src/core/index.ts';
import { DEFAULT_ACCESS_SETTINGS } from '../../../src/core/index.ts';
import { withAccessColumn } from '../../../src/app/export/access-column.ts';

const cell = (featureIndex: number, users: number) => ({ featureIndex, users }) as CellResult;
const access = (values: number[], method: CellAccess['settings']['method'] = '2sfca') => ({ settings: { ...DEFAULT_ACCESS_SETTINGS, method }, values: Float64Array.from(values) }) as CellAccess;
const row = (id: string) => ({ type: 'Feature' as const, geometry: null, properties: { id } });

describe('withAccessColumn', () => {
  it("gives each feature row its value: a split feature its parts' pupil-weighted mean", () => {
    // Feature 0 in two parts (10 pupils at 1, 30 at 2 → 1.75), feature 1 alone at 1/3.
    const rows = [...withAccessColumn([row('a'), row('b')], [cell(0, 10), cell(0, 30), cell(1, 5)], access([1, 2, 1 / 3]))];
    expect(rows.map((r) => r.properties)).toEqual([
      { id: 'a', access_2sfca: 1.75 },
      { id: 'b', access_2sfca: 0.333333 },
    ]);
  });

  it('leaves the value empty where a cell was not measured or nothing is in reach', () => {
    const rows = [...withAccessColumn([row('a'), row('b')], [cell(0, 1), cell(1, 1)], access([NaN, Infinity], 'nearest'))];
    expect(rows.map((r) => r.properties)).toEqual([
      { id: 'a', access_nearest: null },
      { id: 'b', access_nearest: null },
    ]);
  });
});
