/**
 * `npm run bench -- siting`: quality of the siting optimizer against published optima, read from
 * ../shared/bench at run time (never copied into the repository). Flags: `--only=pmed1,pmed40`,
 * `--part=pmed,spopt,mclp,cap` (default all), `--cap-time=S` (HiGHS limit per capacitated instance,
 * default 10).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pmedBench } from './siting/pmed.ts';
import { spoptBench } from './siting/spopt.ts';
import { mclpSjcBench } from './siting/mclp-sjc.ts';
import { capacitatedBench } from './siting/capacitated.ts';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'bench');

export async function sitingBench(flags: string[]): Promise<void> {
  if (!existsSync(benchDir)) {
    console.log(`skip siting: ${benchDir} not found`);
    return;
  }
  const flag = (name: string): string | undefined => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
  const only = flag('only') ? new Set(flag('only')!.split(',')) : undefined;
  const parts = new Set((flag('part') ?? 'pmed,spopt,mclp,cap').split(','));
  const results: string[] = [];
  if (parts.has('pmed')) {
    const s = await pmedBench(join(benchDir, 'pmed'), only);
    if (s) results.push(`RESULT pmed_optimal=${s.optimal}/${s.total} pmed_mean_gap_pct=${s.meanGapPct.toFixed(4)} pmed_max_s=${s.maxSeconds.toFixed(2)}`);
  }
  if (parts.has('spopt')) {
    const s = await spoptBench(join(benchDir, 'spopt'));
    if (s) results.push(`RESULT spopt_sf_matched=${s.matched}/${s.total}`);
  }
  if (parts.has('mclp')) {
    const s = await mclpSjcBench(join(benchDir, 'mclp', 'sjc'));
    if (s) results.push(`RESULT mclp_sjc_optimal=${s.optimal}/${s.total} mclp_mean_gap_pct=${s.meanGapPct.toFixed(4)} mclp_max_s=${s.maxSeconds.toFixed(2)}`);
  }
  if (parts.has('cap')) {
    const s = await capacitatedBench(join(benchDir, 'capacitated'), Number(flag('cap-time') ?? 10), only);
    if (s) results.push(`RESULT cap_optimal=${s.optimal}/${s.total} cap_solved=${s.solved}/${s.total} cap_mean_gap_pct=${s.meanGapPct.toFixed(4)}`);
  }
  for (const line of results) console.log(line);
}
