import { InputError } from '../../errors.ts';
import type { CancelToken } from '../../types.ts';
import { defaultHighsLoader, type HighsLoader } from './highs-loader.ts';

/** Outcome of one MILP run. */
export interface MilpAnswer {
  /** 'optimal': proven; 'time_limit': stopped by the deadline (or cancelled); 'infeasible': no plan satisfies the model. */
  status: 'optimal' | 'time_limit' | 'infeasible';
  /** Column name → value of HiGHS's best solution; null when it found none. */
  values: Map<string, number> | null;
  /** Best proven (dual) bound; null when HiGHS proved none (e.g. stopped before its root LP). */
  bound: number | null;
  seconds: number;
}

export interface MilpOptions {
  /** Wall clock (performance.now(), ms) by which HiGHS must stop; it is also given the time left. */
  deadline: number;
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
 * the proven bound (if any). HiGHS's own time_limit is not checked inside every phase (its root LP
 * overran a 0.5 s limit by 1.5 s on pmed11), so its interrupt callbacks also stop it at the deadline.
 */
export async function solveMilp(lp: string, opts: MilpOptions): Promise<MilpAnswer> {
  const t0 = performance.now();
  const highs = await (opts.loadHighs ?? defaultHighsLoader)();
  const none = (): MilpAnswer => ({ status: 'time_limit', values: null, bound: null, seconds: (performance.now() - t0) / 1000 });
  // Reading the model is not interruptible (0.1–0.2 µs a byte of LP text on this machine): when
  // less time than that is left, HiGHS could only overrun, so it is not started.
  if (secondsLeft(opts.deadline) <= lp.length * 2e-7 || opts.cancel?.cancelled) return none();
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    const left = secondsLeft(opts.deadline);
    if (left <= 0 || opts.cancel?.cancelled) return none();
    model.options.set({
      output_flag: false,
      // Planning figures are compared exactly (e.g. spopt's mean distance): do not stop at 0.01 %.
      mip_rel_gap: 1e-9,
      time_limit: left,
    });
    if (opts.start) {
      const indices: number[] = [];
      const values: number[] = [];
      for (const [name, v] of Object.entries(opts.start)) {
        indices.push(model.getColByName(name));
        values.push(v);
      }
      model.setSolution({ indices: Int32Array.from(indices), values: Float64Array.from(values) });
    }
    const stop = (event: { interrupt(): void }): undefined => {
      if (performance.now() >= opts.deadline || opts.cancel?.cancelled) event.interrupt();
      return undefined;
    };
    model.run({ 1: stop, 2: stop, 6: stop });
    const status = model.getModelStatus();
    if (status === 8) return { status: 'infeasible', values: null, bound: null, seconds: (performance.now() - t0) / 1000 };
    const optimal = status === 7;
    const dual = Number(model.info.get('mip_dual_bound'));
    // 2 = feasible primal solution available.
    let values: Map<string, number> | null = null;
    if (Number(model.info.get('primal_solution_status')) === 2) {
      const sol = model.getSolution();
      const dims = model.getDimensions();
      values = new Map<string, number>();
      for (let i = 0; i < dims.numCols; i++) values.set(model.getColName(i), sol.colValue[i]);
    }
    return {
      status: optimal ? 'optimal' : 'time_limit',
      values,
      bound: optimal ? model.getObjectiveValue() : Number.isFinite(dual) ? dual : null,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    model.dispose();
  }
}
