import type { DemandCell } from '../demand/demand-cells.ts';
import type { BlockSummer } from '../evaluate/block-sums.ts';
import { percent, ratio } from '../util/rounding.ts';
import type { CellRegistration } from './cell-registration.ts';

/** How seats go to the two groups: proportional favours neither; registered-first is Hukou-based admission. */
export const ADMISSIONS = ['proportional', 'registered-first'] as const;
export type Admission = (typeof ADMISSIONS)[number];

export function isAdmission(value: unknown): value is Admission {
  return typeof value === 'string' && (ADMISSIONS as readonly string[]).includes(value);
}

/** What the analysis by registration is asked for. */
export interface RegistrationOptions {
  /** Default 'proportional': each cell's served pupils split by its groups' shares (the default allocation, unchanged). */
  admission?: Admission;
  /**
   * Migrants' share (0..1) of residents outside urban villages where the features give no
   * registered / migrants figures. Unset: those residents' registration is not known, and the
   * figures by group are reported as not available rather than guessed.
   */
  migrantShareOutsideVillages?: number;
}

/** One group's figures. Counts are whole numbers; the migrants' are the total's less the registered's, so the two add up. */
export interface RegistrationGroup {
  residents: number;
  /** Users: pupils for schools (patient visits a day for clinics). */
  pupils: number;
  /** Pupils living within the radius of a facility. */
  coveredPupils: number;
  servedPupils: number;
  unservedPupils: number;
  coveragePct: number | null;
  servedPct: number | null;
}

/** Where the split of residents into the groups came from (residents, whole numbers). */
export interface RegistrationSources {
  fromFeatures: number;
  fromVillages: number;
  fromStatedShare: number;
  /** The stated share outside villages, when one was given. */
  statedMigrantShare: number | null;
}

export type ByRegistration =
  | {
      available: true;
      admission: Admission;
      registered: RegistrationGroup;
      migrants: RegistrationGroup;
      /** migrants.servedPct / registered.servedPct: 1 is parity, below 1 migrants' children are worse off. */
      servedRatio: number | null;
      coverageRatio: number | null;
      sources: RegistrationSources;
    }
  | {
      available: false;
      admission: Admission;
      /** Why the groups are not known, and what would tell them. */
      reason: string;
      /** Residents whose registration nothing says. */
      unknownResidents: number;
      registered: null;
      migrants: null;
    };

/** Residents below this whose registration is unknown are rounding, not missing data. */
export const UNKNOWN_RESIDENTS_TOLERANCE = 0.5;

/** Each cell's served and unserved users by group: typed arrays indexed like the cells. */
export interface CellGroupService {
  registeredServed: Float64Array;
  migrantServed: Float64Array;
  registeredUnserved: Float64Array;
  migrantUnserved: Float64Array;
}

/**
 * The groups' service per cell: given per group (`groupServed`, a registered-first allocation),
 * or the cell's served users split by its migrant share (proportional).
 */
export function cellGroupService(
  split: CellRegistration,
  served: Float64Array,
  groupServed?: { registeredServed: Float64Array; migrantServed: Float64Array },
): CellGroupService {
  const n = served.length;
  const registeredServed = groupServed ? groupServed.registeredServed : new Float64Array(n);
  const migrantServed = groupServed ? groupServed.migrantServed : new Float64Array(n);
  if (!groupServed) {
    for (let c = 0; c < n; c++) {
      migrantServed[c] = served[c] * split.migrantShare[c];
      registeredServed[c] = served[c] - migrantServed[c];
    }
  }
  const registeredUnserved = new Float64Array(n);
  const migrantUnserved = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    registeredUnserved[c] = Math.max(0, split.registeredUsers[c] - registeredServed[c]);
    migrantUnserved[c] = Math.max(0, split.migrantUsers[c] - migrantServed[c]);
  }
  return { registeredServed, migrantServed, registeredUnserved, migrantUnserved };
}

/** Each group's people served in a cell: given per group (registered-first), or the cell's served users split by its migrant share. */
export interface GroupServed {
  registeredServed: Float64Array;
  migrantServed: Float64Array;
}

/** Width of the registration sums: [residents, users, covered, served] for the registered, then the migrants. */
export const REGISTRATION_SUMS = 8;

/**
 * The registration sums over a range of cells, in the block shape of `BlockSums` (so a what-if edit
 * re-adds only the blocks it changed and gets a full evaluation's figures bit for bit). Without
 * `groupServed` a cell's served users split by its migrant share, as `cellGroupService` does.
 */
