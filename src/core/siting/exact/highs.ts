import { InputError } from '../../errors.ts';
import { defaultHighsLoader, type HighsLoader } from './highs-loader.ts';

/** Outcome of one MILP run. */
export interface MilpAnswer {
  /** Column name → value (only what HiGHS reported). */
  values: Map<string, number>;
  objective: number;
  /** Best proven bound (dual bound). */
  bound: number;
  /** Relative gap |objective − bound| / |objective|; 0 when optimal. */
  gap: number;
  optimal: boolean;
  seconds: number;
}

export interface MilpOptions {
  timeLimitS?: number;
  loadHighs?: HighsLoader;
  /** A known feasible solution (column → value) HiGHS starts from, e.g. the heuristic's. */
  start?: Record<string, number>;
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

/** Solves an LP-format MILP with HiGHS: the optimum, or the incumbent and its proven gap at the time limit. */
export async function solveMilp(lp: string, opts: MilpOptions = {}): Promise<MilpAnswer> {
  const t0 = performance.now();
  const highs = await (opts.loadHighs ?? defaultHighsLoader)();
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({
      output_flag: false,
      // Planning figures are compared exactly (e.g. spopt's mean distance): do not stop at 0.01 %.
      mip_rel_gap: 1e-9,
      time_limit: opts.timeLimitS ?? 60,
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
    model.run();
    const status = model.getModelStatus();
    const primal = Number(model.info.get('primal_solution_status'));
    // 2 = feasible primal solution available.
    if (primal !== 2) {
      if (status === 8) throw new InputError('exact', 'the model is infeasible');
      throw new Error(`HiGHS found no solution (model status ${status}); raise the time limit`);
    }
    const sol = model.getSolution();
    const dims = model.getDimensions();
    const values = new Map<string, number>();
    for (let i = 0; i < dims.numCols; i++) values.set(model.getColName(i), sol.colValue[i]);
    const objective = model.getObjectiveValue();
    const optimal = status === 7;
    const bound = Number(model.info.get('mip_dual_bound'));
    const gap = optimal ? 0 : Number(model.info.get('mip_gap'));
    return { values, objective, bound: Number.isFinite(bound) ? bound : objective, gap, optimal, seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}
