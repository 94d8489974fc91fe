import { kinks } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { InputError, type InputWarning } from '../errors.ts';
import { areaCentroid } from '../demand/polygon-shape.ts';
import { isLngLatPair, isValidPolygonal, nonNegativeNumber, type NumberCheck } from '../input/features.ts';
import { FACILITY_TYPES } from '../schema.ts';
import { facilityTypeOf } from './fields.ts';
import { LAYER_NAMES } from './finish.ts';
import { isUnsafeKey } from './properties.ts';
import type { FieldMapping, LoadResult, MappedLayer, Role } from './types.ts';

/** Above these a value is a typo or garbage, and would swamp every total. */
const MAX_POPULATION = 1e9;
const MAX_CAPACITY = 1e7;
/** Self-intersection checks are quadratic in ring size; larger rings are not checked. */
const MAX_KINK_CHECK_VERTICES = 5000;

/** A non-negative number; numeric text with thousands separators ("1,200") as Excel writes it. */
function amount(properties: Record<string, unknown>, field: string, max: number): NumberCheck {
  const raw = properties[field];
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

/**
 * Turns loaded features into schema features for one role: `population`, `capacity`, `type`,
 * `name`, `id`, `migrant_share`, `class` are set from the mapped fields (numbers as numbers, types
 * as FacilityType), beside the file's own properties. Features that cannot serve the role are
 * skipped with a warning naming them and why; no NaN reaches the output. A mapping without a field
 * the role needs, or a layer with nothing usable left, is an InputError.
 */
export function applyMapping(result: LoadResult, role: Role, mapping: FieldMapping = result.suggestedMapping): MappedLayer {
  const file = result.file;
  const layer = LAYER_NAMES[role];
  const missingField = (what: string) =>
    new InputError(file, `no ${what} field: choose the column that holds it (the fields are: ${result.fields.join(', ') || 'none'})`);
  if (role === 'population' && !mapping.population) throw missingField('population');
  if (role === 'facilities' && !mapping.capacity) throw missingField('capacity (seats, or visits a day)');
  if (role === 'facilities' && !mapping.type && !mapping.fixedType) throw missingField('facility type');

  const warnings: InputWarning[] = [...result.warnings];
  const out: Feature<Geometry, Record<string, unknown>>[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let label = '';
  // One closure for all features (not one each): this loop runs millions of times.
  const skip = (reason: string) => {
    skipped++;
    warnings.push({ source: file, feature: label, reason: `${reason}; skipped` });
  };
  result.features.forEach((f, i) => {
    label = result.labels[i] ?? `feature ${i + 1}`;
    // Copied key by key: far faster than a spread once schema keys are added, and unsafe keys
    // are skipped even if a caller built the LoadResult itself.
    const props: Record<string, unknown> = {};
    for (const k in f.properties) if (!isUnsafeKey(k)) props[k] = f.properties[k];
    const rawId = mapping.id ? props[mapping.id] : props.id;
    props.id = (typeof rawId === 'string' && rawId.trim() !== '') || (typeof rawId === 'number' && Number.isFinite(rawId)) ? rawId : label;
    if (mapping.name && mapping.name !== 'name' && props[mapping.name] !== undefined) props.name = String(props[mapping.name] ?? '');
    let g = f.geometry;

    if (role === 'population') {
      const population = amount(props, mapping.population!, MAX_POPULATION);
      if (!population.ok) return skip(population.reason);
      props.population = population.value;
      if (!g) return skip('no geometry');
      if (g.type === 'Point') {
        if (!isLngLatPair(g.coordinates)) return skip('invalid point coordinates');
      } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
        if (!isValidPolygonal(g)) return skip('invalid polygon coordinates');
      } else return skip(`unsupported geometry ${g.type} (expected Point, Polygon or MultiPolygon)`);
    } else if (role === 'facilities' || role === 'candidates') {
      if (role === 'facilities') {
        const rawType = mapping.fixedType ?? props[mapping.type!];
        const type = facilityTypeOf(rawType);
        if (!type) {
          return skip(
            rawType === undefined || rawType === null || rawType === ''
              ? 'type is missing'
              : `unknown facility type ${JSON.stringify(rawType)} (known: ${FACILITY_TYPES.join(', ')})`,
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
      const capField = mapping.capacity;
      if (capField && (role === 'facilities' || (props[capField] !== undefined && props[capField] !== ''))) {
        const capacity = amount(props, capField, MAX_CAPACITY);
        if (!capacity.ok) return skip(capacity.reason.replace(new RegExp(`^${capField} is missing$`), 'no capacity (seats or visits a day)'));
        if (role === 'facilities' && capacity.value === 0) return skip('capacity is 0');
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
      if (mapping.class && mapping.class !== 'class') props.class = props[mapping.class];
    }
    const id = String(props.id);
    if (seen.has(id)) warnings.push({ source: file, feature: label, reason: 'duplicate id: another feature has the same id; kept, but results for this id are ambiguous' });
    seen.add(id);
    out.push({ type: 'Feature', geometry: g, properties: props });
  });
  if (out.length === 0) throw new InputError(file, `no usable ${layer} features (all ${result.features.length} skipped)`);
  return {
    file,
    role,
    mapping,
    collection: { type: 'FeatureCollection', features: out },
    report: { read: result.report.read, used: out.length, skipped: result.report.skipped + skipped },
    warnings,
  };
}
