import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { balancedFloatingCatchment, computeAccess, floatingCatchment, pairWeights } from '../../../src/core/access/index.ts';
import { matchCostMatrix, readCostMatrix } from '../../../src/core/io/cost-matrix.ts';

const dir = '../shared/real/belo_horizonte_accessibility';
const present = existsSync(`${dir}/travel_matrix.csv.gz`);
if (!present) console.log(`skipping the Belo Horizonte accessibility tests: ${dir} is absent`);

/*
 * The real matrix (898 H3 cells, 748,437 public-transport times in minutes, from R accessibility's
 * example data) read two ways: by the engine's reader, and here by splitting lines, so the checks
 * below compare the engine with plain loops over the rows that share none of its code.
 */
describe.skipIf(!present)('Belo Horizonte: 898 cells, 748,437 travel times', () => {
  const landUse = present ? readFileSync(`${dir}/land_use.csv`, 'utf8').trim().split('\n') : [];
  const head = landUse[0]?.split(',') ?? [];
  const cells = landUse.slice(1).map((l) => l.split(','));
  const ids = cells.map((c) => c[head.indexOf('id')]);
  const pop = new Map(cells.map((c) => [c[head.indexOf('id')], Number(c[head.indexOf('population')])]));
  const jobs = new Map(cells.map((c) => [c[head.indexOf('id')], Number(c[head.indexOf('jobs')])]));
  const schools = new Map(cells.map((c) => [c[head.indexOf('id')], Number(c[head.indexOf('schools')])]));
  const rows = present
    ? gunzipSync(readFileSync(`${dir}/travel_matrix.csv.gz`))
        .toString('utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => {
          const [from, to, t] = l.split(',');
          return { from, to, t: Number(t) };
        })
    : [];

  const engine = () => {
    const sparse = readCostMatrix(readFileSync(`${dir}/travel_matrix.csv.gz`), 'travel_matrix.csv.gz');
    const side = { ids, name: 'land_use.csv' };
    const { matrix } = matchCostMatrix(sparse, side, side);
    const column = (m: Map<string, number>) => Float64Array.from(ids, (id) => m.get(id)!);
    return { matrix, population: column(pop), jobs: column(jobs), schools: column(schools) };
  };
  const { matrix, population, jobs: jobsAt, schools: schoolsAt } = present ? engine() : ({} as ReturnType<typeof engine>);
  const byId = (values: Float64Array) => new Map(ids.map((id, k) => [id, values[k]]));

  it('reads every row: 748,437 pairs over 898 origins and 898 destinations', () => {
    expect(rows.length).toBe(748_437);
    expect(matrix.costs.length).toBe(rows.length);
    expect(new Set(rows.map((r) => r.from)).size).toBe(898);
  });

  it('2SFCA, jobs per person within 50 min: all 898 values equal a plain loop over the rows', () => {
    const demandAt = new Map<string, number>();
    for (const r of rows) if (r.t <= 50) demandAt.set(r.to, (demandAt.get(r.to) ?? 0) + pop.get(r.from)!);
    const expected = new Map<string, number>();
    for (const r of rows) {
      const add = r.t <= 50 && demandAt.get(r.to)! > 0 ? jobs.get(r.to)! / demandAt.get(r.to)! : 0;
      expected.set(r.from, (expected.get(r.from) ?? 0) + add);
    }
    const got = byId(computeAccess({ method: '2sfca', decay: { kind: 'binary', cutoff: 50 } }, matrix, population, jobsAt).values);
    expect(expected.size).toBe(898);
    for (const [id, v] of expected) expect(got.get(id)).toBeCloseTo(v, 12);
  });

  it("reproduces R accessibility's published figures (README.md of ipeaGIT/accessibility at 24de567)", () => {
    // github.com/ipeaGIT/accessibility/blob/24de567cd7346cb00a218b71e50674cc259e5985/README.md,
    // printed to 7 significant digits (cumulative: whole jobs) on the same example data.
    const fca = byId(computeAccess({ method: '2sfca', decay: { kind: 'binary', cutoff: 50 } }, matrix, population, jobsAt).values);
    const fcaPrinted: [string, number][] = [
      ['89a88cdb57bffff', 0.4278111],
      ['89a88cdb597ffff', 0.3863614],
      ['89a88cdb5b3ffff', 0.4501725],
      ['89a88cdb5cfffff', 0.5366707],
      ['89a88cd909bffff', 0.4280401],
      ['89a88cd90b7ffff', 0.5176583],
    ];
    for (const [id, v] of fcaPrinted) expect(fca.get(id)).toBeCloseTo(v, 7);
    const cum = byId(computeAccess({ method: 'cumulative', cutoff: 30 }, matrix, population, jobsAt).values);
    const cumPrinted: [string, number][] = [
      ['89a881a5a2bffff', 14561],
      ['89a881a5a2fffff', 29452],
      ['89a881a5a67ffff', 16647],
      ['89a881a5a6bffff', 10700],
      ['89a881a5a6fffff', 6669],
      ['89a881a5b03ffff', 37029],
    ];
    for (const [id, v] of cumPrinted) expect(cum.get(id)).toBe(v);
    const grav = byId(computeAccess({ method: 'gravity', decay: { kind: 'exponential', beta: 0.2 } }, matrix, population, schoolsAt).values);
    const gravPrinted: [string, number][] = [
      ['89a88cdb57bffff', 0.03041853],
      ['89a88cdb597ffff', 1.15549493],
      ['89a88cdb5b3ffff', 0.56519126],
      ['89a88cdb5cfffff', 0.19852152],
      ['89a88cd909bffff', 0.41378042],
      ['89a88cd90b7ffff', 0.95737555],
    ];
    for (const [id, v] of gravPrinted) expect(grav.get(id)).toBeCloseTo(v, 8);
  });

  it('2SFCA preserves supply: Σ population · A_i = the jobs some population reaches within 50 min', () => {
    const reached = new Set(rows.filter((r) => r.t <= 50 && pop.get(r.from)! > 0).map((r) => r.to));
    let supplyReached = 0;
    for (const id of reached) supplyReached += jobs.get(id)!;
    const { access } = floatingCatchment(matrix, pairWeights({ kind: 'binary', cutoff: 50 }, matrix.costs), population, jobsAt);
    let total = 0;
    access.forEach((a, k) => (total += population[k] * a));
    expect(total).toBeCloseTo(supplyReached, 6);
  });

  it('BFCA preserves totals: population allocated = population that reaches; Σ A_i = Σ L_j', () => {
    const reaching = new Set(rows.filter((r) => r.t <= 50).map((r) => r.from));
    let populationReaching = 0;
    for (const id of reaching) populationReaching += pop.get(id)!;
    const r = balancedFloatingCatchment(matrix, pairWeights({ kind: 'binary', cutoff: 50 }, matrix.costs), population, jobsAt);
    const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
    expect(sum(r.demandAllocated)).toBeCloseTo(populationReaching, 6);
    expect(sum(r.access)).toBeCloseTo(sum(r.levelOfService), 9);
  });

  it('cost to the nearest school: all 898 values equal a plain minimum over the rows', () => {
    const expected = new Map<string, number>(ids.map((id) => [id, Infinity]));
    for (const r of rows) if (schools.get(r.to)! > 0) expected.set(r.from, Math.min(expected.get(r.from)!, r.t));
    const got = byId(computeAccess({ method: 'nearest', n: 1 }, matrix, population, schoolsAt).values);
    for (const [id, v] of expected) expect(got.get(id)).toBe(v);
  });
});
