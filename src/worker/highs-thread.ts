import { outcomeOf, threadedMilpRunner, type MilpReply, type MilpRunner } from '../core/siting/index.ts';

/**
 * HiGHS for the app: each MILP in a Web Worker of its own, started from the optimizer's worker and
 * terminated at the recommendation's time limit (or on Cancel), so the limit holds in presolve too.
 */
export const browserMilpRunner: MilpRunner = threadedMilpRunner(() => {
  const worker = new Worker(new URL('./highs.worker.ts', import.meta.url), { type: 'module', name: 'catchmap-highs' });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<MilpReply>) => {
          try {
            resolve(outcomeOf(e.data));
          } catch (err) {
            reject(err);
          }
        };
        worker.onerror = (e) => reject(new Error(`the HiGHS worker failed: ${e.message}`));
        worker.postMessage(job);
      }),
    terminate: () => worker.terminate(),
  };
});
