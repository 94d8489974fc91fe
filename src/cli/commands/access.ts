import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Feature, Geometry } from 'geojson';
import Papa from 'papaparse';
import {
  ACCESS_METHODS,
  computeAccess,
  e2sfcaZones,
  isAccessMethod,
  odFromDistanceRule,
  type AccessMethod,
  type AccessResult,
  type AccessSpec,
  type Decay,
  type DecayKind,
  type DecayStep,
  type OdMatrix,
  DECAY_KINDS,
} from '../../core/access/index.ts';
import { areaCentroid } from '../../core/demand/polygon-shape.ts';
import { geodesicIndexRule } from '../../core/distance/geodesic-index.ts';
import { formatWarning, InputError, terminalSafe } from '../../core/errors.ts';
import { neutraliseCell } from '../../core/export/index.ts';
import { decodeText, extensionOf } from '../../core/io/bytes.ts';
import { matchCostMatrix, readCostMatrix, type CostColumns } from '../../core/io/cost-matrix.ts';
import { FIELD_NAMES, findField } from '../../core/io/fields.ts';
import { limitsOf } from '../../core/io/limits.ts';
import type { LoadOptions } from '../../core/io/types.ts';
import type { LngLat } from '../../core/types.ts';
import { argsError, UsageError } from '../cli.ts';
import type { CliIo, Command } from '../io.ts';
import { DISTANCE_OPTIONS, DISTANCE_OPTIONS_USAGE, readNetworkDistance } from '../distance-options.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readBytes, readFeatureCollection } from '../read-file.ts';

const USAGE = `Usage: catchmap access --method METHOD --demand FILE --supply FILE (--matrix FILE | --cutoff M) [options]

Accessibility of every origin (a row of --demand) to the supply (rows of --supply), on a
travel-cost matrix (only the pairs it lists; a missing pair is unreachable) or, without one, on
straight-line or walking metres within --cutoff. Formulas and references: README, "Accessibility
from the command line".

  --method METHOD     2sfca | e2sfca | bfca | gravity | cumulative | nearest
  --demand FILE       origins: CSV/TSV with an id column (coordinates only without --matrix),
                      GeoJSON, zipped Shapefile
  --supply FILE       destinations; may be the same file as --demand
  --matrix FILE       long table of costs, one row per origin–destination pair (CSV/TSV, or
                      .csv.gz read as it is)
  --from COL          the matrix's origin column (default origin, else from_id)
  --to COL            its destination column (default destination, else to_id)
  --cost COL          its cost column (default cost, else travel_time)
  --id-field F        the id column of --demand and --supply (default id)
  --demand-field F    demand of each origin (default population)
  --supply-field F    supply of each destination (default capacity)
  --cutoff C          only pairs costing at most C count (inclusive): the binary decay's cutoff,
                      the Gaussian's reach, E2SFCA's zones (thirds of C); cumulative counts
                      within C; without --matrix, the search radius in metres, straight or
                      walking (default the last --steps zone)
  --decay KIND        binary (default; e2sfca: step) | exponential | power | gaussian | step
  --beta B            exponential exp(−B t) and power min(1, t^−B): B ≥ 0
  --steps LIST        step zones UPTO:WEIGHT,… ascending, e.g. 10:1,20:0.68,30:0.22 (default the
                      thirds of --cutoff weighted 1, 0.68, 0.22)
  --n N               nearest: the cost to reach N opportunities (default 1)
  --passive           gravity, cumulative, nearest: per destination, the population reaching it
  --json              print {"method","values":{"<id>":value,…},"seconds"}; unreached is null
  --out FILE          per origin (passive: per destination) values with the row's own fields,
                      as .csv or .geojson (needs geometry in the file)
${LAYER_OPTIONS_USAGE}
${DISTANCE_OPTIONS_USAGE}`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        method: { type: 'string' },
        demand: { type: 'string' },
        supply: { type: 'string' },
        matrix: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        cost: { type: 'string' },
        'id-field': { type: 'string' },
        'demand-field': { type: 'string' },
        'supply-field': { type: 'string' },
        cutoff: { type: 'string' },
        decay: { type: 'string' },
        beta: { type: 'string' },
        steps: { type: 'string' },
        n: { type: 'string' },
        passive: { type: 'boolean' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        ...LAYER_OPTIONS,
        ...DISTANCE_OPTIONS,
      },
    }).values;
  } catch (err) {
    throw argsError(err);
  }
}

