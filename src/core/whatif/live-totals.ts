import { BlockSums } from '../evaluate/block-sums.ts';
import type { EvaluationSummary, FacilityResult } from '../evaluate/evaluation.ts';
import type { PreparedEvaluation } from '../evaluate/prepare.ts';
import { SUMMARY_SUMS, summaryOf, summarySummer, type CellFigures } from '../evaluate/results.ts';
import { EQUITY_SUMS, equityOf, equitySummer, villageMembers, villageSums, type VillageMembers, type VillageSums } from '../equity/village-equity.ts';
import type { Facility } from '../facilities/facilities.ts';

/**
 * The district summary and equity of a live assessment, kept current by re-adding only what an
 * edit touched: the blocks of cells holding changed cells (in the fixed block order every
 * evaluation uses) and the villages with a changed cell (each summed over its cells in order). So
 * every total is bit for bit what a full evaluation computes, at a cost set by the edit's size.
 */
export class LiveTotals {
  private readonly summarySums: BlockSums;
  private readonly equitySums: BlockSums;
  private readonly members: VillageMembers;
  private readonly perVillage: VillageSums[];
  private readonly dirtyVillages = new Set<number>();

  constructor(
    private readonly prepared: PreparedEvaluation,
    private readonly figures: CellFigures,
  ) {
    const { cells, villages } = prepared;
    const { covered } = figures.stats;
    const { served } = figures.allocation;
    this.summarySums = new BlockSums(cells.length, SUMMARY_SUMS, summarySummer(cells, figures));
    this.equitySums = new BlockSums(cells.length, EQUITY_SUMS, equitySummer(cells, covered, served));
    this.members = villageMembers(cells, villages.length);
    this.perVillage = villages.map((_, v) => villageSums(v, this.members, cells, villages, covered, served));
  }

  /** These cells' figures may have changed. */
  markCells(cells: Int32Array): void {
    for (const c of cells) {
      this.summarySums.markCell(c);
      this.equitySums.markCell(c);
      for (const s of this.prepared.cells[c].villages) this.dirtyVillages.add(s.village);
    }
  }

  summary(facilities: readonly Facility[], results: readonly FacilityResult[]): EvaluationSummary {
    const { cells, villages, worstVillageCount } = this.prepared;
    for (const v of this.dirtyVillages) this.perVillage[v] = villageSums(v, this.members, cells, villages, this.figures.stats.covered, this.figures.allocation.served);
    this.dirtyVillages.clear();
    const equity = equityOf(villages, this.equitySums.totals(), this.perVillage, worstVillageCount);
    return summaryOf(this.prepared, facilities, results, equity, this.summarySums.totals());
  }
}
