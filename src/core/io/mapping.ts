import { kinks } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { areaCentroid } from '../demand/polygon-shape.ts';
import type { PopulationGrid } from '../demand/population-grid.ts';
import { isLngLatPair, isValidPolygonal, nonNegativeNumber, type NumberCheck } from '../input/features.ts';
import { FACILITY_TYPES, isFacilityType } from '../schema.ts';
import { facilityTypeLookup } from './fields.ts';
import { LAYER_NAMES } from './finish.ts';
import { mappedTable } from './population-table.ts';
import { decimalNumber } from './numbers.ts';
import { isUnsafeKey } from './properties.ts';
import { completeRegistration } from '../registration/registration-figures.ts';
import { FIELD_MAPPING_KEYS, type CapacityCounts, type FieldMappingKey, type FieldMapping, type LoadResult, type MappedLayer, type MappingOptions, type Role } from './types.ts';

/** Above these a value is a typo or garbage, and would swamp every total. */
const MAX_POPULATION = 1e9;
const MAX_CAPACITY = 1e7;
const MAX_CLASSES = 1e5;
/** Self-intersection checks are quadratic in ring size; larger rings are not checked. */
const MAX_KINK_CHECK_VERTICES = 5000;

/** A non-negative number; numeric text with thousands separators ("1,200") as Excel writes it. */
function amount(properties: Record<string, unknown>, field: string, max: number): NumberCheck {
  const raw = properties[field];
  // Text must be decimal notation: Number() would also read "0x10" as 16 and "0b11" as 3.
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isNaN(decimalNumber(raw.replace(/,/g, ''))) && !/^\s*[+-]?Infinity\s*$/.test(raw)) {
    return { ok: false, reason: `${field} is not a number (${JSON.stringify(raw)})` };
  }
  const grouped = typeof raw === 'string' && raw.includes(',') && /^\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*$/.test(raw);
  const check = nonNegativeNumber(grouped ? { [field]: raw.replace(/,/g, '') } : properties, field);
  if (check.ok && check.value > max) return { ok: false, reason: `${field} ${check.value} is implausibly large (over ${max.toLocaleString('en-US')})` };
  return check;
}

function isLine(g: Geometry): boolean {
  const lines: unknown[] = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  return Array.isArray(lines) && lines.length > 0 && lines.every((l) => Array.isArray(l) && l.length >= 2 && l.every(isLngLatPair));
}

function selfIntersection(g: Polygon | MultiPolygon): string | null {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  if (rings.reduce((n, r) => n + r.length, 0) > MAX_KINK_CHECK_VERTICES) return null;
  const hit = kinks(g).features[0];
  if (!hit) return null;
  const [x, y] = hit.geometry.coordinates;
  return `polygon crosses itself near (${x.toFixed(6)}, ${y.toFixed(6)}); kept, but its area and containment may be wrong`;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A fallback label (`feature 12`, `row 3`): warnings then add the feature's name when it has one. */
const FALLBACK_LABEL = /^(?:feature|row) \d+$/;

/** A usable id value: non-empty text or a finite number. */
const isIdValue = (v: unknown): v is string | number => (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));

/**
 * A feature's properties as the mapped layer has them: the file's own (unsafe keys left out),
 * `id` from the mapped id column (else the feature's label in the file) and `name` from the mapped
 * name column; and the label warnings name it by.
 */
export function schemaProperties(own: Record<string, unknown>, fileLabel: string, mapping: FieldMapping): { properties: Record<string, unknown>; label: string } {
  // Copied key by key: far faster than a spread once schema keys are added, and unsafe keys
  // are skipped even if a caller built the LoadResult itself.
  const props: Record<string, unknown> = {};
  for (const k in own) if (!isUnsafeKey(k)) props[k] = own[k];
  return withSchemaKeys(props, fileLabel, mapping);
}

/**
 * `schemaProperties` on an object of the caller's own, changed in place: a loader's table builds
 * a fresh object per feature with no unsafe key, so the copy would be waste.
 */
export function withSchemaKeys(props: Record<string, unknown>, fileLabel: string, mapping: FieldMapping): { properties: Record<string, unknown>; label: string } {
  const rawId = mapping.id ? props[mapping.id] : props.id;
  props.id = isIdValue(rawId) ? rawId : fileLabel;
  let label = mapping.id && isIdValue(rawId) ? String(rawId) : fileLabel;
  if (mapping.name && mapping.name !== 'name' && props[mapping.name] !== undefined) props.name = String(props[mapping.name] ?? '');
  // The name first: most rows have none, and the pattern is then never tried (millions of rows).
  if (typeof props.name === 'string' && props.name.trim() !== '' && FALLBACK_LABEL.test(label)) label = `${props.name.trim()} (${label})`;
  return { properties: props, label };
}

