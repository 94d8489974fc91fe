import type { CellAccess, CellResult } from '../../core/index.ts';
import type { Feature, Geometry } from 'geojson';
import { accessByFeature } from '../map/layers/access-layer.ts';

/** The column the measure is written to: `access_2sfca`, `access_nearest`, … */
export const accessColumn = (access: CellAccess): string => `access_${access.settings.method}`;

/**
 * The per-cell rows (one a source feature, in the order of the cells' first parts, as `cellRows`
 * writes them) with the accessibility measure added: the feature's value (its parts' pupil-
 * weighted mean), to six significant figures; empty where it was not measured or nothing is in
 * reach of a cost measure.
 */
export function* withAccessColumn<F extends Feature<Geometry | null>>(rows: Iterable<F>, cells: readonly CellResult[], access: CellAccess): Generator<F> {
  const byFeature = accessByFeature(cells, access.values);
  const order: number[] = [];
  const seen = new Set<number>();
  for (const c of cells) {
    if (seen.has(c.featureIndex)) continue;
    seen.add(c.featureIndex);
    order.push(c.featureIndex);
  }
  const key = accessColumn(access);
  let k = 0;
  for (const row of rows) {
    const value = byFeature.get(order[k++]);
    const shown = value === undefined || !Number.isFinite(value) ? null : Number(value.toPrecision(6));
    yield { ...row, properties: { ...row.properties, [key]: shown } };
  }
}
