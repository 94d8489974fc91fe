import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { UrbanVillageProperties } from '../../../core/schema.ts';
import type { LayerSetting } from '../../state/map-layers.ts';

export const VILLAGE_OUTLINE: [number, number, number] = [75, 0, 130];

export function villagesLayer(features: Feature<Polygon | MultiPolygon, UrbanVillageProperties>[], setting: LayerSetting) {
  return new GeoJsonLayer<UrbanVillageProperties>({
    id: 'villages',
    data: features,
    visible: setting.visible,
    opacity: setting.opacity,
    filled: true,
    stroked: true,
    getFillColor: [...VILLAGE_OUTLINE, 46],
    getLineColor: [...VILLAGE_OUTLINE, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    pickable: true,
  });
}