type Options = ReturnType<typeof parse>;

function nonNegative(name: string, raw: string | undefined, positive = false): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < 0 || (positive && v === 0)) {
    throw new UsageError(`--${name} must be a ${positive ? 'positive' : 'non-negative'} number, got '${raw}'`);
  }
  return v;
}

/** `10:1,20:0.68,30:0.22` → zones. */
function parseSteps(raw: string): DecayStep[] {
  return raw.split(',').map((part) => {
    const [upTo, weight, extra] = part.split(':').map((s) => s.trim());
    const u = Number(upTo);
    const w = Number(weight);
    if (extra !== undefined || !upTo || !weight || !Number.isFinite(u) || !Number.isFinite(w) || u < 0 || w < 0) {
      throw new UsageError(`--steps must be UPTO:WEIGHT pairs such as 10:1,20:0.68,30:0.22, got '${part}'`);
    }
    return { upTo: u, weight: w };
  });
}

/** The measure the options ask for; every option a method does not use is refused, not ignored. */
function specOf(o: Options): AccessSpec {
  const method = o.method;
  if (!isAccessMethod(method)) throw new UsageError(`--method must be one of ${ACCESS_METHODS.join(', ')}`);
  const cutoff = nonNegative('cutoff', o.cutoff);
  const beta = nonNegative('beta', o.beta);
  const n = nonNegative('n', o.n, true);
  const refuse = (option: string, why: string) => {
    throw new UsageError(`--${option} is not used by --method ${method}: ${why}`);
  };
  if (n !== undefined && method !== 'nearest') refuse('n', 'it is for nearest');
  if (o.passive && (method === '2sfca' || method === 'e2sfca' || method === 'bfca')) refuse('passive', 'floating catchments are per origin');
  if (method === 'cumulative' || method === 'nearest') {
    for (const k of ['decay', 'beta', 'steps'] as const) if (o[k] !== undefined) refuse(k, `${method} takes no decay`);
  }
  if (method === 'cumulative') {
    if (cutoff === undefined) throw new UsageError('--method cumulative needs --cutoff C: it counts what lies within C');
    return { method, cutoff, passive: o.passive };
  }
  if (method === 'nearest') return { method, n: n ?? 1, maxCost: cutoff, passive: o.passive };
  const decay = decayOf(o, method, cutoff, beta);
  return method === 'gravity' ? { method, decay, passive: o.passive } : { method, decay };
}

function decayOf(o: Options, method: AccessMethod, cutoff: number | undefined, beta: number | undefined): Decay {
  const kind = (o.decay ?? (method === 'e2sfca' ? 'step' : 'binary')) as DecayKind;
  if (!DECAY_KINDS.includes(kind)) throw new UsageError(`--decay must be one of ${DECAY_KINDS.join(', ')}, got '${o.decay}'`);
  const needs = (what: string) => new UsageError(`--method ${method} with the ${kind} decay needs ${what}`);
  if (o.steps !== undefined && kind !== 'step') throw new UsageError(`--steps is for --decay step, not ${kind}`);
  if (beta !== undefined && kind !== 'exponential' && kind !== 'power') throw new UsageError(`--beta is for --decay exponential or power, not ${kind}`);
  switch (kind) {
    case 'binary':
      if (cutoff === undefined) throw needs('--cutoff C (pairs costing at most C count)');
      return { kind, cutoff };
    case 'gaussian':
      if (cutoff === undefined || cutoff === 0) throw needs('--cutoff C > 0 (the weight falls to 0 at C)');
      return { kind, cutoff };
    case 'exponential':
    case 'power':
      if (beta === undefined) throw needs('--beta B');
      return { kind, beta, cutoff };
    case 'step':
      if (o.steps !== undefined && cutoff !== undefined) throw new UsageError('give --steps or --cutoff for the step decay, not both: the last zone ends the catchment');
      if (o.steps !== undefined) {
        const steps = parseSteps(o.steps);
        const bad = steps.findIndex((s, k) => k > 0 && s.upTo <= steps[k - 1].upTo);
        if (bad > 0) throw new UsageError(`--steps must ascend, got ${steps[bad - 1].upTo} then ${steps[bad].upTo}`);
        return { kind, steps };
      }
      if (cutoff === undefined) throw needs('--cutoff C (zones at thirds of C) or --steps');
      return e2sfcaZones(cutoff);
  }
}

