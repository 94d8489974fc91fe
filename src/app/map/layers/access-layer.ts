import { ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { CellAccess, CellResult, PopulationGrid } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import type { Rgba } from '../colour-ramp.ts';
import { gridBitmapLayer, type GridImage } from './population-grid-layer.ts';
import { pointRadiusPx, type CellDatum } from './population-layer.ts';

/**
 * Viridis in five steps, worst to best: dark where access is poor, bright where it is good, for
 * supply measures and costs alike; apart from the density (YlOrRd) and shortfall (purples) ramps.
 */
export const ACCESS_COLOURS: readonly Rgba[] = [
  [68, 1, 84, 235],
  [59, 82, 139, 235],
  [33, 145, 140, 235],
  [94, 201, 98, 235],
  [253, 231, 37, 235],
];
/** No facility in reach at all (0 seats, or no nearest within the cutoff). */
export const NO_ACCESS_COLOUR: Rgba = [150, 150, 150, 200];

/**
 * Class breaks of a measure's values: quintiles of the cells with some access, so each colour
 * holds about as many cells whatever the measure's unit. `breaks[k]` is class k's lower bound
 * (ascending values); class colours run worst to best, so for a cost they are reversed.
 */
export interface AccessClasses {
  breaks: number[];
  higherIsBetter: boolean;
}

const hasAccess = (value: number, higherIsBetter: boolean) => (higherIsBetter ? value > 0 && Number.isFinite(value) : Number.isFinite(value));

export function accessClasses(values: ArrayLike<number>, higherIsBetter: boolean): AccessClasses {
  const some: number[] = [];
  for (let i = 0; i < values.length; i++) if (hasAccess(values[i], higherIsBetter)) some.push(values[i]);
  some.sort((a, b) => a - b);
  if (some.length === 0) return { breaks: [], higherIsBetter };
  const breaks: number[] = [];
  for (let k = 0; k < ACCESS_COLOURS.length; k++) {
    const b = some[Math.floor((k * (some.length - 1)) / ACCESS_COLOURS.length)];
    if (breaks.length === 0 || b > breaks[breaks.length - 1]) breaks.push(b);
  }
  return { breaks, higherIsBetter };
}

/** The class of a value (index into `breaks`), −1 for no access, null for not measured. */
export function accessClass(value: number, classes: AccessClasses): number | null {
  if (Number.isNaN(value)) return null;
  if (!hasAccess(value, classes.higherIsBetter) || classes.breaks.length === 0) return -1;
  let k = 0;
  while (k + 1 < classes.breaks.length && value >= classes.breaks[k + 1]) k++;
  return k;
}

/** The colour of class k of n: spread over the ramp, best brightest. */
export function accessClassColour(k: number, classes: AccessClasses): Rgba {
  const n = classes.breaks.length;
  if (k < 0) return NO_ACCESS_COLOUR;
  const step = n > 1 ? Math.round((k * (ACCESS_COLOURS.length - 1)) / (n - 1)) : ACCESS_COLOURS.length - 1;
  return ACCESS_COLOURS[classes.higherIsBetter ? step : ACCESS_COLOURS.length - 1 - step];
}

export function accessColour(value: number, classes: AccessClasses): Rgba | null {
  const k = accessClass(value, classes);
  return k === null ? null : accessClassColour(k, classes);
}

/**
 * One value per source feature: the users-weighted mean of its cells (a polygon split into parts
 * has one value a part); a feature with no users takes its parts' plain mean. NaN: not measured.
 */
export function accessByFeature(cells: readonly CellResult[], values: Float64Array): Map<number, number> {
  const sums = new Map<number, { weighted: number; users: number; plain: number; count: number; infinite: boolean }>();
  cells.forEach((c, k) => {
    const v = values[k];
    if (Number.isNaN(v)) return;
    const s = sums.get(c.featureIndex) ?? { weighted: 0, users: 0, plain: 0, count: 0, infinite: false };
    if (v === Infinity) s.infinite = true;
    else {
      s.weighted += v * c.users;
      s.users += c.users;
      s.plain += v;
      s.count++;
    }
    sums.set(c.featureIndex, s);
  });
  const out = new Map<number, number>();
  for (const [f, s] of sums) out.set(f, s.count === 0 ? Infinity : s.users > 0 ? s.weighted / s.users : s.plain / s.count);
  return out;
}

export interface AccessDatum extends CellDatum {
  value: number;
}

/** The drawn cells with their feature's value; cells not measured are left out. */
export function toAccessData(cells: readonly CellDatum[], byFeature: ReadonlyMap<number, number>): AccessDatum[] {
  const out: AccessDatum[] = [];
  for (const c of cells) {
    const value = byFeature.get(c.featureIndex);
    if (value !== undefined) out.push({ ...c, value });
  }
  return out;
}

/** A raster's pixels coloured by their value (a pixel's featureIndex is its index). */
export function gridAccessImage(grid: PopulationGrid, byFeature: ReadonlyMap<number, number>, classes: AccessClasses): GridImage {
  const data = new Uint8ClampedArray(grid.width * grid.height * 4);
  for (const [i, value] of byFeature) {
    const colour = accessColour(value, classes);
    if (colour) data.set(colour, i * 4);
  }
  return { width: grid.width, height: grid.height, data };
}

export interface AccessLayerData {
  access: CellAccess;
  classes: AccessClasses;
  /** The value of each measured feature (a raster's pixel index), for tooltips. */
  byFeature: ReadonlyMap<number, number>;
  cells: AccessDatum[];
  grid: { grid: PopulationGrid; image: GridImage } | null;
}

export function accessLayers(d: AccessLayerData, setting: LayerSetting) {
  if (d.grid) return [gridBitmapLayer('access-grid', d.grid.grid, d.grid.image, setting)];
  const colour = (x: AccessDatum) => accessColour(x.value, d.classes) ?? NO_ACCESS_COLOUR;
  const points = d.cells.filter((x) => x.position !== null);
  return [
    new SolidPolygonLayer<AccessDatum>({
      id: 'access',
      data: d.cells.filter((x) => x.polygon !== null),
      visible: setting.visible,
      opacity: setting.opacity,
      getPolygon: (x) => x.polygon!,
      positionFormat: 'XY',
      getFillColor: colour,
      updateTriggers: { getFillColor: [d.classes] },
      pickable: true,
    }),
    ...(points.length > 0
      ? [
          new ScatterplotLayer<AccessDatum>({
            id: 'access-points',
            data: points,
            visible: setting.visible,
            opacity: setting.opacity,
            getPosition: (x) => x.position!,
            radiusUnits: 'pixels',
            getRadius: (x) => pointRadiusPx(x.residents) + 1,
            getFillColor: colour,
            updateTriggers: { getFillColor: [d.classes] },
            pickable: true,
          }),
        ]
      : []),
  ];
}
