/**
 * `npm run bench -- access`: the full Belo Horizonte travel-time matrix (898 cells, 748,437
 * public-transport times; ../shared/real, skipped with a message when absent) through every
 * accessibility measure — 2SFCA and BFCA within 50 min, E2SFCA on its zones, gravity (exponential
 * β = 0.1 and power β = 1), cumulative jobs within 30 min active and passive, minutes to the
 * nearest 1 and 3 schools — against a plain loop over the matrix rows (string ids, Maps) computing
 * the same measures in the same process. Both must agree; the timed part is the measures, the
 * matrix read once before. Flags: --runs=N.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeAccess, e2sfcaZones, weightAt, type AccessSpec, type Decay, type OdMatrix } from '../src/core/access/index.ts';
import { matchCostMatrix, readCostMatrix } from '../src/core/io/cost-matrix.ts';

const DIR = join(import.meta.dirname, '..', '..', 'shared', 'real', 'belo_horizonte_accessibility');

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

/** Every measure of the run, with the demand and supply columns it takes. */
const MEASURES: { name: string; spec: AccessSpec; demand: string; supply: string }[] = [
  { name: '2sfca ≤ 50', spec: { method: '2sfca', decay: { kind: 'binary', cutoff: 50 } }, demand: 'population', supply: 'jobs' },
  { name: 'e2sfca zones of 50', spec: { method: 'e2sfca', decay: e2sfcaZones(50) }, demand: 'population', supply: 'jobs' },
  { name: 'bfca ≤ 50', spec: { method: 'bfca', decay: { kind: 'binary', cutoff: 50 } }, demand: 'population', supply: 'jobs' },
  { name: 'gravity exp 0.1', spec: { method: 'gravity', decay: { kind: 'exponential', beta: 0.1 } }, demand: 'population', supply: 'jobs' },
  { name: 'gravity power 1', spec: { method: 'gravity', decay: { kind: 'power', beta: 1 } }, demand: 'population', supply: 'schools' },
  { name: 'cumulative ≤ 30', spec: { method: 'cumulative', cutoff: 30 }, demand: 'population', supply: 'jobs' },
  { name: 'cumulative ≤ 30 passive', spec: { method: 'cumulative', cutoff: 30, passive: true }, demand: 'population', supply: 'jobs' },
  { name: 'nearest 1 school', spec: { method: 'nearest', n: 1 }, demand: 'population', supply: 'schools' },
  { name: 'nearest 3 schools', spec: { method: 'nearest', n: 3 }, demand: 'population', supply: 'schools' },
];

interface Row {
  from: string;
  to: string;
  t: number;
}

