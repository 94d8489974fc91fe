import { area, booleanPointInPolygon, centroid } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildDemandCells, evaluate, geodesicRule, haversineM, readPopulation, readSitingPoints, readUrbanVillages, toDemand, type LngLat } from '../../../src/core/index.ts';
import { polygonShape } from '../../../src/core/demand/polygon-shape.ts';
import { partAmounts, splitPolygon, splitsAt } from '../../../src/core/demand/split-polygon.ts';
import { cellsByFeature } from '../../../src/core/evaluate/feature-rows.ts';
import { cellFeatures } from '../../../src/core/export/index.ts';
import { readInput } from '../expect-fixture.ts';

/*
 * The fixtures (test/fixtures/core/demand/in) are drawn in metres east and north of
 * (113.65° E, 34.75° N) and written as lon/lat with the sphere of radius 6,371,008.8 m: north
 * y m is y / K degrees of latitude, east x m is x / (K cos φ) degrees of longitude, φ the middle
 * latitude of the shape (K = 6,371,008.8 × π / 180 m per degree). `metres` undoes that, so every
 * expected value below is the plain geometry of rectangles, worked by hand.
 */
const LON0 = 113.65;
const LAT0 = 34.75;
const K = (6_371_008.8 * Math.PI) / 180;
const latOf = (yM: number) => LAT0 + yM / K;
const metres = (p: readonly number[], midYM: number): [number, number] => [(p[0] - LON0) * K * Math.cos((latOf(midYM) * Math.PI) / 180), (p[1] - LAT0) * K];
const at = (x: number, y: number, midYM: number): LngLat => [LON0 + x / (K * Math.cos((latOf(midYM) * Math.PI) / 180)), latOf(y)];

type Shape = Polygon | MultiPolygon;
const geometryOf = (name: string): Shape => ((readInput('demand', name) as FeatureCollection).features[0] as Feature<Shape>).geometry;
const vertexAverage = (g: Shape) => centroid(g).geometry.coordinates;

/** Radius of gyration of a union of disjoint rectangles [x0, y0, x1, y1] (m), minus holes: parallel axes. */
function gyration(rects: [number, number, number, number, sign: 1 | -1][]): { cx: number; cy: number; spread: number } {
  let a = 0;
  let sx = 0;
  let sy = 0;
  let s2 = 0;
  for (const [x0, y0, x1, y1, sign] of rects) {
    const w = x1 - x0;
    const h = y1 - y0;
    const ar = sign * w * h;
    const mx = (x0 + x1) / 2;
    const my = (y0 + y1) / 2;
    a += ar;
    sx += ar * mx;
    sy += ar * my;
    s2 += ar * ((w * w + h * h) / 12 + mx * mx + my * my);
  }
  const cx = sx / a;
  const cy = sy / a;
  return { cx, cy, spread: Math.sqrt(s2 / a - cx * cx - cy * cy) };
}

