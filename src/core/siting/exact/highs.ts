import { InputError } from '../../errors.ts';
import type { CancelToken } from '../../types.ts';
import type { HighsLoader } from './highs-loader.ts';
import type { MilpJob, MilpOutcome } from './milp-job.ts';
import { inThreadMilpRunner, type MilpRunner } from './milp-runner.ts';

/** Outcome of one MILP run, with its wall-clock time. */
export interface MilpAnswer extends MilpOutcome {
  seconds: number;
}

export interface MilpOptions {
  /** Wall clock (performance.now(), ms) by which HiGHS must stop; it is also given the time left. */
  deadline: number;
  /** Runs HiGHS where it can be stopped at the deadline; default: in this thread (`loadHighs`). */
  runMilp?: MilpRunner;
  loadHighs?: HighsLoader;
  /** A known feasible solution (column → value) HiGHS starts from, e.g. the heuristic's. */
  start?: Record<string, number>;
  cancel?: CancelToken;
}

/** Default largest model (columns) handed to HiGHS; WebAssembly memory and time grow fast past it. */
export const DEFAULT_EXACT_MAX_VARIABLES = 250_000;

/** Accumulates a CPLEX LP-format model as text; long sums are wrapped (LP readers limit line length). */
export class LpBuilder {
  private readonly rows: string[] = [];
  private readonly bounds: string[] = [];
  private readonly binaries: string[] = [];
  private objective = '';

  constructor(private readonly sense: 'Minimize' | 'Maximize') {}

  setObjective(terms: string[]): void {
    this.objective = wrap(terms);
  }

  /** `name: terms op rhs`. */
  row(name: string, terms: string[], op: '<=' | '>=' | '=', rhs: number): void {
    this.rows.push(` ${name}: ${wrap(terms)} ${op} ${num(rhs)}`);
  }

  binary(name: string): void {
    this.binaries.push(name);
  }

  continuous(name: string, lower: number, upper: number): void {
    this.bounds.push(` ${num(lower)} <= ${name} <= ${upper === Infinity ? '+inf' : num(upper)}`);
  }

  text(): string {
    const out = [this.sense, ` obj: ${this.objective || '0 dummy'}`, 'Subject To', ...this.rows, 'Bounds', ...this.bounds];
    if (this.binaries.length > 0) out.push('Binaries', wrap(this.binaries, ' '));
    out.push('End', '');
    return out.join('\n');
  }
}

/** Coefficient × variable, written so the LP reader never sees exponents it dislikes. */
export function term(coef: number, name: string): string {
  return `${num(coef)} ${name}`;
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(17);
}

/** Joins terms into a sum ("- y3" subtracts), eight to a line. */
function wrap(terms: string[], sep = ' + '): string {
  let out = '';
  terms.forEach((t, k) => {
    if (k > 0) out += k % 8 === 0 ? '\n ' : ' ';
    if (sep === ' ') out += t;
    else if (t.startsWith('- ')) out += k === 0 ? `-${t.slice(1)}` : t;
    else out += k === 0 ? t : `+ ${t}`;
  });
  return out;
}

/** Throws a clear error before building a model HiGHS could not handle in reasonable memory/time. */
export function checkSize(columns: number, limit: number): void {
  if (columns > limit) {
    throw new InputError('exact', `the MILP would have ${columns} variables (limit ${limit}); use the heuristic or fewer candidates`);
  }
}

/** Seconds left until `deadline` (performance.now() ms), never negative. */
export function secondsLeft(deadline: number): number {
  return Math.max(0, (deadline - performance.now()) / 1000);
}

/**
 * Solves an LP-format MILP with HiGHS: the optimum, or at the deadline the incumbent (if any) and
 * the proven bound (if any). With `runMilp` (a thread terminated at the deadline) the deadline
 * holds whatever phase HiGHS is in; without it HiGHS runs here, stopped by its interrupt callbacks.
 */
export async function solveMilp(lp: string, opts: MilpOptions): Promise<MilpAnswer> {
  const t0 = performance.now();
  const run = opts.runMilp ?? inThreadMilpRunner(opts.loadHighs);
  const job: MilpJob = { lp, timeLimitS: secondsLeft(opts.deadline), start: opts.start };
  const outcome = await run(job, { deadline: opts.deadline, cancel: opts.cancel });
  return { ...outcome, seconds: (performance.now() - t0) / 1000 };
}
