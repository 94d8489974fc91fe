import type { MultiPolygon, Polygon } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair, isValidPolygonal, nonNegativeNumber } from '../input/features.ts';
import type { LngLat } from '../types.ts';
import { polygonShape } from './polygon-shape.ts';

/** One usable population feature: residents at a point, with its polygon when it had one. */
export interface PopulationFeature {
  id: string;
  /** Index of the feature in its FeatureCollection, so results can be joined back to the input. */
  featureIndex: number;
  /** The point itself, or the polygon's area centroid (`polygonShape`). */
  lngLat: LngLat;
  /** Residents (persons) as given, before any growth factor. */
  population: number;
  /** Kept for polygons so a cell straddling an urban-village boundary can be split by area. */
  polygon: Polygon | MultiPolygon | null;
  /**
   * Polygons: the radius of gyration in metres (`polygonShape`), which decides whether the polygon
   * is split where the service radius is known (`buildDemandCells`). Points, or not given: 0.
   */
  spreadM?: number;
}

/**
 * Reads population features (Point, or Polygon / MultiPolygon at its area centroid). A feature with a
 * missing, non-numeric, negative or NaN population, or an unusable geometry, is skipped with a
 * warning naming it; no usable feature at all is an InputError.
 */
export function readPopulation(
  collection: unknown,
  source = 'population',
): { features: PopulationFeature[]; warnings: InputWarning[] } {
  const raw = featuresOf(collection, source);
  if (raw.length === 0) throw new InputError(source, 'no features: the population layer is empty');
  const features: PopulationFeature[] = [];
  const warnings: InputWarning[] = [];
  raw.forEach((f, i) => {
    const label = featureLabel(f, i);
    const skip = (reason: string) => warnings.push({ source, feature: label, reason: `${reason}; skipped` });
    const population = nonNegativeNumber(f.properties, 'population');
    if (!population.ok) return skip(population.reason);
    const g = f.geometry;
    if (!g) return skip('no geometry');
    if (g.type === 'Point') {
      if (!isLngLatPair(g.coordinates)) return skip('invalid point coordinates');
      features.push({ id: label, featureIndex: i, lngLat: [g.coordinates[0], g.coordinates[1]], population: population.value, polygon: null });
    } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      if (!isValidPolygonal(g)) return skip('invalid polygon coordinates');
      const shape = polygonShape(g);
      features.push({ id: label, featureIndex: i, lngLat: shape.lngLat, population: population.value, polygon: g, spreadM: shape.spreadM });
    } else {
      return skip(`unsupported geometry ${g.type} (expected Point, Polygon or MultiPolygon)`);
    }
  });
  if (features.length === 0) throw noUsableFeatures(source, 'population features', warnings, raw.length);
  return { features, warnings };
}
