import type { SitingProblem } from './problem.ts';
import type { ModelSpec, SitingResult, SolveOptions } from './types.ts';
import { solveCmclp } from './models/cmclp.ts';
import { solveCapacitatedPMedian } from './models/cpmedian.ts';
import { solveLscp } from './models/lscp.ts';
import { solveLscpb } from './models/lscpb.ts';
import { solveMclp } from './models/mclp.ts';
import { solvePCenter } from './models/pcenter.ts';
import { solvePMedian } from './models/pmedian.ts';

/** One entry point for every model: what the CLI and the app worker call. */
export function solveSiting(problem: SitingProblem, spec: ModelSpec, opts: SolveOptions = {}): Promise<SitingResult> {
  switch (spec.model) {
    case 'pmedian':
      return solvePMedian(problem, spec.p, opts);
    case 'pcenter':
      return solvePCenter(problem, spec.p, opts);
    case 'mclp':
      return solveMclp(problem, spec.p, spec.radius, opts);
    case 'cmclp':
      return solveCmclp(problem, spec.p, spec.radius, spec.seats, opts);
    case 'lscp':
      return solveLscp(problem, spec.radius, spec.target ?? 1, opts);
    case 'lscpb':
      return solveLscpb(problem, spec.radius, opts);
    case 'cpmedian':
      return solveCapacitatedPMedian(problem, spec.p, {
        ...opts,
        weightedCost: spec.weightedCost,
        required: spec.required,
        fillRequired: spec.fillRequired,
        divisible: spec.divisible,
      });
  }
}

export { buildProblem, problemFromMatrix, type SitingProblem } from './problem.ts';
export type { ModelSpec, SitingDemand, SitingModel, SitingResult, SitingSite, SolveOptions } from './types.ts';
export type { HighsLoader } from './exact/highs-loader.ts';
export type { MilpJob, MilpOutcome } from './exact/milp-job.ts';
export { answerMilpJob, outcomeOf, threadedMilpRunner, type MilpReply, type MilpRunner, type MilpThread } from './exact/milp-runner.ts';
export { solveCapacitatedPMedian, solveCmclp, solveLscp, solveLscpb, solveMclp, solvePCenter, solvePMedian };
