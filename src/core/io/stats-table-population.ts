import { area, booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { InputError, type InputWarning } from '../errors.ts';
import { areaCentroid } from '../demand/polygon-shape.ts';
import { featureLabel, isLngLatPair, isValidPolygonal, type LooseFeature } from '../input/features.ts';
import { completeRegistration, type RegistrationFigures } from '../registration/registration-figures.ts';
import { decimalNumber } from './numbers.ts';
import { isUnsafeKey } from './properties.ts';
import type { TableJoin } from './stats-table-join.ts';
import type { StatsTable } from './stats-table.ts';
import type { TableCell } from './xlsx.ts';

/** The table's columns holding the figures; at least the total or both groups. */
export interface FigureColumns {
  population?: string;
  registered?: string;
  migrants?: string;
}

/** A population layer made from a joined table. */
export interface TablePopulation {
  collection: { type: 'FeatureCollection'; features: Feature<Geometry, Record<string, unknown>>[] };
  /** What the matched rows add up to, and what the layer holds: equal by construction. */
  totals: { population: number; registered: number | null; migrants: number | null };
  /** 'cells': the totals spread over the population cells inside each community; 'boundaries': each community is one feature. */
  spread: 'cells' | 'boundaries';
  /** Population cells whose point lies in no matched community: left out of the layer. */
  cellsOutside: number;
  /** Matched communities holding no population cell: kept as one feature each. */
  communitiesWithoutCells: string[];
  warnings: InputWarning[];
}

function figure(cell: TableCell, column: string, where: string, file: string): number | null {
  if (cell === null) return null;
  const value = typeof cell === 'number' ? cell : decimalNumber(cell.trim().replace(/,/g, ''));
  if (!Number.isFinite(value) || value < 0) throw new InputError(file, `${where}: ${column} is not a non-negative number (${JSON.stringify(cell)})`);
  return value;
}

/**
 * Shares `total` by `weights` in whole persons when the total is whole (largest remainder: the
 * parts add up to it exactly), else exactly in proportion. All-zero weights share equally.
 */
export function shareOut(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const wSum = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (total * x) / wSum);
  if (!Number.isInteger(total)) return exact;
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) parts[order[j][1]]++;
  return parts;
}

const isPolygonal = (g: Geometry | null): g is Polygon | MultiPolygon => g !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon') && isValidPolygonal(g);

/**
 * The population layer a joined table gives. Each matched row's figures are completed by the
 * registration rules (`completeRegistration`: a missing total or group from the others; a row
 * whose figures contradict each other is an InputError naming it). Without `cells` each matched
 * boundary becomes one population feature (its polygon, `population`, `registered`, `migrants`,
 * the row's own columns). With `cells` (a population layer: `population` per feature) each
 * community's figures are spread over the cells whose point (a polygon's area centroid) lies in
 * it, by their residents — by area (points: equally) where those are all 0 — in whole persons
 * where the figure is whole; the registered and migrants are spread separately and the cell's
 * population is their sum, so every figure adds up to the matched rows exactly. Cells in no
 * matched community are left out (counted); a community with no cell stays one feature.
 */
