/** Accessibility on sparse travel-cost matrices: decays, measures and the matrix form. */
export { odFromReachTable, odFromDistanceRule, groupPairs, type OdMatrix, type PairGroups } from './od-matrix.ts';
export { weightAt, pairWeights, e2sfcaZones, decayProblem, describeDecay, DECAY_KINDS, type Decay, type DecayKind, type DecayStep } from './decay.ts';
export { floatingCatchment, type FcaResult } from './fca.ts';
export { balancedFloatingCatchment, type BfcaResult } from './bfca.ts';
export { gravity } from './gravity.ts';
export { cumulativeOpportunities } from './cumulative.ts';
export { costToClosest } from './nearest.ts';
export { computeAccess, accessSpecProblem, isAccessMethod, ACCESS_METHODS, type AccessMethod, type AccessSpec, type AccessResult } from './measures.ts';
export { decayWeight, E2SFCA_STEPS, type DistanceDecay } from './distance-decay.ts';
export { twoStepFca } from './two-step-fca.ts';
export { cellAccess, matchMatrixToCells, type AccessDemand, type CellAccess, type MatrixMatch } from './cell-access.ts';
export { accessEquity, type AccessEquity, type AccessSide } from './access-equity.ts';
