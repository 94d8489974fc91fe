// A worker thread of the CLI's HiGHS runner (highs-thread.ts): answers one MILP job. It registers
// tsx itself, because a worker does not inherit the TypeScript loader of the thread that made it.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { answerMilpJob } = await import('../core/siting/exact/milp-runner.ts');
const { defaultHighsLoader } = await import('../core/siting/exact/highs-loader.ts');
parentPort.once('message', async (job) => parentPort.postMessage(await answerMilpJob(defaultHighsLoader, job)));
