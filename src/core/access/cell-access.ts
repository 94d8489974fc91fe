import type { DemandCell } from '../demand/demand-cells.ts';
import { InputError } from '../errors.ts';
import type { Facility } from '../facilities/facilities.ts';
import type { SparseCostMatrix } from '../io/cost-matrix.ts';
import { accessSpecOf, type AccessSettings } from '../settings/access-settings.ts';
import type { DistanceRule } from '../types.ts';
import { accessEquity, type AccessEquity } from './access-equity.ts';
import { computeAccess } from './measures.ts';
import { odFromDistanceRule, type OdMatrix } from './od-matrix.ts';

/** What the residential cells are and how far they are from the facilities (a prepared evaluation's parts). */
export interface AccessDemand {
  cells: readonly DemandCell[];
  /** Users (pupils) per cell. */
  users: Float64Array;
  /** Distances in metres from any site to the cells. */
  rule: DistanceRule;
  /** The analysed type's service radius: the catchment of distance costs when no cutoff is set. */
  radiusM: number;
}

/** How a travel-time matrix met the district: what was used and what was not there. */
export interface MatrixMatch {
  file: string;
  /** The matrix's cost column, the unit's only name the file gives. */
  costColumn: string;
  pairsUsed: number;
  /** Cells with at least one pair, of all cells. */
  cellsMatched: number;
  cells: number;
  facilitiesMatched: number;
  facilities: number;
  /** Origin ids of the matrix that are no population feature (at most 5 shown, all counted). */
  unknownOrigins: { count: number; examples: string[] };
  /** Destination ids that are no facility of the analysed type (other types, closed schools…). */
  unknownDestinations: { count: number; examples: string[] };
  /** Facilities of the type the matrix has no pair for: unreachable in the measure. */
  facilitiesMissing: { count: number; examples: string[] };
}

/** One accessibility measure for every residential cell, and the villages against the rest on it. */
export interface CellAccess {
  settings: AccessSettings;
  /** The decay or cutoff in words (`binary ≤ 500`). */
  description: string;
  /** Unit of the costs: 'm' for distance, else the matrix's cost column. */
  costUnit: string;
  /** What each facility offers: its seats, or 1 when the type has no capacities. */
  supply: 'seats' | 'facilities';
  /** Nearest measures are costs: lower is better. */
  higherIsBetter: boolean;
  /** Per cell, indexed like the evaluation's cells; NaN where a matrix has no pair for the cell. */
  values: Float64Array;
  equity: AccessEquity;
  matrix: MatrixMatch | null;
}

const EXAMPLES = 5;

/** Ids of a list with their count, the first few kept for the message. */
function tally(): { count: number; examples: string[]; add(id: string): void } {
  return {
    count: 0,
    examples: [],
    add(id) {
      this.count++;
      if (this.examples.length < EXAMPLES) this.examples.push(id);
    },
  };
}

/**
 * The population feature each cell belongs to, by the feature's id: a cell is its feature unless
 * the feature was split, whose parts are `id#k` (buildDemandCells), all reached alike.
 */
function cellsByFeatureId(cells: readonly DemandCell[]): Map<string, number[]> {
  const partsOf = new Map<number, number>();
  for (const c of cells) partsOf.set(c.featureIndex, (partsOf.get(c.featureIndex) ?? 0) + 1);
  const byId = new Map<string, number[]>();
  cells.forEach((c, k) => {
    const id = partsOf.get(c.featureIndex)! > 1 ? c.id.slice(0, c.id.lastIndexOf('#')) : c.id;
    const list = byId.get(id);
    if (list) list.push(k);
    else byId.set(id, [k]);
  });
  return byId;
}

const quoted = (ids: readonly string[]) => ids.map((id) => `'${id}'`).join(', ');

/**
 * The matrix's pairs as pairs of cells and facilities: an origin id is a population feature's id
 * (every cell of the feature takes its times), a destination id a facility's. Pairs of other ids
 * are left out and counted. An InputError when no origin or no destination matches at all: the
 * matrix is for other data.
 */