/** One row of --demand or --supply: its id, its own fields and its geometry if it has one. */
interface Row {
  id: string;
  /** `line 5` (CSV) or `feature 5`, for messages. */
  label: string;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

interface Table {
  file: string;
  columns: string[];
  rows: Row[];
}

const CSV_EXTENSIONS = ['csv', 'tsv', 'tab', 'txt'];

/**
 * With a matrix, a CSV is read as a plain table: the ids are all that is needed, and lon/lat
 * columns, when present, give each row a point (as WGS84) for --out .geojson. Other files, and
 * every file without a matrix, go through the loaders (coordinate systems, projections).
 */
async function readTable(file: string, idField: string, load: LoadOptions, idsOnly: boolean): Promise<Table> {
  let columns: string[];
  let raw: { properties: Record<string, unknown>; geometry: Geometry | null; featureId?: unknown }[];
  let lineOf: (i: number) => string;
  if (idsOnly && CSV_EXTENSIONS.includes(extensionOf(file))) {
    const { text } = decodeText(readBytes(file), file, load.encoding, limitsOf(load.limits));
    const ext = extensionOf(file);
    const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: 'greedy',
      delimiter: ext === 'tsv' || ext === 'tab' ? '\t' : '',
      transformHeader: (h) => h.trim(),
    });
    const err = parsed.errors.find((e) => e.type !== 'FieldMismatch' || e.code === 'TooManyFields');
    if (err) throw new InputError(file, `line ${(err.row ?? 0) + 2}: ${err.message}`);
    columns = parsed.meta.fields ?? [];
    const lon = findField(columns, FIELD_NAMES.lon);
    const lat = findField(columns, FIELD_NAMES.lat);
    raw = parsed.data.map((r) => {
      const x = lon ? Number(r[lon]) : NaN;
      const y = lat ? Number(r[lat]) : NaN;
      const point = lon && lat && r[lon]?.trim() && r[lat]?.trim() && Number.isFinite(x) && Number.isFinite(y);
      return { properties: r, geometry: point ? { type: 'Point', coordinates: [x, y] } : null };
    });
    lineOf = (i) => `line ${i + 2}`;
  } else {
    const { collection } = await readFeatureCollection(file, load, undefined, (m) => new UsageError(m));
    const keys = new Set<string>();
    for (const f of collection.features) for (const k in f.properties ?? {}) keys.add(k);
    columns = [...keys];
    raw = collection.features.map((f) => ({ properties: f.properties ?? {}, geometry: f.geometry, featureId: f.id }));
    lineOf = (i) => `feature ${i + 1}`;
  }
  if (raw.length === 0) throw new InputError(file, 'no rows');
  if (!columns.includes(idField) && !(idField === 'id' && raw.every((r) => r.featureId !== undefined))) {
    throw new InputError(file, `no id column '${idField}' (columns: ${columns.join(', ')}); name it with --id-field`);
  }
  const seen = new Map<string, string>();
  const rows = raw.map((r, i): Row => {
    const value = r.properties[idField] ?? (idField === 'id' ? r.featureId : undefined);
    const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    const label = lineOf(i);
    if (id === '') throw new InputError(file, `${label}: no ${idField}`);
    const before = seen.get(id);
    if (before) throw new InputError(file, `${label}: ${idField} '${id}' appears twice (first at ${before})`);
    seen.set(id, label);
    return { id, label, properties: r.properties, geometry: r.geometry };
  });
  return { file, columns, rows };
}

/** A numeric column, every value a non-negative number; the first that is not is named. */
function numericField(table: Table, field: string, option: string): Float64Array {
  if (!table.columns.includes(field)) {
    throw new InputError(table.file, `no column '${field}' for ${option} (columns: ${table.columns.join(', ')})`);
  }
  return Float64Array.from(table.rows, (row) => {
    const v = row.properties[field];
    const text = typeof v === 'string' ? v.trim() : v;
    const where = `${row.label} (${row.id})`;
    if (text === undefined || text === null || text === '') throw new InputError(table.file, `${where}: ${field} is empty`);
    const x = typeof text === 'number' ? text : typeof text === 'string' ? Number(text) : NaN;
    if (!Number.isFinite(x)) throw new InputError(table.file, `${where}: ${field} ${JSON.stringify(text)} is not a number`);
    if (x < 0) throw new InputError(table.file, `${where}: ${field} must not be negative, got ${x}`);
    return x;
  });
}

