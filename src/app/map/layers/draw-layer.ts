import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Rgba } from '../colour-ramp.ts';
import { isArea, type DrawState } from '../../draw/draw-state.ts';

/** Exclusion zones in dark red, candidate parcels in green, measurements in near-black. */
const COLOURS: Record<DrawState['mode'], Rgba> = {
  'measure-distance': [17, 17, 17, 255],
  'measure-area': [17, 17, 17, 255],
  exclusion: [164, 0, 0, 255],
  candidate: [0, 120, 60, 255],
};

/** The shape being drawn: its outline (closed for areas), a light fill for areas, and its vertices. */
export function drawLayers(draw: DrawState | null) {
  if (!draw || draw.points.length === 0) return [];
  const colour = COLOURS[draw.mode];
  const area = isArea(draw.mode);
  const path = area && draw.points.length >= 3 ? [...draw.points, draw.points[0]] : draw.points;
  return [
    ...(area && draw.points.length >= 3
      ? [new PolygonLayer<[number, number][]>({ id: 'draw-fill', data: [draw.points], getPolygon: (d) => d, getFillColor: [colour[0], colour[1], colour[2], 50], stroked: false, pickable: false })]
      : []),
    new PathLayer<[number, number][]>({ id: 'draw-line', data: [path], getPath: (d) => d, getColor: colour, widthUnits: 'pixels', getWidth: 2, pickable: false }),
    new ScatterplotLayer<[number, number]>({
      id: 'draw-points',
      data: draw.points,
      getPosition: (p) => p,
      radiusUnits: 'pixels',
      getRadius: 4,
      getFillColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: colour,
      pickable: false,
    }),
  ];
}
