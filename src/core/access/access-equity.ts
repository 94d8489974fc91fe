import type { DemandCell } from '../demand/demand-cells.ts';
import { round } from '../util/rounding.ts';

/** One side (urban villages, or the rest) of an accessibility comparison. */
export interface AccessSide {
  /** Users (pupils) with a value: cells the measure covers, split by village share. */
  users: number;
  /** Users-weighted mean of the finite values; null without any. */
  mean: number | null;
  /** Share of the users with no access at all: 0 for a supply measure, none within reach (Infinity) for a cost. */
  noAccessPct: number | null;
}

/**
 * Urban-village pupils against the rest on an accessibility measure: each cell's users are split
 * between its village part (by area share) and the rest, as in the coverage comparison.
 */
export interface AccessEquity {
  villages: AccessSide;
  rest: AccessSide;
  /** villages.mean / rest.mean: below 1 villages have less (a supply measure) or shorter trips (a cost). */
  ratio: number | null;
}

interface Sums {
  users: number;
  weighted: number;
  finiteUsers: number;
  none: number;
}

function sideOf(s: Sums): AccessSide {
  return {
    users: s.users,
    mean: s.finiteUsers > 0 ? s.weighted / s.finiteUsers : null,
    noAccessPct: s.users > 0 ? round((100 * s.none) / s.users, 4) : null,
  };
}

/** Compares villages and the rest on `values` (per cell; NaN: not measured, left out). */
export function accessEquity(cells: readonly DemandCell[], values: Float64Array, higherIsBetter: boolean): AccessEquity {
  const v: Sums = { users: 0, weighted: 0, finiteUsers: 0, none: 0 };
  const o: Sums = { users: 0, weighted: 0, finiteUsers: 0, none: 0 };
  const add = (s: Sums, users: number, value: number) => {
    s.users += users;
    if (Number.isFinite(value)) {
      s.weighted += users * value;
      s.finiteUsers += users;
    }
    if (higherIsBetter ? value === 0 : value === Infinity) s.none += users;
  };
  cells.forEach((cell, c) => {
    const value = values[c];
    if (Number.isNaN(value) || !(cell.users > 0)) return;
    add(v, cell.users * cell.villageShare, value);
    add(o, cell.users * (1 - cell.villageShare), value);
  });
  const villages = sideOf(v);
  const rest = sideOf(o);
  const ratio = villages.mean !== null && rest.mean !== null && rest.mean > 0 ? villages.mean / rest.mean : null;
  return { villages, rest, ratio };
}
