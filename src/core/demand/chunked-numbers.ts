/** The typed arrays a column may be made of. */
export type NumberBlock = Float64Array | Uint32Array | Int32Array | Uint8Array;

const BLOCK_BITS = 15;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

/**
 * A growing column of numbers kept in fixed blocks of one typed array type. Growing never copies:
 * a plain typed array doubled at 300 MB would hold the old and the new one at once, which a
 * million-feature load cannot afford.
 */
export class ChunkedNumbers {
  private readonly blocks: NumberBlock[] = [];
  length = 0;

  constructor(private readonly make: (n: number) => NumberBlock) {}

  push(value: number): void {
    const at = this.length & MASK;
    if (at === 0) this.blocks.push(this.make(BLOCK));
    this.blocks[this.blocks.length - 1][at] = value;
    this.length++;
  }

  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS][i & MASK];
  }

  set(i: number, value: number): void {
    this.blocks[i >>> BLOCK_BITS][i & MASK] = value;
  }

  /** The values as one typed array of `make`'s type (the engine's columns index it directly). */
  toArray<T extends NumberBlock>(make: (n: number) => T): T {
    const out = make(this.length);
    for (let b = 0; b < this.blocks.length; b++) {
      const from = b * BLOCK;
      const n = Math.min(BLOCK, this.length - from);
      out.set(n === BLOCK ? this.blocks[b] : this.blocks[b].subarray(0, n), from);
    }
    return out;
  }
}

export const float64s = (n: number) => new Float64Array(n);
export const uint32s = (n: number) => new Uint32Array(n);
export const uint8s = (n: number) => new Uint8Array(n);
