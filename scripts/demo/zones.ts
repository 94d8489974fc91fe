/**
 * Official attendance zones (学区) as a bureau of the Hukou era would have drawn them: every grid
 * cell of the district to its nearest existing primary school (straight line, no capacities, no
 * roads), the cells of a school dissolved into its zone. What the zone tools evaluate, and what a
 * design that counts seats and today's residents is compared with.
 */
import { featureCollection, polygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellRing } from './cells.ts';
import { toLngLat } from './geom.ts';
import type { Facility } from './facilities.ts';
import type { Cell } from './population.ts';

export interface ZoneProperties {
  id: string;
  zone: string;
  school: string;
  name: string;
}

export function makeZones(cells: readonly Cell[], facilities: readonly Facility[]): Feature<Polygon | MultiPolygon, ZoneProperties>[] {
  const schools = facilities.filter((f) => f.type === 'primary').sort((a, b) => (a.id < b.id ? -1 : 1));
  const members: Cell[][] = schools.map(() => []);
  for (const c of cells) {
    let best = 0;
    let bestD = Infinity;
    schools.forEach((s, i) => {
      const d = Math.hypot(s.p[0] - c.x, s.p[1] - c.y);
      if (d < bestD) [best, bestD] = [i, d];
    });
    members[best].push(c);
  }
  return schools.flatMap((school, i) => {
    if (members[i].length === 0) return [];
    const squares = members[i].map((c) => {
      const ring = cellRing(c.row, c.col).map(toLngLat);
      return polygon([[...ring, ring[0]]]);
    });
    const outline = squares.length === 1 ? squares[0] : union(featureCollection(squares));
    if (!outline) return [];
    return [{ type: 'Feature', properties: { id: `Z-${school.id}`, zone: `Z-${school.id}`, school: school.id, name: `${school.name}学区` }, geometry: outline.geometry }];
  });
}
