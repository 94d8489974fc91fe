import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { Rgba } from '../colour-ramp.ts';
import type { TableRow } from '../../tables/table-model.ts';

/** Near-black with a white halo: reads on every fill of the map, and no ramp uses it. */
const INK: Rgba = [17, 17, 17, 255];
const HALO: Rgba = [255, 255, 255, 230];

/** The selected row on the map: its outline (a polygon or line), or a ring round its point. */
export function selectionLayers(row: TableRow | null) {
  if (!row) return [];
  if (row.shape) {
    const data: Feature<Geometry>[] = [{ type: 'Feature', geometry: row.shape, properties: {} }];
    const outline = (id: string, colour: Rgba, widthPx: number) =>
      new GeoJsonLayer({ id, data, stroked: true, filled: false, getLineColor: colour, lineWidthUnits: 'pixels', getLineWidth: widthPx, pickable: false });
    return [outline('selection-halo', HALO, 6), outline('selection', INK, 3)];
  }
  if (!row.place || !('lngLat' in row.place)) return [];
  const ring = (id: string, colour: Rgba, widthPx: number) =>
    new ScatterplotLayer<[number, number]>({
      id,
      data: [row.place && 'lngLat' in row.place ? row.place.lngLat : [0, 0]],
      getPosition: (p) => p,
      radiusUnits: 'pixels',
      getRadius: 17,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: widthPx,
      getLineColor: colour,
      pickable: false,
    });
  return [ring('selection-halo', HALO, 6), ring('selection', INK, 3)];
}

/** A coordinate found by search: a red pin with a white ring. */
export function searchPinLayers(lngLat: [number, number] | null) {
  if (!lngLat) return [];
  return [
    new ScatterplotLayer<[number, number]>({
      id: 'search-pin',
      data: [lngLat],
      getPosition: (p) => p,
      radiusUnits: 'pixels',
      getRadius: 7,
      getFillColor: [213, 0, 0, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getLineColor: HALO,
      pickable: false,
    }),
  ];
}
