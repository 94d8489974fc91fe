import { bbox, booleanPointInPolygon, featureCollection, point, tin } from '@turf/turf';
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { reachTable } from '../catchment/reach-table.ts';
import { buildDemandCells } from '../demand/demand-cells.ts';
import { gridVillageShares } from '../demand/grid-village-shares.ts';
import { readPopulationFeatures } from '../demand/population.ts';
import { pixelFeature } from '../demand/population-grid.ts';
import { readUrbanVillages } from '../demand/urban-villages.ts';
import { geodesicIndexRule } from '../distance/geodesic-index.ts';
import { haversineM } from '../distance/haversine.ts';
import { InputError, type InputWarning } from '../errors.ts';
import type { EvaluateInput, EvaluateOptions } from '../evaluate/evaluation.ts';
import { readFacilities, type Facility } from '../facilities/facilities.ts';
import type { NetworkRule } from '../network/network-rule.ts';
import { networkRule } from '../network/network-rule.ts';
import { walkNetwork } from '../network/walk-network.ts';
import { boundsError, GROWTH_BOUNDS } from '../settings/bounds.ts';
import { DEFAULT_PRESET_ID, getStandard, type FacilityStandard } from '../standards/presets.ts';
import type { DistanceRule, LngLat } from '../types.ts';
import { sharedBoundaryNeighbours } from './shared-boundary.ts';

/** One unit of a zone design: a whole population feature (a block is never split between schools). */
export interface DesignCell {
  id: string;
  featureIndex: number;
  /** The point, or the polygon's area centroid: where distances are measured from. */
  lngLat: LngLat;
  residents: number;
  /** Pupils: residents × pupils per 1,000 ÷ 1,000. */
  users: number;
  /** Share of its residents living in an urban village, 0..1. */
  villageShare: number;
}

/** Why a cell has no school it may be zoned to. */
export type NoPairReason = 'no-school-in-reach' | 'across-arterial';

/** How cells count as touching, for contiguity. */
export type CellAdjacency = 'shared-edge' | 'delaunay';

export interface ZoneDesignOptions extends EvaluateOptions {
  /** A cell is zoned only to a school within this distance (by the rule); default 4 × the radius. */
  reachM?: number;
  /** Every school within this distance of a cell is a candidate; default 2 × the radius. */
  keepAllWithinM?: number;
  /** Also the nearest this many schools within `reachM`; default 5. */
  nearestKept?: number;
  /** Point populations: Delaunay neighbours at most this far apart touch; default the radius. */
  pointNeighbourM?: number;
}

/**
 * A zone design's data, prepared once and reused by every design and hand edit: the cells, the
 * schools with seats, the cell–school pairs a zone may use (by cell, nearest first), which cells
 * touch, and each school's anchor cell (the one it stands in). Plain data and typed arrays.
 */
export interface ZoneDesignProblem {
  type: Facility['type'];
  presetId: string;
  standard: FacilityStandard;
  growthFactor: number;
  cells: DesignCell[];
  schools: Facility[];
  /** Cell c may go to `pairSchool[k]` at `pairDistanceM[k]` for k in pairStart[c] … pairStart[c + 1], nearest first. */
  pairStart: Int32Array;
  pairSchool: Int32Array;
  pairDistanceM: Float64Array;
  /** Cell c touches `neighbours[k]` for k in neighbourStart[c] … neighbourStart[c + 1]. */
  neighbourStart: Int32Array;
  neighbours: Int32Array;
  adjacency: CellAdjacency;
  /** Each cell's polygon (null for points): what zone outlines are dissolved from. */
  cellPolygons: (Polygon | MultiPolygon | null)[];
  /** Per school: the cell its zone grows from (the cell it stands in, else its nearest), or -1 when it reaches none. */
  anchors: Int32Array;
  /** Per cell without pairs: why (with an arterial barrier, 'across-arterial' when the unrestricted network reaches a school). */
  noPairReason: (NoPairReason | null)[];
  /**
   * With an arterial barrier: the schools cell c reaches within `reachM` only by crossing it,
   * `acrossSchool[k]` for k in acrossStart[c] … acrossStart[c + 1] (empty rows without a barrier).
   */
  acrossStart: Int32Array;
  acrossSchool: Int32Array;
  reachM: number;
  keepAllWithinM: number;
  nearestKept: number;
  warnings: InputWarning[];
}

/** Compressed rows from lists. */
function rows(lists: readonly number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i] + l.length));
  const items = new Int32Array(start[lists.length]);
  lists.forEach((l, i) => items.set(l, start[i]));
  return { start, items };
}

/**
 * Delaunay neighbours (turf's `tin`) at most `maxM` apart. Points at one place touch each other;
 * the first of them stands for all in the triangulation, so the others reach its neighbours through it.
 */
