import { ChunkedNumbers, uint32s } from './chunked-numbers.ts';

/** Characters gathered before they are joined into one chunk: far below the engine's string limit (about 2²⁹). */
const CHUNK_CHARS = 1 << 24;
/**
 * Strings gathered before a join, however short: few enough that they die in the young generation
 * (262,144 outlived it, and copying them out cost half a 300 MB GeoJSON's collection time).
 */
const CHUNK_ROWS = 1 << 14;

/**
 * Millions of short strings (ids, a row's properties as JSON) kept as a few long ones: each row's
 * text lies inside one chunk, found by its start. A string object per row costs 20–40 bytes beyond
 * its characters; here a row costs its characters and four bytes.
 */
export class TextColumn {
  private readonly chunks: string[] = [];
  /** The first row of each chunk. */
  private readonly chunkRows: number[] = [];
  /** Each row's start within its chunk. */
  private readonly starts = new ChunkedNumbers(uint32s);
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingFrom = 0;

  get length(): number {
    return this.starts.length;
  }

  push(text: string): void {
    this.starts.push(this.pendingChars);
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS || this.pending.length >= CHUNK_ROWS) this.seal();
  }

  get(i: number): string {
    if (i >= this.pendingFrom) return this.pending[i - this.pendingFrom];
    // The chunk holding row i: the last one starting at or before it.
    let lo = 0;
    let hi = this.chunkRows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkRows[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo];
    const lastRow = lo + 1 < this.chunkRows.length ? this.chunkRows[lo + 1] : this.pendingFrom;
    return chunk.slice(this.starts.get(i), i + 1 < lastRow ? this.starts.get(i + 1) : chunk.length);
  }

  private seal(): void {
    this.chunks.push(this.pending.join(''));
    this.chunkRows.push(this.pendingFrom);
    this.pendingFrom = this.starts.length;
    this.pending = [];
    this.pendingChars = 0;
  }
}
