import { cellAccess, type CellAccess } from '../access/cell-access.ts';
import type { SparseCostMatrix } from '../io/cost-matrix.ts';
import { validateAccessSettings, type AccessSettings } from '../settings/access-settings.ts';
import type { ProgressCallback } from '../types.ts';
import type { EvaluateInput, EvaluateOptions } from './evaluation.ts';
import { prepareEvaluation } from './prepare.ts';

/**
 * An accessibility measure over an evaluation's cells and facilities (values indexed like
 * `evaluate(input, options).cells`). The cells, village tagging and distance rule come from the
 * same preparation as the evaluation's, so after an evaluation this costs only the measure.
 */
export function evaluateAccess(
  input: EvaluateInput,
  options: EvaluateOptions,
  settings: AccessSettings,
  matrix?: SparseCostMatrix,
  onProgress?: ProgressCallback,
): CellAccess {
  const checked = validateAccessSettings(settings);
  const prepared = prepareEvaluation(input, options, onProgress ?? (() => undefined));
  const { cells, users, rule, standard } = prepared;
  return cellAccess({ cells, users, rule, radiusM: standard.radiusM }, prepared.facilities, checked, matrix);
}
