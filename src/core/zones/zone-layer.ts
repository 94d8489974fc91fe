import type { MultiPolygon, Polygon } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { featuresOf, isValidPolygonal } from '../input/features.ts';
import { findField } from '../io/fields.ts';

/** One attendance zone (学区): a polygon, its id, and the school it belongs to when the file says. */
export interface Zone {
  id: string;
  /** The school's id as the zone file gives it (matched against the facilities' ids); null when not given. */
  schoolId: string | null;
  /** Index of the feature in its FeatureCollection. */
  featureIndex: number;
  polygon: Polygon | MultiPolygon;
}

/** Column names of a zone's id and school, best first (compared as `findField` does). */
export const ZONE_FIELD_NAMES = {
  id: ['zone', 'zone_id', 'zoneid', '学区编号', '学区', 'cid', 'id'],
  school: ['school', 'school_id', 'schoolid', '学校', '学校编号'],
} as const;

/** A filter on the zone features: `field` must hold `value` (compared as text, trimmed). */
export interface ZoneFilter {
  field: string;
  value: string;
}

export interface ZoneLayerOptions {
  /** The file or layer name in warnings and errors. */
  source?: string;
  /** The column holding the zone id; default the first of ZONE_FIELD_NAMES.id the file has. */
  idField?: string;
  /** The column holding the school id; default the first of ZONE_FIELD_NAMES.school the file has, else none. */
  schoolField?: string;
  /** Only features matching every filter are zones (e.g. Year=2016, Level=Elementary). */
  where?: readonly ZoneFilter[];
}

export interface ZoneLayer {
  zones: Zone[];
  /** The columns used: null when the file has none (the school then comes from the facilities inside). */
  fields: { id: string; school: string | null };
  /** Features the filters left out. */
  filteredOut: number;
  warnings: InputWarning[];
}

const textOf = (v: unknown): string | null =>
  typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;

/**
 * Reads attendance zones: polygons with an id and, optionally, a school id. The columns are the
 * caller's or found by name (`ZONE_FIELD_NAMES`); a named column the file lacks is an InputError
 * listing its columns. Features the filters leave out are counted, not warned about. A feature
 * without a polygon, without an id, or with the id of an earlier zone is skipped with a warning
 * naming it; a layer with no usable zone is an InputError listing the first reasons.
 */
export function readZones(collection: unknown, options: ZoneLayerOptions = {}): ZoneLayer {
  const source = options.source ?? 'zones';
  const raw = featuresOf(collection, source);
  if (raw.length === 0) throw new InputError(source, 'no features: the zone layer is empty');
  const columns = [...new Set(raw.flatMap((f) => Object.keys(f.properties)))];
  const listed = `its columns are: ${columns.join(', ') || '(none)'}`;
  const named = (field: string, what: string) => {
    if (!columns.includes(field)) throw new InputError(source, `no column '${field}' for the zone ${what}; ${listed}`);
    return field;
  };
  const idField = options.idField !== undefined ? named(options.idField, 'id') : findField(columns, ZONE_FIELD_NAMES.id);
  if (idField === undefined) throw new InputError(source, `no zone id column (looked for ${ZONE_FIELD_NAMES.id.join(', ')}); ${listed}`);
  const schoolField = options.schoolField !== undefined ? named(options.schoolField, 'school') : (findField(columns, ZONE_FIELD_NAMES.school) ?? null);
  for (const w of options.where ?? []) named(w.field, `filter ${w.field}=${w.value}`);

  const zones: Zone[] = [];
  const warnings: InputWarning[] = [];
  const firstOf = new Map<string, number>();
  let filteredOut = 0;
  let considered = 0;
  raw.forEach((f, i) => {
    const p = f.properties;
    if ((options.where ?? []).some((w) => textOf(p[w.field]) !== w.value.trim())) {
      filteredOut++;
      return;
    }
    considered++;
    const id = textOf(p[idField]);
    const label = id ?? `feature ${i + 1}`;
    const skip = (reason: string) => warnings.push({ source, feature: label, reason: `${reason}; skipped` });
    if (id === null) return skip(`zone id is missing (${idField} is empty)`);
    const g = f.geometry;
    if (!g) return skip('no geometry');
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return skip(`geometry ${g.type} is not a polygon (a zone is an area)`);
    if (!isValidPolygonal(g)) return skip('invalid polygon coordinates');
    const earlier = firstOf.get(id);
    if (earlier !== undefined) return skip(`duplicate zone id: feature ${earlier + 1} has the same id`);
    firstOf.set(id, i);
    zones.push({ id, schoolId: schoolField === null ? null : textOf(p[schoolField]), featureIndex: i, polygon: g });
  });
  if (considered === 0) {
    throw new InputError(source, `no zone matches ${(options.where ?? []).map((w) => `${w.field}=${w.value}`).join(', ')} (${raw.length} features)`);
  }
  if (zones.length === 0) throw noUsableFeatures(source, 'zones', warnings, considered);
  return { zones, fields: { id: idField, school: schoolField }, filteredOut, warnings };
}
