import type { DistanceDecay } from '../access/distance-decay.ts';
import type { Equity } from '../equity/village-equity.ts';
import type { CapacitySource } from '../facilities/facilities.ts';
import type { FacilityType } from '../schema.ts';
import type { InputWarning } from '../errors.ts';
import type { ByRegistration, RegistrationOptions } from '../registration/by-registration.ts';
import type { AnalysisSettings } from '../settings/analysis-settings.ts';
import type { FacilityStandard } from '../standards/presets.ts';
import type { DistanceRule, LngLat } from '../types.ts';

/** Parsed GeoJSON layers as they came from a file or the app; `evaluate` validates them. */
export interface EvaluateInput {
  population: unknown;
  facilities: unknown;
  villages?: unknown;
  /** Names used in warnings and errors (file names in the CLI); default the layer names. */
  sources?: { population?: string; facilities?: string; villages?: string };
}

/**
 * The analysis settings under the same field names (`AnalysisSettings` less `distance`): only the
 * facility type is required; the preset defaults to `zhengzhou-2035`, the overrides to none and
 * the growth factor to 1. The distance is a rule here, not a name.
 */
export interface EvaluateOptions extends Partial<Omit<AnalysisSettings, 'type' | 'distance'>> {
  type: FacilityType;
  /** Distance decay for E2SFCA; default the ⅓ r / ⅔ r / r steps 1, 0.68, 0.22. */
  decay?: DistanceDecay;
  /** How many villages `equity.worstVillages` lists; default 5. */
  worstVillageCount?: number;
  /** Builds the distance rule over the cells' points; default straight-line (geodesic). */
  distanceRule?: (points: readonly LngLat[]) => DistanceRule;
  /** Given: the figures for registered residents and migrants (`Evaluation.byRegistration`), under its admission policy. */
  registration?: RegistrationOptions;
}

/** Under: catchment demand below 90 % of capacity; near: 90–100 %; over: above capacity. */
export type UtilisationStatus = 'under' | 'near' | 'over';

/** The numbers the UI and CLI show for one facility type. Counts of people are whole numbers. */
export interface EvaluationSummary {
  type: FacilityType;
  presetId: string;
  standard: FacilityStandard;
  growthFactor: number;
  /** What `pupils` and `seats` count: pupils and seats for schools, patient visits a day for clinics. */
  units: { users: string; capacity: string };
  residents: number;
  /** Users: pupils for schools (patient visits a day for clinics). */
  pupils: number;
  /** Total capacity of the facilities of the type. */
  seats: number;
  servedPupils: number;
  unservedPupils: number;
  /** Unserved pupils living within the radius of a school that is full. */
  unservedInReachPupils: number;
  /** Unserved pupils living outside every catchment. */
  uncoveredPupils: number;
  /** Share of pupils living within the radius of at least one facility (0.1 %). */
  coveragePct: number | null;
  /** Share of pupils given a place (0.1 %). */
  servedPct: number | null;
  seatsNeeded: number;
  classesNeeded: number | null;
  schoolsNeeded: number;
  facilities: number;
  /** Facilities whose catchment demand exceeds their capacity. */
  overCapacity: number;
  /**
   * False when the facilities have no capacities (capacitySource 'none'): coverage, residents,
   * users and uncoveredPupils hold, but allocation does not — servedPupils, servedPct,
   * unservedPupils, unservedInReachPupils, seats, seatsNeeded, classesNeeded, schoolsNeeded,
   * overCapacity and the served shares of equity are computed as if every facility had 0 places
   * and must not be shown as results (`summaryRecord` gives them as null).
   */
  capacityKnown: boolean;
  /** Facilities whose capacity is assumed to be the standard size (capacitySource 'standard'). */
  assumedCapacities: number;
  /** Facilities whose capacity is their class count × the class size (capacitySource 'classes'). */
  capacitiesFromClasses: number;
  equity: Equity;
}

export interface CellResult {
  id: string;
  featureIndex: number;
  lngLat: LngLat;
  residents: number;
  users: number;
  served: number;
  unserved: number;
  /** Within the radius of at least one facility of the type. */
  covered: boolean;
  nearestFacilityId: string | null;
  nearestDistanceM: number | null;
  /** Nearest facility that gave this cell places. */
  servedById: string | null;
  /** Places per user by classic 2SFCA. */
  access2sfca: number;
  /** Places per user by E2SFCA with the chosen decay. */
  accessE2sfca: number;
  villageId: string | null;
  villageName: string | null;
  villageShare: number;
  migrants: number;
}

export interface FacilityResult {
  id: string;
  featureIndex: number;
  name: string;
  nameEn: string;
  type: FacilityType;
  lngLat: LngLat;
  /** Seats or visits a day; 0 when capacitySource is 'none'. */
  capacity: number;
  /** Where the capacity came from: 'given' in the data, 'classes' × class size, 'standard' size assumed, or 'none'. */
  capacitySource: CapacitySource;
  /** True when the capacity is an assumption (the standard size), not the facility's own. */
  assumedCapacity: boolean;
  cellsInCatchment: number;
  usersInCatchment: number;
  allocated: number;
  /** allocated / capacity (0..1); 0 without a capacity. */
  utilisation: number;
  /** usersInCatchment / capacity: above 1 the catchment holds more pupils than seats; 0 without a capacity. */
  catchmentUtilisation: number;
  status: UtilisationStatus;
}

export interface Evaluation {
  summary: EvaluationSummary;
  cells: CellResult[];
  facilities: FacilityResult[];
  warnings: InputWarning[];
  /** Registered residents against migrants, when `EvaluateOptions.registration` asked for them. */
  byRegistration?: ByRegistration;
}
