import { convex, featureCollection, point, polygon as turfPolygon, multiPolygon, union } from '@turf/turf';
import type { Feature, MultiPoint, MultiPolygon, Point, Polygon } from 'geojson';
import type { ZoneDesignProblem } from './design-problem.ts';

/** A zone's outline: its cells dissolved (polygon cells), or the hull of its points (a point or two: those points). */
export type ZoneOutline = Polygon | MultiPolygon | Point | MultiPoint;

/**
 * The outline of each school's zone, from its cells (`cellSchool`: each cell's school index, -1
 * none): polygon cells are dissolved into one (Multi)Polygon with turf's `union`; point cells give
 * their convex hull. Null for a school without cells.
 */
export function zoneOutlines(problem: ZoneDesignProblem, cellSchool: Int32Array): (ZoneOutline | null)[] {
  const bySchool: number[][] = problem.schools.map(() => []);
  cellSchool.forEach((s, c) => s >= 0 && bySchool[s].push(c));
  return bySchool.map((cells): ZoneOutline | null => {
    if (cells.length === 0) return null;
    const polygons = cells.map((c) => problem.cellPolygons[c]);
    if (polygons.every((p) => p !== null)) {
      if (polygons.length === 1) return polygons[0];
      const parts: Feature<Polygon | MultiPolygon>[] = polygons.map((p) => (p.type === 'Polygon' ? turfPolygon(p.coordinates) : multiPolygon(p.coordinates)));
      return union(featureCollection(parts))?.geometry ?? null;
    }
    const points = cells.map((c) => problem.cells[c].lngLat);
    if (points.length >= 3) {
      const hull = convex(featureCollection(points.map((p) => point([p[0], p[1]]))));
      if (hull) return hull.geometry;
    }
    return points.length === 1 ? { type: 'Point', coordinates: [points[0][0], points[0][1]] } : { type: 'MultiPoint', coordinates: points.map((p) => [p[0], p[1]]) };
  });
}