/** A zone's or its school's id as text (numbers as written, text trimmed); null when empty. */
const zoneText = (v: unknown): string | null =>
  typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;

/** The feature's own id value (the mapped id column, else its `id`), before a label stands in for it. */
const rawOwnId = (own: Record<string, unknown>, mapping: FieldMapping): unknown => (mapping.id ? own[mapping.id] : own.id);

/** Why a population row's figures cannot stand together (a group above the total, groups not adding up); the file is then refused naming the row. */
export type RegistrationRefusal = { refuse: string };

/**
 * A population feature's registration groups from their mapped columns (`mapping.registered`,
 * `mapping.migrants`), completed with its total by `completeRegistration`: sets `registered` and
 * `migrants` (numbers, or left unset when only the total is known) and, when no total column is
 * mapped, `population` as their sum. A group that is not a number is a reason to skip the row
 * (as a bad population is); figures that contradict each other are a `RegistrationRefusal`.
 */
export function registrationProblem(props: Record<string, unknown>, mapping: FieldMapping): string | RegistrationRefusal | null {
  if (!mapping.registered && !mapping.migrants) return null;
  const values: (number | null)[] = [];
  for (const field of [mapping.population, mapping.registered, mapping.migrants]) {
    if (!field || isEmpty(props[field])) {
      values.push(null);
      continue;
    }
    const check = amount(props, field, MAX_POPULATION);
    if (!check.ok) return check.reason;
    values.push(check.value);
  }
  const [population, registered, migrants] = values;
  const figures = completeRegistration({ population, registered, migrants });
  // A missing total skips the row as a missing population does; figures that contradict each other refuse the file.
  if ('error' in figures) return population === null ? figures.error : { refuse: figures.error };
  if (population === null) props.population = figures.population;
  if (figures.registered === null) {
    delete props.registered;
    delete props.migrants;
  } else {
    props.registered = figures.registered;
    props.migrants = figures.migrants;
  }
  return null;
}

/**
 * Why a feature cannot be a population feature (its population, then its geometry), or null when
 * it can: `props.population` is then the number of residents. Where the registration groups gave
 * the total (`registrationProblem`: no total column, or it is empty) `population` itself is read.
 */
export function populationProblem(props: Record<string, unknown>, g: Geometry | null, mapping: FieldMapping): string | null {
  return residentsProblem(props, mapping) ?? geometryProblem(g);
}

/** `populationProblem`'s part about the residents: sets `props.population` when they are fine. */
export function residentsProblem(props: Record<string, unknown>, mapping: FieldMapping): string | null {
  const fromGroups = (mapping.registered || mapping.migrants) && (!mapping.population || isEmpty(props[mapping.population]));
  const population = amount(props, fromGroups ? 'population' : mapping.population!, MAX_POPULATION);
  if (!population.ok) return population.reason;
  props.population = population.value;
  return null;
}

/** `populationProblem`'s part about the geometry. */
export function geometryProblem(g: Geometry | null): string | null {
  if (!g) return 'no geometry';
  if (g.type === 'Point') return isLngLatPair(g.coordinates) ? null : INVALID_POINT;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return isValidPolygonal(g) ? null : INVALID_POLYGON;
  return `unsupported geometry ${g.type} (expected Point, Polygon or MultiPolygon)`;
}

export const INVALID_POINT = 'invalid point coordinates';
export const INVALID_POLYGON = 'invalid polygon coordinates';

/**
 * Turns loaded features into schema features for one role: `population`, `capacity`, `classes`,
 * `type`, `name`, `id`, `migrant_share`, `class` are set from the mapped fields (numbers as
 * numbers, types as FacilityType), beside the file's own properties. Features that cannot serve
 * the role are skipped with a warning naming them and why; no NaN reaches the output.
 *
 * Facilities: the type comes from `options.typeValues`, else the built-in type words; an unknown
 * value skips the feature with a warning naming it. The capacity comes from the mapped column; a
 * feature whose capacity is empty keeps `capacity: null` when it has a class count (the engine
 * uses classes × the class size) or when `options.assumeCapacity` is 'standard' (flagged
 * `capacity_assumed: true`; the engine uses the standard size), and is skipped otherwise. When no
 * capacity column is mapped, or the mapped one is empty in every feature, the facilities are kept
 * with `capacity: null`: enough for coverage, not for allocation. `capacities` counts each case.
 *
 * A mapped column the file does not have, a mapping without a field the role needs, or a layer
 * with nothing usable left is an InputError (the last one lists the first reasons).
 */
