import { FACILITY_TYPES, isFacilityType, type FacilityType } from '../schema.ts';
import { InputError, type InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair, nonNegativeNumber } from '../input/features.ts';
import { standardSiteSize, type StandardValues } from '../standards/presets.ts';
import type { LngLat } from '../types.ts';

/**
 * Where a facility's capacity came from: 'given' in its data; 'classes', its class count × the
 * class size; 'standard', assumed to be the standard size (`capacity_assumed: true`); 'none', no
 * facility of the type has a capacity, so it counts for coverage only (capacity 0).
 */
export type CapacitySource = 'given' | 'classes' | 'standard' | 'none';

/** An existing facility of the type being evaluated. */
export interface Facility {
  id: string;
  featureIndex: number;
  name: string;
  nameEn: string;
  type: FacilityType;
  lngLat: LngLat;
  /** Seats (schools) or patient visits a day (clinics); 0 when capacitySource is 'none'. */
  capacity: number;
  /** How the capacity was found; absent: 'given'. */
  capacitySource?: Exclude<CapacitySource, 'given'>;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Reads the facilities of one type. Facilities of an unknown type or without a point are skipped
 * with a warning naming them; an empty layer is an InputError. Facilities of other known types are
 * left out silently.
 *
 * The capacity of a facility of the wanted type: its `capacity` (0, negative or not a number:
 * skipped); without one, its `classes` × the class size (schools, when `standard` is given); else,
 * when it is flagged `capacity_assumed: true` (see applyMapping's assumeCapacity), the standard
 * size of `standard` (standardSiteSize). A facility with none of these is skipped when others of
 * its type have a capacity; when none has, all are kept with capacity 0 and `capacitySource`
 * 'none', for coverage only, with one warning saying allocation needs capacities.
 */
export function readFacilities(
  collection: unknown,
  type: FacilityType,
  source = 'facilities',
  standard?: Pick<StandardValues, 'classSize' | 'maxSchoolSeats'>,
): { facilities: Facility[]; warnings: InputWarning[] } {
  const raw = featuresOf(collection, source);
  if (raw.length === 0) throw new InputError(source, 'no features: the facility layer is empty');
  const facilities: Facility[] = [];
  const warnings: InputWarning[] = [];
  const classSize = standard?.classSize ?? null;
  const assumedSize = standard ? standardSiteSize(standard).seats : null;
  const classesOf = (p: Record<string, unknown>): number | null => {
    if (classSize === null || isEmpty(p.classes)) return null;
    const c = nonNegativeNumber(p, 'classes');
    return c.ok && c.value > 0 ? c.value : null;
  };
  const assumed = (p: Record<string, unknown>) => p.capacity_assumed === true;
  // Does any facility of the type have a capacity? If none has, they are kept for coverage.
  const anyCapacity = raw.some(
    (f) => f.properties.type === type && (!isEmpty(f.properties.capacity) || classesOf(f.properties) !== null || (assumed(f.properties) && assumedSize !== null)),
  );
  raw.forEach((f, i) => {
    const label = featureLabel(f, i);
    const skip = (reason: string) => warnings.push({ source, feature: label, reason: `${reason}; skipped` });
    const t = f.properties.type;
    if (!isFacilityType(t)) {
      return skip(t === undefined || t === null || t === '' ? 'type is missing' : `unknown facility type ${JSON.stringify(t)} (known: ${FACILITY_TYPES.join(', ')})`);
    }
    if (t !== type) return;
    const g = f.geometry;
    if (!g || g.type !== 'Point' || !isLngLatPair(g.coordinates)) return skip(g ? `geometry ${g.type} is not a valid Point` : 'no geometry');
    let capacity: number;
    let capacitySource: CapacitySource;
    const classes = classesOf(f.properties);
    if (!isEmpty(f.properties.capacity)) {
      const given = nonNegativeNumber(f.properties, 'capacity');
      if (!given.ok) return skip(given.reason);
      if (given.value === 0) return skip('capacity is 0');
      capacity = given.value;
      capacitySource = assumed(f.properties) ? 'standard' : 'given';
    } else if (classes !== null) {
      capacity = classes * classSize!;
      capacitySource = 'classes';
    } else if (assumed(f.properties) && assumedSize !== null) {
      capacity = assumedSize;
      capacitySource = 'standard';
    } else if (anyCapacity) {
      return skip('no capacity (seats or visits a day)');
    } else {
      capacity = 0;
      capacitySource = 'none';
    }
    const name = typeof f.properties.name === 'string' && f.properties.name !== '' ? f.properties.name : label;
    const nameEn = typeof f.properties.name_en === 'string' && f.properties.name_en !== '' ? f.properties.name_en : name;
    const facility: Facility = { id: label, featureIndex: i, name, nameEn, type: t, lngLat: [g.coordinates[0], g.coordinates[1]], capacity };
    if (capacitySource !== 'given') facility.capacitySource = capacitySource;
    facilities.push(facility);
  });
  if (facilities.length === 0) {
    warnings.push({ source, feature: `type ${type}`, reason: `no usable facilities of type ${type}: all demand is unserved` });
  } else if (!anyCapacity) {
    warnings.push({
      source,
      feature: `type ${type}`,
      reason: `no facility of type ${type} has a capacity: coverage only; allocation (served, unserved, shortfall) needs capacities`,
    });
  }
  return { facilities, warnings };
}
