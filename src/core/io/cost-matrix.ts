import Papa from 'papaparse';
import { InputError } from '../errors.ts';
import type { DistanceRule, Reach, SiteRef } from '../types.ts';

/**
 * Travel costs from another tool (network distances, travel times) as a long table: one row per
 * origin–destination pair. Pairs that are absent are unreachable.
 */
export interface CostMatrix {
  source: string;
  /** origin → destination → cost */
  costs: Map<string, Map<string, number>>;
  destinations: Set<string>;
}

export interface CostColumns {
  origin: string;
  destination: string;
  cost: string;
}

const DEFAULT_COLUMNS: CostColumns = { origin: 'origin', destination: 'destination', cost: 'cost' };

/** Parses CSV text with a header row; every problem names its line (the header is line 1). */
export function parseCostMatrix(text: string, source: string, columns: CostColumns = DEFAULT_COLUMNS): CostMatrix {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const header = parsed.meta.fields ?? [];
  for (const col of [columns.origin, columns.destination, columns.cost]) {
    if (!header.includes(col)) throw new InputError(source, `missing column '${col}' (header: ${header.join(', ') || 'none'})`);
  }
  const err = parsed.errors.find((e) => e.type !== 'FieldMismatch' || e.code === 'TooManyFields');
  if (err) throw new InputError(source, `line ${(err.row ?? 0) + 2}: ${err.message}`);
  if (parsed.data.length === 0) throw new InputError(source, 'no rows after the header');
  const costs = new Map<string, Map<string, number>>();
  const destinations = new Set<string>();
  parsed.data.forEach((row, i) => {
    const line = `line ${i + 2}`;
    const o = (row[columns.origin] ?? '').trim();
    const d = (row[columns.destination] ?? '').trim();
    const raw = (row[columns.cost] ?? '').trim();
    if (o === '') throw new InputError(source, `${line}: missing ${columns.origin}`);
    if (d === '') throw new InputError(source, `${line}: missing ${columns.destination}`);
    if (raw === '') throw new InputError(source, `${line}: missing ${columns.cost} for ${o} → ${d}`);
    const c = Number(raw);
    if (!Number.isFinite(c)) throw new InputError(source, `${line}: ${columns.cost} '${raw}' is not a number`);
    if (c < 0) throw new InputError(source, `${line}: ${columns.cost} must not be negative, got ${c}`);
    let row2 = costs.get(o);
    if (!row2) costs.set(o, (row2 = new Map()));
    if (row2.has(d)) throw new InputError(source, `${line}: ${o} → ${d} appears twice`);
    row2.set(d, c);
    destinations.add(d);
  });
  return { source, costs, destinations };
}

/**
 * A distance rule reading the matrix. Rows may run demand → site or site → demand: the
 * orientation is taken from where the demand ids appear. Every demand point and site must appear
 * at least once, so an id mismatch is reported instead of silently making everything unreachable.
 */
export function costMatrixRule(matrix: CostMatrix, demandIds: readonly string[], siteIds: readonly string[]): DistanceRule {
  const demandAsOrigin = demandIds.filter((id) => matrix.costs.has(id)).length;
  const demandAsDest = demandIds.filter((id) => matrix.destinations.has(id)).length;
  const forward = demandAsOrigin >= demandAsDest;
  const get = (demand: string, site: string): number | undefined =>
    forward ? matrix.costs.get(demand)?.get(site) : matrix.costs.get(site)?.get(demand);
  const demandSide = forward ? (id: string) => matrix.costs.has(id) : (id: string) => matrix.destinations.has(id);
  const siteSide = forward ? (id: string) => matrix.destinations.has(id) : (id: string) => matrix.costs.has(id);
  const missing = (ids: readonly string[], has: (id: string) => boolean): string[] => ids.filter((id) => !has(id));
  const md = missing(demandIds, demandSide);
  if (md.length > 0) throw new InputError(matrix.source, `no costs for ${md.length} demand point(s): ${md.slice(0, 10).join(', ')}${md.length > 10 ? ', …' : ''}`);
  const ms = missing(siteIds, siteSide);
  if (ms.length > 0) throw new InputError(matrix.source, `no costs for ${ms.length} site(s): ${ms.slice(0, 10).join(', ')}${ms.length > 10 ? ', …' : ''}`);
  return {
    kind: 'matrix',
    demandCount: demandIds.length,
    reach(site: SiteRef, maxDistanceM: number): Reach {
      const found: { i: number; d: number }[] = [];
      demandIds.forEach((id, i) => {
        const d = get(id, site.id);
        if (d !== undefined && d <= maxDistanceM) found.push({ i, d });
      });
      found.sort((a, b) => a.d - b.d || a.i - b.i);
      return { indices: Int32Array.from(found, (f) => f.i), distancesM: Float64Array.from(found, (f) => f.d) };
    },
  };
}
