import { area, bbox, booleanPointInPolygon, feature, featureCollection, intersect } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LngLat } from '../types.ts';
import type { UrbanVillage } from './urban-villages.ts';

/** Part of a cell's residents living in one village. */
export interface VillageShare {
  /** Index into the villages array the tagger was built over. */
  village: number;
  /** Share of the cell's residents, 0..1 (by area for polygons, 1 for a point inside). */
  share: number;
}

/**
 * Finds which urban villages a cell lies in. Village bounding boxes go into a Flatbush index, so
 * each cell only tests the few villages whose box it touches; a polygon cell straddling a
 * boundary is split by the area share of its intersection with each village (residents assumed
 * evenly spread within a cell).
 */
export function villageTagger(villages: readonly UrbanVillage[]): (lngLat: LngLat, polygon: Polygon | MultiPolygon | null) => VillageShare[] {
  if (villages.length === 0) return () => [];
  const index = new Flatbush(villages.length);
  for (const v of villages) {
    const [minX, minY, maxX, maxY] = bbox(v.polygon);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();

  const pointShares = (lngLat: LngLat): VillageShare[] => {
    // Overlapping villages are a data error; the first listed one wins so residents count once.
    const candidates = index.search(lngLat[0], lngLat[1], lngLat[0], lngLat[1]).sort((a, b) => a - b);
    const hit = candidates.find((i) => booleanPointInPolygon([lngLat[0], lngLat[1]], villages[i].polygon));
    return hit === undefined ? [] : [{ village: hit, share: 1 }];
  };

  return (lngLat, polygon) => {
    if (!polygon) return pointShares(lngLat);
    const cellAreaM2 = area(polygon);
    if (!(cellAreaM2 > 0)) return pointShares(lngLat);
    const [minX, minY, maxX, maxY] = bbox(polygon);
    const candidates = index.search(minX, minY, maxX, maxY).sort((a, b) => a - b);
    const shares: VillageShare[] = [];
    let total = 0;
    for (const i of candidates) {
      const overlap = intersect(featureCollection([feature(polygon), feature(villages[i].polygon)]));
      if (!overlap) continue;
      const share = Math.min(1 - total, area(overlap) / cellAreaM2);
      // Slivers from floating-point noise on shared edges are not residents.
      if (share > 1e-6) {
        shares.push({ village: i, share });
        total += share;
      }
    }
    return shares;
  };
}
