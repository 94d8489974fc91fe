import { reachTable } from '../catchment/reach-table.ts';
import type { ProgressCallback } from '../types.ts';
import { assess } from './assess.ts';
import type { EvaluateInput, EvaluateOptions, Evaluation } from './evaluation.ts';
import { prepareEvaluation } from './prepare.ts';
import { cellResult, facilityResults, summarize } from './results.ts';

export { NEAR_CAPACITY_FROM } from './results.ts';

/**
 * The Zhengzhou method for one facility type: residents → users → catchments → capacity-aware
 * allocation → shortfall, accessibility and the urban-village equity gap. Input layers are raw
 * parsed GeoJSON (validated here, with warnings naming skipped features); the result is plain
 * data, safe to post from a Web Worker.
 */
export function evaluate(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): Evaluation {
  const progress = onProgress ?? (() => undefined);
  const prepared = prepareEvaluation(input, options, progress);
  const { facilities, warnings } = prepared;
  const table = reachTable(prepared.rule, facilities, prepared.standard.radiusM);
  const assessment = assess(prepared, facilities, table, progress);
  const cells = prepared.cells.map((_, c) => cellResult(prepared, facilities, assessment, c));
  const results = facilityResults(facilities, assessment);
  const summary = summarize(prepared, facilities, assessment, results);
  progress(1, 'done');
  return { summary, cells, facilities: results, warnings: [...warnings.population, ...warnings.facilities, ...warnings.villages] };
}