/** The same measures the plain way: one object per row, string ids, Maps. Results by id. */
function plainLoop(spec: AccessSpec, rows: Row[], demand: Map<string, number>, supply: Map<string, number>): Map<string, number> {
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const out = new Map<string, number>();
  const decay: Decay = spec.method === 'cumulative' ? { kind: 'binary', cutoff: spec.cutoff } : spec.method === 'nearest' ? { kind: 'binary', cutoff: Infinity } : spec.decay;
  const w = (t: number) => weightAt(decay, t);
  switch (spec.method) {
    case '2sfca':
    case 'e2sfca': {
      const reached = new Map<string, number>();
      for (const r of rows) add(reached, r.to, demand.get(r.from)! * w(r.t));
      for (const r of rows) add(out, r.from, reached.get(r.to)! > 0 ? (supply.get(r.to)! / reached.get(r.to)!) * w(r.t) : 0);
      return out;
    }
    case 'bfca': {
      const byFrom = new Map<string, number>();
      const byTo = new Map<string, number>();
      for (const r of rows) {
        add(byFrom, r.from, w(r.t));
        add(byTo, r.to, w(r.t));
      }
      const allocated = new Map<string, number>();
      for (const r of rows) if (w(r.t) > 0) add(allocated, r.to, (demand.get(r.from)! * w(r.t)) / byFrom.get(r.from)!);
      for (const r of rows) {
        const served = allocated.get(r.to) ?? 0;
        add(out, r.from, w(r.t) > 0 && served > 0 ? ((supply.get(r.to)! / served) * w(r.t)) / byTo.get(r.to)! : 0);
      }
      return out;
    }
    case 'gravity':
    case 'cumulative':
      for (const r of rows) {
        if (spec.passive) add(out, r.to, demand.get(r.from)! * w(r.t));
        else add(out, r.from, supply.get(r.to)! * w(r.t));
      }
      return out;
    case 'nearest': {
      const byFrom = new Map<string, Row[]>();
      for (const r of rows) {
        if (!byFrom.has(r.from)) byFrom.set(r.from, []);
        if (supply.get(r.to)! > 0) byFrom.get(r.from)!.push(r);
      }
      for (const [from, list] of byFrom) {
        list.sort((a, b) => a.t - b.t);
        let total = 0;
        out.set(from, Infinity);
        for (const r of list) {
          total += supply.get(r.to)!;
          if (total >= spec.n) {
            out.set(from, r.t);
            break;
          }
        }
      }
      return out;
    }
  }
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

export async function accessBench(flags: string[]): Promise<void> {
  const matrixFile = join(DIR, 'travel_matrix.csv.gz');
  if (!existsSync(matrixFile)) {
    console.log(`skipped: ${DIR} is absent (the Belo Horizonte matrix from ../shared/real)`);
    return;
  }
  const runs = flag(flags, 'runs', 3);
  const lines = readFileSync(join(DIR, 'land_use.csv'), 'utf8').trim().split('\n');
  const head = lines[0].split(',');
  const cells = lines.slice(1).map((l) => l.split(','));
  const ids = cells.map((c) => c[head.indexOf('id')]);
  const column = (name: string) => Float64Array.from(cells, (c) => Number(c[head.indexOf(name)]));
  const byId = (name: string) => new Map(cells.map((c) => [c[head.indexOf('id')], Number(c[head.indexOf(name)])]));

  const t0 = performance.now();
  const sparse = readCostMatrix(readFileSync(matrixFile), matrixFile);
  const side = { ids, name: 'land_use.csv' };
  const matrix: OdMatrix = matchCostMatrix(sparse, side, side).matrix;
  const readS = (performance.now() - t0) / 1000;
  console.log(`matrix: ${matrix.costs.length.toLocaleString('en-US')} pairs, ${ids.length} cells, read and matched in ${readS.toFixed(2)} s (gunzip, parse, ids)`);
  const rows: Row[] = Array.from(matrix.costs, (t, p) => ({ from: ids[matrix.origins[p]], to: ids[matrix.destinations[p]], t }));

  const engineS: number[] = [];
  const plainS: number[] = [];
  let worst = 0;
  for (let run = 0; run < runs; run++) {
    let engineRun = 0;
    let plainRun = 0;
    for (const m of MEASURES) {
      const demand = column(m.demand);
      const supply = column(m.supply);
      const a = performance.now();
      const result = computeAccess(m.spec, matrix, demand, supply);
      const b = performance.now();
      const plain = plainLoop(m.spec, rows, byId(m.demand), byId(m.supply));
      const c = performance.now();
      engineRun += b - a;
      plainRun += c - b;
      // Both ways must give the same values (relative difference; equal infinities count as 0).
      for (const [id, v] of plain) {
        const k = ids.indexOf(id);
        const got = result.values[k];
        const diff = got === v ? 0 : Math.abs(got - v) / Math.max(1e-300, Math.abs(v));
        worst = Math.max(worst, diff);
      }
      if (run === 0) console.log(`  ${m.name.padEnd(24)} engine ${(b - a).toFixed(1).padStart(6)} ms   plain loop ${(c - b).toFixed(1).padStart(7)} ms`);
    }
    engineS.push(engineRun / 1000);
    plainS.push(plainRun / 1000);
  }
  const seconds = median(engineS);
  const plainSeconds = median(plainS);
  console.log(`largest relative difference between the two: ${worst.toExponential(2)}`);
  console.log(`median of ${runs} runs, all ${MEASURES.length} measures: engine ${seconds.toFixed(3)} s, plain loop ${plainSeconds.toFixed(3)} s`);
  console.log(`RESULT access_all_measures_s=${seconds.toFixed(3)} ratio=${(plainSeconds / seconds).toFixed(1)}`);
}
