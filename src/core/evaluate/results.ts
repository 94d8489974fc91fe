import type { Allocation } from '../allocate/allocate.ts';
import { shortfall } from '../allocate/shortfall.ts';
import type { CatchmentStats } from '../catchment/catchment-stats.ts';
import type { DemandCell } from '../demand/demand-cells.ts';
import type { Equity } from '../equity/village-equity.ts';
import type { Facility } from '../facilities/facilities.ts';
import { isSchoolType } from '../schema.ts';
import { percent, round } from '../util/rounding.ts';
import type { Assessment } from './assess.ts';
import { blockTotals, type BlockSummer } from './block-sums.ts';
import type { CellResult, EvaluationSummary, FacilityResult, UtilisationStatus } from './evaluation.ts';
import type { PreparedEvaluation } from './prepare.ts';

/** The per-cell arrays of an assessment: what a cell's row is made from. */
export interface CellFigures {
  stats: Pick<CatchmentStats, 'covered' | 'nearestSite' | 'nearestDistanceM'>;
  allocation: Pick<Allocation, 'served' | 'unserved' | 'servedBy'>;
  access2sfca: Float64Array;
  accessE2sfca: Float64Array;
}

/** The per-facility arrays of an assessment: what a facility's row is made from. */
export interface SiteFigures {
  stats: Pick<CatchmentStats, 'usersInCatchment' | 'cellsInCatchment'>;
  allocation: Pick<Allocation, 'allocated'>;
}

/** Catchment demand at or above this share of capacity counts as near capacity. */
export const NEAR_CAPACITY_FROM = 0.9;

function status(catchmentUtilisation: number): UtilisationStatus {
  if (catchmentUtilisation > 1) return 'over';
  return catchmentUtilisation >= NEAR_CAPACITY_FROM ? 'near' : 'under';
}

/** Cell `c`'s row of the evaluation; `facilities` indexed like the figures' site indices. */
export function cellResult(prepared: PreparedEvaluation, facilities: readonly Facility[], a: CellFigures, c: number): CellResult {
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

export function facilityResults(facilities: readonly Facility[], a: SiteFigures): FacilityResult[] {
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

/** The cell totals a summary needs, in this order (see `summarySummer`). */
export const SUMMARY_SUMS = 5;

/**
 * Sums residents, users, served users, users within some catchment and unserved users within
 * some catchment over a block of cells (reading the arrays as they are when called).
 */
export function summarySummer(cells: readonly DemandCell[], a: CellFigures): BlockSummer {
  const { covered } = a.stats;
  const { served, unserved } = a.allocation;
  return (from, to, out, at) => {
    let residents = 0;
    let users = 0;
    let servedUsers = 0;
    let coveredUsers = 0;
    let unservedInReach = 0;
    for (let c = from; c < to; c++) {
      const cell = cells[c];
      residents += cell.residents;
      users += cell.users;
      servedUsers += served[c];
      if (covered[c]) {
        coveredUsers += cell.users;
        unservedInReach += unserved[c];
      }
    }
    out[at] = residents;
    out[at + 1] = users;
    out[at + 2] = servedUsers;
    out[at + 3] = coveredUsers;
    out[at + 4] = unservedInReach;
  };
}

/** The district totals the UI and CLI show, from the cell totals (summed in blocks, see block-sums.ts). */
export function summarize(
  prepared: PreparedEvaluation,
  facilities: readonly Facility[],
  a: Assessment,
  results: readonly FacilityResult[],
): EvaluationSummary {
  return summaryOf(prepared, facilities, results, a.equity, blockTotals(prepared.cells.length, SUMMARY_SUMS, summarySummer(prepared.cells, a)));
}

/** The summary from `totals` (as `summarySummer` sums them), the facility rows and the equity. */
export function summaryOf(
  prepared: PreparedEvaluation,
  facilities: readonly Facility[],
  results: readonly FacilityResult[],
  equity: Equity,
  totals: Float64Array,
): EvaluationSummary {
  const { standard, type } = prepared;
  const [residents, usersTotal, servedTotal, coveredUsers, unservedInReach] = totals;
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
    equity,
  };
}
