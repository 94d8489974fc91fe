import type { CellAccess } from '../../core/index.ts';
import type { I18n } from '../i18n/i18n.ts';

/** What a measure's values count, in words: seats per pupil, weighted seats, seats within, or the costs' unit. */
export function accessUnitText({ t }: I18n, access: Pick<CellAccess, 'settings' | 'supply' | 'costUnit'>): string {
  const seats = access.supply === 'seats';
  switch (access.settings.method) {
    case '2sfca':
    case 'e2sfca':
    case 'bfca':
      return t(seats ? 'access.unit.seats' : 'access.unit.facilities');
    case 'gravity':
      return t(seats ? 'access.unit.seatsWeighted' : 'access.unit.facilitiesWeighted');
    case 'cumulative':
      return t(seats ? 'access.unit.seatsWithin' : 'access.unit.facilitiesWithin');
    case 'nearest':
      return access.costUnit;
  }
}

/**
 * A measure's value to three significant figures in the locale's format (seats per pupil are
 * fractions, gravity sums run to thousands); ∞ when none is in reach, a dash when not measured.
 */
export function accessValueText(i18n: I18n, value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (value === Infinity) return '∞';
  const digits = value === 0 ? 0 : Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: Math.min(digits, 6), minimumFractionDigits: 0 }).format(value);
}
