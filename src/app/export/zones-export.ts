import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ZoneFigures, ZoneOutline } from '../../core/index.ts';

/**
 * The designed zones as a GeoJSON file a GIS opens: one feature per school with a zone, its
 * outline as designed and edited, and its figures (pupils, seats, utilisation, pupils beyond the
 * standard, urban-village share). Numbers only in the properties, besides the ids.
 */
export function designedZonesCollection(outlines: Record<string, ZoneOutline | null>, zones: readonly ZoneFigures[]): FeatureCollection {
  const features: Feature<Geometry, Record<string, string | number | null>>[] = [];
  for (const z of zones) {
    const outline = outlines[z.id];
    if (!outline) continue;
    features.push({
      type: 'Feature',
      geometry: outline,
      properties: {
        zone: z.id,
        school: z.school,
        residents: z.residents,
        pupils: z.pupils,
        seats: z.seats,
        utilisation: z.utilisation,
        beyond_radius_pupils: z.beyondRadiusPupils,
        village_share: z.villageShare,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
