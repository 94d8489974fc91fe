import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemFromMatrix, solveCapacitatedPMedian, solveLscpb } from '../../../src/core/siting/index.ts';
import { runCli } from '../../cli/run-cli.ts';

const REAL = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'real', 'spopt_capacitated_and_sf');
const LONDON = join(REAL, 'london_capacitated_pmedian');
const SF = join(REAL, 'sf_network_coverage');

describe('capacitated p-median with required facilities filled to capacity', () => {
  // Three pupils (weight 1), three candidate schools: A (2 places), B (2), C (1). Minutes:
  //        A  B  C
  //   d1   1  5  9
  //   d2   4  1  9
  //   d3   8  2  1
  const cost = Float64Array.from([1, 5, 9, 4, 1, 9, 8, 2, 1]);
  const make = (capacity: number[], weights = [1, 1, 1]) =>
    problemFromMatrix({ demandIds: ['d1', 'd2', 'd3'], siteIds: ['A', 'B', 'C'], cost, capacity: Float64Array.from(capacity), weights: Float64Array.from(weights) });

  it('A required, not filled: {A, B} at 1 + 1 + 2 = 4 (by hand: {A, C} would cost 1 + 4 + 1 = 6)', async () => {
    const r = await solveCapacitatedPMedian(make([2, 2, 1]), 2, { required: ['A'] });
    expect(r.objective).toBe(4);
    expect(r.selected.slice().sort()).toEqual(['A', 'B']);
    expect(r.assignment).toEqual(['A', 'B', 'B']);
  });

  it('A required and filled to its 2 places: {A, C} at 1 + 4 + 1 = 6 (by hand: {A, B} can do no better than A taking d1 and d2, B d3: 7)', async () => {
    const r = await solveCapacitatedPMedian(make([2, 2, 1]), 2, { required: ['A'], fillRequired: true });
    expect(r.objective).toBe(6);
    expect(r.selected.slice().sort()).toEqual(['A', 'C']);
    expect(r.assignment).toEqual(['A', 'A', 'C']);
    expect(r.status).toBe('optimal');
  });

  it('names the cause of an impossible specification', async () => {
    await expect(solveCapacitatedPMedian(make([4, 2, 1]), 2, { required: ['A'], fillRequired: true })).rejects.toThrow(
      /the 1 required facilities hold 4 places, more than the total demand 3: they cannot all be filled/,
    );
    await expect(solveCapacitatedPMedian(make([2, 2, 1]), 1, { required: ['A', 'B'] })).rejects.toThrow(/p = 1 is less than the 2 required facilities/);
    await expect(solveCapacitatedPMedian(make([2, 2, 1]), 1)).rejects.toThrow(/p = 1 is too small for the demand 3: any 1 sites hold at most 2 places/);
    await expect(solveCapacitatedPMedian(make([2, 2, 1]), 2, { required: ['Z'] })).rejects.toThrow(/'Z' is not a candidate site/);
  });

  it('divisible demand may be split; indivisible may not', async () => {
    // d1 weighs 2 and every site holds 1 place: whole, it fits nowhere; split, A and B take one each
    // (1 + 5 = 6), d2 and d3 (weight 0) need nothing.
    const problem = make([1, 1, 1], [2, 0, 0]);
    const split = await solveCapacitatedPMedian(problem, 2, { divisible: true });
    expect(split.objective).toBe(6);
    await expect(solveCapacitatedPMedian(problem, 2)).rejects.toThrow(/no assignment of every demand point whole to 2 site\(s\) fits the capacities/);
  });
});

