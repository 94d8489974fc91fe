import { IconLayer } from '@deck.gl/layers';
import type { Feature, Point } from 'geojson';
import type { FacilityProperties, FacilityType } from '../../../core/schema.ts';
import { FACILITY_ICON_ATLAS, FACILITY_ICON_MAPPING } from '../facility-style.ts';
import type { LayerSetting } from '../../state/map-layers.ts';

export type FacilityFeature = Feature<Point, FacilityProperties>;

/** Symbol size in pixels grows with the square root of capacity, relative to the largest of its type. */
export function facilitySizer(features: FacilityFeature[]): (f: FacilityFeature) => number {
  const maxByType = new Map<FacilityType, number>();
  for (const f of features) {
    maxByType.set(f.properties.type, Math.max(maxByType.get(f.properties.type) ?? 0, f.properties.capacity));
  }
  return (f) => {
    const max = maxByType.get(f.properties.type) ?? 0;
    return 9 + 11 * (max > 0 ? Math.sqrt(Math.max(0, f.properties.capacity) / max) : 0);
  };
}

export function facilitiesLayer(
  features: FacilityFeature[],
  visibleTypes: Record<FacilityType, boolean>,
  setting: LayerSetting,
  scale = 1,
) {
  const shown = features.filter((f) => visibleTypes[f.properties.type]);
  const size = facilitySizer(features);
  return new IconLayer<FacilityFeature>({
    id: 'facilities',
    data: shown,
    visible: setting.visible,
    opacity: setting.opacity,
    iconAtlas: FACILITY_ICON_ATLAS,
    iconMapping: FACILITY_ICON_MAPPING,
    getIcon: (f) => f.properties.type,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getSize: size,
    sizeUnits: 'pixels',
    sizeScale: scale,
    pickable: true,
  });
}
