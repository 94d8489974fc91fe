/** FNV-1a over the UTF-16 code units: cheap, and spread well enough for ids. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The ids seen so far among up to `capacity` rows, to find repeats: an open-addressing table of
 * row numbers and hashes, each slot's two side by side in one typed array (one cache miss a probe
 * instead of two: the table of three million ids is 64 MB), the ids themselves read back from
 * where they are kept (`idAt`). A Set of three million id strings takes seconds and a few hundred
 * MB; this takes a fraction of each.
 */
export class IdSet {
  /** Slot s: row + 1 at 2s (0: empty), the id's hash at 2s + 1. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    capacity: number,
    private readonly idAt: (row: number) => string,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
  }

  /** Adds row `row`'s id; true when an earlier row had the same id (the earlier one is kept). */
  add(id: string, row: number): boolean {
    const h = hashOf(id) | 0;
    const slots = this.slots;
    let s = h & this.mask;
    while (slots[2 * s] !== 0) {
      if (slots[2 * s + 1] === h && this.idAt(slots[2 * s] - 1) === id) return true;
      s = (s + 1) & this.mask;
    }
    slots[2 * s] = row + 1;
    slots[2 * s + 1] = h;
    return false;
  }
}