describe('LSCP-B (backup coverage)', () => {
  it('the fewest sites covering everyone, then the most weight covered twice', async () => {
    // Covers within 10: s1 {a, b, c}, s2 {c, d}, s3 {b, d}. One site covers nobody's d and a at
    // once, so 2 are needed: {s1, s2} (c twice, weight 2) or {s1, s3} (b twice, weight 5).
    const C = 1;
    const F = 100;
    const cost = Float64Array.from([C, F, F, C, F, C, C, C, F, F, C, C]);
    const problem = problemFromMatrix({ demandIds: ['a', 'b', 'c', 'd'], siteIds: ['s1', 's2', 's3'], cost, weights: Float64Array.from([1, 5, 2, 1]) });
    const r = await solveLscpb(problem, 10);
    expect(r.objective).toBe(2);
    expect(r.selected.slice().sort()).toEqual(['s1', 's3']);
    expect(r.backupWeight).toBe(5);
    expect(r.status).toBe('optimal');
  });

  it('names demand no site reaches', async () => {
    const problem = problemFromMatrix({ demandIds: ['a', 'b'], siteIds: ['s1'], cost: Float64Array.from([1, 50]) });
    await expect(solveLscpb(problem, 10)).rejects.toThrow(/no site reaches 1 demand point\(s\) within 10, so not everyone can be covered: b/);
  });
});

describe.skipIf(!existsSync(REAL))('spopt real data from the command line (../shared/real)', () => {
  it('London: 10 students, 74 schools, priority-1 schools opened and filled, p = 10: 872 minutes (spopt test_c_p_median.py asserts mean 87.2)', async () => {
    const r = await runCli([
      'solve', '--model', 'cpmedian',
      '--matrix', join(LONDON, 'example_subject_student_school_journeys.csv'), '--from', 'student', '--to', 'school', '--cost', 'time',
      '--demand', join(LONDON, 'example_subject_students.csv'), '--candidates', join(LONDON, 'example_subject_schools.csv'),
      '--field', 'demand.id=ST: ID', '--field', 'candidates.id=SE2 PP: Code', '--capacity', 'Count',
      '--required-field', 'priority', '--required-value', '1', '--fill-required', '--p', '10', '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { objective: number; selected: string[]; status: string };
    expect(out.objective).toBe(872);
    expect(out.status).toBe('optimal');
    // The seven priority-1 schools are among those opened.
    for (const id of ['IOE00406', 'IOE00553', 'IOE00674', 'IOE00694', 'IOE00867', 'IOE00953', 'IOE01856']) expect(out.selected).toContain(id);
  });

  it('San Francisco LSCP-B at 5,000 m: 8 stores, backup equal to a brute force over every 8 of 16 stores', async () => {
    const matrix = join(SF, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv');
    const r = await runCli([
      'solve', '--model', 'lscpb', '--matrix', matrix, '--from', 'name', '--to', 'DestinationName', '--cost', 'distance',
      '--demand', join(SF, 'SF_demand_205_centroid_uniform_weight.csv'), '--candidates', join(SF, 'SF_store_site_16_longlat.csv'),
      '--field', 'demand.id=NAME', '--field', 'candidates.id=NAME', '--radius', '5000', '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { objective: number; backupWeight: number };
    // Brute force, read straight from the matrix: which stores reach which tract within 5,000 m.
    const lines = readFileSync(matrix, 'utf8').trim().split('\n').slice(1);
    const stores = new Map<string, number>();
    const tracts = new Map<string, number>();
    const within: [number, number][] = [];
    for (const line of lines) {
      const [d, store, tract] = line.split(',');
      if (!stores.has(store)) stores.set(store, stores.size);
      if (!tracts.has(tract)) tracts.set(tract, tracts.size);
      if (Number(d) <= 5000) within.push([stores.get(store)!, tracts.get(tract)!]);
    }
    let fewest = Infinity;
    let bestBackup = -1;
    for (let mask = 0; mask < 1 << 16; mask++) {
      const k = mask.toString(2).replace(/0/g, '').length;
      if (k > fewest) continue;
      const count = new Int32Array(tracts.size);
      for (const [s, t] of within) if (mask & (1 << s)) count[t]++;
      if (count.some((c) => c === 0)) continue;
      const backup = count.filter((c) => c >= 2).length;
      if (k < fewest) {
        fewest = k;
        bestBackup = backup;
      } else bestBackup = Math.max(bestBackup, backup);
    }
    expect(fewest).toBe(8);
    expect(out.objective).toBe(fewest);
    expect(out.backupWeight).toBe(bestBackup);
  });
});
