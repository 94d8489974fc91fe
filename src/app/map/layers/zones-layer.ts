import { GeoJsonLayer, PolygonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ZoneOutline } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';

/** Official zones: a dark slate outline without fill, so whatever is drawn inside keeps its colour. */
export const OFFICIAL_ZONE_OUTLINE: [number, number, number] = [38, 50, 86];
/**
 * Designed zones: pale categorical fills (ColorBrewer Pastel2), neighbours in different colours,
 * faint enough that the density beneath still reads; outlines in dark grey.
 */
export const ZONE_FILLS: [number, number, number][] = [
  [179, 226, 205],
  [253, 205, 172],
  [203, 213, 232],
  [244, 202, 228],
  [230, 245, 201],
  [255, 242, 174],
  [241, 226, 204],
  [204, 204, 204],
];
export const DESIGNED_ZONE_OUTLINE: [number, number, number] = [60, 60, 60];

export interface ZoneDatum {
  school: string;
  colour: number;
}

export function officialZonesLayer(zones: FeatureCollection, setting: LayerSetting, side?: CompareSide) {
  return new GeoJsonLayer({
    id: 'zones',
    ...clipTo(side),
    data: zones.features,
    visible: setting.visible,
    opacity: setting.opacity,
    filled: true,
    // Transparent but pickable: hovering inside a zone names it.
    getFillColor: [0, 0, 0, 0],
    stroked: true,
    getLineColor: [...OFFICIAL_ZONE_OUTLINE, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    pickable: true,
  });
}

/** The designed zones' outlines as features (school id and colour index in the properties). */
export function designedZoneFeatures(outlines: Record<string, ZoneOutline | null>, colours: Record<string, number>): Feature<Geometry, ZoneDatum>[] {
  return Object.entries(outlines).flatMap(([school, g]) => (g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? [{ type: 'Feature' as const, geometry: g, properties: { school, colour: colours[school] ?? 0 } }] : []));
}

export function designedZonesLayer(features: Feature<Geometry, ZoneDatum>[], setting: LayerSetting, side?: CompareSide) {
  return new GeoJsonLayer<ZoneDatum>({
    id: 'designed-zones',
    ...clipTo(side),
    data: features,
    visible: setting.visible,
    filled: true,
    getFillColor: (f) => [...ZONE_FILLS[f.properties.colour % ZONE_FILLS.length], Math.round(200 * setting.opacity)],
    stroked: true,
    getLineColor: [...DESIGNED_ZONE_OUTLINE, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: true,
  });
}

/** The box being dragged across zones (hand editing). */
export function zoneDragLayer(box: [number, number, number, number]) {
  const [w, s, e, n] = box;
  return new PolygonLayer<{ ring: [number, number][] }>({
    id: 'zone-drag',
    data: [{ ring: [[w, s], [e, s], [e, n], [w, n], [w, s]] }],
    getPolygon: (d) => d.ring,
    filled: true,
    getFillColor: [38, 50, 86, 40],
    stroked: true,
    getLineColor: [38, 50, 86, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
  });
}
