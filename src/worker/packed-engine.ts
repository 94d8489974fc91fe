import { transfer } from 'comlink';
import { cellBuffers, packEvaluation, type Evaluation, type PackedEvaluation } from '../core/index.ts';
import type { EngineApi } from './engine-api.ts';

/** An evaluation with its cells as columns, marked so Comlink transfers their buffers. */
function packed(evaluation: Evaluation) {
  return transferred(packEvaluation(evaluation));
}

const transferred = (p: PackedEvaluation) => transfer(p, cellBuffers(p.cells));

/**
 * The engine API as the worker exposes it: every answer that holds a whole evaluation sends its
 * cells packed in columns (`cell-columns.ts`), which the client unpacks. A city's cells as objects
 * would take seconds to clone across the boundary.
 */
export function packedEngineApi(api: EngineApi) {
  return {
    ...api,
    evaluate: (...args: Parameters<EngineApi['evaluate']>) => transferred(api.evaluatePacked(...args)),
    evaluateWithSites: (...args: Parameters<EngineApi['evaluateWithSites']>) => packed(api.evaluateWithSites(...args)),
    startWhatIf: (...args: Parameters<EngineApi['startWhatIf']>) => packed(api.startWhatIf(...args)),
    whatIfEvaluation: () => packed(api.whatIfEvaluation()),
    async recommend(...args: Parameters<EngineApi['recommend']>) {
      const r = await api.recommend(...args);
      const afterEvaluation = packEvaluation(r.afterEvaluation);
      return transfer({ ...r, afterEvaluation }, cellBuffers(afterEvaluation.cells));
    },
  };
}

export type PackedEngineApi = ReturnType<typeof packedEngineApi>;
