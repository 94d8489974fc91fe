/** FNV-1a over the UTF-16 code units: cheap, and spread well enough for ids. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The ids seen so far among up to `capacity` rows, to find repeats: an open-addressing table of
 * row numbers and hashes in two typed arrays, the ids themselves read back from where they are
 * kept (`idAt`). A Set of three million id strings takes seconds and a few hundred MB; this takes
 * a fraction of each.
 */
export class IdSet {
  private readonly rows: Int32Array;
  private readonly hashes: Uint32Array;
  private readonly mask: number;

  constructor(
    capacity: number,
    private readonly idAt: (row: number) => string,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.rows = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    this.mask = size - 1;
  }

  /** Adds row `row`'s id; true when an earlier row had the same id (the earlier one is kept). */
  add(id: string, row: number): boolean {
    const h = hashOf(id);
    let slot = h & this.mask;
    while (this.rows[slot] !== 0) {
      if (this.hashes[slot] === h && this.idAt(this.rows[slot] - 1) === id) return true;
      slot = (slot + 1) & this.mask;
    }
    this.rows[slot] = row + 1;
    this.hashes[slot] = h;
    return false;
  }
}
