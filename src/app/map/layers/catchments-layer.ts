import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import type { FacilityType } from '../../../core/schema.ts';
import { FACILITY_STYLE } from '../facility-style.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import type { FacilityFeature } from './facilities-layer.ts';

/**
 * Service radius drawn around each facility of the checked types. Metres on the ground, so the
 * circle is the true catchment at any zoom.
 */
export function catchmentsLayer(
  features: FacilityFeature[],
  catchmentTypes: Record<FacilityType, boolean>,
  radiusM: Record<FacilityType, number>,
  setting: LayerSetting,
) {
  const shown = features.filter((f) => catchmentTypes[f.properties.type]);
  return new ScatterplotLayer<FacilityFeature>({
    id: 'catchments',
    data: shown,
    visible: setting.visible,
    opacity: setting.opacity,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getRadius: (f) => radiusM[f.properties.type],
    radiusUnits: 'meters',
    filled: true,
    stroked: true,
    getFillColor: (f) => [...FACILITY_STYLE[f.properties.type].colour, 28],
    getLineColor: (f) => [...FACILITY_STYLE[f.properties.type].colour, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    updateTriggers: { getRadius: [radiusM] },
  });
}

/** Walking-distance catchments: the band along the streets each facility reaches. */
export function isochronesLayer(shapes: FeatureCollection, type: FacilityType, setting: LayerSetting) {
  const colour = FACILITY_STYLE[type].colour;
  return new GeoJsonLayer({
    id: 'isochrones',
    data: shapes,
    visible: setting.visible,
    opacity: setting.opacity,
    filled: true,
    stroked: true,
    getFillColor: [...colour, 40],
    getLineColor: [...colour, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
  });
}
