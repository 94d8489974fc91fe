import type { DemandCell } from '../demand/demand-cells.ts';
import type { UrbanVillage } from '../demand/urban-villages.ts';
import { percent, ratio, round } from '../util/rounding.ts';

/** One urban village's coverage and service. */
export interface VillageEquity {
  id: string;
  name: string;
  nameEn: string;
  residents: number;
  migrants: number;
  users: number;
  unservedUsers: number;
  coveragePct: number | null;
  servedPct: number | null;
}

/** Urban-village residents against everyone else (shares weighted by users; null when none). */
export interface Equity {
  villageResidents: number;
  otherResidents: number;
  /** Share of village users living within the radius of a facility. */
  villageCoveragePct: number | null;
  otherCoveragePct: number | null;
  /** Share of village users given a place. */
  villageServedPct: number | null;
  otherServedPct: number | null;
  /** villageServedPct / otherServedPct: 1 is parity, below 1 villages are worse off. */
  ratio: number | null;
  /** villageCoveragePct / otherCoveragePct. */
  coverageRatio: number | null;
  /** Villages with users, lowest served share first (then most unserved, then id). */
  worstVillages: VillageEquity[];
}

interface Part {
  residents: number;
  users: number;
  covered: number;
  served: number;
}

function addPart(acc: Part, residents: number, users: number, isCovered: boolean, served: number, share: number): void {
  acc.residents += residents * share;
  acc.users += users * share;
  acc.covered += isCovered ? users * share : 0;
  acc.served += served * share;
}

/**
 * Splits each cell's users, coverage and service between its village part (by area share) and the
 * rest, then compares. Service within a cell is assumed spread evenly over its residents.
 */
export function villageEquity(
  cells: readonly DemandCell[],
  villages: readonly UrbanVillage[],
  covered: Uint8Array,
  served: Float64Array,
  worstCount = 5,
): Equity {
  const v = { residents: 0, users: 0, covered: 0, served: 0 };
  const o = { residents: 0, users: 0, covered: 0, served: 0 };
  const per = villages.map(() => ({ residents: 0, migrants: 0, users: 0, covered: 0, served: 0 }));
  cells.forEach((cell, c) => {
    const servedShare = cell.users > 0 ? served[c] / cell.users : 0;
    // Two plain calls, not a list of parts per cell: a city has a million cells.
    addPart(v, cell.residents, cell.users, covered[c] === 1, served[c], cell.villageShare);
    addPart(o, cell.residents, cell.users, covered[c] === 1, served[c], 1 - cell.villageShare);
    for (const s of cell.villages) {
      const acc = per[s.village];
      acc.residents += cell.residents * s.share;
      acc.migrants += cell.residents * s.share * villages[s.village].migrantShare;
      acc.users += cell.users * s.share;
      acc.covered += covered[c] ? cell.users * s.share : 0;
      acc.served += cell.users * s.share * servedShare;
    }
  });
  const villageCoverage = v.users > 0 ? (100 * v.covered) / v.users : null;
  const otherCoverage = o.users > 0 ? (100 * o.covered) / o.users : null;
  const villageServed = v.users > 0 ? (100 * v.served) / v.users : null;
  const otherServed = o.users > 0 ? (100 * o.served) / o.users : null;
  const worstVillages = per
    .map((acc, i) => ({ acc, village: villages[i] }))
    .filter(({ acc }) => acc.users > 0)
    .sort(
      (a, b) =>
        a.acc.served / a.acc.users - b.acc.served / b.acc.users ||
        b.acc.users - b.acc.served - (a.acc.users - a.acc.served) ||
        (a.village.id < b.village.id ? -1 : a.village.id > b.village.id ? 1 : 0),
    )
    .slice(0, worstCount)
    .map(({ acc, village }) => ({
      id: village.id,
      name: village.name,
      nameEn: village.nameEn,
      residents: Math.round(acc.residents),
      migrants: Math.round(acc.migrants),
      users: round(acc.users, 1),
      unservedUsers: round(acc.users - acc.served, 1),
      coveragePct: percent(acc.covered, acc.users),
      servedPct: percent(acc.served, acc.users),
    }));
  return {
    villageResidents: Math.round(v.residents),
    otherResidents: Math.round(o.residents),
    villageCoveragePct: percent(v.covered, v.users),
    otherCoveragePct: percent(o.covered, o.users),
    villageServedPct: percent(v.served, v.users),
    otherServedPct: percent(o.served, o.users),
    ratio: ratio(villageServed, otherServed),
    coverageRatio: ratio(villageCoverage, otherCoverage),
    worstVillages,
  };
}