const school = (id: string, lngLat: LngLat, capacity = 10_000) => ({
  type: 'Feature',
  properties: { id, name: id, type: 'primary', capacity },
  geometry: { type: 'Point', coordinates: [lngLat[0], lngLat[1]] },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('a population polygon stands at its area centroid', () => {
  it('400 m block with a densely digitised east edge: centre (0, 0), the vertex average 180 m east', () => {
    const g = geometryOf('dense-edge-block.geojson');
    // Corners (±200, ±200) and 36 more vertices on the east edge x = 200, symmetric about y = 0:
    // vertex average x = (2 × −200 + 38 × 200) / 40 = 180, y = 0. The area centroid is the centre.
    const old = metres(vertexAverage(g), 0);
    expect(old[0]).toBeCloseTo(180, 6);
    expect(old[1]).toBeCloseTo(0, 6);
    const [x, y] = metres(polygonShape(g).lngLat, 0);
    expect(x).toBeCloseTo(0, 6);
    expect(y).toBeCloseTo(0, 6);
    // Spread of a square of side s: s / √6.
    expect(polygonShape(g).spreadM).toBeCloseTo(400 / Math.sqrt(6), 3);
    const read = readPopulation(fc((readInput('demand', 'dense-edge-block.geojson') as FeatureCollection).features[0])).features[0];
    expect(metres(read.lngLat, 0)[0]).toBeCloseTo(0, 6);
  });

  it('L shape: the rectangles’ centroids weighted by their areas', () => {
    const g = geometryOf('l-shape.geojson');
    // 300 × 100 (centroid 150, 50) and 100 × 200 on its west end (centroid 50, 200):
    // x = (30,000 × 150 + 20,000 × 50) / 50,000 = 110; y = (30,000 × 50 + 20,000 × 200) / 50,000 = 110.
    const [x, y] = metres(polygonShape(g).lngLat, 150);
    expect(x).toBeCloseTo(110, 6);
    expect(y).toBeCloseTo(110, 6);
    const [vx, vy] = metres(vertexAverage(g), 150);
    expect(vx).toBeCloseTo(800 / 6, 6); // (0 + 300 + 300 + 100 + 100 + 0) / 6
    expect(vy).toBeCloseTo(800 / 6, 6);
    const hand = gyration([
      [0, 0, 300, 100, 1],
      [0, 100, 100, 300, 1],
    ]);
    expect(hand.cx).toBeCloseTo(110, 9);
    expect(polygonShape(g).spreadM).toBeCloseTo(hand.spread, 3);
  });

  it('MultiPolygon: parts weighted by area', () => {
    const g = geometryOf('multipolygon.geojson');
    // 100 m square (centroid 50, 50; 10,000 m²) and 200 m square (400, 100; 40,000 m²):
    // x = (50 + 4 × 400) / 5 = 330, y = (50 + 4 × 100) / 5 = 90. The vertex average is (225, 75).
    const [x, y] = metres(polygonShape(g).lngLat, 100);
    expect(x).toBeCloseTo(330, 6);
    expect(y).toBeCloseTo(90, 6);
    const [vx, vy] = metres(vertexAverage(g), 100);
    expect(vx).toBeCloseTo(225, 6);
    expect(vy).toBeCloseTo(75, 6);
    const hand = gyration([
      [0, 0, 100, 100, 1],
      [300, 0, 500, 200, 1],
    ]);
    expect(polygonShape(g).spreadM).toBeCloseTo(hand.spread, 3);
  });

  it('polygon with a hole: the hole’s area taken away, whichever way the rings wind', () => {
    const g = geometryOf('holed.geojson') as Polygon;
    // 300 m square (150, 150; 90,000 m²) less a 100 m hole at (200, 150):
    // x = (90,000 × 150 − 10,000 × 200) / 80,000 = 143.75, y = 150. Vertex average x = 175.
    const [x, y] = metres(polygonShape(g).lngLat, 150);
    expect(x).toBeCloseTo(143.75, 6);
    expect(y).toBeCloseTo(150, 6);
    expect(metres(vertexAverage(g), 150)[0]).toBeCloseTo(175, 6);
    const hand = gyration([
      [0, 0, 300, 300, 1],
      [150, 100, 250, 200, -1],
    ]);
    expect(polygonShape(g).spreadM).toBeCloseTo(hand.spread, 3);
    // Both rings wound the other way, or the same way: the same answer.
    const reversed: Polygon = { type: 'Polygon', coordinates: g.coordinates.map((r) => [...r].reverse()) };
    const sameWay: Polygon = { type: 'Polygon', coordinates: [g.coordinates[0], [...g.coordinates[1]].reverse()] };
    for (const other of [reversed, sameWay]) {
      const [ox, oy] = metres(polygonShape(other).lngLat, 150);
      expect(ox).toBeCloseTo(143.75, 6);
      expect(oy).toBeCloseTo(150, 6);
    }
  });

  it('the siting adapter reads polygons at the same point', () => {
    const points = readSitingPoints(readInput('demand', 'l-shape.geojson'), 'l-shape.geojson');
    const [x, y] = metres(points[0].lngLat, 150);
    expect(x).toBeCloseTo(110, 6);
    expect(y).toBeCloseTo(110, 6);
  });
});

describe('a concave polygon', () => {
  // A U 100 m wide and 1,000 m tall: a base 100 × 100 and two prongs 30 m wide (x 0–30, 70–100)
  // up to y = 1,000, 64,000 m² in all.
  const g = geometryOf('u-shape.geojson');
  const U: [number, number, number, number, 1][] = [
    [0, 0, 100, 100, 1],
    [0, 100, 30, 1000, 1],
    [70, 100, 100, 1000, 1],
  ];

  it('keeps its area centroid even where it falls in the gap between the prongs', () => {
    // y = (10,000 × 50 + 54,000 × 550) / 64,000 = 471.875, x = 50: between the prongs.
    const { lngLat, spreadM } = polygonShape(g);
    const [x, y] = metres(lngLat, 500);
    expect(x).toBeCloseTo(50, 6);
    expect(y).toBeCloseTo(471.875, 6);
    expect(booleanPointInPolygon([lngLat[0], lngLat[1]], g)).toBe(false);
    expect(spreadM).toBeCloseTo(gyration(U).spread, 2);
  });

  it('split at 1,000 m (spread > 250 m) into 5 rows of 200 m, each prong row one part with both prongs', () => {
    expect(gyration(U).spread).toBeGreaterThan(250);
    // Width 100 m < 200 m: one column; height 1,000 m: 5 rows. Row 0 holds the base and the prongs
    // up to y = 200 (10,000 + 6,000 m²), rows 1–4 two prong pieces of 30 × 200 (12,000 m²).
    const parts = splitPolygon(g, 1000);
    const rows = parts.map((p) => ({ y: metres(p.lngLat, 500)[1], x: metres(p.lngLat, 500)[0], share: p.share })).sort((a, b) => a.y - b.y);
    expect(rows).toHaveLength(5);
    // Row 0: y = (10,000 × 50 + 6,000 × 150) / 16,000 = 87.5.
    expect(rows[0].y).toBeCloseTo(87.5, 3);
    expect(rows[0].share).toBeCloseTo(16 / 64, 4);
    rows.slice(1).forEach((r, k) => {
      expect(r.x).toBeCloseTo(50, 3);
      expect(r.y).toBeCloseTo(300 + 200 * k, 3);
      expect(r.share).toBeCloseTo(12 / 64, 4);
    });
    // A village over the west half (x < 50) holds half of every part: one prong, half the base.
    const { villages } = readUrbanVillages(readInput('demand', 'u-shape-village.geojson'));
    const { features } = readPopulation(readInput('demand', 'u-shape.geojson'));
    const cells = buildDemandCells(features, villages, { usersPer1000: 66, radiusM: 1000 });
    expect(cells).toHaveLength(5);
    for (const c of cells) {
      expect(c.villageShare).toBeCloseTo(0.5, 6);
      expect(c.villageId).toBe('W');
    }
    expect(cells.reduce((s, c) => s + c.residents, 0)).toBe(6400);
  });
});

describe('coverage of the 400 m block', () => {
  const population = readInput('demand', 'dense-edge-block.geojson');
  /** Distances from the block's vertex average, turf's `centroid` (the rule before). */
  const [vx, vy] = vertexAverage(geometryOf('dense-edge-block.geojson'));
  const vertexRule = () => geodesicRule([[vx, vy]]);

  it('unsplit at 700 m (spread 163.3 m ≤ 700 / 4): a school 800 m east of the centre does not cover it', () => {
    // Vertex average 800 − 180 = 620 m from the school (within 700 m); the centre 800 m (beyond).
    const facilities = fc(school('E', at(800, 0, 0)));
    const options = { type: 'primary' as const, overrides: { radiusM: 700 } };
    const now = evaluate({ population, facilities }, options);
    expect(now.cells).toHaveLength(1);
    expect(now.summary.coveragePct).toBe(0);
    expect(now.cells[0].nearestDistanceM).toBeNull();
    const before = evaluate({ population, facilities }, { ...options, distanceRule: vertexRule });
    expect(before.summary.coveragePct).toBe(100);
    expect(before.cells[0].nearestDistanceM).toBeCloseTo(620, 0);
  });

  it('split at 500 m (163.3 m > 125 m) into 16 squares of 100 m: a school 600 m east covers the 4 nearest', () => {
    // Part centres at x, y ∈ {−150, −50, 50, 150}. From (600, 0): the x = 150 column is 450 m away
    // in x, at √(450² + 50²) = 452.8 m and √(450² + 150²) = 474.3 m: covered; the x = 50 column is
    // 550 m away: not. 4 of 16 equal parts: 25.0 % (the vertex average, 420 m away, said 100 %).
    const site = at(600, 0, 0);
    expect(haversineM([vx, vy], site)).toBeCloseTo(420, 0);
    expect(haversineM(polygonShape(geometryOf('dense-edge-block.geojson')).lngLat, site)).toBeCloseTo(600, 0);
    const facilities = fc(school('E', site));
    const result = evaluate({ population, facilities }, { type: 'primary' });
    expect(result.cells).toHaveLength(16);
    expect(result.cells.every((c) => c.featureIndex === 0)).toBe(true);
    // 1,600 / 16, shared by area on the sphere: a southern row is 2·10⁻⁵ larger than a northern one.
    for (const c of result.cells) expect(c.residents).toBeCloseTo(100, 2);
    const covered = result.cells.filter((c) => c.covered).map((c) => metres(c.lngLat, 0).map((v) => Math.round(v)));
    expect(covered.sort((a, b) => a[1] - b[1])).toEqual([
      [150, -150],
      [150, -50],
      [150, 50],
      [150, 150],
    ]);
    expect(result.summary.coveragePct).toBe(25);
  });
});

describe('a polygon large for the radius is split by area', () => {
  const population = readInput('demand', 'long-block.geojson');
  const g = geometryOf('long-block.geojson');

  it('3 km × 1 km at 500 m: 30 × 10 parts of 100 m, residents shared by area, summing to 3,000 exactly', () => {
    // Spread √((3,000² + 1,000²) / 12) = 912.9 m > 500 / 4.
    expect(polygonShape(g).spreadM).toBeCloseTo(Math.sqrt((3000 ** 2 + 1000 ** 2) / 12), 2);
    expect(splitsAt(polygonShape(g).spreadM, 500)).toBe(true);
    const parts = splitPolygon(g, 500);
    expect(parts).toHaveLength(300);
    // Shares proportional to the parts' areas (turf's, on the sphere), each 100 m × 100 m by hand.
    const areas = parts.map((p) => area(p.polygon));
    const total = areas.reduce((s, a) => s + a, 0);
    parts.forEach((p, k) => expect(p.share).toBeCloseTo(areas[k] / total, 12));
    for (const a of areas) expect(a / 10_000).toBeCloseTo(1, 3);
    const amounts = partAmounts(3000, parts);
    expect(amounts.reduce((s, r) => s + r, 0)).toBe(3000);

    const { features } = readPopulation(population);
    const cells = buildDemandCells(features, [], { usersPer1000: 66, radiusM: 500 });
    expect(cells).toHaveLength(300);
    expect(cells.reduce((s, c) => s + c.residents, 0)).toBe(3000);
    for (const c of cells) expect(c.residents).toBeCloseTo(10, 2);
    expect(new Set(cells.map((c) => c.id)).size).toBe(300);
    expect(cells.every((c) => c.featureIndex === 0 && /^long#\d+$/.test(c.id))).toBe(true);
    // Each part stands at its own centre: (50 + 100 i, 50 + 100 j).
    const centres = cells.map((c) => metres(c.lngLat, 500).map((v) => Math.round(v * 1000) / 1000)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(centres).toEqual(Array.from({ length: 300 }, (_, n) => [50 + 100 * Math.floor(n / 10), 50 + 100 * (n % 10)]));
    // Not split where the radius is unknown, nor at 4 km (912.9 m ≤ 1,000 m).
    expect(buildDemandCells(features, [], { usersPer1000: 66 })).toHaveLength(1);
    expect(buildDemandCells(features, [], { usersPer1000: 66, radiusM: 4000 })).toHaveLength(1);
  });

  it('a school at the west end covers the hand-counted share of the parts', () => {
    const schoolAt: [number, number] = [0, 500];
    let count = 0;
    let margin = Infinity;
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 10; j++) {
        const d = Math.hypot(50 + 100 * i - schoolAt[0], 50 + 100 * j - schoolAt[1]);
        if (d <= 500) count++;
        margin = Math.min(margin, Math.abs(d - 500));
      }
    }
    // By column: x = 50 and 150 all 10 (farthest √(150² + 450²) = 474.3 m); x = 250 and 350 the 8
    // with |y − 500| ≤ 350 (farthest √(350² + 350²) = 495.0 m); x = 450 the 4 with |y − 500| ≤ 150.
    expect(count).toBe(10 + 10 + 8 + 8 + 4);
    expect(margin).toBeGreaterThan(4); // no centre near the circle: planar and great-circle agree
    const result = evaluate({ population, facilities: fc(school('W', at(schoolAt[0], schoolAt[1], 500))) }, { type: 'primary' });
    expect(result.summary.residents).toBe(3000);
    expect(result.summary.pupils).toBe(198);
    expect(result.summary.coveragePct).toBe(Math.round((count / 300) * 1000) / 10);
    const coveredUsers = result.cells.filter((c) => c.covered).reduce((s, c) => s + c.users, 0);
    expect(coveredUsers).toBeCloseTo((count / 300) * 198, 6);
    // Before: one point at the middle, 1,500 m from the school: nothing covered.
    const whole = evaluate({ population, facilities: fc(school('W', at(schoolAt[0], schoolAt[1], 500))) }, { type: 'primary', overrides: { radiusM: 4000 } });
    expect(whole.cells).toHaveLength(1);
    expect(whole.cells[0].nearestDistanceM).toBeCloseTo(1500, 0);
  });

  it('joins the parts back into one row per input feature, summing them', () => {
    const small = {
      type: 'Feature',
      properties: { id: 'small', population: 100 },
      geometry: { type: 'Polygon', coordinates: [[at(-300, 0, 50), at(-200, 0, 50), at(-200, 100, 50), at(-300, 100, 50), at(-300, 0, 50)]] },
    };
    const both = fc(small, (population as FeatureCollection).features[0]);
    const result = evaluate({ population: both, facilities: fc(school('W', at(0, 500, 500), 50)) }, { type: 'primary' });
    expect(result.cells).toHaveLength(301);
    const rows = cellsByFeature(result.cells);
    expect(rows.map((r) => [r.id, r.featureIndex])).toEqual([
      ['small', 0],
      ['long', 1],
    ]);
    expect(rows[0]).toBe(result.cells[0]);
    const parts = result.cells.slice(1);
    const sum = (f: (c: (typeof parts)[number]) => number) => parts.reduce((s, c) => s + f(c), 0);
    expect(rows[1].residents).toBe(3000);
    expect(rows[1].users).toBe(sum((c) => c.users));
    expect(rows[1].served).toBe(sum((c) => c.served));
    expect(rows[1].unserved).toBe(sum((c) => c.unserved));
    expect(rows[1].served + rows[1].unserved).toBeCloseTo(198, 9);
    expect(rows[1].covered).toBe(true);
    expect(rows[1].nearestDistanceM).toBe(Math.min(...parts.map((c) => c.nearestDistanceM ?? Infinity)));
    expect(rows[1].servedById).toBe('W');
    // The parts' points weighted by residents: the middle (9 mm south, as the southern parts are
    // larger on the sphere by up to 10⁻⁴).
    const [x, y] = metres(rows[1].lngLat, 500);
    expect(x).toBeCloseTo(1500, 3);
    expect(y).toBeCloseTo(500, 1);
    // The export: one row per input feature, with the feature's own geometry and properties.
    const exported = cellFeatures(result, both);
    expect(exported.map((f) => [f.properties.id, f.properties.population, f.properties.residents, f.geometry?.type])).toEqual([
      ['small', 100, 100, 'Polygon'],
      ['long', 3000, 3000, 'Polygon'],
    ]);
  });

  it('the optimizer’s demand from a polygon file splits the same way at the coverage radius', () => {
    const points = readSitingPoints(population, 'long-block.geojson');
    const whole = toDemand(points, 'long-block.geojson');
    expect(whole).toHaveLength(1);
    expect(metres(whole[0].lngLat!, 500).map((v) => Math.round(v))).toEqual([1500, 500]);
    const demand = toDemand(points, 'long-block.geojson', undefined, 500);
    expect(demand).toHaveLength(300);
    expect(demand.reduce((s, d) => s + d.weight, 0)).toBe(3000);
    expect(demand[0]).toMatchObject({ id: 'long#1', name: 'long (part 1 of 300)' });
    const ids = demand.map((d) => d.id);
    expect(new Set(ids).size).toBe(300);
  });
});
