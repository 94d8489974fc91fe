import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { polygonShape } from '../demand/polygon-shape.ts';
import { partAmounts, splitPolygon, splitsAt } from '../demand/split-polygon.ts';
import { InputError } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair, isValidPolygonal, nonNegativeNumber } from '../input/features.ts';
import type { LngLat } from '../types.ts';
import type { SitingProblem } from './problem.ts';
import type { SitingDemand, SitingResult, SitingSite } from './types.ts';

/** A feature read as a siting point, keeping the original id value (number or string). */
export interface SitingPoint {
  id: string;
  /** The `id` property as it was in the file, so outputs can echo it unchanged. */
  rawId: string | number;
  name?: string;
  /** The point, or the polygon's area centroid. */
  lngLat: LngLat;
  properties: Record<string, unknown>;
  /** Polygons: the geometry and its spread in metres (`polygonShape`), for splitting demand. */
  polygon?: Polygon | MultiPolygon;
  spreadM?: number;
}

/**
 * The thin geometry adapter: features → points (Point as is, Polygon/MultiPolygon at its area
 * centroid, `polygonShape`). Ids come from the `id` property (or the Feature id, or `feature N`); they must be
 * unique. Anything unusable is an InputError naming the file and the feature.
 */
export function readSitingPoints(value: unknown, source: string): SitingPoint[] {
  const features = featuresOf(value, source);
  if (features.length === 0) throw new InputError(source, 'no features');
  const seen = new Set<string>();
  return features.map((f, i) => {
    const label = featureLabel(f, i);
    const g = f.geometry;
    let lngLat: LngLat;
    let shape: { polygon?: Polygon | MultiPolygon; spreadM?: number } = {};
    if (g?.type === 'Point' && isLngLatPair(g.coordinates)) lngLat = [g.coordinates[0], g.coordinates[1]];
    else if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && isValidPolygonal(g)) {
      const s = polygonShape(g);
      lngLat = s.lngLat;
      shape = { polygon: g, spreadM: s.spreadM };
    } else throw new InputError(source, `${label}: needs a Point or Polygon geometry with lon/lat coordinates, got ${g ? g.type : 'none'}`);
    if (seen.has(label)) throw new InputError(source, `${label}: duplicate id`);
    seen.add(label);
    const raw = f.properties.id ?? f.id;
    const name = typeof f.properties.name === 'string' ? f.properties.name : undefined;
    return { id: label, rawId: typeof raw === 'number' || typeof raw === 'string' ? raw : label, name, lngLat, properties: f.properties, ...shape };
  });
}

/**
 * Demand points with weights from `weightField`; without one, `weight` or `population` when every
 * feature has it, else 1 each. Given the coverage radius `splitRadiusM`, a polygon whose spread
 * exceeds a quarter of it is split by area as in the evaluation (`splitPolygon`): one demand point
 * per part at its area centroid, id `ID#k`, the weight shared by area.
 */
export function toDemand(points: SitingPoint[], source: string, weightField?: string, splitRadiusM?: number): SitingDemand[] {
  const field =
    weightField ?? ['weight', 'population'].find((k) => points.every((p) => p.properties[k] !== undefined && p.properties[k] !== null));
  return points.flatMap((p): SitingDemand[] => {
    let weight = 1;
    if (field) {
      const v = nonNegativeNumber(p.properties, field);
      if (!v.ok) throw new InputError(source, `${p.id}: ${v.reason}`);
      weight = v.value;
    }
    const name = p.name ?? p.id;
    if (splitRadiusM === undefined || !p.polygon || !(weight > 0) || !splitsAt(p.spreadM ?? 0, splitRadiusM)) {
      return [{ id: p.id, name, weight, lngLat: p.lngLat }];
    }
    const parts = splitPolygon(p.polygon, splitRadiusM);
    const weights = partAmounts(weight, parts);
    return parts.map((part, k) => ({
      id: parts.length === 1 ? p.id : `${p.id}#${k + 1}`,
      name: parts.length === 1 ? name : `${name} (part ${k + 1} of ${parts.length})`,
      weight: weights[k],
      lngLat: part.lngLat,
    }));
  });
}

/** Sites with an optional capacity (seats) from `capacityField`. */
export function toSites(points: SitingPoint[], source: string, capacityField?: string): SitingSite[] {
  return points.map((p) => {
    const site: SitingSite = { id: p.id, name: p.name, lngLat: p.lngLat };
    if (capacityField && p.properties[capacityField] !== undefined) {
      const v = nonNegativeNumber(p.properties, capacityField);
      if (!v.ok) throw new InputError(source, `${p.id}: ${v.reason}`);
      site.capacity = v.value;
    }
    return site;
  });
}

export interface ProposalProperties {
  id: string | number;
  rank: number;
  /** Marginal objective improvement when added in rank order. */
  gain: number;
  /** Demand weight assigned to this site. */
  served: number;
  model: string;
  [key: string]: unknown;
}

/** The chosen sites as GeoJSON points (rank, marginal gain, weight served), input properties kept. */
export function proposalsGeoJSON(result: SitingResult, problem: SitingProblem, candidates: SitingPoint[]): FeatureCollection<Point, ProposalProperties> {
  const served = new Map<string, number>();
  result.assignment.forEach((site, u) => {
    if (site !== null) served.set(site, (served.get(site) ?? 0) + problem.weights[u]);
  });
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const features: Feature<Point, ProposalProperties>[] = result.selected.map((id, k) => {
    const c = byId.get(id);
    if (!c) throw new Error(`selected site ${id} is not a candidate`);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lngLat[0], c.lngLat[1]] },
      properties: { ...c.properties, id: c.rawId, rank: k + 1, gain: result.perSiteGain[k], served: served.get(id) ?? 0, model: result.model },
    };
  });
  return { type: 'FeatureCollection', features };
}
