import type { Highs } from 'highs';

/** One MILP for HiGHS, as plain data: it crosses to a solver thread by structured clone. */
export interface MilpJob {
  /** The model in CPLEX LP format. */
  lp: string;
  /** Seconds HiGHS may take (its own time_limit); the caller's deadline is the one that counts. */
  timeLimitS: number;
  /** A known feasible solution (column → value) HiGHS starts from, e.g. the heuristic's. */
  start?: Record<string, number>;
}

/** What HiGHS answered; plain data, so a thread can post it back. */
export interface MilpOutcome {
  /** 'optimal': proven; 'time_limit': stopped before a proof (deadline, cancel, or killed); 'infeasible': no plan satisfies the model. */
  status: 'optimal' | 'time_limit' | 'infeasible';
  /** Column name → value of HiGHS's best solution; null when it found none. */
  values: Map<string, number> | null;
  /** Best proven (dual) bound; null when HiGHS proved none (e.g. stopped before its root LP). */
  bound: number | null;
}

/** The answer of a run stopped before HiGHS reported anything. */
export const NO_ANSWER: MilpOutcome = { status: 'time_limit', values: null, bound: null };

/**
 * Runs one job on a HiGHS instance in this thread. `stop` is asked from HiGHS's interrupt
 * callbacks, which some phases (presolve, reading the model) do not reach for seconds: only a
 * thread that can be terminated bounds those (see `MilpRunner`).
 */
export function runHighsJob(highs: Highs, job: MilpJob, stop: () => boolean): MilpOutcome {
  const model = highs.createModel({ format: 'lp', data: job.lp });
  try {
    if (stop()) return NO_ANSWER;
    model.options.set({
      output_flag: false,
      // Planning figures are compared exactly (e.g. spopt's mean distance): do not stop at 0.01 %.
      mip_rel_gap: 1e-9,
      time_limit: Math.max(0, job.timeLimitS),
    });
    if (job.start) {
      const indices: number[] = [];
      const values: number[] = [];
      for (const [name, v] of Object.entries(job.start)) {
        indices.push(model.getColByName(name));
        values.push(v);
      }
      model.setSolution({ indices: Int32Array.from(indices), values: Float64Array.from(values) });
    }
    const interrupt = (event: { interrupt(): void }): undefined => {
      if (stop()) event.interrupt();
      return undefined;
    };
    model.run({ 1: interrupt, 2: interrupt, 6: interrupt });
    const status = model.getModelStatus();
    if (status === 8) return { status: 'infeasible', values: null, bound: null };
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
    };
  } finally {
    model.dispose();
  }
}
