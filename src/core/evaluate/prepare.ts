import { E2SFCA_STEPS, type DistanceDecay } from '../access/distance-decay.ts';
import { buildDemandCells, type DemandCell } from '../demand/demand-cells.ts';
import { readPopulation } from '../demand/population.ts';
import { readUrbanVillages, type UrbanVillage } from '../demand/urban-villages.ts';
import { geodesicIndexRule } from '../distance/geodesic-index.ts';
import { InputError, type InputWarning } from '../errors.ts';
import { readFacilities, type Facility } from '../facilities/facilities.ts';
import type { FacilityType } from '../schema.ts';
import { boundsError, GROWTH_BOUNDS } from '../settings/bounds.ts';
import { DEFAULT_PRESET_ID, getStandard, type FacilityStandard } from '../standards/presets.ts';
import type { DistanceRule, LngLat, ProgressCallback } from '../types.ts';
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

function defaultRule(points: readonly LngLat[]): DistanceRule {
  return geodesicIndexRule(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]));
}

/**
 * Validates the options, reads the three layers (in this order, so the first bad layer is the one
 * reported), tags the demand cells with their urban villages and builds the distance rule.
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
  const population = readPopulation(input.population, names.population);
  const facilityLayer = readFacilities(input.facilities, options.type, names.facilities, standard);
  let villages: UrbanVillage[] = [];
  let villageWarnings: InputWarning[] = [];
  if (input.villages !== undefined && input.villages !== null) {
    const villageLayer = readUrbanVillages(input.villages, names.villages);
    villages = villageLayer.villages;
    villageWarnings = villageLayer.warnings;
  }

  progress(0.05, 'tagging urban villages');
  const total = population.features.length;
  const step = Math.max(1, Math.floor(total / 20));
  // Polygons large for the radius are split here, where the radius is known (see split-polygon.ts).
  const demandOptions = { usersPer1000: standard.usersPer1000, growthFactor, radiusM: standard.radiusM };
  const cells = buildDemandCells(population.features, villages, demandOptions, (done) => {
    if (done % step === 0) progress(0.05 + (0.6 * done) / total, 'tagging urban villages');
  });

  progress(0.65, 'finding catchments');
  const points = cells.map((c) => c.lngLat);
  const rule = options.distanceRule ? options.distanceRule(points) : defaultRule(points);
  return {
    type: options.type,
    presetId,
    standard,
    growthFactor,
    decay: options.decay ?? E2SFCA_STEPS,
    worstVillageCount: options.worstVillageCount ?? 5,
    facilities: facilityLayer.facilities,
    villages,
    cells,
    users: Float64Array.from(cells, (c) => c.users),
    rule,
    warnings: { population: population.warnings, facilities: facilityLayer.warnings, villages: villageWarnings },
  };
}
