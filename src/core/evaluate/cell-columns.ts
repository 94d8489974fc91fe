import type { CellResult, Evaluation } from './evaluation.ts';

/**
 * An evaluation's cells as columns of typed arrays: what crosses a worker boundary. Structured
 * cloning 800,000 cell objects takes seconds; these columns move as a few buffers, and unpacking
 * them into objects again takes a fraction of that.
 */
export interface CellColumns {
  count: number;
  /** Cell ids joined by U+0000, or the list itself when an id holds that character. */
  ids: string | string[];
  featureIndex: Int32Array;
  /** lng, lat per cell. */
  lngLat: Float64Array;
  /** NUMBER_FIELDS per cell; NaN for a null nearest distance. */
  numbers: Float64Array;
  covered: Uint8Array;
  /** Indices into `facilityIds`; −1 for none. */
  nearestFacility: Int32Array;
  servedBy: Int32Array;
  facilityIds: string[];
  /** Indices into `villages`; −1 for none. */
  village: Int32Array;
  villages: { id: string; name: string | null }[];
}

const NUMBER_FIELDS = ['residents', 'users', 'served', 'unserved', 'nearestDistanceM', 'access2sfca', 'accessE2sfca', 'villageShare', 'migrants'] as const;
const SEPARATOR = '\u0000';

export type PackedEvaluation = Omit<Evaluation, 'cells'> & { cells: CellColumns };

export function packCells(cells: readonly CellResult[]): CellColumns {
  return packCellsOf(cells.length, (i) => cells[i]);
}

/**
 * Packs `count` cells given one at a time: the engine packs an evaluation straight from its typed
 * arrays, so a city's cells never all exist as objects in the worker.
 */
export function packCellsOf(count: number, cellAt: (i: number) => CellResult): CellColumns {
  const k = NUMBER_FIELDS.length;
  const featureIndex = new Int32Array(count);
  const lngLat = new Float64Array(count * 2);
  const numbers = new Float64Array(count * k);
  const covered = new Uint8Array(count);
  const nearestFacility = new Int32Array(count);
  const servedBy = new Int32Array(count);
  const village = new Int32Array(count);
  const facilityIndex = new Map<string, number>();
  const facilityIds: string[] = [];
  const facilityOf = (id: string | null): number => {
    if (id === null) return -1;
    let i = facilityIndex.get(id);
    if (i === undefined) facilityIndex.set(id, (i = facilityIds.push(id) - 1));
    return i;
  };
  const villageIndex = new Map<string, number>();
  const villages: CellColumns['villages'] = [];
  const ids: string[] = new Array<string>(count);
  let plainIds = true;
  for (let i = 0; i < count; i++) {
    const c = cellAt(i);
    ids[i] = c.id;
    if (plainIds && c.id.includes(SEPARATOR)) plainIds = false;
    featureIndex[i] = c.featureIndex;
    lngLat[2 * i] = c.lngLat[0];
    lngLat[2 * i + 1] = c.lngLat[1];
    const base = i * k;
    numbers[base] = c.residents;
    numbers[base + 1] = c.users;
    numbers[base + 2] = c.served;
    numbers[base + 3] = c.unserved;
    numbers[base + 4] = c.nearestDistanceM ?? NaN;
    numbers[base + 5] = c.access2sfca;
    numbers[base + 6] = c.accessE2sfca;
    numbers[base + 7] = c.villageShare;
    numbers[base + 8] = c.migrants;
    covered[i] = c.covered ? 1 : 0;
    nearestFacility[i] = facilityOf(c.nearestFacilityId);
    servedBy[i] = facilityOf(c.servedById);
    if (c.villageId === null) village[i] = -1;
    else {
      const key = `${c.villageId}${SEPARATOR}${c.villageName ?? ''}`;
      let v = villageIndex.get(key);
      if (v === undefined) villageIndex.set(key, (v = villages.push({ id: c.villageId, name: c.villageName }) - 1));
      village[i] = v;
    }
  }
  return { count, ids: plainIds ? ids.join(SEPARATOR) : ids, featureIndex, lngLat, numbers, covered, nearestFacility, servedBy, facilityIds, village, villages };
}

export function unpackCells(columns: CellColumns): CellResult[] {
  const cells = new Array<CellResult>(columns.count);
  let i = 0;
  for (const cell of columnCells(columns)) cells[i++] = cell;
  return cells;
}

/** The cells' ids, in order. */
export function cellIds(columns: CellColumns): string[] {
  return typeof columns.ids === 'string' ? (columns.count === 0 ? [] : columns.ids.split(SEPARATOR)) : columns.ids;
}

/**
 * The packed cells as objects one at a time, in order: an export of millions of cells reads them
 * so, without an array of them all (or of their ids).
 */
export function* columnCells(columns: CellColumns): Generator<CellResult> {
  const { count, featureIndex, lngLat, numbers, covered, nearestFacility, servedBy, facilityIds, village, villages } = columns;
  const joined = typeof columns.ids === 'string' ? columns.ids : null;
  let at = 0;
  const k = NUMBER_FIELDS.length;
  for (let i = 0; i < count; i++) {
    let id: string;
    if (joined === null) id = (columns.ids as string[])[i];
    else {
      const end = joined.indexOf(SEPARATOR, at);
      id = joined.slice(at, end < 0 ? joined.length : end);
      at = end + 1;
    }
    const base = i * k;
    const v = village[i] >= 0 ? villages[village[i]] : null;
    const distance = numbers[base + 4];
    yield {
      id,
      featureIndex: featureIndex[i],
      lngLat: [lngLat[2 * i], lngLat[2 * i + 1]],
      residents: numbers[base],
      users: numbers[base + 1],
      served: numbers[base + 2],
      unserved: numbers[base + 3],
      covered: covered[i] === 1,
      nearestFacilityId: nearestFacility[i] >= 0 ? facilityIds[nearestFacility[i]] : null,
      nearestDistanceM: Number.isNaN(distance) ? null : distance,
      servedById: servedBy[i] >= 0 ? facilityIds[servedBy[i]] : null,
      access2sfca: numbers[base + 5],
      accessE2sfca: numbers[base + 6],
      villageId: v ? v.id : null,
      villageName: v ? v.name : null,
      villageShare: numbers[base + 7],
      migrants: numbers[base + 8],
    };
  }
}

/** The buffers of packed cells, to transfer rather than copy. */
export function cellBuffers(columns: CellColumns): ArrayBuffer[] {
  return [columns.featureIndex, columns.lngLat, columns.numbers, columns.covered, columns.nearestFacility, columns.servedBy, columns.village].map((a) => a.buffer as ArrayBuffer);
}

export const packEvaluation = (e: Evaluation): PackedEvaluation => ({ ...e, cells: packCells(e.cells) });
export const unpackEvaluation = (e: PackedEvaluation): Evaluation => ({ ...e, cells: unpackCells(e.cells) });
