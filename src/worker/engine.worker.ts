import { expose } from 'comlink';
import loadHighs from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { createEngineApi } from './engine-api.ts';

// In a bundled worker HiGHS cannot find its wasm by itself; hand it the URL Vite emitted.
expose(createEngineApi({ loadHighs: () => loadHighs({ locateFile: () => highsWasmUrl }) }));