export function tablePopulation(
  table: StatsTable,
  join: TableJoin,
  boundaries: readonly LooseFeature[],
  boundarySource: string,
  columns: FigureColumns,
  cells?: readonly LooseFeature[],
): TablePopulation {
  if (!columns.population && !(columns.registered && columns.migrants)) {
    throw new InputError(table.file, `no population column: name the total (常住人口, population) or both registered and migrants (户籍人口, 流动人口) columns; the columns are: ${table.columns.join(', ')}`);
  }
  const index = (name: string | undefined) => (name === undefined ? -1 : table.columns.indexOf(name));
  const at = { population: index(columns.population), registered: index(columns.registered), migrants: index(columns.migrants) };
  const warnings: InputWarning[] = [...join.warnings];
  const figures: RegistrationFigures[] = join.matched.map((m) => {
    const row = table.rows[m.row];
    const where = `row ${table.rowNumbers[m.row]} (${m.key})`;
    const read = (k: keyof typeof at) => (at[k] < 0 ? null : figure(row[at[k]], columns[k]!, where, table.file));
    const done = completeRegistration({ population: read('population'), registered: read('registered'), migrants: read('migrants') });
    if ('error' in done) throw new InputError(table.file, `${where}: ${done.error}`);
    return done;
  });
  const polygons = join.matched.map((m) => {
    const g = boundaries[m.feature].geometry;
    if (!isPolygonal(g)) throw new InputError(boundarySource, `${featureLabel(boundaries[m.feature], m.feature)} (${m.boundaryKey}): not a valid polygon`);
    return g;
  });
  const hasGroups = figures.some((f) => f.registered !== null);
  const totals = {
    population: figures.reduce((s, f) => s + f.population, 0),
    registered: hasGroups ? figures.reduce((s, f) => s + (f.registered ?? 0), 0) : null,
    migrants: hasGroups ? figures.reduce((s, f) => s + (f.migrants ?? 0), 0) : null,
  };
  if (hasGroups && figures.some((f) => f.registered === null)) {
    warnings.push({ source: table.file, feature: 'all rows', reason: 'some matched rows give no registered / migrants figures: the group totals count only the rows that do' });
  }
  const groups = (f: RegistrationFigures, part: { population: number; registered: number | null; migrants: number | null }) =>
    f.registered === null ? { population: part.population } : { population: part.population, registered: part.registered, migrants: part.migrants };

  const asBoundary = (i: number): Feature<Geometry, Record<string, unknown>> => {
    const m = join.matched[i];
    const properties: Record<string, unknown> = {};
    table.columns.forEach((c, j) => {
      if (!isUnsafeKey(c)) properties[c] = table.rows[m.row][j];
    });
    Object.assign(properties, { id: m.boundaryKey, name: m.key }, groups(figures[i], figures[i]));
    return { type: 'Feature', geometry: polygons[i], properties };
  };
  if (!cells) {
    return { collection: { type: 'FeatureCollection', features: join.matched.map((_, i) => asBoundary(i)) }, totals, spread: 'boundaries', cellsOutside: 0, communitiesWithoutCells: [], warnings };
  }

  // Each cell's point, then the matched community holding it (boxes first, then the polygon).
  const index2d = new Flatbush(Math.max(1, polygons.length));
  for (const g of polygons) {
    const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of rings) for (const [x, y] of ring) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    index2d.add(w, s, e, n);
  }
  if (polygons.length === 0) index2d.add(0, 0, 0, 0);
  index2d.finish();
  const members: number[][] = polygons.map(() => []);
  let cellsOutside = 0;
  cells.forEach((cell, c) => {
    const g = cell.geometry;
    const point = g && g.type === 'Point' && isLngLatPair(g.coordinates) ? (g.coordinates as [number, number]) : isPolygonal(g) ? areaCentroid(g) : null;
    const home = point ? index2d.search(point[0], point[1], point[0], point[1]).find((i) => i < polygons.length && booleanPointInPolygon([point[0], point[1]], polygons[i])) : undefined;
    if (home === undefined) cellsOutside++;
    else members[home].push(c);
  });
  if (cellsOutside > 0) warnings.push({ source: boundarySource, feature: 'all features', reason: `${cellsOutside} population ${cellsOutside === 1 ? 'cell lies' : 'cells lie'} in no matched community; left out` });
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  const communitiesWithoutCells: string[] = [];
  members.forEach((list, i) => {
    if (list.length === 0) {
      communitiesWithoutCells.push(join.matched[i].key);
      features.push(asBoundary(i));
      return;
    }
    const residents = list.map((c) => {
      const v = Number(cells[c].properties.population);
      return Number.isFinite(v) && v > 0 ? v : 0;
    });
    const weights = residents.some((v) => v > 0) ? residents : list.map((c) => (isPolygonal(cells[c].geometry) ? area(cells[c].geometry as Polygon | MultiPolygon) : 1));
    const f = figures[i];
    const registered = f.registered === null ? null : shareOut(f.registered, weights);
    const migrants = f.migrants === null ? null : shareOut(f.migrants, weights);
    const population = registered && migrants ? registered.map((r, k) => r + migrants[k]) : shareOut(f.population, weights);
    list.forEach((c, k) => {
      const own: Record<string, unknown> = {};
      for (const key of Object.keys(cells[c].properties)) if (!isUnsafeKey(key)) own[key] = cells[c].properties[key];
      own.community = join.matched[i].key;
      // A cell's own split of its old residents would contradict the new total.
      delete own.registered;
      delete own.migrants;
      Object.assign(own, groups(f, { population: population[k], registered: registered?.[k] ?? null, migrants: migrants?.[k] ?? null }));
      features.push({ type: 'Feature', geometry: cells[c].geometry as Geometry, properties: own });
    });
  });
  if (communitiesWithoutCells.length > 0) {
    warnings.push({ source: boundarySource, feature: 'all features', reason: `${communitiesWithoutCells.length} matched ${communitiesWithoutCells.length === 1 ? 'community holds no population cell and stays one feature' : 'communities hold no population cell and stay one feature each'}: ${communitiesWithoutCells.join(', ')}` });
  }
  return { collection: { type: 'FeatureCollection', features }, totals, spread: 'cells', cellsOutside, communitiesWithoutCells, warnings };
}
