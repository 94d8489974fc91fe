import type { Allocation } from '../allocate/allocate.ts';
import { InputError } from '../errors.ts';
import type { EvaluateInput } from '../evaluate/evaluation.ts';
import type { PreparedEvaluation } from '../evaluate/prepare.ts';
import type { ReachTable } from '../types.ts';
import { blockTotals, type BlockSummer } from '../evaluate/block-sums.ts';
import {
  byRegistrationOf,
  cellGroupService,
  REGISTRATION_SUMS,
  registrationSummer,
  registrationUnknown,
  type ByRegistration,
  type CellGroupService,
  type RegistrationOptions,
} from './by-registration.ts';
import { cellRegistration, type CellRegistration } from './cell-registration.ts';
import { featureMigrantShares } from './feature-registration.ts';
import { allocateRegisteredFirst, type GroupAllocation } from './registered-first.ts';

/** An allocation function of `allocate`'s shape (what `assess` runs). */
export type Allocator = (table: ReachTable, users: Float64Array, capacity: Float64Array, perM?: number) => Allocation;

/** The analysis by registration of one prepared district: the split, the allocation it asks for, and its results. */
export interface RegistrationAnalysis {
  split: CellRegistration;
  /** Registered-first: the allocation to run in place of the default; proportional: none. */
  allocator?: Allocator;
  /** Each cell's service by group under the allocation that was run (none given: the default, proportional). */
  service(served: Float64Array, allocation?: Allocation): CellGroupService;
  results(covered: Uint8Array, served: Float64Array, allocation?: Allocation): ByRegistration;
  /** The sums `figures` reads, over a range of cells (for sums kept current as cells change); null when the groups are unknown. */
  summer(covered: Uint8Array, served: Float64Array, allocation?: Allocation): BlockSummer | null;
  /** The results from sums the summer made (null: unknown). */
  figures(sums: Float64Array | null): ByRegistration;
}

const isGroupAllocation = (a: Allocation): a is GroupAllocation => 'migrantServed' in a;

/**
 * Splits the prepared cells by registration (`cellRegistration`) and, for registered-first
 * admission, gives the two-pass allocation to assess with. Registered-first needs every
 * resident's registration: without it that is an InputError saying what is missing. A stated
 * share outside [0, 1] is an InputError.
 */
export function registrationAnalysis(input: EvaluateInput, prepared: PreparedEvaluation, options: RegistrationOptions): RegistrationAnalysis {
  const admission = options.admission ?? 'proportional';
  const stated = options.migrantShareOutsideVillages;
  if (stated !== undefined && !(stated >= 0 && stated <= 1)) {
    throw new InputError('registration', `the migrants' share outside villages must be between 0 and 1, got ${String(stated)}`);
  }
  const shares = featureMigrantShares(input.population, input.sources?.population ?? 'population');
  const split = cellRegistration(prepared.cells, shares, stated);
  if (admission === 'registered-first' && registrationUnknown(split)) {
    throw new InputError(
      input.sources?.population ?? 'population',
      `registered-first admission needs every resident's registration, but that of ${Math.round(split.residentsUnknown).toLocaleString('en-US')} residents outside urban villages is not known: give registered / migrants figures or the migrants' share outside villages`,
    );
  }
  const summer = (covered: Uint8Array, served: Float64Array, allocation?: Allocation): BlockSummer | null =>
    registrationUnknown(split) ? null : registrationSummer(prepared.cells, split, covered, served, allocation && isGroupAllocation(allocation) ? allocation : undefined);
  const sumsOf = (sum: BlockSummer | null): Float64Array | null => (sum ? blockTotals(prepared.cells.length, REGISTRATION_SUMS, sum) : null);
  const figures = (sums: Float64Array | null): ByRegistration => byRegistrationOf(sums, split, admission, stated);
  const service = (served: Float64Array, allocation?: Allocation) => cellGroupService(split, served, allocation && isGroupAllocation(allocation) ? allocation : undefined);
  return {
    split,
    allocator:
      admission === 'registered-first'
        ? // The cells' users are the two groups' sum (every resident's registration is known here), so the groups replace them.
          (table, _users, capacity, perM) => allocateRegisteredFirst(table, split.registeredUsers, split.migrantUsers, capacity, perM)
        : undefined,
    service,
    results: (covered, served, allocation?) => figures(sumsOf(summer(covered, served, allocation))),
    summer,
    figures,
  };
}
