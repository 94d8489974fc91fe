import type { FacilityResult } from '../evaluate/evaluation.ts';
import type { FacilityChange, WhatIfDelta, WhatIfUpdate } from './types.ts';

/** Field by field; `lngLat` by its numbers. */
function sameRow(a: FacilityResult, b: FacilityResult): boolean {
  const keys = Object.keys(a) as (keyof FacilityResult)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
    return Object.is(x, y);
  });
}

/** `update` with its facility rows reduced to those that differ from `before`, the rows of the answer before it. */
export function whatIfDelta(update: WhatIfUpdate, before: readonly FacilityResult[]): WhatIfDelta {
  const { facilities, ...rest } = update;
  const facilityChanges: FacilityChange[] = [];
  facilities.forEach((facility, index) => {
    if (index >= before.length || !sameRow(facility, before[index])) facilityChanges.push({ index, facility });
  });
  return { ...rest, facilityCount: facilities.length, facilityChanges };
}

/** The facility rows after `delta`, from the rows it was made against. */
export function applyFacilityChanges(before: readonly FacilityResult[], delta: Pick<WhatIfDelta, 'facilityCount' | 'facilityChanges'>): FacilityResult[] {
  const facilities = before.slice(0, delta.facilityCount);
  for (const { index, facility } of delta.facilityChanges) facilities[index] = facility;
  return facilities;
}
