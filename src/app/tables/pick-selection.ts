import type { FacilityType } from '../../core/index.ts';
import type { DistrictLayer } from '../data/district-data.ts';
import type { TableId } from './table-model.ts';

export interface PickedSelection {
  selection: { table: TableId; id: string };
  layer?: DistrictLayer;
}

const idOf = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);

/**
 * The table row of a thing clicked on the map (`layerId`: the deck.gl layer picked): a facility of
 * the analysed type, a village, a proposed site, a residential cell; null for anything without a
 * row. A layer drawn once per side of a comparison (`…-b`) picks as its left-hand twin.
 */
export function selectionOfPick(layerId: string | undefined, object: unknown, analysedType: FacilityType): PickedSelection | null {
  if (!layerId || !object || typeof object !== 'object') return null;
  const o = object as Record<string, unknown>;
  const props = (o.properties ?? {}) as Record<string, unknown>;
  const base = layerId.replace(/-b$/, '');
  switch (base) {
    case 'utilisation': {
      const id = idOf(o.id);
      return id ? { selection: { table: 'facilities', id } } : null;
    }
    case 'facilities': {
      const id = idOf(props.id);
      if (!id) return null;
      return props.type === analysedType ? { selection: { table: 'facilities', id } } : { selection: { table: 'features', id }, layer: 'facilities' };
    }
    case 'villages': {
      const id = idOf(props.id);
      return id ? { selection: { table: 'villages', id } } : null;
    }
    case 'proposals':
    case 'proposal-ranks': {
      const id = idOf(o.id);
      return id ? { selection: { table: 'proposals', id } } : null;
    }
    case 'population':
    case 'population-points':
    case 'shortfall':
    case 'shortfall-points':
    case 'access':
    case 'access-points': {
      const id = idOf(o.id);
      return id ? { selection: { table: 'features', id }, layer: 'population' } : null;
    }
    default:
      return null;
  }
}
