import type { Feature, Point } from 'geojson';
import type { EvaluateInput } from '../evaluate/evaluation.ts';
import { InputError } from '../errors.ts';
import type { Facility } from '../facilities/facilities.ts';
import { featuresOf } from '../input/features.ts';
import { isSchoolType, type FacilityType } from '../schema.ts';
import type { LngLat } from '../types.ts';
import type { ProposedSite } from './types.ts';

/** The `source` of every what-if InputError. */
export const WHAT_IF_SOURCE = 'proposed sites';

function fail(reason: string): never {
  throw new InputError(WHAT_IF_SOURCE, reason);
}

/**
 * A checked lon/lat pair. Values come across the worker boundary untyped, so everything is tested
 * at run time; the bounds are those `readFacilities` applies, so a site the session accepts is
 * never one a full evaluation would skip.
 */
export function checkLngLat(id: string, value: unknown): LngLat {
  const pair = Array.isArray(value) && value.length === 2 ? (value as unknown[]) : null;
  const [lng, lat] = pair ?? [NaN, NaN];
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    fail(`site "${id}": coordinates must be two finite numbers [longitude, latitude], got ${pair ? `[${pair.map(String).join(', ')}]` : String(value)}`);
  }
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) fail(`site "${id}": coordinates [${lng}, ${lat}] are outside longitude ±180, latitude ±90`);
  return [lng, lat];
}

export function checkSeats(id: string, seats: unknown): number {
  if (typeof seats !== 'number' || !Number.isFinite(seats) || seats <= 0) fail(`site "${id}": seats must be a finite number > 0, got ${String(seats)}`);
  return seats;
}

export function checkClasses(id: string, classes: unknown, type: FacilityType): number | null {
  if (classes === undefined || classes === null) return null;
  if (!isSchoolType(type)) fail(`site "${id}": classes are for schools, not ${type}`);
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 1) fail(`site "${id}": classes must be a whole number ≥ 1, got ${String(classes)}`);
  return classes;
}

function checkName(id: string, key: 'name' | 'nameEn', value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`site "${id}": ${key} must be text, got ${typeof value}`);
  return value;
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id.trim() === '') fail(`a proposed site needs a non-empty text id, got ${JSON.stringify(id) ?? String(id)}`);
  return id;
}

/** A validated copy of `site`, holding only plain data (it crosses the worker boundary). */
export function checkSite(site: unknown, type: FacilityType): ProposedSite {
  if (typeof site !== 'object' || site === null) fail(`a proposed site must be an object, got ${site === null ? 'null' : typeof site}`);
  const raw = site as Record<string, unknown>;
  const id = checkId(raw.id);
  const classes = checkClasses(id, raw.classes, type);
  const name = checkName(id, 'name', raw.name);
  const nameEn = checkName(id, 'nameEn', raw.nameEn);
  return {
    id,
    lngLat: checkLngLat(id, raw.lngLat),
    seats: checkSeats(id, raw.seats),
    ...(classes === null ? {} : { classes }),
    ...(name === undefined ? {} : { name }),
    ...(nameEn === undefined ? {} : { nameEn }),
  };
}

/** The site as `readFacilities` would read `proposedFeature(site)` at `featureIndex`. */
export function proposedFacility(site: ProposedSite, type: FacilityType, featureIndex: number): Facility {
  const name = site.name !== undefined && site.name !== '' ? site.name : site.id;
  const nameEn = site.nameEn !== undefined && site.nameEn !== '' ? site.nameEn : name;
  return { id: site.id, featureIndex, name, nameEn, type, lngLat: site.lngLat, capacity: site.seats };
}

/** The site as a facility feature, the way a full evaluation sees it. */
export function proposedFeature(site: ProposedSite, type: FacilityType): Feature<Point> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [site.lngLat[0], site.lngLat[1]] },
    properties: {
      id: site.id,
      type,
      capacity: site.seats,
      ...(site.classes === undefined || site.classes === null ? {} : { classes: site.classes }),
      ...(site.name === undefined ? {} : { name: site.name }),
      ...(site.nameEn === undefined ? {} : { name_en: site.nameEn }),
      proposed: true,
    },
  };
}

/**
 * What a what-if session is equivalent to: the input with the proposed sites appended to the
 * facility layer, in order. `evaluate()` of this gives exactly the session's `evaluation()`.
 */
export function withProposedSites(input: EvaluateInput, type: FacilityType, sites: readonly ProposedSite[]): EvaluateInput {
  return {
    ...input,
    facilities: {
      type: 'FeatureCollection',
      features: [...featuresOf(input.facilities, input.sources?.facilities ?? 'facilities'), ...sites.map((s) => proposedFeature(s, type))],
    },
  };
}
