import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { costMatrixRule, parseCostMatrix } from '../../src/core/io/cost-matrix.ts';
import { solveSiting } from '../../src/core/siting/index.ts';
import { buildProblem } from '../../src/core/siting/problem.ts';

/**
 * pysal/spopt's San Francisco test (205 tracts × 16 stores, network metres), built as its tests
 * build it: tracts sorted by name, stores sorted as strings, weights POP2000.
 */
export async function spoptBench(dir: string): Promise<{ matched: number; total: number } | undefined> {
  const distFile = join(dir, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv');
  const demandFile = join(dir, 'SF_demand_205_centroid_uniform_weight.csv');
  if (!existsSync(distFile) || !existsSync(demandFile)) {
    console.log(`skip spopt: ${dir} has no San Francisco files`);
    return undefined;
  }
  const matrix = parseCostMatrix(readFileSync(distFile, 'utf8'), distFile, { origin: 'DestinationName', destination: 'name', cost: 'distance' });
  const rows = Papa.parse<Record<string, string>>(readFileSync(demandFile, 'utf8'), { header: true, skipEmptyLines: true }).data;
  rows.sort((a, b) => (a.NAME < b.NAME ? -1 : a.NAME > b.NAME ? 1 : 0));
  const demand = rows.map((r) => ({ id: r.NAME, weight: Number(r.POP2000) }));
  const stores = [...matrix.destinations].sort().map((id) => ({ id }));
  const rule = costMatrixRule(matrix, demand.map((d) => d.id), stores.map((s) => s.id));
  const problem = buildProblem({ demand, candidates: stores, rule });
  const totalWeight = demand.reduce((s, d) => s + d.weight, 0);
  let matched = 0;
  let total = 0;
  const check = (label: string, expected: number | string, got: number | string, ok: boolean): void => {
    total++;
    if (ok) matched++;
    console.log(`${label.padEnd(44)} expected ${String(expected).padEnd(20)} got ${String(got).padEnd(20)} ${ok ? 'OK' : 'DIFFERENT'}`);
  };
  for (const solver of ['heuristic', 'exact'] as const) {
    const pm = await solveSiting(problem, { model: 'pmedian', p: 4 }, { solver, seed: 1 });
    const mean = pm.objective / totalWeight;
    check(`SF p-median p=4 mean distance (${solver})`, 2982.1268579890657, mean, Math.abs(mean - 2982.1268579890657) < 1e-9);
    console.log(`  stores ${pm.selected.join(', ')}; ${pm.seconds.toFixed(2)} s`);
    const mc = await solveSiting(problem, { model: 'mclp', p: 4, radius: 5000 }, { solver, seed: 1 });
    const uncov = mc.uncovered?.length ?? 0;
    check(`SF MCLP 5000 m p=4 tracts uncovered (${solver})`, 21, uncov, uncov === 21);
    const perc = (1 - uncov / demand.length) * 100;
    check(`SF MCLP perc_cov (${solver})`, 89.75609756097561, perc, Math.abs(perc - 89.75609756097561) < 1e-9);
    console.log(`  covered weight ${mc.coveredWeight} of ${totalWeight}; ${mc.seconds.toFixed(2)} s`);
    const ls = await solveSiting(problem, { model: 'lscp', radius: 5000 }, { solver, seed: 1 });
    check(`SF LSCP 5000 m stores needed (${solver})`, 8, ls.objective, ls.objective === 8);
    const pc = await solveSiting(problem, { model: 'pcenter', p: 4 }, { solver, seed: 1 });
    console.log(`SF p-center p=4 (${solver}): largest distance ${pc.objective.toFixed(3)} m, stores ${pc.selected.join(', ')}${pc.gap !== undefined ? `, gap ${pc.gap}` : ''}`);
  }
  return { matched, total };
}
