import type { ZoneFigures } from './zone-figures.ts';

/** One zoning summed up the same way whether it is official or designed, so the two compare figure by figure. Plain data. */
export interface ZoningTotals {
  zones: number;
  /** Pupils living in a zone. */
  zonedPupils: number;
  /** Pupils in no zone (outside every official zone, or left unplaced by a design). */
  unzonedPupils: number;
  /** Pupils in zones without a school (or naming one that is not a facility of the type). */
  pupilsWithoutSchool: number;
  /** For each school, the pupils of its zones above its seats, summed. */
  pupilsAboveSeats: number;
  /** Pupils living farther than the walking standard from their zone's school. */
  beyondRadiusPupils: number;
  /** Schools whose zones hold more pupils than seats. */
  overCapacitySchools: number;
  /** The fullest school's pupils ÷ seats; null when no school has seats. */
  maxUtilisation: number | null;
}

/**
 * Totals of a zoning from its zones' figures (`unzonedPupils`: the pupils living in no zone).
 * A school's zones fill its seats together, so the excess is counted per school, once.
 */
export function zoningTotals(zones: readonly ZoneFigures[], unzonedPupils: number): ZoningTotals {
  const bySchool = new Map<string, { pupils: number; seats: number | null }>();
  let zonedPupils = 0;
  let pupilsWithoutSchool = 0;
  let beyondRadiusPupils = 0;
  for (const z of zones) {
    zonedPupils += z.pupils;
    beyondRadiusPupils += z.beyondRadiusPupils ?? 0;
    if (z.school === null) {
      pupilsWithoutSchool += z.pupils;
      continue;
    }
    const s = bySchool.get(z.school) ?? { pupils: 0, seats: z.seats };
    s.pupils += z.pupils;
    bySchool.set(z.school, s);
  }
  let pupilsAboveSeats = 0;
  let overCapacitySchools = 0;
  let maxUtilisation: number | null = null;
  for (const { pupils, seats } of bySchool.values()) {
    if (seats === null || !(seats > 0)) continue;
    if (pupils > seats) {
      pupilsAboveSeats += pupils - seats;
      overCapacitySchools++;
    }
    maxUtilisation = Math.max(maxUtilisation ?? 0, pupils / seats);
  }
  return { zones: zones.length, zonedPupils, unzonedPupils, pupilsWithoutSchool, pupilsAboveSeats, beyondRadiusPupils, overCapacitySchools, maxUtilisation };
}
