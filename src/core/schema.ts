/**
 * The data schema every layer maps onto: the demo data in data/geo follow it, and user files are
 * mapped onto it by the loaders. Property names are snake_case as they appear in GeoJSON.
 */

export const FACILITY_TYPES = [
  'kindergarten',
  'primary',
  'junior',
  'health_station',
  'health_centre',
] as const;

export type FacilityType = (typeof FACILITY_TYPES)[number];

export const SCHOOL_TYPES: readonly FacilityType[] = ['kindergarten', 'primary', 'junior'];

export function isFacilityType(value: unknown): value is FacilityType {
  return typeof value === 'string' && (FACILITY_TYPES as readonly string[]).includes(value);
}

export function isSchoolType(type: FacilityType): boolean {
  return SCHOOL_TYPES.includes(type);
}

/** A population cell (Polygon) or point: residents counted where they live, Hukou or not. */
export interface PopulationProperties {
  id: string;
  /** Residents (persons), a non-negative integer. */
  population: number;
  /** Registered (Hukou) residents living here (户籍人口); with `migrants` they make up `population`. */
  registered?: number;
  /** Residents without local Hukou (流动人口: residence permits, temporary residents). */
  migrants?: number;
}

/** An urban village (城中村) polygon. */
export interface UrbanVillageProperties {
  id: string;
  /** Chinese name. */
  name: string;
  /** Romanised (pinyin) name. */
  name_en: string;
  /** Residents living inside the polygon (persons). */
  population: number;
  /** Share of residents without local Hukou, 0..1. */
  migrant_share: number;
}

/** An existing facility (Point). */
export interface FacilityProperties {
  id: string;
  name: string;
  name_en: string;
  type: FacilityType;
  /**
   * Schools: seats = classes × class size. Clinics: patient visits a day the facility is staffed
   * for (see data/geo/README.md).
   */
  capacity: number;
  /** Schools only: number of classes. */
  classes?: number;
}

export type RoadClass = 'arterial' | 'secondary' | 'local';

export interface RoadProperties {
  id: string;
  class: RoadClass;
  name?: string;
}

/**
 * Land without residents: used to check the demo and to exclude candidate sites. `exclusion`
 * marks a zone the user loaded as "nothing may be built here".
 */
export type LandUseClass = 'park' | 'water' | 'rail' | 'industry' | 'exclusion';

export interface LandUseProperties {
  id: string;
  class: LandUseClass;
  name?: string;
}