function delaunayNeighbours(points: readonly LngLat[], maxM: number): number[][] {
  const out: Set<number>[] = points.map(() => new Set());
  const at = new Map<string, number>();
  points.forEach((p, i) => {
    const key = `${p[0]},${p[1]}`;
    const same = at.get(key);
    if (same === undefined) at.set(key, i);
    else {
      out[i].add(same);
      out[same].add(i);
    }
  });
  const unique = [...at.values()];
  if (unique.length >= 3) {
    const triangles = tin(featureCollection(unique.map((i) => point([points[i][0], points[i][1]]))));
    for (const t of triangles.features) {
      const corners = t.geometry.coordinates[0].slice(0, 3).map((c) => at.get(`${c[0]},${c[1]}`)!);
      for (let a = 0; a < 3; a++) {
        const i = corners[a];
        const j = corners[(a + 1) % 3];
        if (haversineM(points[i], points[j]) <= maxM) {
          out[i].add(j);
          out[j].add(i);
        }
      }
    }
  } else if (unique.length === 2 && haversineM(points[unique[0]], points[unique[1]]) <= maxM) {
    out[unique[0]].add(unique[1]);
    out[unique[1]].add(unique[0]);
  }
  return out.map((s, i) => [...s].filter((j) => j !== i).sort((a, b) => a - b));
}

/**
 * Reads the layers and prepares a zone design: whole population features as cells (pupils by the
 * standard, village shares by area), the schools of the type with their seats (a design needs
 * capacities), the pairs a zone may use — every school within `keepAllWithinM`, and the
 * `nearestKept` nearest within `reachM`, by the distance rule (with an arterial barrier, only
 * schools reached without crossing one) — and which cells touch: polygons sharing an edge, or
 * points that are Delaunay neighbours within `pointNeighbourM`.
 */
export function prepareZoneDesign(input: EvaluateInput, options: ZoneDesignOptions): ZoneDesignProblem {
  const presetId = options.preset ?? DEFAULT_PRESET_ID;
  const standard = getStandard(presetId, options.type, options.overrides);
  const growthFactor = options.growthFactor ?? 1;
  const growthError = boundsError(growthFactor, GROWTH_BOUNDS);
  if (growthError !== null) throw new InputError('growthFactor', `${growthError}, got ${String(growthFactor)}`);
  const radiusM = standard.radiusM;
  const reachM = options.reachM ?? 4 * radiusM;
  const keepAllWithinM = options.keepAllWithinM ?? 2 * radiusM;
  const nearestKept = options.nearestKept ?? 5;
  const pointNeighbourM = options.pointNeighbourM ?? radiusM;
  for (const [name, v] of [['reachM', reachM], ['keepAllWithinM', keepAllWithinM], ['pointNeighbourM', pointNeighbourM]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new InputError(name, `must be a number above 0, got ${String(v)}`);
  }
  if (!(Number.isInteger(nearestKept) && nearestKept >= 1)) throw new InputError('nearestKept', `must be a whole number ≥ 1, got ${String(nearestKept)}`);
  const names = { population: 'population', facilities: 'facilities', villages: 'villages', ...input.sources };

  const population = readPopulationFeatures(input.population, names.population);
  const facilityLayer = readFacilities(input.facilities, options.type, names.facilities, standard);
  const villageLayer = input.villages !== undefined && input.villages !== null ? readUrbanVillages(input.villages, names.villages) : { villages: [], warnings: [] };
  const schools = facilityLayer.facilities.filter((f) => f.capacitySource !== 'none');
  if (schools.length === 0) {
    throw new InputError(names.facilities, `zones need seats: none of the ${options.type} facilities has a capacity (map one with --field capacity=COLUMN, or --assume-capacity standard)`);
  }
  const demand = buildDemandCells(population.features, villageLayer.villages, {
    usersPer1000: standard.usersPer1000,
    growthFactor,
    villageShares: population.grid ? gridVillageShares(population.grid, villageLayer.villages) : undefined,
  });
  const cells: DesignCell[] = demand.map((c) => ({ id: c.id, featureIndex: c.featureIndex, lngLat: c.lngLat, residents: c.residents, users: c.users, villageShare: c.villageShare }));
  const points = cells.map((c) => c.lngLat);
  const rule: DistanceRule = options.distanceRule ? options.distanceRule(points) : geodesicIndexRule(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]));

  // Pairs by cell, nearest first (ties by school order): all within keepAllWithinM, and the nearest few within reachM.
  const table = reachTable(rule, schools, reachM);
  const byCell: { school: number; d: number }[][] = cells.map(() => []);
  for (let s = 0; s < schools.length; s++) {
    for (let k = table.offsets[s]; k < table.offsets[s + 1]; k++) byCell[table.indices[k]].push({ school: s, d: table.distancesM[k] });
  }
  const pairStart = new Int32Array(cells.length + 1);
  const kept: { school: number; d: number }[][] = byCell.map((list, c) => {
    list.sort((a, b) => a.d - b.d || a.school - b.school);
    const keep = list.filter((p, k) => k < nearestKept || p.d <= keepAllWithinM);
    pairStart[c + 1] = pairStart[c] + keep.length;
    return keep;
  });
  const pairSchool = new Int32Array(pairStart[cells.length]);
  const pairDistanceM = new Float64Array(pairStart[cells.length]);
  kept.forEach((list, c) => list.forEach((p, k) => ((pairSchool[pairStart[c] + k] = p.school), (pairDistanceM[pairStart[c] + k] = p.d))));

  // Cells no school reaches: with a barrier, those the unrestricted network does reach lie across it.
  const across: number[][] = cells.map(() => []);
  const net = rule.kind === 'network' ? (rule as NetworkRule).network : null;
  if (net?.barrier) {
    const open = reachTable(networkRule(walkNetwork(net.graph), points, { maxSnapM: (rule as NetworkRule).maxSnapM }), schools, reachM);
    for (let s = 0; s < schools.length; s++) {
      for (let k = open.offsets[s]; k < open.offsets[s + 1]; k++) {
        const c = open.indices[k];
        if (!byCell[c].some((p) => p.school === s)) across[c].push(s);
      }
    }
  }
  const noPairReason: (NoPairReason | null)[] = kept.map((l, c) => (l.length > 0 ? null : across[c].length > 0 ? 'across-arterial' : 'no-school-in-reach'));
  const acrossRows = rows(across);

  // One cell per feature, in order (nothing is split without a radius).
  const polygons = cells.map((c, k) => (population.grid ? pixelFeature(population.grid, c.featureIndex).geometry : (population.features.at(k)?.polygon ?? null)));
  const allPolygons = polygons.every((p): p is Polygon | MultiPolygon => p !== null);
  const adjacency: CellAdjacency = allPolygons ? 'shared-edge' : 'delaunay';
  const neighbourLists = allPolygons
    ? sharedBoundaryNeighbours(polygons as (Polygon | MultiPolygon)[], { toleranceM: 0.5, minSharedM: 1 })
    : delaunayNeighbours(points, pointNeighbourM);
  const neighbourRows = rows(neighbourLists);

  return {
    type: options.type,
    presetId,
    standard,
    growthFactor,
    cells,
    schools,
    pairStart,
    pairSchool,
    pairDistanceM,
    neighbourStart: neighbourRows.start,
    neighbours: neighbourRows.items,
    adjacency,
    cellPolygons: polygons,
    anchors: anchorsOf(schools, cells, polygons, pairStart, pairSchool, pairDistanceM),
    noPairReason,
    acrossStart: acrossRows.start,
    acrossSchool: acrossRows.items,
    reachM,
    keepAllWithinM,
    nearestKept,
    warnings: [...population.warnings, ...facilityLayer.warnings, ...villageLayer.warnings],
  };
}

