import { E2SFCA_STEPS, type DistanceDecay } from '../access/distance-decay.ts';
import { buildDemandCells, type DemandCell } from '../demand/demand-cells.ts';
import { gridVillageShares } from '../demand/grid-village-shares.ts';
import { readPopulationFeatures } from '../demand/population.ts';
import { isPopulationTable } from '../demand/population-table.ts';
import { readUrbanVillages, type UrbanVillage } from '../demand/urban-villages.ts';
import { geodesicIndexRule } from '../distance/geodesic-index.ts';
import { InputError, type InputWarning } from '../errors.ts';
import { readFacilities, type Facility } from '../facilities/facilities.ts';
import type { FacilityType } from '../schema.ts';
import { boundsError, GROWTH_BOUNDS } from '../settings/bounds.ts';
import { DEFAULT_PRESET_ID, getStandard, type FacilityStandard } from '../standards/presets.ts';
import type { DistanceRule, ProgressCallback } from '../types.ts';
import type { EvaluateInput, EvaluateOptions } from './evaluation.ts';

/**
 * Everything an evaluation needs that does not depend on where facilities stand: the validated
 * options and layers, the demand cells with their village tagging (the slow part; a polygon large
 * for the radius becomes several cells with its `featureIndex`) and the distance rule over the
 * cells. Built once, it can be assessed against many facility sets.
 */
export interface PreparedEvaluation {
  type: FacilityType;
  presetId: string;
  standard: FacilityStandard;
  growthFactor: number;
  decay: DistanceDecay;
  worstVillageCount: number;
  /** Existing facilities of the type, in layer order. */
  facilities: Facility[];
  villages: UrbanVillage[];
  cells: DemandCell[];
  /** Users per cell, indexed like `cells`. */
  users: Float64Array;
  /** Distances from any site to the cells (indices into `cells`). */
  rule: DistanceRule;
  /** Kept per layer because `evaluate` lists them population, facilities, villages. */
  warnings: { population: InputWarning[]; facilities: InputWarning[]; villages: InputWarning[] };
}

function defaultRule(cells: readonly DemandCell[]): DistanceRule {
  // A plain loop: Float64Array.from with a mapping function costs seconds over millions of cells.
  const lng = new Float64Array(cells.length);
  const lat = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const p = cells[i].lngLat;
    lng[i] = p[0];
    lat[i] = p[1];
  }
  return geodesicIndexRule(lng, lat);
}

function usersOf(cells: readonly DemandCell[]): Float64Array {
  const users = new Float64Array(cells.length);
  for (let c = 0; c < cells.length; c++) users[c] = cells[c].users;
  return users;
}

/** The slow, facility-independent part of a preparation: demand cells tagged with their villages, and the distance rule over them. */
interface DemandPreparation {
  cells: DemandCell[];
  users: Float64Array;
  rule: DistanceRule;
  villages: UrbanVillage[];
  warnings: { population: InputWarning[]; villages: InputWarning[] };
}

/**
 * Demand preparations of recent evaluations, by population layer (the object the app's worker or
 * the CLI holds for as long as the district is loaded), then by everything else they depend on. A
 * district is prepared once per standard and reused by every later evaluation, what-if session and
 * recommendation; a new layer object is a new district, and its old entries go with the old object.
 */
const demandCache = new WeakMap<object, Map<string, DemandPreparation>>();
const CACHED_PER_LAYER = 4;
const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
const idOf = (value: unknown): string => {
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (value === null) return 'null';
  let id = objectIds.get(value);
  if (id === undefined) objectIds.set(value, (id = nextObjectId++));
  return `#${id}`;
};

/**
 * Validates the options, reads the three layers (in this order, so the first bad layer is the one
 * reported), tags the demand cells with their urban villages and builds the distance rule — or
 * takes those from an earlier preparation of the same layers and standard (`demandCache`).
 * Reports progress from 0 to 0.65 ("finding catchments" is announced just before the rule).
 */
