/**
 * Invariants of the committed synthetic demo district in data/geo (see data/geo/README.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { area, bbox, booleanIntersects, booleanPointInPolygon, booleanWithin, distance, kinks } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon, Position } from 'geojson';
import { FACILITY_TYPES, isFacilityType, type FacilityType } from '../../src/core/schema.ts';
import { generateDemoData } from '../../scripts/demo/generate.ts';
import { PointBuckets, cellCentreLngLat } from '../../scripts/demo/summary.ts';

const dir = new URL('../../data/geo/', import.meta.url);
const FILES = [
  'demo-boundary.geojson',
  'demo-landuse.geojson',
  'demo-population.geojson',
  'demo-urban-villages.geojson',
  'demo-facilities.geojson',
  'demo-roads.geojson',
  'demo-zones.geojson',
];
function load(name: string): FeatureCollection {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as FeatureCollection;
}
const files = Object.fromEntries(FILES.map((f) => [f, load(f)])) as Record<string, FeatureCollection>;

const boundary = files['demo-boundary.geojson'].features[0] as Feature<Polygon, { name: string; name_en: string }>;
const landuse = files['demo-landuse.geojson'].features as Feature<Polygon, { id: string; class: string; name: string }>[];
const cells = files['demo-population.geojson'].features as Feature<Polygon, { id: string; population: number; registered: number; migrants: number }>[];
const villages = files['demo-urban-villages.geojson'].features as Feature<
  Polygon,
  { id: string; name: string; name_en: string; population: number; migrant_share: number }
>[];
const facilities = files['demo-facilities.geojson'].features as Feature<
  Point,
  { id: string; name: string; name_en: string; type: FacilityType; capacity: number; classes?: number }
>[];
const roads = files['demo-roads.geojson'].features as Feature<LineString, { id: string; class: string; name?: string }>[];

const centres = cells.map(cellCentreLngLat);
const landBoxes = landuse.map((z) => bbox(z));
const villageBoxes = villages.map((v) => bbox(v));
const inBox = (p: Position, b: number[]) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
const villageOf = centres.map((c) => villages.findIndex((v, k) => inBox(c, villageBoxes[k]) && booleanPointInPolygon(c, v)));

describe('demo boundary', () => {
  it('is one polygon of 156.2 km² ± 3 % around 113.62 E, 34.72 N, named as synthetic', () => {
    expect(files['demo-boundary.geojson'].features).toHaveLength(1);
    expect(boundary.properties.name).toContain('synthetic');
    expect(kinks(boundary).features).toHaveLength(0);
    const km2 = area(boundary) / 1e6;
    expect(Math.abs(km2 - 156.2) / 156.2).toBeLessThan(0.03);
    const [x0, y0, x1, y1] = bbox(boundary);
    expect(Math.abs((x0 + x1) / 2 - 113.62)).toBeLessThan(0.03);
    expect(Math.abs((y0 + y1) / 2 - 34.72)).toBeLessThan(0.03);
    expect(y1 - y0).toBeGreaterThan(1.5 * (x1 - x0) * Math.cos((34.72 * Math.PI) / 180)); // elongated N–S
  });
});

describe('ids', () => {
  it('are unique in every file', () => {
    for (const name of FILES.slice(1)) {
      const ids = files[name].features.map((f) => (f.properties as { id: string }).id);
      expect(ids.every((id) => typeof id === 'string' && id.length > 0), name).toBe(true);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
  });
});

describe('land use', () => {
  it('has parks, water, rail and industry', () => {
    const classes = new Set(landuse.map((z) => z.properties.class));
    expect([...classes].sort()).toEqual(['industry', 'park', 'rail', 'water']);
    const parks = landuse.filter((z) => z.properties.class === 'park');
    expect(parks.length).toBeGreaterThanOrEqual(4);
    for (const p of parks) {
      const km2 = area(p) / 1e6;
      expect(km2).toBeGreaterThanOrEqual(0.1);
      expect(km2).toBeLessThanOrEqual(2);
    }
  });
});

describe('population cells', () => {
  it('sum to 1,060,000 residents ± 2 %', () => {
    const total = cells.reduce((t, f) => t + f.properties.population, 0);
    expect(Math.abs(total - 1_060_000) / 1_060_000).toBeLessThan(0.02);
    for (const f of cells) {
      expect(Number.isInteger(f.properties.population)).toBe(true);
      expect(f.properties.population).toBeGreaterThan(0);
    }
  });

  it('are 150 m squares with centres inside the boundary', () => {
    cells.forEach((f, i) => {
      const r = f.geometry.coordinates[0];
      expect(r).toHaveLength(5);
      expect(r[4]).toEqual(r[0]);
      const w = distance(r[0], r[1], { units: 'meters' });
      const h = distance(r[1], r[2], { units: 'meters' });
      expect(Math.abs(w - 150)).toBeLessThan(2);
      expect(Math.abs(h - 150)).toBeLessThan(2);
      expect(booleanPointInPolygon(centres[i], boundary)).toBe(true);
    });
  });

  it('have no centre in a park, water, rail or industry polygon', () => {
    let bad = 0;
    centres.forEach((c) => {
      landuse.forEach((z, k) => {
        if (inBox(c, landBoxes[k]) && booleanPointInPolygon(c, z)) bad++;
      });
    });
    expect(bad).toBe(0);
  });
});

describe('urban villages', () => {
  it('are at least 25 valid polygons inside the boundary, off land use and each other', () => {
    expect(villages.length).toBeGreaterThanOrEqual(25);
    villages.forEach((v, k) => {
      const ring = v.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(kinks(v).features).toHaveLength(0);
      expect(booleanWithin(v, boundary)).toBe(true);
      const km2 = area(v) / 1e6;
      expect(km2).toBeGreaterThanOrEqual(0.08);
      expect(km2).toBeLessThanOrEqual(0.6);
      expect(v.properties.migrant_share).toBeGreaterThanOrEqual(0);
      expect(v.properties.migrant_share).toBeLessThanOrEqual(1);
      expect(v.properties.name.length).toBeGreaterThan(0);
      expect(v.properties.name_en).toMatch(/^[A-Z][a-z']+$/);
      for (const z of landuse) expect(booleanIntersects(v, z), `${v.properties.id} / ${z.properties.id}`).toBe(false);
      for (let j = k + 1; j < villages.length; j++) expect(booleanIntersects(v, villages[j])).toBe(false);
    });
  });

  it('have population equal to the residents of the cells whose centre lies inside', () => {
    const sums = villages.map(() => 0);
    villageOf.forEach((k, i) => {
      if (k >= 0) sums[k] += cells[i].properties.population;
    });
    villages.forEach((v, k) => {
      expect(Number.isInteger(v.properties.population)).toBe(true);
      expect(v.properties.population, v.properties.id).toBe(sums[k]);
    });
  });
});

describe('residents by registration', () => {
  it('every cell: registered + migrants = population, both whole and ≥ 0', () => {
    for (const f of cells) {
      const { population, registered, migrants } = f.properties;
      expect(Number.isInteger(registered) && Number.isInteger(migrants), f.properties.id).toBe(true);
      expect(registered, f.properties.id).toBeGreaterThanOrEqual(0);
      expect(migrants, f.properties.id).toBeGreaterThanOrEqual(0);
      expect(registered + migrants, f.properties.id).toBe(population);
    }
  });

  it('migrants follow the village’s migrant_share for cells whose centre lies in it, 0.2 elsewhere', () => {
    // The village by centre-in-polygon (turf), independent of the generator's own assignment.
    villageOf.forEach((k, i) => {
      const { population, migrants, id } = cells[i].properties;
      const share = k >= 0 ? villages[k].properties.migrant_share : 0.2;
      expect(migrants, id).toBe(Math.round(population * share));
    });
    // Villages hold a far larger share of migrants than the rest of the district.
    const sum = (inVillage: boolean, key: 'population' | 'migrants') => cells.reduce((t, f, i) => t + ((villageOf[i] >= 0) === inVillage ? f.properties[key] : 0), 0);
    expect(sum(true, 'migrants') / sum(true, 'population')).toBeGreaterThan(0.45);
    expect(Math.abs(sum(false, 'migrants') / sum(false, 'population') - 0.2)).toBeLessThan(0.001);
  });
});

describe('facilities', () => {
  const classSize: Partial<Record<FacilityType, number>> = { primary: 45, junior: 50, kindergarten: 30 };
  const targets: Record<FacilityType, number> = {
    primary: 60,
    junior: 25,
    kindergarten: 60,
    health_centre: 10,
    health_station: 40,
  };

  it('have valid types, lie inside the boundary, outside land use and villages', () => {
    for (const f of facilities) {
      expect(isFacilityType(f.properties.type), f.properties.id).toBe(true);
      const p = f.geometry.coordinates;
      expect(booleanPointInPolygon(p, boundary)).toBe(true);
      for (const z of landuse) expect(booleanPointInPolygon(p, z)).toBe(false);
      for (const v of villages) expect(booleanPointInPolygon(p, v)).toBe(false);
      expect(f.properties.name.length).toBeGreaterThan(0);
      expect(f.properties.name_en.length).toBeGreaterThan(0);
    }
  });

  it('schools have classes × class size seats; clinics a positive daily capacity', () => {
    for (const f of facilities) {
      const { type, capacity, classes } = f.properties;
      const size = classSize[type];
      if (size !== undefined) {
        expect(Number.isInteger(classes)).toBe(true);
        expect(classes!).toBeGreaterThan(0);
        expect(capacity).toBe(classes! * size);
      } else {
        expect(classes).toBeUndefined();
        expect(capacity).toBeGreaterThan(0);
      }
    }
  });

  it('come in the target numbers per type ± 20 %', () => {
    for (const type of FACILITY_TYPES) {
      const n = facilities.filter((f) => f.properties.type === type).length;
      expect(Math.abs(n - targets[type]) / targets[type], type).toBeLessThanOrEqual(0.2);
    }
  });

  const primaries = facilities.filter((f) => f.properties.type === 'primary');

  it('leave urban-village residents underserved: ≥ 15 points less often within 500 m of a primary school', () => {
    const schools = new PointBuckets(primaries.map((f) => f.geometry.coordinates));
    const acc = { village: [0, 0], other: [0, 0] };
    cells.forEach((f, i) => {
      const key = villageOf[i] >= 0 ? 'village' : 'other';
      acc[key][0] += f.properties.population;
      if (schools.within(centres[i], 500).length > 0) acc[key][1] += f.properties.population;
    });
    const village = acc.village[1] / acc.village[0];
    const other = acc.other[1] / acc.other[0];
    expect(other - village).toBeGreaterThanOrEqual(0.15);
  });

  it('include at least 5 primary schools with more pupils within 500 m than seats', () => {
    const index = new PointBuckets(centres);
    let over = 0;
    let spare = 0;
    for (const s of primaries) {
      const residents = index.within(s.geometry.coordinates, 500).reduce((t, i) => t + cells[i].properties.population, 0);
      if ((residents * 66) / 1000 > s.properties.capacity) over++;
      else spare++;
    }
    expect(over).toBeGreaterThanOrEqual(5);
    expect(spare).toBeGreaterThanOrEqual(5);
  });
});

describe('roads', () => {
  const key = (p: Position) => `${p[0]},${p[1]}`;

  it('have a valid class and at least two vertices', () => {
    for (const r of roads) {
      expect(['arterial', 'secondary', 'local']).toContain(r.properties.class);
      expect(r.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    }
    for (const cls of ['arterial', 'secondary', 'local']) expect(roads.some((r) => r.properties.class === cls)).toBe(true);
  });

  it('connect: ≥ 95 % of local-road end points are vertices of another road', () => {
    const owners = new Map<string, Set<number>>();
    roads.forEach((r, i) => {
      for (const p of r.geometry.coordinates) {
        const k = key(p);
        let s = owners.get(k);
        if (!s) owners.set(k, (s = new Set()));
        s.add(i);
      }
    });
    let ends = 0;
    let shared = 0;
    roads.forEach((r, i) => {
      if (r.properties.class !== 'local') return;
      const c = r.geometry.coordinates;
      for (const p of [c[0], c[c.length - 1]]) {
        ends++;
        if ([...owners.get(key(p))!].some((j) => j !== i)) shared++;
      }
    });
    expect(ends).toBeGreaterThan(0);
    expect(shared / ends).toBeGreaterThanOrEqual(0.95);
  });

  it('cross only at shared vertices', () => {
    // Segments in a bucket grid; any proper crossing of two roads' segments is an error.
    type Seg = { r: number; a: Position; b: Position };
    const segs: Seg[] = [];
    roads.forEach((road, r) => {
      const c = road.geometry.coordinates;
      for (let i = 0; i + 1 < c.length; i++) segs.push({ r, a: c[i], b: c[i + 1] });
    });
    const size = 0.004;
    const buckets = new Map<string, number[]>();
    segs.forEach((s, i) => {
      for (let x = Math.floor(Math.min(s.a[0], s.b[0]) / size); x <= Math.floor(Math.max(s.a[0], s.b[0]) / size); x++)
        for (let y = Math.floor(Math.min(s.a[1], s.b[1]) / size); y <= Math.floor(Math.max(s.a[1], s.b[1]) / size); y++) {
          const k = `${x},${y}`;
          const arr = buckets.get(k);
          if (arr) arr.push(i);
          else buckets.set(k, [i]);
        }
    });
    const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
    let crossings = 0;
    for (const arr of buckets.values())
      for (let i = 0; i < arr.length; i++)
        for (let j = i + 1; j < arr.length; j++) {
          const s = segs[arr[i]];
          const t = segs[arr[j]];
          if (s.r === t.r) continue;
          const o1 = orient(s.a, s.b, t.a);
          const o2 = orient(s.a, s.b, t.b);
          const o3 = orient(t.a, t.b, s.a);
          const o4 = orient(t.a, t.b, s.b);
          if (o1 * o2 < 0 && o3 * o4 < 0) crossings++;
        }
    expect(crossings).toBe(0);
  });

  it('stay out of parks and the reservoir (they may end at their edge)', () => {
    const blocked = landuse.filter(
      (z) => z.properties.class === 'park' || (z.properties.class === 'water' && !z.properties.name.endsWith('河')),
    );
    const boxes = blocked.map((z) => bbox(z));
    let inside = 0;
    for (const r of roads) {
      const c = r.geometry.coordinates;
      for (let i = 0; i + 1 < c.length; i++) {
        const m = [(c[i][0] + c[i + 1][0]) / 2, (c[i][1] + c[i + 1][1]) / 2];
        blocked.forEach((z, k) => {
          if (inBox(m, boxes[k]) && booleanPointInPolygon(m, z)) inside++;
        });
      }
    }
    expect(inside).toBe(0);
  });
});

describe('demo attendance zones', () => {
  const zones = files['demo-zones.geojson'].features as Feature<Polygon, { zone: string; school: string; name: string }>[];
  const primary = facilities.filter((f) => f.properties.type === 'primary');
  it('hold every cell centre in exactly one zone, the zone of its nearest primary school', () => {
    const boxes = zones.map((z) => bbox(z));
    let misplaced = 0;
    centres.forEach((c) => {
      const holding = zones.filter((z, k) => inBox(c, boxes[k]) && booleanPointInPolygon(c, z));
      expect(holding).toHaveLength(1);
      const d = (f: (typeof primary)[number]) => distance(c, f.geometry.coordinates, { units: 'meters' });
      const nearest = Math.min(...primary.map(d));
      // The generator measures on its plane, this on the sphere: a school as near within a metre is as good.
      if (d(primary.find((f) => f.properties.id === holding[0].properties.school)!) > nearest + 1) misplaced++;
    });
    expect(misplaced).toBe(0);
  });
  it('name each zone after its school, once', () => {
    expect(new Set(zones.map((z) => z.properties.school)).size).toBe(zones.length);
    for (const z of zones) {
      const school = primary.find((f) => f.properties.id === z.properties.school)!;
      expect([z.properties.zone, z.properties.name]).toEqual([`Z-${school.properties.id}`, `${school.properties.name}学区`]);
    }
  });
});

describe('determinism', () => {
  it('generateDemoData() reproduces the committed files', () => {
    const generated = JSON.parse(JSON.stringify(generateDemoData())) as Record<string, FeatureCollection>;
    expect(Object.keys(generated).sort()).toEqual([...FILES].sort());
    for (const name of FILES) expect(generated[name], name).toEqual(files[name]);
  });
});
