import { E2SFCA_STEPS, type DistanceDecay } from '../access/distance-decay.ts';
import { twoStepFca } from '../access/two-step-fca.ts';
import { allocate } from '../allocate/allocate.ts';
import { shortfall } from '../allocate/shortfall.ts';
import { catchmentStats } from '../catchment/catchment-stats.ts';
import { reachTable } from '../catchment/reach-table.ts';
import { buildDemandCells } from '../demand/demand-cells.ts';
import { readPopulation } from '../demand/population.ts';
import { readUrbanVillages, type UrbanVillage } from '../demand/urban-villages.ts';
import { geodesicIndexRule } from '../distance/geodesic-index.ts';
import { villageEquity } from '../equity/village-equity.ts';
import { InputError, type InputWarning } from '../errors.ts';
import { readFacilities } from '../facilities/facilities.ts';
import { isSchoolType } from '../schema.ts';
import { DEFAULT_PRESET_ID, getStandard } from '../standards/presets.ts';
import type { DistanceRule, LngLat, ProgressCallback } from '../types.ts';
import { percent, round } from '../util/rounding.ts';
import type { CellResult, EvaluateInput, EvaluateOptions, Evaluation, FacilityResult, UtilisationStatus } from './evaluation.ts';

/** Catchment demand at or above this share of capacity counts as near capacity. */
export const NEAR_CAPACITY_FROM = 0.9;

function status(catchmentUtilisation: number): UtilisationStatus {
  if (catchmentUtilisation > 1) return 'over';
  return catchmentUtilisation >= NEAR_CAPACITY_FROM ? 'near' : 'under';
}

function defaultRule(points: readonly LngLat[]): DistanceRule {
  return geodesicIndexRule(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]));
}

/**
 * The Zhengzhou method for one facility type: residents → users → catchments → capacity-aware
 * allocation → shortfall, accessibility and the urban-village equity gap. Input layers are raw
 * parsed GeoJSON (validated here, with warnings naming skipped features); the result is plain
 * data, safe to post from a Web Worker.
 */
