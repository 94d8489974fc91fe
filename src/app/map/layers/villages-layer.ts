import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { UrbanVillageProperties } from '../../../core/schema.ts';
import type { LayerSetting } from '../../state/map-layers.ts';

/**
 * Magenta (ColorBrewer PiYG's end): a hue neither the density ramp (yellow to red), the shortfall
 * dots (purples) nor the facility types (Okabe–Ito) use, so a village never reads as unserved.
 */
export const VILLAGE_OUTLINE: [number, number, number] = [197, 27, 125];
/** A faint tint inside, so the density beneath keeps its colour. */
export const VILLAGE_FILL: [number, number, number, number] = [...VILLAGE_OUTLINE, 28];

/** The villages' fill (picked for the tooltip and the tables); the map's style draws their outlines (district-style.ts). */
export function villagesLayer(features: Feature<Polygon | MultiPolygon, UrbanVillageProperties>[], setting: LayerSetting) {
  return new GeoJsonLayer<UrbanVillageProperties>({
    id: 'villages',
    data: features,
    visible: setting.visible,
    opacity: setting.opacity,
    filled: true,
    stroked: false,
    getFillColor: VILLAGE_FILL,
    pickable: true,
  });
}
