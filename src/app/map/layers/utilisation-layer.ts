import { ScatterplotLayer } from '@deck.gl/layers';
import type { FacilityResult, UtilisationStatus } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';

/** Diverging RdYlBu ends and middle: colour-blind safe. */
export const UTILISATION_COLOURS: Record<UtilisationStatus, [number, number, number]> = {
  under: [44, 123, 182],
  near: [253, 174, 97],
  over: [215, 25, 28],
};

/** A halo behind each analysed facility's symbol, coloured by catchment demand ÷ capacity. */
export function utilisationLayer(results: FacilityResult[], setting: LayerSetting, side?: CompareSide) {
  return new ScatterplotLayer<FacilityResult>({
    ...clipTo(side),
    id: `utilisation${side?.suffix ?? ''}`,
    data: results,
    visible: setting.visible,
    opacity: setting.opacity,
    getPosition: (f) => [f.lngLat[0], f.lngLat[1]],
    radiusUnits: 'pixels',
    getRadius: 15,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...UTILISATION_COLOURS[f.status], 235],
    getLineColor: [30, 30, 30, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
  });
}