export function prepareEvaluation(input: EvaluateInput, options: EvaluateOptions, progress: ProgressCallback): PreparedEvaluation {
  const presetId = options.preset ?? DEFAULT_PRESET_ID;
  const standard = getStandard(presetId, options.type, options.overrides);
  const growthFactor = options.growthFactor ?? 1;
  const growthError = typeof growthFactor === 'number' ? boundsError(growthFactor, GROWTH_BOUNDS) : 'must be a number';
  if (growthError !== null) throw new InputError('growthFactor', `${growthError}, got ${String(growthFactor)}`);
  const names = { population: 'population', facilities: 'facilities', villages: 'villages', ...input.sources };

  progress(0, 'reading layers');
  const demandOptions = { usersPer1000: standard.usersPer1000, growthFactor, radiusM: standard.radiusM };
  const key = [idOf(input.villages), names.population, names.villages, demandOptions.usersPer1000, growthFactor, demandOptions.radiusM, idOf(options.distanceRule)].join('|');
  // A population table is read once by the command line: kept here, its millions of demand cells would stay alive beside it.
  const layerKey = typeof input.population === 'object' && input.population !== null && !isPopulationTable(input.population) ? input.population : null;
  const cached = layerKey ? demandCache.get(layerKey)?.get(key) : undefined;
  let demand: DemandPreparation;
  let facilityLayer: ReturnType<typeof readFacilities>;
  if (cached) {
    demand = cached;
    facilityLayer = readFacilities(input.facilities, options.type, names.facilities, standard);
  } else {
    const population = readPopulationFeatures(input.population, names.population);
    facilityLayer = readFacilities(input.facilities, options.type, names.facilities, standard);
    const villageLayer = input.villages !== undefined && input.villages !== null ? readUrbanVillages(input.villages, names.villages) : { villages: [], warnings: [] };
    demand = prepareDemand(input, population, villageLayer, demandOptions, options, progress);
  }
  if (layerKey && !cached) {
    const entries = demandCache.get(layerKey) ?? new Map<string, DemandPreparation>();
    entries.set(key, demand);
    if (entries.size > CACHED_PER_LAYER) entries.delete(entries.keys().next().value as string);
    demandCache.set(layerKey, entries);
  }
  progress(0.65, 'finding catchments');
  return {
    type: options.type,
    presetId,
    standard,
    growthFactor,
    decay: options.decay ?? E2SFCA_STEPS,
    worstVillageCount: options.worstVillageCount ?? 5,
    facilities: facilityLayer.facilities,
    villages: demand.villages,
    cells: demand.cells,
    users: demand.users,
    rule: demand.rule,
    warnings: { population: demand.warnings.population, facilities: facilityLayer.warnings, villages: demand.warnings.villages },
  };
}

/** Grid village shares by raster, then villages layer: the same for every standard, so computed once. */
const gridShareCache = new WeakMap<object, Map<string, ReturnType<typeof gridVillageShares>>>();

function prepareDemand(
  input: EvaluateInput,
  population: ReturnType<typeof readPopulationFeatures>,
  { villages, warnings: villageWarnings }: { villages: UrbanVillage[]; warnings: InputWarning[] },
  demandOptions: { usersPer1000: number; growthFactor: number; radiusM: number },
  options: EvaluateOptions,
  progress: ProgressCallback,
): DemandPreparation {

  progress(0.05, 'tagging urban villages');
  let villageShares: ReturnType<typeof gridVillageShares> | undefined;
  if (population.grid) {
    const byVillages = gridShareCache.get(population.grid) ?? new Map();
    gridShareCache.set(population.grid, byVillages);
    const villagesKey = idOf(input.villages);
    villageShares = byVillages.get(villagesKey) ?? gridVillageShares(population.grid, villages);
    byVillages.set(villagesKey, villageShares);
  }
  const total = population.features.length;
  const step = Math.max(1, Math.floor(total / 20));
  // Polygons large for the radius are split here, where the radius is known (see split-polygon.ts).
  const cells = buildDemandCells(population.features, villages, { ...demandOptions, villageShares }, (done) => {
    if (done % step === 0) progress(0.05 + (0.6 * done) / total, 'tagging urban villages');
  });

  progress(0.65, 'finding catchments');
  const rule = options.distanceRule ? options.distanceRule(cells.map((c) => c.lngLat)) : defaultRule(cells);
  return {
    cells,
    users: usersOf(cells),
    rule,
    villages,
    warnings: { population: population.warnings, villages: villageWarnings },
  };
}
