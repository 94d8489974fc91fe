import type { MultiPolygon, Polygon } from 'geojson';
import type { LngLat } from '../types.ts';
import type { PopulationFeature, PopulationFeatureList } from './population.ts';
import type { PopulationTable } from './population-table.ts';
import { partAmounts, splitPolygon, splitsAt } from './split-polygon.ts';
import type { UrbanVillage } from './urban-villages.ts';
import { villageTagger, type VillageShare } from './village-tagging.ts';

/**
 * Where demand is: one cell per population feature, or one per part of a polygon split at the
 * service radius (`splitsAt`), each part keeping its feature's `featureIndex`. Plain data (crosses
 * a worker boundary).
 */
export interface DemandCell {
  /** The feature's id; a part's is the feature's followed by `#k` (k = 1…parts). */
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
  /**
   * The service radius (metres): a polygon whose spread exceeds a quarter of it is split into
   * parts by area (`splitPolygon`), its residents shared by area. Not given: nothing is split.
   */
  radiusM?: number;
  /**
   * Village shares worked out already, by feature index (a raster's `gridVillageShares`); features
   * not listed lie in no village. Not given: each cell is tagged here.
   */
  villageShares?: ReadonlyMap<number, VillageShare[]>;
}

const NO_VILLAGES: VillageShare[] = [];

/**
 * A population table's feature kept whole as one cell in no village: its id and point are read
 * from the table's columns when asked for, so a cell is one small object without pointers of its
 * own. Millions of plain cells, each with an id string and a point array, were most of the heap
 * every full collection had to mark (about a second each at 3 million cells).
 */
class TableCell implements DemandCell {
  readonly villageId = null;
  readonly villageName = null;
  readonly villageShare = 0;
  readonly villages = NO_VILLAGES;
  readonly migrants = 0;

  constructor(
    private readonly table: PopulationTable,
    readonly featureIndex: number,
    readonly residents: number,
    readonly users: number,
  ) {}

  get id(): string {
    return this.table.ids.get(this.featureIndex);
  }

  get lngLat(): LngLat {
    return [this.table.lng[this.featureIndex], this.table.lat[this.featureIndex]];
  }
}

/** A place residents live: a whole feature or one part of it. */
interface Piece {
  id: string;
  lngLat: LngLat;
  polygon: Polygon | MultiPolygon | null;
  population: number;
}

/** The feature as one piece, or its parts when it is large for the radius. */
function piecesOf(p: PopulationFeature, radiusM: number | undefined): Piece[] {
  if (radiusM === undefined || !p.polygon || !(p.population > 0) || !splitsAt(p.spreadM ?? 0, radiusM)) return [p];
  const parts = splitPolygon(p.polygon, radiusM);
  if (parts.length === 1) return [p];
  const populations = partAmounts(p.population, parts);
  return parts.map((part, k) => ({ id: `${p.id}#${k + 1}`, lngLat: part.lngLat, polygon: part.polygon, population: populations[k] }));
}

/**
 * Turns population features into demand cells (splitting polygons large for `options.radiusM`),
 * tagging each with its urban village(s). `onCell` counts features, not parts.
 */
export function buildDemandCells(
  population: PopulationFeatureList,
  villages: readonly UrbanVillage[],
  options: DemandOptions,
  onCell?: (done: number) => void,
): DemandCell[] {
  const growth = options.growthFactor ?? 1;
  const known = options.villageShares;
  // Without villages every cell shares one empty list (millions of cells, millions of empty arrays otherwise).
  const tag = known || villages.length === 0 ? null : villageTagger(villages);
  const cells: DemandCell[] = [];
  const table = population.table;
  for (let k = 0; k < population.length; k++) {
    if (table && table.polygonal[k] !== 1 && !tag && !known?.has(k)) {
      const residents = table.population[k] * growth;
      cells.push(new TableCell(table, k, residents, (residents * options.usersPer1000) / 1000));
      onCell?.(k + 1);
      continue;
    }
    const feature = population.at(k)!;
    for (const p of piecesOf(feature, options.radiusM)) cells.push(cellOf(feature.featureIndex, p, tag ? tag(p.lngLat, p.polygon) : (known?.get(feature.featureIndex) ?? NO_VILLAGES)));
    onCell?.(k + 1);
  }
  return cells;

  function cellOf(featureIndex: number, p: Piece, shares: VillageShare[]): DemandCell {
    const residents = p.population * growth;
    let villageShare = 0;
    let migrantShare = 0;
    let main: VillageShare | null = null;
    for (const s of shares) {
      villageShare += s.share;
      migrantShare += s.share * villages[s.village].migrantShare;
      if (!main || s.share > main.share) main = s;
    }
    return {
      id: p.id,
      featureIndex,
      lngLat: p.lngLat,
      residents,
      users: (residents * options.usersPer1000) / 1000,
      villageId: main ? villages[main.village].id : null,
      villageName: main ? villages[main.village].name : null,
      villageShare,
      villages: shares,
      migrants: residents * migrantShare,
    };
  }
}
