import type { Geometry } from 'geojson';
import { InputError } from '../errors.ts';

/** A feature checked to be an object with an object of properties (possibly empty). */
export interface LooseFeature {
  id?: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The features of a GeoJSON FeatureCollection (or a lone Feature), as loose features. Anything
 * else is an InputError naming `source`, since nothing in it can be used.
 */
export function featuresOf(value: unknown, source: string): LooseFeature[] {
  if (isRecord(value) && value.type === 'Feature') return featuresOf({ type: 'FeatureCollection', features: [value] }, source);
  if (!isRecord(value) || value.type !== 'FeatureCollection' || !Array.isArray(value.features)) {
    const got = isRecord(value) && typeof value.type === 'string' ? `type '${value.type}'` : Array.isArray(value) ? 'an array' : typeof value;
    throw new InputError(source, `expected a GeoJSON FeatureCollection, got ${got}`);
  }
  return value.features.map((f: unknown) => {
    const feature = isRecord(f) ? f : {};
    const geometry = isRecord(feature.geometry) ? (feature.geometry as unknown as Geometry) : null;
    const properties = isRecord(feature.properties) ? feature.properties : {};
    const id = typeof feature.id === 'string' || typeof feature.id === 'number' ? feature.id : undefined;
    return { id, geometry, properties };
  });
}

/** How warnings name a feature: its `id` property, the Feature id, or `feature N` (1-based). */
export function featureLabel(feature: LooseFeature, index: number): string {
  const id = feature.properties.id ?? feature.id;
  if ((typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id))) return String(id);
  return `feature ${index + 1}`;
}

export type NumberCheck = { ok: true; value: number } | { ok: false; reason: string };

/**
 * A property that must be a finite number ≥ 0. Numeric text ("1200") is accepted, since files
 * converted from spreadsheets often quote numbers; everything else gets a reason naming the value.
 */
export function nonNegativeNumber(properties: Record<string, unknown>, key: string): NumberCheck {
  const raw = properties[key];
  if (raw === undefined || raw === null || raw === '') return { ok: false, reason: `${key} is missing` };
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
  if (typeof raw !== 'number' && typeof raw !== 'string') return { ok: false, reason: `${key} is not a number (${JSON.stringify(raw)})` };
  if (Number.isNaN(value)) return { ok: false, reason: typeof raw === 'number' ? `${key} is NaN` : `${key} is not a number (${JSON.stringify(raw)})` };
  if (!Number.isFinite(value)) return { ok: false, reason: `${key} is not finite (${String(raw)})` };
  if (value < 0) return { ok: false, reason: `${key} is negative (${value})` };
  return { ok: true, value };
}

export function isLngLatPair(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    Math.abs(value[0]) <= 180 &&
    Math.abs(value[1]) <= 90
  );
}

/** True when every position of a Polygon / MultiPolygon is a valid lon/lat pair and rings are closed-able. */
export function isValidPolygonal(geometry: Geometry): boolean {
  const polygons: unknown[] =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  if (!Array.isArray(polygons) || polygons.length === 0) return false;
  return polygons.every(
    (rings) =>
      Array.isArray(rings) &&
      rings.length > 0 &&
      rings.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isLngLatPair)),
  );
}
