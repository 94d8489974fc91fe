/**
 * The synthetic demo district ("二七区 (synthetic demo)"): invented geometry at the real location
 * of Zhengzhou's Erqi District, calibrated to its published size (156.2 km², ≈1.06 million
 * residents). Pure and deterministic: the same seed gives the same files, byte for byte.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type {
  FacilityProperties,
  LandUseProperties,
  PopulationProperties,
  RoadProperties,
  UrbanVillageProperties,
} from '../../src/core/schema.ts';
import { makeBoundary } from './boundary.ts';
import { makeGrid } from './grid.ts';
import { makeLandUse, type LandZone } from './landuse.ts';
import { makeVillages, type Village } from './villages.ts';
import { makePopulation, type PopulationModel } from './population.ts';
import { makeRoads, type Road } from './roads.ts';
import { makeFacilities, type Facility } from './facilities.ts';
import { cellRing } from './cells.ts';
import { makeZones } from './zones.ts';
import { ringToLngLat, toLngLat, type Ring } from './geom.ts';

export const DEMO_SEED = 20250611;

/**
 * Migrants' share of the residents of cells outside urban villages: a round figure for the demo,
 * well below the villages' 0.45–0.9 (not a published statistic).
 */
export const MIGRANT_SHARE_OUTSIDE_VILLAGES = 0.2;

export const DEMO_FILES = [
  'demo-boundary.geojson',
  'demo-landuse.geojson',
  'demo-population.geojson',
  'demo-urban-villages.geojson',
  'demo-facilities.geojson',
  'demo-roads.geojson',
  'demo-zones.geojson',
] as const;

export interface DemoModel {
  boundary: Ring;
  land: LandZone[];
  villages: Village[];
  population: PopulationModel;
  roads: Road[];
  facilities: Facility[];
}

export function buildDemoModel(seed = DEMO_SEED): DemoModel {
  const boundary = makeBoundary(seed);
  const grid = makeGrid(seed);
  const land = makeLandUse(seed, boundary, grid);
  const villages = makeVillages(seed, boundary, grid, land);
  const population = makePopulation(seed, boundary, grid, land, villages);
  const roads = makeRoads(seed, boundary, grid, land, population.densityAt, villages.map((v) => v.ring));
  const facilities = makeFacilities(seed, boundary, land, villages.map((v) => v.ring), population.cells, roads);
  return { boundary, land, villages, population, roads, facilities };
}

function fc<G extends Polygon | MultiPolygon | Point | LineString, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

function polygonFeature<P>(properties: P, ring: Ring): Feature<Polygon, P> {
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ringToLngLat(ring)] } };
}

export function demoCollections(model: DemoModel): Record<string, FeatureCollection> {
  const { boundary, land, villages, population, roads, facilities } = model;

  const villagePop = villages.map(() => 0);
  for (const c of population.cells) if (c.village >= 0) villagePop[c.village] += c.population;

  const cells = population.cells.map((c) => {
    const ring = cellRing(c.row, c.col);
    const coords = ring.map(toLngLat);
    coords.push([coords[0][0], coords[0][1]]);
    // Residents by registration: a village cell's migrants follow its village's share, others a city-wide one.
    const migrants = Math.round(c.population * (c.village >= 0 ? villages[c.village].migrantShare : MIGRANT_SHARE_OUTSIDE_VILLAGES));
    const f: Feature<Polygon, PopulationProperties> = {
      type: 'Feature',
      properties: { id: c.id, population: c.population, registered: c.population - migrants, migrants },
      geometry: { type: 'Polygon', coordinates: [coords] },
    };
    return f;
  });

  return {
    'demo-boundary.geojson': fc([
      polygonFeature({ name: '二七区 (synthetic demo)', name_en: 'Erqi District (synthetic demo)' }, boundary),
    ]),
    'demo-landuse.geojson': fc(
      land.map((z) => polygonFeature<LandUseProperties>({ id: z.id, class: z.cls, name: z.name }, z.ring)),
    ),
    'demo-population.geojson': fc(cells),
    'demo-urban-villages.geojson': fc(
      villages.map((v, i) =>
        polygonFeature<UrbanVillageProperties>(
          { id: v.id, name: v.name, name_en: v.nameEn, population: villagePop[i], migrant_share: v.migrantShare },
          v.ring,
        ),
      ),
    ),
    'demo-facilities.geojson': fc(
      [...facilities]
        .sort((a, b) => typeRank(a) - typeRank(b) || (a.id < b.id ? -1 : 1))
        .map((f) => {
          const properties: FacilityProperties = {
            id: f.id,
            name: f.name,
            name_en: f.nameEn,
            type: f.type,
            capacity: f.capacity,
          };
          if (f.classes !== undefined) properties.classes = f.classes;
          const feature: Feature<Point, FacilityProperties> = {
            type: 'Feature',
            properties,
            geometry: { type: 'Point', coordinates: toLngLat(f.p) },
          };
          return feature;
        }),
    ),
    'demo-zones.geojson': fc(makeZones(population.cells, facilities)),
    'demo-roads.geojson': fc(
      roads.map((r) => {
        const properties: RoadProperties = { id: r.id, class: r.cls };
        if (r.name) properties.name = r.name;
        const coords = r.points.map(toLngLat).filter((c, i, a) => i === 0 || c[0] !== a[i - 1][0] || c[1] !== a[i - 1][1]);
        const feature: Feature<LineString, RoadProperties> = {
          type: 'Feature',
          properties,
          geometry: { type: 'LineString', coordinates: coords },
        };
        return feature;
      }),
    ),
  };
}

const TYPE_ORDER = ['kindergarten', 'primary', 'junior', 'health_station', 'health_centre'];
function typeRank(f: Facility): number {
  return TYPE_ORDER.indexOf(f.type);
}

/** All demo files, keyed by file name. */
export function generateDemoData(): Record<string, FeatureCollection> {
  return demoCollections(buildDemoModel(DEMO_SEED));
}

/** Compact JSON with one feature per line, so git diffs stay readable. */
export function serializeCollection(collection: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${collection.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
