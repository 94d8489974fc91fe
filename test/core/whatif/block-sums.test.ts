import { describe, expect, it } from 'vitest';
import { BlockSums, SUM_BLOCK } from '../../../src/core/evaluate/block-sums.ts';
import { random } from './fixture.ts';

/** The documented order written out plainly: each block of 1,024 cells from 0 in cell order, then the blocks in order. */
function reference(values: Float64Array): number {
  let total = 0;
  for (let from = 0; from < values.length; from += 1024) {
    let block = 0;
    for (let c = from; c < Math.min(values.length, from + 1024); c++) block += values[c];
    total += block;
  }
  return total;
}

describe('BlockSums', () => {
  it('re-adds only marked blocks and still equals the blocked sum of the current values, bit for bit', () => {
    expect(SUM_BLOCK).toBe(1024);
    const rand = random(5);
    // Magnitudes from 1e-3 to 1e12, so the order of addition shows in the last bits.
    const values = Float64Array.from({ length: 5000 }, () => (rand() - 0.3) * 10 ** Math.floor(rand() * 15 - 3));
    const sums = new BlockSums(values.length, 2, (from, to, out, at) => {
      let a = 0;
      let b = 0;
      for (let c = from; c < to; c++) {
        a += values[c];
        b += values[c] * values[c];
      }
      out[at] = a;
      out[at + 1] = b;
    });
    let drifted = sums.totals()[0];
    for (let edit = 0; edit < 300; edit++) {
      const c = Math.floor(rand() * values.length);
      const next = (rand() - 0.5) * 10 ** Math.floor(rand() * 15 - 3);
      drifted += next - values[c];
      values[c] = next;
      sums.markCell(c);
      if (edit % 7 === 0) {
        const [a, b] = sums.totals();
        expect(a).toBe(reference(values));
        expect(b).toBe(reference(values.map((v) => v * v)));
      }
    }
    expect(sums.totals()[0]).toBe(reference(values));
    // What a running "subtract the old, add the new" total would have given instead.
    expect(drifted).not.toBe(reference(values));
  });
});