export function evaluate(input: EvaluateInput, options: EvaluateOptions, onProgress?: ProgressCallback): Evaluation {
  const presetId = options.preset ?? DEFAULT_PRESET_ID;
  const standard = getStandard(presetId, options.type, options.overrides);
  const growthFactor = options.growthFactor ?? 1;
  if (!Number.isFinite(growthFactor) || growthFactor < 0) {
    throw new InputError('growth', `growth factor must be a number ≥ 0, got ${String(growthFactor)}`);
  }
  const decay: DistanceDecay = options.decay ?? E2SFCA_STEPS;
  const names = { population: 'population', facilities: 'facilities', villages: 'villages', ...input.sources };
  const progress = onProgress ?? (() => undefined);

  progress(0, 'reading layers');
  const warnings: InputWarning[] = [];
  const population = readPopulation(input.population, names.population);
  warnings.push(...population.warnings);
  const facilityLayer = readFacilities(input.facilities, options.type, names.facilities);
  warnings.push(...facilityLayer.warnings);
  let villages: UrbanVillage[] = [];
  if (input.villages !== undefined && input.villages !== null) {
    const villageLayer = readUrbanVillages(input.villages, names.villages);
    villages = villageLayer.villages;
    warnings.push(...villageLayer.warnings);
  }
  const facilities = facilityLayer.facilities;

  progress(0.05, 'tagging urban villages');
  const total = population.features.length;
  const step = Math.max(1, Math.floor(total / 20));
  const cells = buildDemandCells(population.features, villages, { usersPer1000: standard.usersPer1000, growthFactor }, (done) => {
    if (done % step === 0) progress(0.05 + (0.6 * done) / total, 'tagging urban villages');
  });

  progress(0.65, 'finding catchments');
  const rule = options.distanceRule ? options.distanceRule(cells.map((c) => c.lngLat)) : defaultRule(cells.map((c) => c.lngLat));
  const table = reachTable(rule, facilities, standard.radiusM);
  const users = Float64Array.from(cells, (c) => c.users);
  const capacity = Float64Array.from(facilities, (f) => f.capacity);
  const stats = catchmentStats(table, users);

  progress(0.75, 'allocating places');
  const allocation = allocate(table, users, capacity);

  progress(0.85, 'accessibility (2SFCA)');
  const access2sfca = twoStepFca(table, users, capacity, standard.radiusM, { kind: 'binary' });
  const accessE2sfca = twoStepFca(table, users, capacity, standard.radiusM, decay);

  progress(0.95, 'equity');
  const equity = villageEquity(cells, villages, stats.covered, allocation.served, options.worstVillageCount ?? 5);

  const cellResults: CellResult[] = cells.map((cell, c) => ({
    id: cell.id,
    featureIndex: cell.featureIndex,
    lngLat: cell.lngLat,
    residents: cell.residents,
    users: cell.users,
    served: allocation.served[c],
    unserved: allocation.unserved[c],
    covered: stats.covered[c] === 1,
    nearestFacilityId: stats.nearestSite[c] >= 0 ? facilities[stats.nearestSite[c]].id : null,
    nearestDistanceM: stats.nearestSite[c] >= 0 ? round(stats.nearestDistanceM[c], 1) : null,
    servedById: allocation.servedBy[c] >= 0 ? facilities[allocation.servedBy[c]].id : null,
    access2sfca: access2sfca[c],
    accessE2sfca: accessE2sfca[c],
    villageId: cell.villageId,
    villageName: cell.villageName,
    villageShare: cell.villageShare,
    migrants: cell.migrants,
  }));
  const facilityResults: FacilityResult[] = facilities.map((f, s) => {
    const catchmentUtilisation = stats.usersInCatchment[s] / f.capacity;
    return {
      id: f.id,
      featureIndex: f.featureIndex,
      name: f.name,
      nameEn: f.nameEn,
      type: f.type,
      lngLat: f.lngLat,
      capacity: f.capacity,
      cellsInCatchment: stats.cellsInCatchment[s],
      usersInCatchment: stats.usersInCatchment[s],
      allocated: allocation.allocated[s],
      utilisation: allocation.allocated[s] / f.capacity,
      catchmentUtilisation,
      status: status(catchmentUtilisation),
    };
  });

  let residents = 0;
  let usersTotal = 0;
  let servedTotal = 0;
  let coveredUsers = 0;
  let unservedInReach = 0;
  cells.forEach((cell, c) => {
    residents += cell.residents;
    usersTotal += cell.users;
    servedTotal += allocation.served[c];
    if (stats.covered[c]) {
      coveredUsers += cell.users;
      unservedInReach += allocation.unserved[c];
    }
  });
  const pupils = Math.round(usersTotal);
  const servedPupils = Math.round(servedTotal);
  const unservedPupils = pupils - servedPupils;
  const unservedInReachPupils = Math.min(unservedPupils, Math.round(unservedInReach));
  // From the whole-number count shown, so places needed always equals unserved pupils.
  const need = shortfall(unservedPupils, standard.classSize, standard.maxSchoolSeats);
  const school = isSchoolType(options.type);

  progress(1, 'done');
  return {
    summary: {
      type: options.type,
      presetId,
      standard,
      growthFactor,
      units: school ? { users: 'pupils', capacity: 'seats' } : { users: 'patient visits a day', capacity: 'capacity (visits a day)' },
      residents: Math.round(residents),
      pupils,
      seats: round(facilities.reduce((sum, f) => sum + f.capacity, 0), 1),
      servedPupils,
      unservedPupils,
      unservedInReachPupils,
      uncoveredPupils: unservedPupils - unservedInReachPupils,
      coveragePct: percent(coveredUsers, usersTotal),
      servedPct: percent(servedTotal, usersTotal),
      seatsNeeded: need.seatsNeeded,
      classesNeeded: need.classesNeeded,
      schoolsNeeded: need.schoolsNeeded,
      facilities: facilities.length,
      overCapacity: facilityResults.filter((f) => f.status === 'over').length,
      equity,
    },
    cells: cellResults,
    facilities: facilityResults,
    warnings,
  };
}
