import type { LngLat } from '../types.ts';
import type { PopulationFeature } from './population.ts';
import type { UrbanVillage } from './urban-villages.ts';
import { villageTagger, type VillageShare } from './village-tagging.ts';

/** Where demand is: one cell per population feature. Plain data (crosses a worker boundary). */
export interface DemandCell {
  id: string;
  featureIndex: number;
  lngLat: LngLat;
  /** Residents in the plan year: population × growth factor. */
  residents: number;
  /** Users (pupils, or clinic visits a day): residents × usersPer1000 / 1,000. */
  users: number;
  /** The village holding most of the cell's residents, if any. */
  villageId: string | null;
  villageName: string | null;
  /** Share of the cell's residents living in an urban village, 0..1. */
  villageShare: number;
  /** Per-village split, for cells straddling a boundary (indices into the villages array). */
  villages: VillageShare[];
  /** Residents without local Hukou, from the villages' migrant shares (0 outside villages). */
  migrants: number;
}

export interface DemandOptions {
  usersPer1000: number;
  /** Multiplies every cell's population to reach the plan year (1 = today). */
  growthFactor?: number;
}

/** Turns population features into demand cells, tagging each with its urban village(s). */
export function buildDemandCells(
  population: readonly PopulationFeature[],
  villages: readonly UrbanVillage[],
  options: DemandOptions,
  onCell?: (done: number) => void,
): DemandCell[] {
  const growth = options.growthFactor ?? 1;
  const tag = villageTagger(villages);
  return population.map((p, k) => {
    const residents = p.population * growth;
    const shares = tag(p.lngLat, p.polygon);
    let villageShare = 0;
    let migrantShare = 0;
    let main: VillageShare | null = null;
    for (const s of shares) {
      villageShare += s.share;
      migrantShare += s.share * villages[s.village].migrantShare;
      if (!main || s.share > main.share) main = s;
    }
    onCell?.(k + 1);
    return {
      id: p.id,
      featureIndex: p.featureIndex,
      lngLat: p.lngLat,
      residents,
      users: (residents * options.usersPer1000) / 1000,
      villageId: main ? villages[main.village].id : null,
      villageName: main ? villages[main.village].name : null,
      villageShare,
      villages: shares,
      migrants: residents * migrantShare,
    };
  });
}
