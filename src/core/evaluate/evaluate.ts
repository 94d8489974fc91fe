import { reachTable } from '../catchment/reach-table.ts';
import type { ProgressCallback } from '../types.ts';
import { assess } from './assess.ts';
import type { CellResult, EvaluateInput, EvaluateOptions, Evaluation } from './evaluation.ts';
import { packCellsOf, type PackedEvaluation } from './cell-columns.ts';
import { prepareEvaluation } from './prepare.ts';
import { registrationAnalysis } from '../registration/registration-analysis.ts';
import { cellResult, facilityResults, summarize } from './results.ts';

export { NEAR_CAPACITY_FROM } from './results.ts';

/**
 * The Zhengzhou method for one facility type: residents → users → catchments → capacity-aware
 * allocation → shortfall, accessibility and the urban-village equity gap. Input layers are raw
 * parsed GeoJSON (validated here, with warnings naming skipped features); the result is plain
 * data, safe to post from a Web Worker.
 */
export function evaluate(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): Evaluation {
  const { prepared, assessment, rest } = evaluateParts(input, options, onProgress);
  const cells = prepared.cells.map((_, c) => cellResult(prepared, prepared.facilities, assessment, c));
  return { ...rest, cells };
}

/** `evaluate` with the cells packed in columns (what a worker sends), never all built as objects. */
export function evaluatePacked(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): PackedEvaluation {
  const { prepared, assessment, rest } = evaluateParts(input, options, onProgress);
  return { ...rest, cells: packCellsOf(prepared.cells.length, (c) => cellResult(prepared, prepared.facilities, assessment, c)) };
}

/** An evaluation's cells read one at a time, built from the engine's arrays as they are asked for. */
export interface CellView {
  count: number;
  featureIndexAt(c: number): number;
  cellAt(c: number): CellResult;
}

export type ViewedEvaluation = Omit<Evaluation, 'cells'> & { cells: CellView };

/**
 * `evaluate` with its cells as a view over the engine's own arrays: what a command line that
 * writes the cells once needs. Packing (`evaluatePacked`) would add a copy of every cell's numbers;
 * a view adds nothing, and each row is built as it is written.
 */
export function evaluateView(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): ViewedEvaluation {
  const { prepared, assessment, rest } = evaluateParts(input, options, onProgress);
  const { cells, facilities } = prepared;
  return {
    ...rest,
    cells: { count: cells.length, featureIndexAt: (c) => cells[c].featureIndex, cellAt: (c) => cellResult(prepared, facilities, assessment, c) },
  };
}

/** The evaluation's parts: what `evaluate` builds its cells from, and the analysis by registration when asked for. */
export function evaluateParts(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback) {
  const progress = onProgress ?? (() => undefined);
  const prepared = prepareEvaluation(input, options, progress);
  const { facilities, warnings } = prepared;
  const table = reachTable(prepared.rule, facilities, prepared.standard.radiusM);
  const registration = options.registration ? registrationAnalysis(input, prepared, options.registration) : undefined;
  const assessment = assess(prepared, facilities, table, progress, registration?.allocator);
  const results = facilityResults(facilities, assessment);
  const summary = summarize(prepared, facilities, assessment, results);
  const byRegistration = registration?.results(assessment.stats.covered, assessment.allocation.served, assessment.allocation);
  progress(1, 'done');
  return {
    prepared,
    assessment,
    registration,
    rest: { summary, facilities: results, warnings: [...warnings.population, ...warnings.facilities, ...warnings.villages], ...(byRegistration ? { byRegistration } : {}) },
  };
}
