import loadHighs from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { answerMilpJob, type MilpJob } from '../core/siting/index.ts';

// One MILP job per worker (see highs-thread.ts): the optimizer's worker terminates this one at the
// time limit, which HiGHS's presolve would not respect by itself.
self.onmessage = async (e: MessageEvent<MilpJob>) => {
  self.postMessage(await answerMilpJob(() => loadHighs({ locateFile: () => highsWasmUrl }), e.data));
};
