import { describe, expect, it } from 'vitest';
import { greedyColouring, zoningTotals, type ZoneFigures } from '../../../src/core/index.ts';

const zone = (id: string, school: string | null, pupils: number, seats: number | null, beyond: number | null): ZoneFigures => ({
  id,
  school,
  residents: pupils * 10,
  pupils,
  seats,
  utilisation: null,
  beyondRadiusPupils: beyond,
  villageShare: null,
});

describe('zoningTotals', () => {
  it('counts a school’s excess once over all its zones, and zones without a school apart', () => {
    // S1 has two zones (300 + 250 pupils) for 500 seats: 50 above. S2: 100 of 400. Z4: no school.
    const totals = zoningTotals([zone('Z1', 'S1', 300, 500, 20), zone('Z2', 'S1', 250, 500, 5), zone('Z3', 'S2', 100, 400, 0), zone('Z4', null, 40, null, null)], 7);
    expect(totals).toEqual({
      zones: 4,
      zonedPupils: 690,
      unzonedPupils: 7,
      pupilsWithoutSchool: 40,
      pupilsAboveSeats: 50,
      beyondRadiusPupils: 25,
      overCapacitySchools: 1,
      maxUtilisation: 550 / 500,
    });
  });
});

describe('greedyColouring', () => {
  it('gives touching nodes different colours, the most connected first', () => {
    // A triangle 0-1-2 with 3 hanging on 2: 2 (degree 3) gets 0, then 0 and 1 (degree 2) 1 and 2, then 3 (degree 1) 1.
    expect(greedyColouring([[1, 2], [0, 2], [0, 1, 3], [2]])).toEqual([1, 2, 0, 1]);
  });
});
