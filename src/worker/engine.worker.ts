import { expose } from 'comlink';
import { createEngineApi } from './engine-api.ts';
import { browserMilpRunner } from './highs-thread.ts';
import { packedEngineApi } from './packed-engine.ts';

// HiGHS runs in a worker of its own (it finds its wasm there), terminated at the time limit.
expose(packedEngineApi(createEngineApi({ runMilp: browserMilpRunner })));
