import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORLIB_MAX_NODES, parseOrlibPmed, shortestPathMatrix } from '../../../src/core/io/orlib.ts';

const TINY = join(import.meta.dirname, '..', '..', 'fixtures', 'siting', 'tiny-pmed.txt');

describe('OR-Library p-median parser', () => {
  it('keeps the last cost of a repeated edge, not the smallest', () => {
    const inst = parseOrlibPmed(readFileSync(TINY, 'utf8'), TINY);
    expect(inst.n).toBe(5);
    expect(inst.p).toBe(1);
    expect(inst.edges).toContainEqual([1, 2, 7]);
    expect(inst.edges).toHaveLength(4);
    const d = shortestPathMatrix(inst);
    expect(d[0 * 5 + 2]).toBe(8); // 1 → 2 → 3 with 2–3 = 7 (the minimum rule would give 2)
    expect(d[2 * 5 + 0]).toBe(8);
    expect(d[0 * 5 + 4]).toBe(14);
    expect(d[3 * 5 + 3]).toBe(0);
  });

  it('treats i j and j i as the same edge', () => {
    const inst = parseOrlibPmed('3 3 1\n1 2 5\n2 3 4\n2 1 9\n', 'x');
    expect(inst.edges).toContainEqual([0, 1, 9]);
  });

  it('leaves disconnected vertices at Infinity', () => {
    const d = shortestPathMatrix(parseOrlibPmed('3 1 1\n1 2 5\n', 'x'));
    expect(d[0 * 3 + 2]).toBe(Infinity);
    expect(d[0 * 3 + 1]).toBe(5);
  });

  it('ignores a self loop (it used to become a hidden zero-cost edge to vertex 1)', () => {
    const inst = parseOrlibPmed('3 2 1\n1 2 4\n3 3 5\n', 'x');
    expect(inst.edges).toEqual([[0, 1, 4]]);
    const d = shortestPathMatrix(inst);
    // Vertex 3 has no edge: unreachable from 1 and 2, 0 to itself.
    expect(d[0 * 3 + 2]).toBe(Infinity);
    expect(d[2 * 3 + 0]).toBe(Infinity);
    expect(d[2 * 3 + 2]).toBe(0);
  });

  it('refuses an absurd n from the header before allocating', () => {
    // Allocating first would take 20,000² distances (3.2 GB) before the refusal.
    expect(() => parseOrlibPmed('20000 1 5\n1 2 3\n', 'big.txt')).toThrow(/big\.txt: n = 20000 nodes is above the limit of 5000/);
    expect(ORLIB_MAX_NODES).toBe(5000);
  });

  it('names the file and the fault', () => {
    expect(() => parseOrlibPmed('', 'f.txt')).toThrow(/f\.txt: empty file/);
    expect(() => parseOrlibPmed('3 2 1\n1 2 5\n', 'f.txt')).toThrow(/header says 2 edges but only 1 follow/);
    expect(() => parseOrlibPmed('3 1 1\n1 4 5\n', 'f.txt')).toThrow(/edge 1: vertex out of 1\.\.3/);
    expect(() => parseOrlibPmed('3 1 4\n1 2 5\n', 'f.txt')).toThrow(/p must be in 1\.\.3/);
    expect(() => parseOrlibPmed('3 1 1\n1 2 x\n', 'f.txt')).toThrow(/edge 1: cost must be a non-negative number, got 'x'/);
    expect(() => parseOrlibPmed('3 1 a\n', 'f.txt')).toThrow(/p: expected an integer/);
  });
});