function lngLatOf(table: Table, row: Row): LngLat {
  const g = row.geometry;
  if (g?.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') return areaCentroid(g);
  throw new InputError(table.file, `${row.label} (${row.id}): without --matrix every row needs a point or polygon (lon/lat columns in a CSV), got ${g ? g.type : 'none'}`);
}

/** The dearest cost at which a pair can still count: without a matrix, the straight-line search radius. */
function reachOf(spec: AccessSpec): number {
  switch (spec.method) {
    case 'cumulative':
      return spec.cutoff;
    case 'nearest':
      return spec.maxCost ?? Infinity;
    default: {
      const d = spec.decay;
      return d.kind === 'step' ? d.steps[d.steps.length - 1].upTo : (d.cutoff ?? Infinity);
    }
  }
}

/**
 * The pairs to measure on (the matrix; else straight-line or walking metres within the reach),
 * which rows of each side are in them at all, and the distance rule's warnings.
 */
async function pairsOf(
  o: Options,
  spec: AccessSpec,
  load: LoadOptions,
  demand: Table,
  supply: Table,
): Promise<{ matrix: OdMatrix; origins: Int32Array; destinations: Int32Array; pairs: string; warnings: string[] }> {
  const usage = (m: string) => new UsageError(m);
  if (o.matrix) {
    if (o.distance !== undefined || o.roads !== undefined) throw new UsageError('--matrix replaces --distance network');
    const columns: Partial<CostColumns> = { origin: o.from, destination: o.to, cost: o.cost };
    const sparse = readCostMatrix(readBytes(o.matrix), o.matrix, columns, load.limits);
    const matched = matchCostMatrix(sparse, { ids: demand.rows.map((r) => r.id), name: demand.file }, { ids: supply.rows.map((r) => r.id), name: supply.file });
    const pairs = `${matched.matrix.costs.length.toLocaleString('en-US')} pairs of ${o.matrix}`;
    return { matrix: matched.matrix, origins: matched.originRows, destinations: matched.destinationRows, pairs, warnings: [] };
  }
  for (const k of ['from', 'to', 'cost'] as const) if (o[k] !== undefined) throw new UsageError(`--${k} names a column of --matrix`);
  const radius = reachOf(spec);
  if (radius === Infinity) throw new UsageError('give --matrix FILE, or --cutoff M to measure straight-line metres within M');
  const points = demand.rows.map((r) => lngLatOf(demand, r));
  const sites = supply.rows.map((r) => ({ id: r.id, lngLat: lngLatOf(supply, r) }));
  const network = await readNetworkDistance(o, load, usage);
  const rule = network ? network.rule(points) : geodesicIndexRule(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]));
  const matrix = odFromDistanceRule(rule, sites, radius);
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const warnings = network?.warnings((i) => demand.rows[i].id, { demand: demand.file, sites: supply.file }).map(formatWarning) ?? [];
  const pairs = network ? `walking metres within ${radius} (${network.description})` : `straight-line metres within ${radius}`;
  return { matrix, origins: all(demand.rows.length), destinations: all(supply.rows.length), pairs, warnings };
}