export function registrationSummer(cells: readonly DemandCell[], split: CellRegistration, covered: Uint8Array, served: Float64Array, groupServed?: GroupServed): BlockSummer {
  return (from, to, out, at) => {
    let registeredResidents = 0;
    let registeredUsers = 0;
    let registeredCovered = 0;
    let registeredServedSum = 0;
    let migrantResidents = 0;
    let migrantUsers = 0;
    let migrantCovered = 0;
    let migrantServedSum = 0;
    for (let c = from; c < to; c++) {
      const residents = cells[c].residents;
      const m = split.migrantShare[c];
      const migrantServed = groupServed ? groupServed.migrantServed[c] : served[c] * m;
      const registeredServed = groupServed ? groupServed.registeredServed[c] : served[c] - migrantServed;
      const isCovered = covered[c] === 1;
      registeredResidents += residents * (1 - m);
      registeredUsers += split.registeredUsers[c];
      registeredCovered += isCovered ? split.registeredUsers[c] : 0;
      registeredServedSum += registeredServed;
      migrantResidents += residents * m;
      migrantUsers += split.migrantUsers[c];
      migrantCovered += isCovered ? split.migrantUsers[c] : 0;
      migrantServedSum += migrantServed;
    }
    out[at] = registeredResidents;
    out[at + 1] = registeredUsers;
    out[at + 2] = registeredCovered;
    out[at + 3] = registeredServedSum;
    out[at + 4] = migrantResidents;
    out[at + 5] = migrantUsers;
    out[at + 6] = migrantCovered;
    out[at + 7] = migrantServedSum;
  };
}

/** The groups are not known: some residents' registration is unknown beyond rounding. */
export function registrationUnknown(split: CellRegistration): boolean {
  return split.residentsUnknown > UNKNOWN_RESIDENTS_TOLERANCE;
}

/**
 * The two groups' totals and shares from their sums (`registrationSummer`, added in the block
 * shape); not available when some residents' registration is unknown.
 */
export function byRegistrationOf(sums: Float64Array | null, split: CellRegistration, admission: Admission, statedMigrantShare: number | undefined): ByRegistration {
  if (!sums || registrationUnknown(split)) {
    const unknown = Math.round(split.residentsUnknown);
    return {
      available: false,
      admission,
      reason:
        `the registration of ${unknown.toLocaleString('en-US')} residents outside urban villages is not known: ` +
        'give the population registered / migrants figures (户籍人口, 流动人口), or state the migrants’ share outside villages',
      unknownResidents: unknown,
      registered: null,
      migrants: null,
    };
  }
  const group = (at: number): RegistrationGroup => {
    const [residents, users, coveredUsers, servedUsers] = sums.subarray(at, at + 4);
    return {
      residents: Math.round(residents),
      pupils: Math.round(users),
      coveredPupils: Math.round(coveredUsers),
      servedPupils: Math.round(servedUsers),
      unservedPupils: Math.round(users) - Math.round(servedUsers),
      coveragePct: percent(coveredUsers, users),
      servedPct: percent(servedUsers, users),
    };
  };
  const registered = group(0);
  const share = (part: number, whole: number) => (sums[whole] > 0 ? (100 * sums[part]) / sums[whole] : null);
  const whole = (k: number) => Math.round(sums[k] + sums[k + 4]);
  // Whole-number counts by difference, so the two groups add up to the totals.
  const migrantsRaw = group(4);
  const migrants: RegistrationGroup = {
    ...migrantsRaw,
    residents: whole(0) - registered.residents,
    pupils: whole(1) - registered.pupils,
    coveredPupils: whole(2) - registered.coveredPupils,
    servedPupils: whole(3) - registered.servedPupils,
    unservedPupils: whole(1) - registered.pupils - (whole(3) - registered.servedPupils),
  };
  return {
    available: true,
    admission,
    registered,
    migrants,
    servedRatio: ratio(share(7, 5), share(3, 1)),
    coverageRatio: ratio(share(6, 5), share(2, 1)),
    sources: {
      fromFeatures: Math.round(split.residentsFromFeatures),
      fromVillages: Math.round(split.residentsFromVillages),
      fromStatedShare: Math.round(split.residentsFromStatedShare),
      statedMigrantShare: statedMigrantShare ?? null,
    },
  };
}

/**
 * The figures as outputs give them: without capacities the served figures are not results
 * (as `summaryRecord` does for the summary), so they are null.
 */
export function byRegistrationRecord(b: ByRegistration, capacityKnown: boolean): ByRegistration | Record<string, unknown> {
  if (capacityKnown || !b.available) return b;
  const unallocated = (g: RegistrationGroup) => ({ ...g, servedPupils: null, unservedPupils: null, servedPct: null });
  return { ...b, registered: unallocated(b.registered), migrants: unallocated(b.migrants), servedRatio: null };
}
