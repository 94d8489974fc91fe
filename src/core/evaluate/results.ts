import { shortfall } from '../allocate/shortfall.ts';
import type { Facility } from '../facilities/facilities.ts';
import { isSchoolType } from '../schema.ts';
import { percent, round } from '../util/rounding.ts';
import type { Assessment } from './assess.ts';
import type { CellResult, EvaluationSummary, FacilityResult, UtilisationStatus } from './evaluation.ts';
import type { PreparedEvaluation } from './prepare.ts';

/** Catchment demand at or above this share of capacity counts as near capacity. */
export const NEAR_CAPACITY_FROM = 0.9;

function status(catchmentUtilisation: number): UtilisationStatus {
  if (catchmentUtilisation > 1) return 'over';
  return catchmentUtilisation >= NEAR_CAPACITY_FROM ? 'near' : 'under';
}

/** Cell `c`'s row of the evaluation. */
export function cellResult(prepared: PreparedEvaluation, facilities: readonly Facility[], a: Assessment, c: number): CellResult {
  const cell = prepared.cells[c];
  const { stats, allocation } = a;
  return {
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
    access2sfca: a.access2sfca[c],
    accessE2sfca: a.accessE2sfca[c],
    villageId: cell.villageId,
    villageName: cell.villageName,
    villageShare: cell.villageShare,
    migrants: cell.migrants,
  };
}

export function facilityResults(facilities: readonly Facility[], a: Assessment): FacilityResult[] {
  const { stats, allocation } = a;
  return facilities.map((f, s) => {
    // No capacity (coverage only): no ratios, rather than NaN or Infinity.
    const catchmentUtilisation = f.capacity > 0 ? stats.usersInCatchment[s] / f.capacity : 0;
    const capacitySource = f.capacitySource ?? 'given';
    return {
      id: f.id,
      featureIndex: f.featureIndex,
      name: f.name,
      nameEn: f.nameEn,
      type: f.type,
      lngLat: f.lngLat,
      capacity: f.capacity,
      capacitySource,
      assumedCapacity: capacitySource === 'standard',
      cellsInCatchment: stats.cellsInCatchment[s],
      usersInCatchment: stats.usersInCatchment[s],
      allocated: allocation.allocated[s],
      utilisation: f.capacity > 0 ? allocation.allocated[s] / f.capacity : 0,
      catchmentUtilisation,
      status: status(catchmentUtilisation),
    };
  });
}

/** The district totals the UI and CLI show; sums run in cell order so every path gives the same floats. */
export function summarize(
  prepared: PreparedEvaluation,
  facilities: readonly Facility[],
  a: Assessment,
  results: readonly FacilityResult[],
): EvaluationSummary {
  const { cells, standard, type } = prepared;
  const { stats, allocation } = a;
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
  const school = isSchoolType(type);
  return {
    type,
    presetId: prepared.presetId,
    standard,
    growthFactor: prepared.growthFactor,
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
    overCapacity: results.filter((f) => f.status === 'over').length,
    capacityKnown: facilities.every((f) => f.capacitySource !== 'none'),
    assumedCapacities: facilities.filter((f) => f.capacitySource === 'standard').length,
    capacitiesFromClasses: facilities.filter((f) => f.capacitySource === 'classes').length,
    equity: a.equity,
  };
}
