import type { DemandCell } from '../demand/demand-cells.ts';
import type { UrbanVillage } from '../demand/urban-villages.ts';
import { blockTotals, type BlockSummer } from '../evaluate/block-sums.ts';
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

/** A village's users, coverage and service: summed over its cells in cell order. */
export interface VillageSums {
  residents: number;
  migrants: number;
  users: number;
  covered: number;
  served: number;
}

/** Each village's cells in cell order, with the share of the cell inside it (`members(v)`). */
export interface VillageMembers {
  offsets: Int32Array;
  cells: Int32Array;
  shares: Float64Array;
}

export function villageMembers(cells: readonly DemandCell[], villageCount: number): VillageMembers {
  const offsets = new Int32Array(villageCount + 1);
  for (const cell of cells) for (const s of cell.villages) offsets[s.village + 1]++;
  for (let v = 0; v < villageCount; v++) offsets[v + 1] += offsets[v];
  const next = offsets.slice(0, villageCount);
  const members = new Int32Array(offsets[villageCount]);
  const shares = new Float64Array(offsets[villageCount]);
  cells.forEach((cell, c) => {
    for (const s of cell.villages) {
      const at = next[s.village]++;
      members[at] = c;
      shares[at] = s.share;
    }
  });
  return { offsets, cells: members, shares };
}

/** Village `v`'s sums over its members, reading `covered` and `served` as they are now. */
export function villageSums(
  v: number,
  members: VillageMembers,
  cells: readonly DemandCell[],
  villages: readonly UrbanVillage[],
  covered: Uint8Array,
  served: Float64Array,
): VillageSums {
  const acc = { residents: 0, migrants: 0, users: 0, covered: 0, served: 0 };
  for (let k = members.offsets[v]; k < members.offsets[v + 1]; k++) {
    const c = members.cells[k];
    const share = members.shares[k];
    const cell = cells[c];
    const servedShare = cell.users > 0 ? served[c] / cell.users : 0;
    acc.residents += cell.residents * share;
    acc.migrants += cell.residents * share * villages[v].migrantShare;
    acc.users += cell.users * share;
    acc.covered += covered[c] ? cell.users * share : 0;
    acc.served += cell.users * share * servedShare;
  }
  return acc;
}

/** The village-versus-rest totals, in this order (see `equitySummer`). */
export const EQUITY_SUMS = 8;

/**
 * Sums, over a block of cells, the residents, users, covered users and served users of the
 * cells' village parts (by area share), then of the rest. Service within a cell is assumed spread
 * evenly over its residents.
 */
export function equitySummer(cells: readonly DemandCell[], covered: Uint8Array, served: Float64Array): BlockSummer {
  return (from, to, out, at) => {
    let vResidents = 0;
    let vUsers = 0;
    let vCovered = 0;
    let vServed = 0;
    let oResidents = 0;
    let oUsers = 0;
    let oCovered = 0;
    let oServed = 0;
    for (let c = from; c < to; c++) {
      const cell = cells[c];
      const isCovered = covered[c] === 1;
      const v = cell.villageShare;
      const o = 1 - cell.villageShare;
      vResidents += cell.residents * v;
      vUsers += cell.users * v;
      vCovered += isCovered ? cell.users * v : 0;
      vServed += served[c] * v;
      oResidents += cell.residents * o;
      oUsers += cell.users * o;
      oCovered += isCovered ? cell.users * o : 0;
      oServed += served[c] * o;
    }
    out[at] = vResidents;
    out[at + 1] = vUsers;
    out[at + 2] = vCovered;
    out[at + 3] = vServed;
    out[at + 4] = oResidents;
    out[at + 5] = oUsers;
    out[at + 6] = oCovered;
    out[at + 7] = oServed;
  };
}

/**
 * Splits each cell's users, coverage and service between its village part (by area share) and the
 * rest, then compares.
 */
export function villageEquity(
  cells: readonly DemandCell[],
  villages: readonly UrbanVillage[],
  covered: Uint8Array,
  served: Float64Array,
  worstCount = 5,
): Equity {
  const members = villageMembers(cells, villages.length);
  const perVillage = villages.map((_, v) => villageSums(v, members, cells, villages, covered, served));
  return equityOf(villages, blockTotals(cells.length, EQUITY_SUMS, equitySummer(cells, covered, served)), perVillage, worstCount);
}

/** The equity from the totals (as `equitySummer` sums them) and each village's sums. */
export function equityOf(villages: readonly UrbanVillage[], totals: Float64Array, perVillage: readonly VillageSums[], worstCount: number): Equity {
  const [vResidents, vUsers, vCovered, vServed, oResidents, oUsers, oCovered, oServed] = totals;
  const villageCoverage = vUsers > 0 ? (100 * vCovered) / vUsers : null;
  const otherCoverage = oUsers > 0 ? (100 * oCovered) / oUsers : null;
  const villageServed = vUsers > 0 ? (100 * vServed) / vUsers : null;
  const otherServed = oUsers > 0 ? (100 * oServed) / oUsers : null;
  const worstVillages = perVillage
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
    villageResidents: Math.round(vResidents),
    otherResidents: Math.round(oResidents),
    villageCoveragePct: percent(vCovered, vUsers),
    otherCoveragePct: percent(oCovered, oUsers),
    villageServedPct: percent(vServed, vUsers),
    otherServedPct: percent(oServed, oUsers),
    ratio: ratio(villageServed, otherServed),
    coverageRatio: ratio(villageCoverage, otherCoverage),
    worstVillages,
  };
}
