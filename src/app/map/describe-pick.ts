import { isSchoolType, type FacilityProperties, type FacilityResult, type Proposal, type UrbanVillageProperties } from '../../core/index.ts';
import { FACILITY_STYLE } from './facility-style.ts';
import type { CellDatum } from './layers/population-layer.ts';
import type { FacilityFeature } from './layers/facilities-layer.ts';
import type { ShortfallDatum } from './layers/shortfall-layer.ts';
import { UTILISATION_LABELS } from './layers/utilisation-layer.ts';

const n0 = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });

/** Text lines for whatever is under the pointer. Plain strings: the tooltip never renders HTML. */
export function describePick(layerId: string | undefined, object: unknown): string[] | null {
  if (!object || !layerId) return null;
  switch (layerId) {
    case 'population': {
      const cell = object as CellDatum;
      return [`Population cell ${cell.id}`, `Residents: ${n0.format(cell.residents)}`, `Density: ${n0.format(cell.densityPerKm2)} per km²`];
    }
    case 'shortfall': {
      const cell = object as ShortfallDatum;
      return [`Population cell ${cell.id}`, `Residents: ${n0.format(cell.residents)}`, `Without a place: ${n0.format(cell.unserved)}`];
    }
    case 'utilisation': {
      const f = object as FacilityResult;
      return [
        `${f.name}${f.nameEn ? ` (${f.nameEn})` : ''}`,
        UTILISATION_LABELS[f.status],
        `In catchment: ${n0.format(f.usersInCatchment)} for ${n0.format(f.capacity)} places (${pct.format(f.catchmentUtilisation)})`,
        `Allocated: ${n0.format(f.allocated)}`,
      ];
    }
    case 'proposals': {
      const p = object as Proposal;
      return [
        `Proposed site ${p.rank}`,
        p.classes !== null ? `${n0.format(p.classes)} classes, ${n0.format(p.seats)} seats` : `Capacity: ${n0.format(p.seats)}`,
        `Served: ${n0.format(p.pupilsServed)} · within radius: ${n0.format(p.pupilsInCatchment)}`,
        `${p.lngLat[0].toFixed(5)}, ${p.lngLat[1].toFixed(5)}`,
      ];
    }
    case 'villages': {
      const p = (object as { properties: UrbanVillageProperties }).properties;
      return [
        `Urban village: ${String(p.name)}${p.name_en ? ` (${String(p.name_en)})` : ''}`,
        `Residents: ${n0.format(Number(p.population))}`,
        `Migrant share: ${pct.format(Number(p.migrant_share))}`,
      ];
    }
    case 'facilities': {
      const p: FacilityProperties = (object as FacilityFeature).properties;
      const style = FACILITY_STYLE[p.type];
      const capacity = isSchoolType(p.type)
        ? `Seats: ${n0.format(p.capacity)}${p.classes ? ` (${n0.format(p.classes)} classes)` : ''}`
        : `Capacity: ${n0.format(p.capacity)} patient visits a day`;
      return [`${String(p.name)}${p.name_en ? ` (${String(p.name_en)})` : ''}`, style?.label ?? String(p.type), capacity];
    }
    default:
      return null;
  }
}
