import { centroid } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
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
  lngLat: LngLat;
  properties: Record<string, unknown>;
}

/**
 * The thin geometry adapter: features → points (Point as is, Polygon/MultiPolygon by turf's
 * centroid). Ids come from the `id` property (or the Feature id, or `feature N`); they must be
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
    if (g?.type === 'Point' && isLngLatPair(g.coordinates)) lngLat = [g.coordinates[0], g.coordinates[1]];
    else if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && isValidPolygonal(g)) {
      const c = centroid(g).geometry.coordinates;
      lngLat = [c[0], c[1]];
    } else throw new InputError(source, `${label}: needs a Point or Polygon geometry with lon/lat coordinates, got ${g ? g.type : 'none'}`);
    if (seen.has(label)) throw new InputError(source, `${label}: duplicate id`);
    seen.add(label);
    const raw = f.properties.id ?? f.id;
    const name = typeof f.properties.name === 'string' ? f.properties.name : undefined;
    return { id: label, rawId: typeof raw === 'number' || typeof raw === 'string' ? raw : label, name, lngLat, properties: f.properties };
  });
}

/**
 * Demand points with weights from `weightField`; without one, `weight` or `population` when every
 * feature has it, else 1 each.
 */
export function toDemand(points: SitingPoint[], source: string, weightField?: string): SitingDemand[] {
  const field =
    weightField ?? ['weight', 'population'].find((k) => points.every((p) => p.properties[k] !== undefined && p.properties[k] !== null));
  return points.map((p) => {
    let weight = 1;
    if (field) {
      const v = nonNegativeNumber(p.properties, field);
      if (!v.ok) throw new InputError(source, `${p.id}: ${v.reason}`);
      weight = v.value;
    }
    return { id: p.id, name: p.name ?? p.id, weight, lngLat: p.lngLat };
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
