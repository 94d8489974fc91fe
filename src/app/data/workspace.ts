import { bbox, bboxPolygon } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { gridBounds, gridTotals, type PopulationGrid } from '../../core/index.ts';
import { DISTRICT_LAYERS, type DistrictData, type DistrictLayer } from './district-data.ts';

export type Extent = [number, number, number, number];

/** Where a layer's features come from: the synthetic demo, a loaded file, the data's extent (a boundary drawn around them), or nowhere yet. */
export type LayerOrigin = 'demo' | 'file' | 'extent' | 'empty';

export interface WorkspaceLayer {
  layer: DistrictLayer;
  origin: LayerOrigin;
  /** The file it came from (`a.csv + b.csv` for facilities added from several). */
  file: string | null;
  features: number;
  /** A raster kept as a grid: `features` counts its populated pixels. */
  raster: boolean;
  extent: Extent | null;
  /** Lies wholly outside the population's extent: nothing in it can serve or be served. */
  apart: boolean;
}

const empty = <T extends FeatureCollection>(): T => ({ type: 'FeatureCollection', features: [] }) as unknown as T;

/** The bounding box of a collection, or null when it has no coordinates. */
export function extentOf(collection: FeatureCollection | undefined): Extent | null {
  if (!collection || collection.features.length === 0) return null;
  const box = bbox(collection);
  return box.every(Number.isFinite) ? [box[0], box[1], box[2], box[3]] : null;
}

/** The population as the engines take it: the raster's grid, or the features. */
export const populationOf = (data: DistrictData): PopulationGrid | DistrictData['population'] => data.populationGrid ?? data.population;

const populatedPixels = new WeakMap<PopulationGrid, number>();

/** How many features (or populated pixels) a layer holds. */
export function layerCount(data: DistrictData, layer: DistrictLayer): number {
  const grid = layer === 'population' ? data.populationGrid : undefined;
  if (!grid) return data[layer].features.length;
  let cells = populatedPixels.get(grid);
  if (cells === undefined) populatedPixels.set(grid, (cells = gridTotals(grid).cells));
  return cells;
}

/** A layer's extent: a raster's whole grid, or its features' box. */
export function layerExtent(data: DistrictData, layer: DistrictLayer): Extent | null {
  const grid = layer === 'population' ? data.populationGrid : undefined;
  return grid ? gridBounds(grid) : extentOf(data[layer]);
}

export const overlaps = (a: Extent, b: Extent): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

export function unionOf(extents: (Extent | null)[]): Extent | null {
  const known = extents.filter((e): e is Extent => e !== null);
  if (known.length === 0) return null;
  return [
    Math.min(...known.map((e) => e[0])),
    Math.min(...known.map((e) => e[1])),
    Math.max(...known.map((e) => e[2])),
    Math.max(...known.map((e) => e[3])),
  ];
}

/** A district with nothing in it: the start for a city of one's own. */
export function emptyDistrict(): DistrictData {
  return {
    demoLayers: [],
    layerFiles: {},
    files: { population: 'population', facilities: 'facilities', villages: 'villages' },
    boundary: empty(),
    population: empty(),
    villages: empty(),
    facilities: empty(),
    roads: empty(),
    landuse: empty(),
    zones: empty(),
  };
}

/** Every demo layer set aside: the user's layers stay, the synthetic ones are emptied. */
export function setAsideDemo(data: DistrictData): DistrictData {
  const next: DistrictData = { ...data, demoLayers: [] };
  for (const layer of data.demoLayers) next[layer] = empty();
  return withDefaultBoundary(next);
}

/**
 * Without a boundary of its own (or the demo's), the district is the extent of its data: the
 * population's, else every layer's.
 */
export function withDefaultBoundary(data: DistrictData): DistrictData {
  if (data.demoLayers.includes('boundary') || data.layerFiles.boundary) return data;
  const extent = layerExtent(data, 'population') ?? unionOf(DISTRICT_LAYERS.filter((l) => l !== 'boundary').map((l) => extentOf(data[l])));
  const boundary = extent ? ({ type: 'FeatureCollection', features: [bboxPolygon(extent)] } as DistrictData['boundary']) : empty<DistrictData['boundary']>();
  return { ...data, boundary };
}

/** User data that lie wholly outside the demo district mean another city: the demo must not mix in. */
export function outsideDemo(data: DistrictData, mine: Extent | null): boolean {
  if (!data.demoLayers.includes('boundary')) return false;
  const demo = extentOf(data.boundary);
  return demo !== null && mine !== null && !overlaps(demo, mine);
}

/** The district with one layer removed (emptied); a removed boundary falls back to the data's extent. */
export function removeLayer(data: DistrictData, layer: DistrictLayer): DistrictData {
  const { [layer]: _gone, ...layerFiles } = data.layerFiles;
  const next: DistrictData = { ...data, [layer]: empty(), demoLayers: data.demoLayers.filter((l) => l !== layer), layerFiles };
  if (layer === 'population') delete next.populationGrid;
  return withDefaultBoundary(next);
}

export function originOf(data: DistrictData, layer: DistrictLayer): LayerOrigin {
  if (layerCount(data, layer) === 0) return 'empty';
  if (data.demoLayers.includes(layer)) return 'demo';
  if (data.layerFiles[layer]) return 'file';
  return layer === 'boundary' ? 'extent' : 'file';
}

/** The layers as the workspace lists them: origin, file, count, extent, and whether each lies apart from the population. */
export function workspaceLayers(data: DistrictData): WorkspaceLayer[] {
  const population = layerExtent(data, 'population');
  return DISTRICT_LAYERS.map((layer) => {
    const extent = layerExtent(data, layer);
    return {
      layer,
      origin: originOf(data, layer),
      file: data.layerFiles[layer] ?? null,
      features: layerCount(data, layer),
      raster: layer === 'population' && data.populationGrid !== undefined,
      extent,
      apart: layer !== 'population' && layer !== 'boundary' && population !== null && extent !== null && !overlaps(population, extent),
    };
  });
}

/** Everything loaded, for "zoom to data": the population's extent, else every layer's. */
export function dataExtent(data: DistrictData): Extent | null {
  return layerExtent(data, 'population') ?? unionOf(DISTRICT_LAYERS.map((l) => extentOf(data[l])));
}
