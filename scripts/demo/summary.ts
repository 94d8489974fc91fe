/**
 * Summary statistics of the demo files, computed from the GeoJSON itself (as the app and the tests
 * see it): population by zone, coverage of village and other residents by primary schools within
 * 500 m (straight line), schools over capacity, facility counts and road lengths.
 */
import { area, booleanPointInPolygon, length } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon, Position } from 'geojson';

const R = 6_371_008.8;
const RAD = Math.PI / 180;
export function haversineM(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Centre of a square cell: mean of its four corners. */
export function cellCentreLngLat(f: Feature<Polygon>): Position {
  const r = f.geometry.coordinates[0];
  return [(r[0][0] + r[1][0] + r[2][0] + r[3][0]) / 4, (r[0][1] + r[1][1] + r[2][1] + r[3][1]) / 4];
}

/** A simple bucket grid over lon/lat points for radius queries. */
export class PointBuckets {
  private buckets = new Map<string, number[]>();
  constructor(
    private points: Position[],
    private sizeDeg = 0.006,
  ) {
    points.forEach((p, i) => {
      const k = `${Math.floor(p[0] / sizeDeg)},${Math.floor(p[1] / sizeDeg)}`;
      const arr = this.buckets.get(k);
      if (arr) arr.push(i);
      else this.buckets.set(k, [i]);
    });
  }
  /** Indices of points within `radiusM` of `p` (radius must be below ~550 m per bucket step). */
  within(p: Position, radiusM: number): number[] {
    const out: number[] = [];
    const steps = Math.ceil(radiusM / 500);
    const bx = Math.floor(p[0] / this.sizeDeg);
    const by = Math.floor(p[1] / this.sizeDeg);
    for (let dx = -steps; dx <= steps; dx++)
      for (let dy = -steps; dy <= steps; dy++)
        for (const i of this.buckets.get(`${bx + dx},${by + dy}`) ?? [])
          if (haversineM(p, this.points[i]) <= radiusM) out.push(i);
    return out;
  }
}

export interface DemoSummary {
  population: number;
  cells: number;
  areaKm2: number;
  facilities: Record<string, number>;
  villages: number;
  villageResidents: number;
  coverage500: { village: number; other: number; growth: number };
  overCapacityPrimary: number;
  spareCapacityPrimary: number;
  roadKm: Record<string, number>;
  roadFeatures: Record<string, number>;
}

export function summarize(files: Record<string, FeatureCollection>): DemoSummary {
  const boundary = files['demo-boundary.geojson'].features[0] as Feature<Polygon>;
  const cells = files['demo-population.geojson'].features as Feature<Polygon, { id: string; population: number }>[];
  const villages = files['demo-urban-villages.geojson'].features as Feature<Polygon, { population: number }>[];
  const facilities = files['demo-facilities.geojson'].features as Feature<Point, { type: string; capacity: number }>[];
  const roads = files['demo-roads.geojson'].features as Feature<LineString, { class: string }>[];

  const centres = cells.map(cellCentreLngLat);
  const inVillage = centres.map((c) => villages.some((v) => booleanPointInPolygon(c, v)));
  const primaries = facilities.filter((f) => f.properties.type === 'primary');
  const schoolIndex = new PointBuckets(primaries.map((f) => f.geometry.coordinates));
  const cellIndex = new PointBuckets(centres);

  // "growth": south-west of the origin, the new estates (for the summary only)
  const isGrowth = (c: Position) => c[0] < 113.615 && c[1] < 34.705 && c[1] > 34.665;
  const acc = { village: [0, 0], other: [0, 0], growth: [0, 0] };
  cells.forEach((f, i) => {
    const covered = schoolIndex.within(centres[i], 500).length > 0;
    const pop = f.properties.population;
    const key = inVillage[i] ? 'village' : 'other';
    acc[key][0] += pop;
    if (covered) acc[key][1] += pop;
    if (!inVillage[i] && isGrowth(centres[i])) {
      acc.growth[0] += pop;
      if (covered) acc.growth[1] += pop;
    }
  });
  let over = 0;
  let spare = 0;
  for (const s of primaries) {
    const residents = cellIndex.within(s.geometry.coordinates, 500).reduce((t, i) => t + cells[i].properties.population, 0);
    const pupils = (residents * 66) / 1000;
    if (pupils > s.properties.capacity) over++;
    else spare++;
  }
  const counts: Record<string, number> = {};
  for (const f of facilities) counts[f.properties.type] = (counts[f.properties.type] ?? 0) + 1;
  const roadKm: Record<string, number> = {};
  const roadFeatures: Record<string, number> = {};
  for (const r of roads) {
    roadKm[r.properties.class] = (roadKm[r.properties.class] ?? 0) + length(r, { units: 'kilometers' });
    roadFeatures[r.properties.class] = (roadFeatures[r.properties.class] ?? 0) + 1;
  }
  for (const k of Object.keys(roadKm)) roadKm[k] = Math.round(roadKm[k] * 10) / 10;
  return {
    population: cells.reduce((t, f) => t + f.properties.population, 0),
    cells: cells.length,
    areaKm2: Math.round((area(boundary) / 1e6) * 100) / 100,
    facilities: counts,
    villages: villages.length,
    villageResidents: villages.reduce((t, v) => t + v.properties.population, 0),
    coverage500: {
      village: acc.village[1] / acc.village[0],
      other: acc.other[1] / acc.other[0],
      growth: acc.growth[1] / acc.growth[0],
    },
    overCapacityPrimary: over,
    spareCapacityPrimary: spare,
    roadKm,
    roadFeatures,
  };
}
