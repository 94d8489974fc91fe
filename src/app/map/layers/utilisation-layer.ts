import { ScatterplotLayer } from '@deck.gl/layers';
import type { FacilityResult, UtilisationStatus } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';

/**
 * Utilisation by the weight of a dark ring on a white plate behind the symbol: heavy black for over
 * capacity, light grey for room to spare. No hue, so no colour of the map means two things (the
 * density ramp has the reds, the shortfall the purples, facility types the Okabe–Ito hues), and it
 * reads in greyscale print and for every colour vision.
 */
export const UTILISATION_RINGS: Record<UtilisationStatus, { colour: [number, number, number]; widthPx: number }> = {
  under: { colour: [165, 165, 165], widthPx: 1.5 },
  near: { colour: [85, 85, 85], widthPx: 3 },
  over: { colour: [0, 0, 0], widthPx: 5 },
};

export const HALO_RADIUS_PX = 15;
export const HALO_PLATE: [number, number, number, number] = [255, 255, 255, 235];

/** A halo behind each analysed facility's symbol; `scale` shrinks it with the symbols when zoomed out. */
export function utilisationLayer(results: FacilityResult[], setting: LayerSetting, side?: CompareSide, scale = 1) {
  return new ScatterplotLayer<FacilityResult>({
    ...clipTo(side),
    id: `utilisation${side?.suffix ?? ''}`,
    data: results,
    visible: setting.visible,
    opacity: setting.opacity,
    getPosition: (f) => [f.lngLat[0], f.lngLat[1]],
    radiusUnits: 'pixels',
    // deck.gl centres the ring on the radius: pulled in by half its width, every halo has the same outer edge.
    getRadius: (f) => HALO_RADIUS_PX - UTILISATION_RINGS[f.status].widthPx / 2,
    radiusScale: scale,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getFillColor: HALO_PLATE,
    getLineColor: (f) => [...UTILISATION_RINGS[f.status].colour, 255],
    getLineWidth: (f) => UTILISATION_RINGS[f.status].widthPx,
    lineWidthScale: scale,
    pickable: true,
  });
}
