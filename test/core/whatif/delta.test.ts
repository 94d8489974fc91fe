import { describe, expect, it } from 'vitest';
import { applyFacilityChanges, whatIfDelta, type FacilityResult, type WhatIfUpdate } from '../../../src/core/index.ts';

const row = (id: string, allocated: number, lngLat: [number, number] = [113.6, 34.7]): FacilityResult => ({
  id,
  featureIndex: 0,
  name: id,
  nameEn: id,
  type: 'primary',
  lngLat,
  capacity: 900,
  capacitySource: 'given',
  assumedCapacity: false,
  cellsInCatchment: 10,
  usersInCatchment: 800,
  allocated,
  utilisation: allocated / 900,
  catchmentUtilisation: 800 / 900,
  status: 'under',
});

const update = (facilities: FacilityResult[]): WhatIfUpdate => ({ revision: 3, summary: {} as WhatIfUpdate['summary'], facilities, cells: [] });

describe('facility rows sent as changes', () => {
  it('sends the rows whose figures or place differ, by position, and rebuilds the list from them', () => {
    const before = [row('S1', 500), row('S2', 600), row('P1', 300, [113.61, 34.71])];
    // S1 unchanged (a copy, not the same object); S2 allocates more; P1 moved; P2 added.
    const after = [row('S1', 500), row('S2', 650), row('P1', 300, [113.62, 34.71]), row('P2', 100)];
    const delta = whatIfDelta(update(after), before);
    expect(delta.facilityChanges.map((c) => c.index)).toEqual([1, 2, 3]);
    expect(delta.facilityCount).toBe(4);
    expect('facilities' in delta).toBe(false);
    expect(applyFacilityChanges(before, delta)).toEqual(after);
  });

  it('shortens the list when a site is removed: the rows after it move up', () => {
    const before = [row('S1', 500), row('P1', 300), row('P2', 200)];
    const after = [row('S1', 520), row('P2', 200)];
    const delta = whatIfDelta(update(after), before);
    // S1 changed; P2 now sits where P1 was.
    expect(delta.facilityChanges.map((c) => [c.index, c.facility.id])).toEqual([
      [0, 'S1'],
      [1, 'P2'],
    ]);
    expect(applyFacilityChanges(before, delta)).toEqual(after);
    expect(whatIfDelta(update(before), before).facilityChanges).toEqual([]);
  });
});
