import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../../../src/core/index.ts';
import {
  ACCESS_COLOURS,
  NO_ACCESS_COLOUR,
  accessByFeature,
  accessClass,
  accessClasses,
  accessColour,
} from '../../../../src/app/map/layers/access-layer.ts';

describe('accessibility classes', () => {
  it('breaks at the quintiles of the cells with some access; 0 and NaN are not among them', () => {
    // Ten values 1…10 plus two with none (0) and one not measured (NaN).
    const values = [0, 5, 1, 9, 2, 10, 3, NaN, 8, 4, 6, 0, 7];
    const classes = accessClasses(values, true);
    // Sorted 1…10: index ⌊k·9/5⌋ for k = 0…4 is 0, 1, 3, 5, 7 → 1, 2, 4, 6, 8.
    expect(classes.breaks).toEqual([1, 2, 4, 6, 8]);
    expect(accessClass(1, classes)).toBe(0);
    expect(accessClass(3.9, classes)).toBe(1);
    expect(accessClass(8, classes)).toBe(4);
    expect(accessClass(0, classes)).toBe(-1);
    expect(accessClass(NaN, classes)).toBeNull();
    expect(accessColour(10, classes)).toEqual(ACCESS_COLOURS[4]);
    expect(accessColour(0, classes)).toEqual(NO_ACCESS_COLOUR);
    expect(accessColour(NaN, classes)).toBeNull();
  });

  it('for a cost the nearest are brightest and Infinity (none within the cutoff) is no access', () => {
    const classes = accessClasses([100, 200, 300, 400, 500, Infinity], false);
    // Five values: indices ⌊k·4/5⌋ = 0, 0, 1, 2, 3; the repeated 100 is one break.
    expect(classes.breaks).toEqual([100, 200, 300, 400]);
    expect(accessColour(100, classes)).toEqual(ACCESS_COLOURS[4]);
    expect(accessColour(500, classes)).toEqual(ACCESS_COLOURS[0]);
    expect(accessColour(Infinity, classes)).toEqual(NO_ACCESS_COLOUR);
    // 0 m is the best a cost can be, not "none".
    expect(accessClass(0, classes)).toBe(0);
  });

  it('spreads fewer classes over the whole ramp', () => {
    const classes = accessClasses([2, 2, 2, 5], true);
    expect(classes.breaks).toEqual([2]);
    expect(accessColour(5, classes)).toEqual(ACCESS_COLOURS[4]);
  });
});

describe('accessByFeature', () => {
  const cell = (featureIndex: number, users: number): CellResult => ({ featureIndex, users }) as CellResult;
  it('weights the parts of a split feature by their pupils; Infinity only when no part has a value', () => {
    const cells = [cell(0, 10), cell(0, 30), cell(1, 5), cell(2, 0), cell(2, 0), cell(3, 8), cell(4, 1), cell(4, 1)];
    const values = Float64Array.from([1, 3, 7, 2, 4, NaN, Infinity, 6]);
    const by = accessByFeature(cells, values);
    expect(by.get(0)).toBe((10 * 1 + 30 * 3) / 40);
    expect(by.get(1)).toBe(7);
    expect(by.get(2)).toBe(3);
    expect(by.has(3)).toBe(false);
    expect(by.get(4)).toBe(6);
  });
});
