/** The engine's public API: the only import path for the app, the worker and the CLI. */
export * from './schema.ts';
export * from './types.ts';
export * from './errors.ts';
export { haversineM, EARTH_RADIUS_M } from './distance/haversine.ts';
export { geodesicRule } from './distance/geodesic-rule.ts';
export { geodesicIndexRule } from './distance/geodesic-index.ts';
export * from './standards/presets.ts';
export {
  DISTANCE_MODES,
  STANDARD_KEYS,
  STANDARD_BOUNDS,
  GROWTH_BOUNDS,
  DEFAULT_ANALYSIS_SETTINGS,
  DEFAULT_REGISTRATION_SETTINGS,
  MIGRANT_SHARE_BOUNDS,
  readNumber,
  validateAnalysisSettings,
  type DistanceMode,
  type AnalysisSettings,
  type RegistrationSettings,
  type NumberBounds,
  type NumberReading,
} from './settings/analysis-settings.ts';
export {
  ACCESS_COSTS,
  ACCESS_DECAYS,
  ACCESS_BOUNDS,
  DEFAULT_ACCESS_SETTINGS,
  accessSpecOf,
  accessUses,
  validateAccessSettings,
  type AccessCosts,
  type AccessDecay,
  type AccessSettings,
} from './settings/access-settings.ts';
export {
  RECOMMEND_MODELS,
  RECOMMEND_SOLVERS,
  DEFAULT_RECOMMEND_SETTINGS,
  RECOMMEND_BOUNDS,
  validateRecommendSettings,
  recommendOptionsOf,
  type RecommendSettings,
} from './settings/recommend-settings.ts';
export { featuresOf, featureLabel, type LooseFeature } from './input/features.ts';
export { readPopulation, type PopulationFeature } from './demand/population.ts';
export { checkPopulationGrid, gridBounds, gridTotals, isPopulationGrid, pixelCentre, pixelFeature, pixelId, type PopulationGrid } from './demand/population-grid.ts';
export { readUrbanVillages, type UrbanVillage } from './demand/urban-villages.ts';
export { villageTagger, type VillageShare } from './demand/village-tagging.ts';
export { buildDemandCells, type DemandCell, type DemandOptions } from './demand/demand-cells.ts';
export { readFacilities, type Facility, type CapacitySource } from './facilities/facilities.ts';
export { reachTable } from './catchment/reach-table.ts';
export { catchmentStats, type CatchmentStats } from './catchment/catchment-stats.ts';
export { catchmentCircle } from './catchment/catchment-circle.ts';
export { allocate, type Allocation } from './allocate/allocate.ts';
export { shortfall, type Shortfall } from './allocate/shortfall.ts';
export * from './access/index.ts';
export { villageEquity, type Equity, type VillageEquity } from './equity/village-equity.ts';
export { evaluate, evaluatePacked, NEAR_CAPACITY_FROM } from './evaluate/evaluate.ts';
export { evaluateAccess } from './evaluate/evaluate-access.ts';
export type * from './evaluate/evaluation.ts';
export {
  solveSiting,
  solvePMedian,
  solvePCenter,
  solveMclp,
  solveCmclp,
  solveLscp,
  buildProblem,
  problemFromMatrix,
  type SitingProblem,
  type ModelSpec,
  type SitingDemand,
  type SitingModel,
  type SitingResult,
  type SitingSite,
  type SolveOptions,
  type HighsLoader,
} from './siting/index.ts';
export { readSitingPoints, toDemand, toSites, proposalsGeoJSON, type SitingPoint, type ProposalProperties } from './siting/geojson.ts';
export { parseCostMatrix, readCostMatrix, costMatrixRule, type CostMatrix, type CostColumns, type SparseCostMatrix } from './io/cost-matrix.ts';
export { matrixColumnsOf, sniffCostMatrix } from './io/matrix-columns.ts';
export { parseOrlibPmed, shortestPathMatrix, type OrlibPmed } from './io/orlib.ts';
export { gridCandidates, type GridCandidateOptions } from './siting/candidates.ts';
export { solveCapacitatedPMedian } from './siting/index.ts';
export * from './io/index.ts';
export * from './export/index.ts';
export { recommendSites, type Proposal, type Recommendation, type RecommendModel, type RecommendOptions } from './recommend/recommend-sites.ts';
export { coverageCurve, curveElbow, MAX_CURVE_SITES, type CurvePoint } from './recommend/coverage-curve.ts';
export { buildRoadGraph, type RoadGraph, type RoadGraphOptions, type RoadComponents } from './network/road-graph.ts';
export { walkNetwork, snapPoint, type WalkNetwork, type WalkNetworkOptions, type BarrierOptions, type Snap } from './network/walk-network.ts';
export { networkRule, DEFAULT_MAX_SNAP_M, type NetworkRule, type NetworkRuleOptions } from './network/network-rule.ts';
export { networkIsochrone, networkReachLines, type IsochroneOptions, type ReachLinesOptions } from './network/isochrone.ts';
export { readCrossingPoints } from './network/crossings.ts';
export { networkDistance, networkDistanceForMode, type NetworkDistance, type NetworkDistanceOptions } from './network/network-distance.ts';
export { createWhatIfSession, type WhatIfSession } from './whatif/session.ts';
export { withProposedSites } from './whatif/proposed-site.ts';
export type { ProposedSite, WhatIfSummary, WhatIfUpdate, WhatIfDelta, FacilityChange, CellChange } from './whatif/types.ts';
export { applyFacilityChanges, whatIfDelta } from './whatif/delta.ts';
export { cellBuffers, packCells, packEvaluation, unpackCells, unpackEvaluation, type CellColumns, type PackedEvaluation } from './evaluate/cell-columns.ts';
export * from './zones/index.ts';
export * from './registration/index.ts';
export { readStatsTable, type StatsTable, type StatsTableOptions } from './io/stats-table.ts';
export { readXlsxRows, isXlsx, type SheetRows, type TableCell } from './io/xlsx.ts';
export { joinStatsTable, suggestKeyColumn, type JoinedRow, type TableJoin } from './io/stats-table-join.ts';
export { normaliseJoinKey, JOIN_KEY_NAMES } from './io/stats-table-keys.ts';
export { tablePopulation, shareOut, type FigureColumns, type TablePopulation } from './io/stats-table-population.ts';
export { joinedPopulationLayer } from './io/stats-table-layer.ts';
export { greedyColouring } from './util/graph-colouring.ts';