export const accessCommand: Command = {
  name: 'access',
  summary: 'accessibility: 2SFCA, E2SFCA, BFCA, gravity, cumulative, cost to the nearest',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const t0 = performance.now();
    const o = parse(argv);
    const spec = specOf(o);
    if (!o.demand || !o.supply) throw new UsageError('give --demand FILE and --supply FILE (they may be the same file)');
    const outFormat = o.out === undefined ? null : extensionOf(o.out);
    if (outFormat !== null && outFormat !== 'csv' && outFormat !== 'geojson') throw new UsageError(`--out must end in .csv or .geojson, got '${o.out}'`);
    const idField = o['id-field'] ?? 'id';
    const load = layerOptions(o, (m) => new UsageError(m));
    const idsOnly = o.matrix !== undefined;
    const demand = await readTable(o.demand, idField, load, idsOnly);
    const supply = o.supply === o.demand ? demand : await readTable(o.supply, idField, load, idsOnly);
    const passive = 'passive' in spec && spec.passive === true;
    const usesDemand = spec.method === '2sfca' || spec.method === 'e2sfca' || spec.method === 'bfca' || passive;
    const usesSupply = !passive;
    const demandValues = usesDemand ? numericField(demand, o['demand-field'] ?? 'population', '--demand-field') : new Float64Array(demand.rows.length);
    const supplyValues = usesSupply ? numericField(supply, o['supply-field'] ?? 'capacity', '--supply-field') : new Float64Array(supply.rows.length);
    const { matrix, origins, destinations, pairs, warnings } = await pairsOf(o, spec, load, demand, supply);
    const result = computeAccess(spec, matrix, demandValues, supplyValues);
    // Values exist for the rows in the matrix (R accessibility: the ids of its from_id column).
    const table = passive ? supply : demand;
    const present = passive ? destinations : origins;
    const shown = [...present].sort((a, b) => a - b);
    const seconds = (performance.now() - t0) / 1000;
    const value = (k: number) => (Number.isFinite(result.values[k]) ? result.values[k] : null);
    if (o.out) writeFileSync(o.out, outText(table, shown, result, value, outFormat === 'geojson' ? 'geojson' : 'csv'));
    if (o.json) {
      const values = Object.fromEntries(shown.map((k) => [table.rows[k].id, value(k)]));
      io.stdout(JSON.stringify({ method: result.method, values, seconds }) + '\n');
    } else io.stdout(summaryText(result, table, shown, passive ? null : demandValues, pairs, seconds));
    warnings.forEach((w) => io.stderr(`warning: ${w}\n`));
    const absent = table.rows.length - shown.length;
    if (absent > 0) io.stderr(`warning: ${terminalSafe(table.file)}: ${absent} of ${table.rows.length} rows are not ${passive ? 'destinations' : 'origins'} in the matrix; they have no value\n`);
    return 0;
  },
};

function valueColumn(result: AccessResult): string {
  return `${result.method}${result.passive ? '_passive' : ''}`;
}

function outText(table: Table, shown: number[], result: AccessResult, value: (k: number) => number | null, format: 'csv' | 'geojson'): string {
  const column = valueColumn(result);
  if (format === 'geojson') {
    const missing = shown.find((k) => !table.rows[k].geometry);
    if (missing !== undefined) throw new UsageError(`--out .geojson needs geometry: ${table.file} ${table.rows[missing].label} has none; write .csv instead`);
    const features: Feature<Geometry>[] = shown.map((k) => ({
      type: 'Feature',
      geometry: table.rows[k].geometry!,
      properties: { ...table.rows[k].properties, [column]: value(k) },
    }));
    return JSON.stringify({ type: 'FeatureCollection', features }) + '\n';
  }
  const fields = [...table.columns.filter((c) => c !== column), column];
  const data = shown.map((k) => fields.map((f) => neutraliseCell(f === column ? value(k) : table.rows[k].properties[f])));
  return '\uFEFF' + Papa.unparse({ fields: fields.map((f) => String(neutraliseCell(f))), data }, { newline: '\r\n' }) + '\r\n';
}

function summaryText(result: AccessResult, table: Table, shown: number[], weights: Float64Array | null, pairs: string, seconds: number): string {
  const fmt = (x: number) => x.toLocaleString('en-US', { maximumSignificantDigits: 6 });
  const finite = shown.map((k) => result.values[k]).filter(Number.isFinite).sort((a, b) => a - b);
  const lines = [`${result.method}${result.passive ? ' (passive)' : ''}, ${result.description}, on ${pairs}`];
  lines.push(`${shown.length.toLocaleString('en-US')} ${result.passive ? 'destinations' : 'origins'} of ${table.file}`);
  if (finite.length > 0) {
    const mean = finite.reduce((s, x) => s + x, 0) / finite.length;
    lines.push(`values: min ${fmt(finite[0])}, median ${fmt(finite[Math.floor(finite.length / 2)])}, mean ${fmt(mean)}, max ${fmt(finite[finite.length - 1])}`);
  }
  if (weights && finite.length === shown.length) {
    let sw = 0;
    let swx = 0;
    for (const k of shown) {
      sw += weights[k];
      swx += weights[k] * result.values[k];
    }
    if (sw > 0) lines.push(`demand-weighted mean: ${fmt(swx / sw)}`);
  }
  if (finite.length < shown.length) lines.push(`not reaching n: ${shown.length - finite.length}`);
  lines.push(`${fmt(seconds)} s`);
  // File names come from the user: printed with control characters escaped.
  return lines.map(terminalSafe).join('\n') + '\n';
}
