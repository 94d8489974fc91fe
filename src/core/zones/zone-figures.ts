import type { Facility } from '../facilities/facilities.ts';

/** The figures of one attendance zone: the same shape for official zones and designed ones. Plain data. */
export interface ZoneFigures {
  id: string;
  /** The zone's school (a facility id), or null when it has none or its id is not a facility of the type. */
  school: string | null;
  /** Residents living in the zone (a polygon straddling zones counts by area share). */
  residents: number;
  /** Pupils living in the zone: residents × pupils per 1,000. */
  pupils: number;
  /** The school's seats; null without a school or without a known capacity. */
  seats: number | null;
  /**
   * Pupils of every zone of the school ÷ its seats (a school with two zones fills its seats from
   * both); above 1 the school is over capacity. Null without seats.
   */
  utilisation: number | null;
  /** Pupils living farther than the walking standard from the zone's school (by the distance rule); null without a school. */
  beyondRadiusPupils: number | null;
  /** Share of the zone's pupils living in an urban village, 0..1; null without pupils. */
  villageShare: number | null;
}

/** What zone figures need to know of each demand cell. */
export interface FigureCell {
  residents: number;
  users: number;
  villageShare: number;
}

/** A zone to sum figures for: its id and its school (null when it has none). */
export interface FigureZone {
  id: string;
  school: Facility | null;
}

/**
 * Which cells live in which zone: entry k puts `share[k]` of cell `cell[k]` in zone `zone[k]`
 * (a share of 1 for a whole cell).
 */
export interface ZoneMembership {
  cell: ArrayLike<number>;
  zone: ArrayLike<number>;
  share: ArrayLike<number>;
}

/**
 * Sums residents, pupils and village pupils per zone, and the pupils farther than the standard
 * from the zone's school (`beyond(cell, school)` says whether a cell is). Seats are the school's
 * capacity; utilisation is per school, over all its zones.
 */
export function sumZoneFigures(
  zones: readonly FigureZone[],
  cells: readonly FigureCell[],
  members: ZoneMembership,
  beyond: (cell: number, school: Facility) => boolean,
): ZoneFigures[] {
  const residents = new Float64Array(zones.length);
  const pupils = new Float64Array(zones.length);
  const villagePupils = new Float64Array(zones.length);
  const beyondPupils = new Float64Array(zones.length);
  for (let k = 0; k < members.cell.length; k++) {
    const c = members.cell[k];
    const z = members.zone[k];
    const s = members.share[k];
    const cell = cells[c];
    residents[z] += cell.residents * s;
    pupils[z] += cell.users * s;
    villagePupils[z] += cell.users * s * cell.villageShare;
    const school = zones[z].school;
    if (school && cell.users > 0 && beyond(c, school)) beyondPupils[z] += cell.users * s;
  }
  const schoolPupils = new Map<string, number>();
  zones.forEach((zone, z) => {
    if (zone.school) schoolPupils.set(zone.school.id, (schoolPupils.get(zone.school.id) ?? 0) + pupils[z]);
  });
  return zones.map((zone, z) => {
    const school = zone.school;
    const seats = school && school.capacitySource !== 'none' ? school.capacity : null;
    return {
      id: zone.id,
      school: school?.id ?? null,
      residents: residents[z],
      pupils: pupils[z],
      seats,
      utilisation: seats !== null && seats > 0 && school ? schoolPupils.get(school.id)! / seats : null,
      beyondRadiusPupils: school ? beyondPupils[z] : null,
      villageShare: pupils[z] > 0 ? villagePupils[z] / pupils[z] : null,
    };
  });
}
