import { roundAs } from '../export/rounding.ts';
import type { ZoneFigures } from './zone-figures.ts';

/** Zone figures as written out: people to 2 decimals, shares to 0.1 % (the export rounding rules). */
export function roundZoneFigures<Z extends ZoneFigures>(zone: Z): Z {
  return {
    ...zone,
    residents: roundAs('people', zone.residents),
    pupils: roundAs('people', zone.pupils),
    seats: roundAs('people', zone.seats),
    utilisation: roundAs('share', zone.utilisation),
    beyondRadiusPupils: roundAs('people', zone.beyondRadiusPupils),
    villageShare: roundAs('share', zone.villageShare),
  };
}

/**
 * The order a table lists zones in, worst first: the most over capacity (utilisation), then the
 * most pupils beyond the walking standard; zones without seats after those with, by id.
 */
export function worstZonesFirst(a: ZoneFigures, b: ZoneFigures): number {
  const ua = a.utilisation ?? -Infinity;
  const ub = b.utilisation ?? -Infinity;
  if (ua !== ub) return ub - ua;
  const ba = a.beyondRadiusPupils ?? 0;
  const bb = b.beyondRadiusPupils ?? 0;
  if (ba !== bb) return bb - ba;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
