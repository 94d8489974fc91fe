import type { InputWarning } from '../errors.ts';
import type { CellResult, EvaluationSummary, FacilityResult } from '../evaluate/evaluation.ts';
import type { LngLat } from '../types.ts';
import type { ByRegistration } from '../registration/by-registration.ts';

/** A new facility the planner has placed by hand; evaluated as one more facility of the type. */
export interface ProposedSite {
  /** Unique among proposed sites and the existing facilities of the type. */
  id: string;
  lngLat: LngLat;
  /** Seats (schools) or visits a day (clinics); > 0. */
  seats: number;
  /** Classes of a school, for display; seats is what the engine counts. */
  classes?: number | null;
  /** Default: the id. */
  name?: string;
  /** Default: the name. */
  nameEn?: string;
}

/** The cheap part of the current state: what a summary card and the facility halos need. */
export interface WhatIfSummary {
  /** Counts successful edits, so the app can drop answers older than the one it shows. */
  revision: number;
  summary: EvaluationSummary;
  /** Every facility of the type, existing first, then the proposed sites in `sites()` order. */
  facilities: FacilityResult[];
  /** Registered residents against migrants, when the session's options ask for them. */
  byRegistration?: ByRegistration;
}

/** One cell whose row of the evaluation changed. */
export interface CellChange {
  /** Position in `Evaluation.cells`. */
  index: number;
  cell: CellResult;
}

/**
 * What an edit changed: the new summary and facility rows, plus only the cells whose rows differ
 * from the state before the edit. Applying every update in order to the last full `Evaluation`
 * gives exactly `evaluation()`.
 */
export interface WhatIfUpdate extends WhatIfSummary {
  cells: CellChange[];
  /** The full warning list, present only when this edit changed it. */
  warnings?: InputWarning[];
}

/**
 * How much of the district an edit re-assessed: the cells and facilities of the connected parts
 * it could change. `whole` when everything was (the session's start, or an edit that changed the
 * allocation's distance scale — a pair farther than about 42 km).
 */
export interface EditScope {
  cells: number;
  facilities: number;
  whole: boolean;
}

/** A facility row an edit changed, by its position in the facility list. */
export interface FacilityChange {
  index: number;
  facility: FacilityResult;
}

/**
 * A `WhatIfUpdate` as it crosses a worker boundary: the facility rows only where they differ from
 * the answer before (a city has 1,500 schools and an edit changes a few of their rows; the whole
 * list took longer to copy across than the edit took to compute).
 */
export interface WhatIfDelta extends Omit<WhatIfUpdate, 'facilities'> {
  facilityCount: number;
  facilityChanges: FacilityChange[];
}