/** Each school's anchor: a cell it may serve whose polygon holds it, else the nearest cell it may serve. */
function anchorsOf(
  schools: readonly Facility[],
  cells: readonly DesignCell[],
  polygons: readonly (Polygon | MultiPolygon | null)[],
  pairStart: Int32Array,
  pairSchool: Int32Array,
  pairDistanceM: Float64Array,
): Int32Array {
  const anchors = new Int32Array(schools.length).fill(-1);
  const nearest = new Float64Array(schools.length).fill(Infinity);
  for (let c = 0; c < cells.length; c++) {
    for (let k = pairStart[c]; k < pairStart[c + 1]; k++) {
      const s = pairSchool[k];
      if (pairDistanceM[k] < nearest[s]) {
        nearest[s] = pairDistanceM[k];
        anchors[s] = c;
      }
    }
  }
  const withPolygon = polygons.map((p, c) => (p ? c : -1)).filter((c) => c >= 0);
  if (withPolygon.length === 0) return anchors;
  const index = new Flatbush(withPolygon.length);
  for (const c of withPolygon) {
    const [w, s, e, n] = bbox(polygons[c]!);
    index.add(w, s, e, n);
  }
  index.finish();
  schools.forEach((school, s) => {
    const [x, y] = school.lngLat;
    const holding = index
      .search(x, y, x, y)
      .map((k) => withPolygon[k])
      .sort((a, b) => a - b)
      .find((c) => booleanPointInPolygon([x, y], polygons[c]!) && hasPair(c, s, pairStart, pairSchool));
    if (holding !== undefined) anchors[s] = holding;
  });
  return anchors;
}

function hasPair(c: number, s: number, pairStart: Int32Array, pairSchool: Int32Array): boolean {
  for (let k = pairStart[c]; k < pairStart[c + 1]; k++) if (pairSchool[k] === s) return true;
  return false;
}