export function matchMatrixToCells(m: SparseCostMatrix, cells: readonly DemandCell[], facilities: readonly Facility[]): { od: OdMatrix; match: MatrixMatch } {
  const cellsOf = cellsByFeatureId(cells);
  const facilityOf = new Map(facilities.map((f, k) => [f.id, k]));
  const unknownOrigins = tally();
  const unknownDestinations = tally();
  const originCells = m.originIds.map((id) => {
    const list = cellsOf.get(id);
    if (!list) unknownOrigins.add(id);
    return list ?? null;
  });
  const destinationFacility = m.destinationIds.map((id) => {
    const k = facilityOf.get(id);
    if (k === undefined) unknownDestinations.add(id);
    return k ?? -1;
  });
  if (unknownOrigins.count === m.originIds.length) {
    const some = [...cellsOf.keys()].slice(0, 3);
    throw new InputError(m.source, `none of its ${m.originIds.length.toLocaleString('en-US')} ${m.columns.origin} ids is the id of a residential feature (matrix: ${quoted(unknownOrigins.examples.slice(0, 3))}; population: ${quoted(some)})`);
  }
  if (unknownDestinations.count === m.destinationIds.length) {
    const some = facilities.slice(0, 3).map((f) => f.id);
    throw new InputError(m.source, `none of its ${m.destinationIds.length.toLocaleString('en-US')} ${m.columns.destination} ids is the id of a facility of the analysed type (matrix: ${quoted(unknownDestinations.examples.slice(0, 3))}; facilities: ${quoted(some)})`);
  }
  const { origins, destinations, costs } = m.matrix;
  let pairs = 0;
  for (let p = 0; p < origins.length; p++) {
    const list = originCells[origins[p]];
    if (list && destinationFacility[destinations[p]] >= 0) pairs += list.length;
  }
  const od: OdMatrix = {
    originCount: cells.length,
    destinationCount: facilities.length,
    origins: new Int32Array(pairs),
    destinations: new Int32Array(pairs),
    costs: new Float64Array(pairs),
  };
  const cellSeen = new Uint8Array(cells.length);
  const facilitySeen = new Uint8Array(facilities.length);
  let q = 0;
  for (let p = 0; p < origins.length; p++) {
    const list = originCells[origins[p]];
    const f = destinationFacility[destinations[p]];
    if (!list || f < 0) continue;
    facilitySeen[f] = 1;
    for (const c of list) {
      od.origins[q] = c;
      od.destinations[q] = f;
      od.costs[q++] = costs[p];
      cellSeen[c] = 1;
    }
  }
  const facilitiesMissing = tally();
  facilities.forEach((f, k) => facilitySeen[k] === 0 && facilitiesMissing.add(f.id));
  const count = (a: Uint8Array) => a.reduce((n, v) => n + v, 0);
  const plain = (t: ReturnType<typeof tally>) => ({ count: t.count, examples: t.examples });
  return {
    od,
    match: {
      file: m.source,
      costColumn: m.columns.cost,
      pairsUsed: pairs,
      cellsMatched: count(cellSeen),
      cells: cells.length,
      facilitiesMatched: count(facilitySeen),
      facilities: facilities.length,
      unknownOrigins: plain(unknownOrigins),
      unknownDestinations: plain(unknownDestinations),
      facilitiesMissing: plain(facilitiesMissing),
    },
  };
}

/**
 * The chosen measure for every cell: pupils are the demand, the facilities' seats the supply
 * (1 each when the type has no capacities; the nearest measure always counts facilities). On a
 * matrix, only cells it has pairs for count as demand or get a value (Paez et al.: origins not in
 * the matrix are not part of the system); by distance every cell does.
 */
export function cellAccess(demand: AccessDemand, facilities: readonly Facility[], settings: AccessSettings, matrix?: SparseCostMatrix): CellAccess {
  const { cells, users } = demand;
  let od: OdMatrix;
  let match: MatrixMatch | null = null;
  let cutoff: number;
  if (settings.costs === 'matrix') {
    if (!matrix) throw new InputError('access.costs', 'no travel-time matrix is loaded: load one, or measure by distance');
    ({ od, match } = matchMatrixToCells(matrix, cells, facilities));
    cutoff = settings.cutoff ?? Infinity;
  } else {
    cutoff = settings.cutoff ?? demand.radiusM;
    od = odFromDistanceRule(demand.rule, facilities, cutoff);
  }
  const spec = accessSpecOf(settings, cutoff);
  const capacities = facilities.every((f) => f.capacitySource !== 'none');
  const supply = Float64Array.from(facilities, (f) => (capacities && settings.method !== 'nearest' ? f.capacity : 1));
  const result = computeAccess(spec, od, users, supply);
  const values = result.values;
  if (match) {
    const reached = new Uint8Array(cells.length);
    for (let p = 0; p < od.origins.length; p++) reached[od.origins[p]] = 1;
    for (let c = 0; c < cells.length; c++) if (!reached[c]) values[c] = NaN;
  }
  const higherIsBetter = settings.method !== 'nearest';
  return {
    settings,
    description: result.description,
    costUnit: match ? match.costColumn : 'm',
    supply: capacities && settings.method !== 'nearest' ? 'seats' : 'facilities',
    higherIsBetter,
    values,
    equity: accessEquity(cells, values, higherIsBetter),
    matrix: match,
  };
}
