import type { MultiPolygon, Polygon } from 'geojson';
import { InputError, noUsableFeatures, type InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair, isValidPolygonal, nonNegativeNumber } from '../input/features.ts';
import type { LngLat } from '../types.ts';
import { polygonShape } from './polygon-shape.ts';
import { checkPopulationGrid, isPopulationGrid, pixelCentre, pixelId, type PopulationGrid } from './population-grid.ts';
import { isPopulationTable, type PopulationTable } from './population-table.ts';

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

/** Population features one at a time: an array, or a table's features built as they are asked for. */
export interface PopulationFeatureList {
  readonly length: number;
  at(k: number): PopulationFeature | undefined;
  /** The table the features come from (feature k is its row k), when they come from one. */
  readonly table?: PopulationTable;
}

/**
 * A population table's features, each built when asked for and dropped after (a million cells'
 * features never exist at once): the polygon only for polygons, whose split and village shares
 * need it.
 */
function tableFeatureList(table: PopulationTable): PopulationFeatureList {
  return {
    length: table.count,
    table,
    at(k) {
      if (!(k >= 0 && k < table.count)) return undefined;
      const lngLat: LngLat = [table.lng[k], table.lat[k]];
      if (table.polygonal[k] !== 1) return { id: table.ids.get(k), featureIndex: k, lngLat, population: table.population[k], polygon: null };
      const polygon = table.geometry(k) as Polygon | MultiPolygon;
      return { id: table.ids.get(k), featureIndex: k, lngLat, population: table.population[k], polygon, spreadM: table.spreadM[k] };
    },
  };
}

/**
 * `readPopulation` for the engine: a population table (`PopulationTable`) gives its features one
 * at a time rather than as an array of them all.
 */
export function readPopulationFeatures(
  collection: unknown,
  source = 'population',
): { features: PopulationFeatureList; warnings: InputWarning[]; grid?: PopulationGrid } {
  if (isPopulationTable(collection)) return { features: tableFeatureList(collection), warnings: [] };
  return readPopulation(collection, source);
}

/**
 * A raster's populated pixels as features at their centres (`featureIndex` = the pixel's row-major
 * index), with the grid itself, which tags villages by exact pixel shares (`gridVillageShares`).
 */
function readPopulationGrid(grid: PopulationGrid, source: string): { features: PopulationFeature[]; warnings: InputWarning[]; grid: PopulationGrid } {
  checkPopulationGrid(grid, source);
  const features: PopulationFeature[] = [];
  const { residents } = grid;
  for (let i = 0; i < residents.length; i++) {
    const population = residents[i];
    if (population > 0) features.push({ id: pixelId(grid, i), featureIndex: i, lngLat: pixelCentre(grid, i), population, polygon: null });
  }
  if (features.length === 0) throw new InputError(source, 'no pixel of the raster has residents');
  return { features, warnings: [], grid };
}

/**
 * Reads population features (Point, or Polygon / MultiPolygon at its area centroid), a raster
 * kept as a `PopulationGrid`, or a population mapped into a `PopulationTable`. A feature with a
 * missing, non-numeric, negative or NaN population, or an unusable geometry, is skipped with a
 * warning naming it; no usable feature at all is an InputError.
 */
export function readPopulation(
  collection: unknown,
  source = 'population',
): { features: PopulationFeature[]; warnings: InputWarning[]; grid?: PopulationGrid } {
  if (isPopulationGrid(collection)) return readPopulationGrid(collection, source);
  if (isPopulationTable(collection)) {
    const list = tableFeatureList(collection);
    return { features: Array.from({ length: list.length }, (_, k) => list.at(k)!), warnings: [] };
  }
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
