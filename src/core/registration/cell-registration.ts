import type { DemandCell } from '../demand/demand-cells.ts';

/**
 * Each demand cell's users split between registered residents' children and migrants' children,
 * and where the split came from. Typed arrays indexed like the cells.
 */
export interface CellRegistration {
  /** Migrants' share of the cell's residents (and users), 0..1. */
  migrantShare: Float64Array;
  registeredUsers: Float64Array;
  migrantUsers: Float64Array;
  /** Residents split by their features' own registered / migrants figures. */
  residentsFromFeatures: number;
  /** Residents split by the urban villages' migrant shares (a cell's village part). */
  residentsFromVillages: number;
  /** Residents split by the stated share outside villages. */
  residentsFromStatedShare: number;
  /** Residents whose registration nothing says (outside villages, no figures, no stated share). */
  residentsUnknown: number;
}

/**
 * Splits every cell, in this order of precedence: the feature's own figures (`featureShares`,
 * NaN where it gives none) for the whole cell; else its urban-village part by each village's
 * migrant share (as `DemandCell.migrants`) and the rest by `outsideShare` — or, without one, the
 * rest is counted unknown rather than guessed (its users are then in neither group).
 */
export function cellRegistration(cells: readonly DemandCell[], featureShares: Float64Array, outsideShare: number | undefined): CellRegistration {
  const n = cells.length;
  const out: CellRegistration = {
    migrantShare: new Float64Array(n),
    registeredUsers: new Float64Array(n),
    migrantUsers: new Float64Array(n),
    residentsFromFeatures: 0,
    residentsFromVillages: 0,
    residentsFromStatedShare: 0,
    residentsUnknown: 0,
  };
  for (let c = 0; c < n; c++) {
    const cell = cells[c];
    const fi = cell.featureIndex;
    const own = fi < featureShares.length ? featureShares[fi] : NaN;
    let share: number;
    let known = 1;
    if (!Number.isNaN(own)) {
      share = own;
      out.residentsFromFeatures += cell.residents;
    } else {
      const inVillages = cell.villageShare;
      const rest = 1 - inVillages;
      out.residentsFromVillages += cell.residents * inVillages;
      // DemandCell.migrants is residents × Σ (village part × its migrant share).
      const villageMigrants = cell.residents > 0 ? cell.migrants / cell.residents : 0;
      if (outsideShare !== undefined) {
        share = villageMigrants + rest * outsideShare;
        out.residentsFromStatedShare += cell.residents * rest;
      } else {
        share = villageMigrants;
        known = inVillages;
        out.residentsUnknown += cell.residents * rest;
      }
    }
    out.migrantShare[c] = share;
    out.migrantUsers[c] = cell.users * share;
    out.registeredUsers[c] = cell.users * (known - share);
  }
  return out;
}
