import { ScatterplotLayer } from '@deck.gl/layers';
import type { CellResult } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import type { Rgba } from '../colour-ramp.ts';
import { pointRadiusPx, type CellDatum } from './population-layer.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';

/** Unserved users per cell: class lower bounds (pupils, or visits a day for clinics). */
export const SHORTFALL_BREAKS = [1, 5, 15, 30, 60] as const;
/**
 * Sequential purples (the darker end of ColorBrewer's Purples), a hue the density ramp beneath
 * (yellow to red) does not use: purple means unserved and nothing else.
 */
export const SHORTFALL_COLOURS: readonly Rgba[] = [
  [158, 154, 200, 255],
  [128, 115, 184, 255],
  [106, 81, 163, 255],
  [84, 39, 143, 255],
  [63, 0, 125, 255],
];

/**
 * A dot at the cell's centre, its radius this share of the cell's half side by class: the cell
 * around it keeps its density colour, so the map still reads as a population map.
 */
export const SHORTFALL_DOT_SHARE = [0.4, 0.5, 0.6, 0.7, 0.8] as const;

export function shortfallClass(unserved: number): number {
  let k = 0;
  while (k + 1 < SHORTFALL_BREAKS.length && unserved >= SHORTFALL_BREAKS[k + 1]) k++;
  return k;
}

export function shortfallColour(unserved: number): Rgba {
  return SHORTFALL_COLOURS[shortfallClass(unserved)];
}

export interface ShortfallDatum extends CellDatum {
  unserved: number;
  /** A polygon's dot: the centre of its outer ring's bounds and its half side (the shorter), in metres. */
  dot: { centre: [number, number]; halfSideM: number } | null;
}

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LNG_EQUATOR = 111_320;

function dotOf(polygon: NonNullable<CellDatum['polygon']>): ShortfallDatum['dot'] {
  const { positions, holeIndices } = polygon;
  const end = holeIndices[0] ?? positions.length;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < end; i += 2) {
    west = Math.min(west, positions[i]);
    east = Math.max(east, positions[i]);
    south = Math.min(south, positions[i + 1]);
    north = Math.max(north, positions[i + 1]);
  }
  const lat = (south + north) / 2;
  const widthM = (east - west) * METRES_PER_DEGREE_LNG_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const heightM = (north - south) * METRES_PER_DEGREE_LAT;
  return { centre: [(west + east) / 2, lat], halfSideM: Math.min(widthM, heightM) / 2 };
}

/** Joins the engine's per-cell results to the drawn cells by their source feature. */
export function toShortfallData(cells: CellDatum[], results: CellResult[]): ShortfallDatum[] {
  // A large polygon may reach the engine in parts: its unserved users are their sum.
  const unservedByFeature = new Map<number, number>();
  for (const r of results) unservedByFeature.set(r.featureIndex, (unservedByFeature.get(r.featureIndex) ?? 0) + r.unserved);
  const out: ShortfallDatum[] = [];
  for (const c of cells) {
    const unserved = unservedByFeature.get(c.featureIndex);
    if (unserved !== undefined && unserved >= 1) out.push({ ...c, unserved, dot: c.polygon ? dotOf(c.polygon) : null });
  }
  return out;
}

export function shortfallLayer(data: ShortfallDatum[], setting: LayerSetting, side?: CompareSide) {
  const points = data.filter((d) => d.position !== null);
  return [
    new ScatterplotLayer<ShortfallDatum>({
      ...clipTo(side),
      id: `shortfall${side?.suffix ?? ''}`,
      data: data.filter((d) => d.dot !== null),
      visible: setting.visible,
      opacity: setting.opacity,
      getPosition: (d) => d.dot!.centre,
      radiusUnits: 'meters',
      getRadius: (d) => d.dot!.halfSideM * SHORTFALL_DOT_SHARE[shortfallClass(d.unserved)],
      // Zoomed out to a whole city a dot is still a speck, not nothing.
      radiusMinPixels: 1,
      getFillColor: (d) => shortfallColour(d.unserved),
      pickable: true,
    }),
    // Unserved residents at points: a ring in the shortfall colour around the population dot.
    ...(points.length > 0
      ? [
          new ScatterplotLayer<ShortfallDatum>({
            ...clipTo(side),
            id: `shortfall-points${side?.suffix ?? ''}`,
            data: points,
            visible: setting.visible,
            opacity: setting.opacity,
            getPosition: (d) => d.position!,
            radiusUnits: 'pixels',
            getRadius: (d) => pointRadiusPx(d.residents) + 3,
            filled: false,
            stroked: true,
            lineWidthUnits: 'pixels',
            getLineWidth: 3,
            getLineColor: (d) => shortfallColour(d.unserved),
            pickable: true,
          }),
        ]
      : []),
  ];
}
