import { isSchoolType, type FacilityProperties, type FacilityResult, type FacilityType, type UrbanVillageProperties } from '../../core/index.ts';
import type { SiteMarker } from './layers/proposals-layer.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { CellDatum } from './layers/population-layer.ts';
import type { FacilityFeature } from './layers/facilities-layer.ts';
import type { ShortfallDatum } from './layers/shortfall-layer.ts';
import type { AccessDatum } from './layers/access-layer.ts';
import { accessValueText } from '../analysis/access-text.ts';

const named = (name: unknown, nameEn: unknown) => `${String(name)}${nameEn ? ` (${String(nameEn)})` : ''}`;

/**
 * Text lines for whatever is under the pointer. Plain strings: the tooltip never renders HTML.
 * Worded for the facility type (places and seats for schools, visits a day and capacity for
 * clinics); `analysedType` is the analysed type, for the shortfall cells.
 */
export function describePick(layerId: string | undefined, object: unknown, i18n: I18n, analysedType?: FacilityType): string[] | null {
  const { t, n } = i18n;
  if (!object || !layerId) return null;
  switch (layerId) {
    case 'population':
    case 'population-points': {
      const cell = object as CellDatum;
      const density = cell.densityPerKm2 === null ? [] : [t('tip.density', { n: n(cell.densityPerKm2) })];
      return [t('tip.cell', { id: cell.id }), t('tip.residents', { n: n(cell.residents) }), ...density];
    }
    case 'shortfall':
    case 'shortfall-points': {
      const cell = object as ShortfallDatum;
      const unserved = analysedType && !isSchoolType(analysedType) ? t('tip.unservedVisits', { n: n(cell.unserved) }) : t('tip.withoutPlace', { n: n(cell.unserved) });
      return [t('tip.cell', { id: cell.id }), t('tip.residents', { n: n(cell.residents) }), unserved];
    }
    case 'access':
    case 'access-points': {
      const cell = object as AccessDatum;
      return [t('tip.cell', { id: cell.id }), t('tip.access', { method: t('layer.access'), value: accessValueText(i18n, cell.value) })];
    }
    case 'utilisation': {
      const f = object as FacilityResult;
      return [
        named(f.name, f.nameEn),
        t(`util.${f.status}`),
        t(isSchoolType(f.type) ? 'tip.inCatchment' : 'tip.inCatchmentVisits', { users: n(f.usersInCatchment), capacity: n(f.capacity), pct: `${n(f.catchmentUtilisation * 100)}%` }),
        t('tip.allocated', { n: n(f.allocated) }),
        ...(f.assumedCapacity ? [t('tip.assumedCapacity')] : []),
      ];
    }
    case 'proposals': {
      const p = object as SiteMarker;
      return [
        t('tip.proposed', { rank: p.rank }),
        p.classes !== null ? t('tip.proposedSize', { classes: n(p.classes), seats: n(p.seats) }) : t('tip.visits', { n: n(p.seats) }),
        t('tip.proposedServed', { served: n(p.pupilsServed), inRadius: n(p.pupilsInCatchment) }),
        `${p.lngLat[0].toFixed(5)}, ${p.lngLat[1].toFixed(5)}`,
      ];
    }
    case 'villages': {
      const p = (object as { properties: UrbanVillageProperties }).properties;
      return [
        t('tip.village', { name: named(p.name, p.name_en) }),
        t('tip.residents', { n: n(Number(p.population)) }),
        t('tip.migrants', { pct: `${n(Number(p.migrant_share) * 100)}%` }),
      ];
    }
    case 'facilities': {
      const p: FacilityProperties = (object as FacilityFeature).properties;
      const capacity = !isSchoolType(p.type)
        ? t('tip.visits', { n: n(p.capacity) })
        : p.classes
          ? t('tip.seatsClasses', { seats: n(p.capacity), classes: n(p.classes) })
          : t('tip.seats', { seats: n(p.capacity) });
      return [named(p.name, p.name_en), t(`facility.${p.type}`), capacity];
    }
    case 'zones': {
      const p = (object as { properties: Record<string, unknown> }).properties;
      const name = typeof p.name === 'string' && p.name !== '' ? ` · ${p.name}` : '';
      return [t('tip.zone', { zone: String(p.zone) }) + name, p.school ? t('tip.zoneSchool', { school: String(p.school) }) : t('tip.zoneNoSchool')];
    }
    case 'designed-zones': {
      const p = (object as { properties: { school: string } }).properties;
      return [t('tip.designedZone', { school: p.school })];
    }
    default:
      return null;
  }
}
