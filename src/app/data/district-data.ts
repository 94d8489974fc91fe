import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { PopulationGrid } from '../../core/index.ts';
import type {
  FacilityProperties,
  LandUseProperties,
  PopulationProperties,
  RoadProperties,
  UrbanVillageProperties,
} from '../../core/schema.ts';
import boundaryUrl from '../../../data/geo/demo-boundary.geojson?url';
import populationUrl from '../../../data/geo/demo-population.geojson?url';
import villagesUrl from '../../../data/geo/demo-urban-villages.geojson?url';
import facilitiesUrl from '../../../data/geo/demo-facilities.geojson?url';
import roadsUrl from '../../../data/geo/demo-roads.geojson?url';
import landuseUrl from '../../../data/geo/demo-landuse.geojson?url';
import zonesUrl from '../../../data/geo/demo-zones.geojson?url';

/** The layers a district is made of; each is the demo's until the user loads a file for it. */
export const DISTRICT_LAYERS = ['population', 'villages', 'facilities', 'roads', 'landuse', 'boundary', 'zones'] as const;
export type DistrictLayer = (typeof DISTRICT_LAYERS)[number];

/** Everything drawn for one district. */
export interface DistrictData {
  /** Layers still holding generated demo data: the UI must say they are synthetic. */
  demoLayers: DistrictLayer[];
  /** The file each layer loaded by the user came from (no entry: demo, empty, or the boundary drawn around the data). */
  layerFiles: Partial<Record<DistrictLayer, string>>;
  /** File each evaluated layer came from, so warnings name it. */
  files: { population: string; facilities: string; villages: string };
  boundary: FeatureCollection<Polygon | MultiPolygon>;
  population: FeatureCollection<Polygon | MultiPolygon, PopulationProperties>;
  /** A population raster kept as a grid, in place of `population` (then empty): a city's million pixels as one typed array. */
  populationGrid?: PopulationGrid;
  villages: FeatureCollection<Polygon | MultiPolygon, UrbanVillageProperties>;
  facilities: FeatureCollection<Point, FacilityProperties>;
  roads: FeatureCollection<LineString, RoadProperties>;
  landuse: FeatureCollection<Polygon | MultiPolygon, LandUseProperties>;
  /** Official attendance zones (学区): polygons with `zone` (the zone's id) and `school` (its school's id, or null). */
  zones: FeatureCollection<Polygon | MultiPolygon, { zone: string; school: string | null } & Record<string, unknown>>;
  /** The user's candidate sites for new facilities, when loaded (otherwise a grid is generated). */
  candidates?: FeatureCollection;
}

async function fetchJson<T>(url: string, label: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${label}: HTTP ${response.status} ${response.statusText}`);
  try {
    return (await response.json()) as T;
  } catch (err) {
    throw new Error(`${label}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Loads the synthetic Erqi demo district bundled from data/geo. */
export async function loadDemoDistrict(): Promise<DistrictData> {
  const [boundary, population, villages, facilities, roads, landuse, zones] = await Promise.all([
    fetchJson<DistrictData['boundary']>(boundaryUrl, 'demo-boundary.geojson'),
    fetchJson<DistrictData['population']>(populationUrl, 'demo-population.geojson'),
    fetchJson<DistrictData['villages']>(villagesUrl, 'demo-urban-villages.geojson'),
    fetchJson<DistrictData['facilities']>(facilitiesUrl, 'demo-facilities.geojson'),
    fetchJson<DistrictData['roads']>(roadsUrl, 'demo-roads.geojson'),
    fetchJson<DistrictData['landuse']>(landuseUrl, 'demo-landuse.geojson'),
    fetchJson<DistrictData['zones']>(zonesUrl, 'demo-zones.geojson'),
  ]);
  return {
    demoLayers: [...DISTRICT_LAYERS],
    layerFiles: {},
    files: { population: 'demo-population.geojson', facilities: 'demo-facilities.geojson', villages: 'demo-urban-villages.geojson' },
    boundary,
    population,
    villages,
    facilities,
    roads,
    landuse,
    zones,
  };
}
