import type { PickingInfo } from '@deck.gl/core';
import { pixelId } from '../../core/index.ts';
import type { RootState } from '../store/root.ts';
import type { ShortfallDatum } from './layers/shortfall-layer.ts';
import type { CellDatum } from './layers/population-layer.ts';
import { pickedPixel, pixelDensityPerKm2 } from './layers/population-grid-layer.ts';
import { selectAccessLayer, selectComparePlan, selectPlan } from './plan-layers.ts';
import type { AccessDatum } from './layers/access-layer.ts';

/**
 * A raster pixel under the pointer, as the cell the tooltip describes for polygon populations: a
 * bitmap layer picks a pixel, not an object. Null for anything but the grid layers.
 */
export function gridPick(
  state: RootState,
  info: PickingInfo,
): { layerId: 'population' | 'shortfall'; object: ShortfallDatum } | { layerId: 'access'; object: AccessDatum } | null {
  const id = info.layer?.id ?? '';
  const grid = state.data.district?.populationGrid;
  if (!grid || !(id === 'population-grid' || id === 'access-grid' || id.startsWith('shortfall-grid'))) return null;
  const index = pickedPixel(grid, info);
  if (index === null || !(grid.residents[index] > 0)) return null;
  const cell: ShortfallDatum = {
    id: pixelId(grid, index),
    featureIndex: index,
    polygon: null,
    position: null,
    residents: grid.residents[index],
    densityPerKm2: pixelDensityPerKm2(grid, index),
    unserved: 0,
    dot: null,
  };
  if (id === 'population-grid') {
    // The shortfall is a dot in the middle of the pixel: anywhere on the pixel tells it.
    const unserved = selectPlan(state)?.shortfallGrid?.unserved[index] ?? 0;
    return unserved >= 1 ? { layerId: 'shortfall', object: { ...cell, unserved } } : { layerId: 'population', object: cell };
  }
  if (id === 'access-grid') {
    const value = selectAccessLayer(state)?.byFeature.get(index);
    return value === undefined ? null : { layerId: 'access', object: { ...cell, value } };
  }
  const plan = id.endsWith('-b') ? selectComparePlan(state) : selectPlan(state);
  return plan?.shortfallGrid ? { layerId: 'shortfall', object: { ...cell, unserved: plan.shortfallGrid.unserved[index] } } : null;
}

/**
 * A population polygon under the pointer that has unserved users: described as its shortfall,
 * whose dot covers only the middle of the cell. Null for anything else.
 */
export function cellShortfallPick(state: RootState, info: PickingInfo): { layerId: 'shortfall'; object: ShortfallDatum } | null {
  if (info.layer?.id !== 'population') return null;
  const cell = info.object as CellDatum | undefined;
  const shortfall = cell ? selectPlan(state)?.shortfall.find((d) => d.featureIndex === cell.featureIndex) : undefined;
  return shortfall ? { layerId: 'shortfall', object: shortfall } : null;
}