export function applyMapping(
  result: LoadResult,
  role: Role,
  given: FieldMapping = result.suggestedMapping,
  options: MappingOptions = {},
): MappedLayer {
  const file = result.file;
  const layer = LAYER_NAMES[role];
  const columns = `the fields are: ${result.fields.join(', ') || 'none'}`;
  // An empty column name is no column ("none" in a form).
  const mapping: FieldMapping = {};
  // In the caller's order (the report lists them so), known keys only.
  for (const key of Object.keys(given).filter((k): k is FieldMappingKey => (FIELD_MAPPING_KEYS as readonly string[]).includes(k))) {
    const value = given[key];
    if (value === undefined || value === '') continue;
    // A zone file's columns mean nothing to other layers (a school file's SchoolID is no zone's school).
    if ((key === 'zone' || key === 'school') && role !== 'zones') continue;
    if (key === 'fixedType') {
      if (!isFacilityType(value)) throw new InputError(file, `unknown facility type ${JSON.stringify(value)} for every feature (known: ${FACILITY_TYPES.join(', ')})`);
      mapping.fixedType = value;
      continue;
    }
    if (typeof value !== 'string' || !result.fields.includes(value)) {
      throw new InputError(file, `no column ${JSON.stringify(value)} (chosen for ${key}) in this file (${columns})`);
    }
    mapping[key] = value;
  }
  const missingField = (what: string) => new InputError(file, `no ${what} field: choose the column that holds it (${columns})`);
  if (role === 'population' && !mapping.population && !(mapping.registered && mapping.migrants)) throw missingField('population');
  if (role === 'facilities' && !mapping.type && !mapping.fixedType) throw missingField('facility type');

  if (role === 'population' && result.grid && mapping.population === 'population') return mappedGrid(result, result.grid, mapping);
  if (role === 'population' && result.table) return mappedTable(result, result.table, mapping);
  const warnings: InputWarning[] = [...result.warnings];
  const skippedWarnings: InputWarning[] = [];
  const out: Feature<Geometry, Record<string, unknown>>[] = [];
  const seen = new Set<string>();
  const typeOf = facilityTypeLookup(options.typeValues);
  const assume = options.assumeCapacity === 'standard';
  const counts: CapacityCounts = { given: 0, fromClasses: 0, assumed: 0, none: 0, skipped: 0 };
  let capField = role === 'facilities' || role === 'candidates' ? mapping.capacity : undefined;
  if (role === 'facilities' && capField !== undefined && result.features.every((f) => isEmpty(f.properties[capField!]))) {
    warnings.push({ source: file, feature: 'all features', reason: `${capField} is empty in every feature: no capacities` });
    capField = undefined;
  }
  const classesField = role === 'facilities' ? mapping.classes : undefined;
  let label = '';
  // One closure for all features (not one each): this loop runs millions of times.
  const skip = (reason: string) => {
    const w = { source: file, feature: label, reason: `${reason}; skipped` };
    warnings.push(w);
    skippedWarnings.push(w);
  };
  const where = role === 'zones' ? (options.zoneWhere ?? []) : [];
  for (const w of where) if (!result.fields.includes(w.field)) throw new InputError(file, `no column ${JSON.stringify(w.field)} to filter the zones by (${columns})`);
  let filteredOut = 0;
  result.features.forEach((f, i) => {
    if (where.length > 0 && where.some((w) => zoneText(f.properties[w.field]) !== w.value.trim())) {
      filteredOut++;
      return;
    }
    const schema = schemaProperties(f.properties, result.labels[i] ?? `feature ${i + 1}`, mapping);
    const props = schema.properties;
    label = schema.label;
    let g = f.geometry;

    if (role === 'population') {
      const registration = registrationProblem(props, mapping);
      if (registration !== null && typeof registration !== 'string') throw new InputError(file, `${label}: ${registration.refuse}`);
      const reason = registration ?? populationProblem(props, g, mapping);
      if (reason !== null || !g) return skip(reason ?? 'no geometry');
    } else if (role === 'facilities' || role === 'candidates') {
      if (role === 'facilities') {
        const rawType = mapping.fixedType ?? props[mapping.type!];
        const type = typeOf(rawType);
        if (!type) {
          return skip(
            isEmpty(rawType) ? 'type is missing' : `unknown facility type ${JSON.stringify(rawType)} (known: ${FACILITY_TYPES.join(', ')})`,
          );
        }
        props.type = type;
      }
      if (!g) return skip('no geometry');
      if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
        // A campus outline stands for the facility at its area centroid.
        if (!isValidPolygonal(g)) return skip('invalid polygon coordinates');
        g = { type: 'Point', coordinates: [...areaCentroid(g)] };
      } else if (g.type !== 'Point') return skip(`geometry ${g.type} is not a Point`);
      else if (!isLngLatPair(g.coordinates)) return skip('invalid point coordinates');
      if (role === 'facilities') {
        const classes = classesField ? amount(props, classesField, MAX_CLASSES) : null;
        const hasClasses = classes !== null && classes.ok && classes.value > 0;
        if (hasClasses) props.classes = classes.value;
        if (capField && !isEmpty(props[capField])) {
          const capacity = amount(props, capField, MAX_CAPACITY);
          if (!capacity.ok) return skip(capacity.reason);
          if (capacity.value === 0) return skip('capacity is 0');
          props.capacity = capacity.value;
          counts.given++;
        } else if (hasClasses) {
          props.capacity = null;
          counts.fromClasses++;
        } else if (assume) {
          props.capacity = null;
          props.capacity_assumed = true;
          counts.assumed++;
        } else if (capField) {
          counts.skipped++;
          return skip(`no capacity (${capField} is empty)`);
        } else {
          props.capacity = null;
          counts.none++;
        }
      } else if (capField && !isEmpty(props[capField])) {
        const capacity = amount(props, capField, MAX_CAPACITY);
        if (!capacity.ok) return skip(capacity.reason);
        props.capacity = capacity.value;
      }
    } else if (role === 'roads') {
      if (!g) return skip('no geometry');
      if (!isLine(g)) return skip(g.type === 'LineString' || g.type === 'MultiLineString' ? 'invalid line coordinates' : `geometry ${g.type} is not a line`);
      if (mapping.class && mapping.class !== 'class') props.class = props[mapping.class];
    } else {
      // villages, exclusions, boundary: polygons.
      if (!g) return skip('no geometry');
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return skip(`geometry ${g.type} is not a polygon`);
      if (!isValidPolygonal(g)) return skip('invalid polygon coordinates');
      const kink = selfIntersection(g);
      if (kink) warnings.push({ source: file, feature: label, reason: kink });
      if (role === 'villages') {
        if (mapping.migrantShare && mapping.migrantShare !== 'migrant_share') props.migrant_share = props[mapping.migrantShare];
        if (mapping.population) {
          const population = amount(props, mapping.population, MAX_POPULATION);
          if (population.ok) props.population = population.value;
        }
      }
      if (role === 'zones') {
        const zone = zoneText(mapping.zone ? props[mapping.zone] : rawOwnId(f.properties, mapping));
        if (zone === null) return skip(`no zone id${mapping.zone ? ` (${mapping.zone} is empty)` : ''}`);
        props.zone = zone;
        props.school = mapping.school ? zoneText(props[mapping.school]) : null;
      }
      if (mapping.class && mapping.class !== 'class') props.class = props[mapping.class];
    }
    const id = String(props.id);
    if (seen.has(id)) warnings.push({ source: file, feature: label, reason: 'duplicate id: another feature has the same id; kept, but results for this id are ambiguous' });
    seen.add(id);
    out.push({ type: 'Feature', geometry: g, properties: props });
  });
  if (filteredOut > 0) {
    const kept = where.map((w) => `${w.field} = ${w.value.trim()}`).join(', ');
    if (out.length === 0 && skippedWarnings.length === 0) throw new InputError(file, `no zone has ${kept} (all ${filteredOut} left out by the filter)`);
    warnings.push({ source: file, feature: 'all features', reason: `${filteredOut} ${filteredOut === 1 ? 'zone' : 'zones'} without ${kept} left out by the filter` });
  }
  if (out.length === 0) throw noUsableFeatures(file, `${layer} features`, skippedWarnings, result.features.length);
  return {
    file,
    role,
    mapping,
    collection: { type: 'FeatureCollection', features: out },
    report: { read: result.report.read, used: out.length, skipped: result.report.skipped + skippedWarnings.length },
    warnings,
    ...(role === 'facilities' ? { capacities: counts } : {}),
  };
}

/**
 * A lon/lat population raster as the population layer: the grid itself, not a polygon per pixel.
 * Pixels above the population limit are left out with one warning, as features would be.
 */
function mappedGrid(result: LoadResult, grid: PopulationGrid, mapping: FieldMapping): MappedLayer {
  let over = 0;
  const residents = grid.residents.map((v) => {
    if (v <= MAX_POPULATION) return v;
    over++;
    return 0;
  });
  const warnings = [...result.warnings];
  if (over > 0) warnings.push({ source: result.file, feature: 'all features', reason: `${over} pixel${over === 1 ? '' : 's'} above ${MAX_POPULATION.toLocaleString('en-US')} residents; skipped` });
  const used = result.report.used - over;
  if (used === 0) throw new InputError(result.file, `no usable pixels: all ${result.report.used} are above ${MAX_POPULATION.toLocaleString('en-US')} residents`);
  return {
    file: result.file,
    role: 'population',
    mapping,
    collection: { type: 'FeatureCollection', features: [] },
    report: { read: result.report.read, used, skipped: result.report.skipped + over },
    warnings,
    grid: { ...grid, residents },
  };
}
