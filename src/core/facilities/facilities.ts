import { FACILITY_TYPES, isFacilityType, type FacilityType } from '../schema.ts';
import { InputError, type InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair, nonNegativeNumber } from '../input/features.ts';
import type { LngLat } from '../types.ts';

/** An existing facility of the type being evaluated. */
export interface Facility {
  id: string;
  featureIndex: number;
  name: string;
  nameEn: string;
  type: FacilityType;
  lngLat: LngLat;
  /** Seats (schools) or patient visits a day (clinics). */
  capacity: number;
}

/**
 * Reads the facilities of one type. Facilities of an unknown type, without a point, or (for the
 * wanted type) without a positive capacity are skipped with a warning naming them; an empty layer
 * is an InputError. Facilities of other known types are left out silently.
 */
export function readFacilities(
  collection: unknown,
  type: FacilityType,
  source = 'facilities',
): { facilities: Facility[]; warnings: InputWarning[] } {
  const raw = featuresOf(collection, source);
  if (raw.length === 0) throw new InputError(source, 'no features: the facility layer is empty');
  const facilities: Facility[] = [];
  const warnings: InputWarning[] = [];
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
    const capacity = nonNegativeNumber(f.properties, 'capacity');
    if (!capacity.ok) return skip(capacity.reason.replace(/^capacity is missing$/, 'no capacity (seats or visits a day)'));
    if (capacity.value === 0) return skip('capacity is 0');
    const name = typeof f.properties.name === 'string' && f.properties.name !== '' ? f.properties.name : label;
    const nameEn = typeof f.properties.name_en === 'string' && f.properties.name_en !== '' ? f.properties.name_en : name;
    facilities.push({ id: label, featureIndex: i, name, nameEn, type: t, lngLat: [g.coordinates[0], g.coordinates[1]], capacity: capacity.value });
  });
  if (facilities.length === 0) {
    warnings.push({ source, feature: `type ${type}`, reason: `no usable facilities of type ${type}: all demand is unserved` });
  }
  return { facilities, warnings };
}
