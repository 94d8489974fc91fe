import type { CancelToken } from '../../types.ts';
import { defaultHighsLoader, type HighsLoader } from './highs-loader.ts';
import { NO_ANSWER, runHighsJob, type MilpJob, type MilpOutcome } from './milp-job.ts';

/** When a run must end: the wall clock (performance.now(), ms) and the caller's cancel token. */
export interface MilpStop {
  deadline: number;
  cancel?: CancelToken;
}

/**
 * Solves one MILP job and answers by the deadline. Injected like `HighsLoader`, because only the
 * environment can stop HiGHS mid-phase: its presolve checks neither the clock nor the interrupt
 * callbacks for seconds, so an honest wall-clock limit needs HiGHS in a thread that is terminated
 * at the deadline (Node: worker_threads; browser: a Web Worker; see `threadedMilpRunner`).
 */
export type MilpRunner = (job: MilpJob, stop: MilpStop) => Promise<MilpOutcome>;

const stopped = (stop: MilpStop): boolean => performance.now() >= stop.deadline || !!stop.cancel?.cancelled;

/**
 * HiGHS in the calling thread, stopped only through its interrupt callbacks: the fallback where no
 * thread can be started. It may overrun the deadline by a presolve.
 */
export function inThreadMilpRunner(loadHighs: HighsLoader = defaultHighsLoader): MilpRunner {
  return async (job, stop) => {
    const highs = await loadHighs();
    // Reading the model cannot be interrupted here (0.1–0.2 µs a byte of LP text on this machine):
    // when less time than that is left, HiGHS could only overrun, so it is not started.
    if (stopped(stop) || (stop.deadline - performance.now()) / 1000 <= job.lp.length * 2e-7) return NO_ANSWER;
    return runHighsJob(highs, job, () => stopped(stop));
  };
}

/** What a solver thread posts back: its outcome, or the message of what failed there. */
export type MilpReply = { ok: true; outcome: MilpOutcome } | { ok: false; error: string };

/** A thread that runs one job (`answerMilpJob` on its side) and can be killed at once. */
export interface MilpThread {
  /** Posts the job; resolves with the thread's answer, rejects when the thread fails. */
  run(job: MilpJob): Promise<MilpOutcome>;
  terminate(): void;
}

/** How often a threaded run looks at the cancel token, ms. */
const CANCEL_POLL_MS = 50;

/**
 * A runner that gives each job a fresh thread and terminates it at the deadline or on cancel,
 * answering `NO_ANSWER` then (status time_limit, no values, no bound): the caller keeps its
 * heuristic plan. A thread per job: a killed thread leaves no HiGHS state behind, and loading the
 * wasm again costs far less than the solves this is for.
 */
export function threadedMilpRunner(spawn: () => MilpThread): MilpRunner {
  return (job, stop) => {
    if (stopped(stop)) return Promise.resolve(NO_ANSWER);
    const thread = spawn();
    return new Promise<MilpOutcome>((resolve, reject) => {
      let done = false;
      const finish = (): void => {
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        thread.terminate();
      };
      const kill = (): void => {
        if (done) return;
        finish();
        resolve(NO_ANSWER);
      };
      const timer = setTimeout(kill, Math.max(0, stop.deadline - performance.now()));
      const poll = setInterval(() => {
        if (stop.cancel?.cancelled) kill();
      }, CANCEL_POLL_MS);
      thread.run(job).then(
        (outcome) => {
          if (done) return;
          finish();
          resolve(outcome);
        },
        (err: unknown) => {
          if (done) return;
          finish();
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  };
}

/**
 * The thread's side: loads HiGHS and answers one job, stopping itself at its own clock's deadline
 * where HiGHS lets it (the caller terminates the thread where HiGHS does not). Never throws: a
 * failure is posted back as `{ ok: false }` for the caller to raise.
 */
export async function answerMilpJob(loadHighs: HighsLoader, job: MilpJob): Promise<MilpReply> {
  try {
    const deadline = performance.now() + job.timeLimitS * 1000;
    const highs = await loadHighs();
    const left = Math.max(0, (deadline - performance.now()) / 1000);
    return { ok: true, outcome: runHighsJob(highs, { ...job, timeLimitS: left }, () => performance.now() >= deadline) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The caller's side of a reply: the outcome, or the thread's failure raised here. */
export function outcomeOf(reply: MilpReply): MilpOutcome {
  if (!reply.ok) throw new Error(`HiGHS failed: ${reply.error}`);
  return reply.outcome;
}
