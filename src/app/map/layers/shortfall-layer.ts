import { ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { CellResult } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import type { Rgba } from '../colour-ramp.ts';
import { pointRadiusPx, type CellDatum } from './population-layer.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';

/** Unserved users per cell: class lower bounds (pupils, or visits a day for clinics). */
export const SHORTFALL_BREAKS = [1, 5, 15, 30, 60] as const;
/** Sequential purples (ColorBrewer), distinct from the population ramp beneath. */
export const SHORTFALL_COLOURS: readonly Rgba[] = [
  [218, 218, 235, 230],
  [188, 189, 220, 235],
  [158, 154, 200, 240],
  [117, 107, 177, 245],
  [84, 39, 143, 250],
];

export function shortfallColour(unserved: number): Rgba {
  let k = 0;
  while (k + 1 < SHORTFALL_BREAKS.length && unserved >= SHORTFALL_BREAKS[k + 1]) k++;
  return SHORTFALL_COLOURS[k];
}

export interface ShortfallDatum extends CellDatum {
  unserved: number;
}

/** Joins the engine's per-cell results to the drawn cells by their source feature. */
export function toShortfallData(cells: CellDatum[], results: CellResult[]): ShortfallDatum[] {
  // A large polygon may reach the engine in parts: its unserved users are their sum.
  const unservedByFeature = new Map<number, number>();
  for (const r of results) unservedByFeature.set(r.featureIndex, (unservedByFeature.get(r.featureIndex) ?? 0) + r.unserved);
  const out: ShortfallDatum[] = [];
  for (const c of cells) {
    const unserved = unservedByFeature.get(c.featureIndex);
    if (unserved !== undefined && unserved >= 1) out.push({ ...c, unserved });
  }
  return out;
}

export function shortfallLayer(data: ShortfallDatum[], setting: LayerSetting, side?: CompareSide) {
  const points = data.filter((d) => d.position !== null);
  return [
    new SolidPolygonLayer<ShortfallDatum>({
      ...clipTo(side),
      id: `shortfall${side?.suffix ?? ''}`,
      data: data.filter((d) => d.polygon !== null),
      visible: setting.visible,
      opacity: setting.opacity,
      getPolygon: (d) => d.polygon!,
      positionFormat: 'XY',
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
