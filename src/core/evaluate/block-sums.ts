/**
 * District totals over cells (served pupils, covered village users, …) are summed in a fixed
 * shape: cells in blocks of `SUM_BLOCK` by index, each block summed in cell order from 0, then the
 * block sums added in block order. Floating-point addition is not associative, so a total is only
 * reproducible if every path adds in the same order; with this shape a what-if edit re-adds just
 * the blocks holding the cells it changed and gets, bit for bit, the total a full evaluation of the
 * same facilities computes. (Subtracting old contributions and adding new ones would drift.)
 */
export const SUM_BLOCK = 1024;

/**
 * Writes the sums over cells `from` to `to - 1`, each added in cell order from 0, to `out[at]`,
 * `out[at + 1]`, … (one slot per quantity).
 */
export type BlockSummer = (from: number, to: number, out: Float64Array, at: number) => void;

/** Per-block sums of `width` quantities over `cellCount` cells, kept current as cells change. */
export class BlockSums {
  private readonly blocks: Float64Array;
  private readonly dirty: Uint8Array;
  private readonly dirtyList: number[] = [];

  constructor(
    private readonly cellCount: number,
    private readonly width: number,
    private readonly summer: BlockSummer,
  ) {
    const count = Math.ceil(cellCount / SUM_BLOCK);
    this.blocks = new Float64Array(count * width);
    this.dirty = new Uint8Array(count);
    for (let b = 0; b < count; b++) this.sumBlock(b);
  }

  /** Cell `c`'s values changed: its block is summed again at the next `totals()`. */
  markCell(c: number): void {
    const b = (c / SUM_BLOCK) | 0;
    if (this.dirty[b] === 0) {
      this.dirty[b] = 1;
      this.dirtyList.push(b);
    }
  }

  /** The totals, each the block sums added in block order. */
  totals(): Float64Array {
    for (const b of this.dirtyList) {
      this.dirty[b] = 0;
      this.sumBlock(b);
    }
    this.dirtyList.length = 0;
    const out = new Float64Array(this.width);
    for (let at = 0; at < this.blocks.length; at += this.width) {
      for (let k = 0; k < this.width; k++) out[k] += this.blocks[at + k];
    }
    return out;
  }

  private sumBlock(b: number): void {
    this.summer(b * SUM_BLOCK, Math.min(this.cellCount, (b + 1) * SUM_BLOCK), this.blocks, b * this.width);
  }
}

/** The totals of a one-off evaluation, in the same order as a kept `BlockSums`. */
export function blockTotals(cellCount: number, width: number, summer: BlockSummer): Float64Array {
  return new BlockSums(cellCount, width, summer).totals();
}
