import type { InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair } from '../input/features.ts';
import type { LngLat } from '../types.ts';

/** Values of a `crossing` property that mean "not a crossing" (OSM uses crossing=no). */
const NOT_A_CROSSING = new Set(['no', 'false', '0', '']);

/**
 * Pedestrian crossings from a Point layer: every point whose `crossing` property is present and
 * not no/false/0 (OSM style: crossing=zebra, traffic_signals, yes…). Other geometries are skipped
 * with a warning; points without the property are not crossings.
 */
export function readCrossingPoints(layer: unknown, source = 'crossings'): { points: LngLat[]; warnings: InputWarning[] } {
  const points: LngLat[] = [];
  const warnings: InputWarning[] = [];
  featuresOf(layer, source).forEach((f, i) => {
    const raw = f.properties.crossing;
    if (raw === undefined || raw === null || raw === false || NOT_A_CROSSING.has(String(raw).trim().toLowerCase())) return;
    const g = f.geometry;
    if (!g || g.type !== 'Point' || !isLngLatPair(g.coordinates)) {
      warnings.push({ source, feature: featureLabel(f, i), reason: `a crossing must be a Point with [longitude, latitude] (got ${g ? g.type : 'no geometry'}): skipped` });
      return;
    }
    points.push([g.coordinates[0], g.coordinates[1]]);
  });
  if (points.length === 0) warnings.push({ source, feature: 'layer', reason: 'no Point has a `crossing` property: no marked crossings' });
  return { points, warnings };
}
