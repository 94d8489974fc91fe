import { Worker } from 'node:worker_threads';
import { outcomeOf, threadedMilpRunner, type MilpReply, type MilpRunner, type MilpThread } from '../core/siting/index.ts';

/** The thread's entry: plain JavaScript, so Node starts it without a build step. */
const ENTRY = new URL('./highs-thread.worker.mjs', import.meta.url);

function spawn(): MilpThread {
  const worker = new Worker(ENTRY);
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        worker.once('message', (reply: MilpReply) => {
          try {
            resolve(outcomeOf(reply));
          } catch (err) {
            reject(err);
          }
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the HiGHS thread exited (code ${code}) without an answer`)));
        worker.postMessage(job);
      }),
    terminate: () => void worker.terminate(),
  };
}

/**
 * HiGHS for the command line (and Node tests): each MILP in a worker thread terminated at the
 * time limit, so `--time-limit` holds even while HiGHS presolves.
 */
export const nodeMilpRunner: MilpRunner = threadedMilpRunner(spawn);
