import { expose } from 'comlink';
import loadHighs from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { createEngineApi } from './engine-api.ts';
import { packedEngineApi } from './packed-engine.ts';

// In a bundled worker HiGHS cannot find its wasm by itself; hand it the URL Vite emitted.
expose(packedEngineApi(createEngineApi({ loadHighs: () => loadHighs({ locateFile: () => highsWasmUrl }) })));
