import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { formatWarning, geodesicRule, InputError, type InputWarning, type NetworkDistance } from '../../core/index.ts';
import { exportFormatOf, featuresText } from '../../core/export/index.ts';
import { costMatrixRule, parseCostMatrix } from '../../core/io/cost-matrix.ts';
import { parseOrlibPmed, shortestPathMatrix } from '../../core/io/orlib.ts';
import { proposalsGeoJSON, readSitingPoints, toDemand, toSites, type SitingPoint } from '../../core/siting/geojson.ts';
import { nearestK } from '../../core/siting/demand-lists.ts';
import { buildProblem, problemFromMatrix, solveSiting, type ModelSpec, type SitingModel, type SitingProblem, type SitingResult } from '../../core/siting/index.ts';
import { UsageError } from '../cli.ts';
import { nodeMilpRunner } from '../highs-thread.ts';
import type { CliIo, Command } from '../io.ts';
import { DISTANCE_OPTIONS, DISTANCE_OPTIONS_USAGE, readNetworkDistance } from '../distance-options.ts';
import { checkChoiceLayers, MAPPING_OPTIONS, readMappingChoices, type LayerChoice } from '../mapping-options.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readFeatureCollection, readText } from '../read-file.ts';

/** Demand × sites above which p-median keeps k-nearest lists instead of every pair. */
const NEAREST_FROM_CELLS = 4_000_000;

const MODELS: readonly SitingModel[] = ['pmedian', 'pcenter', 'mclp', 'cmclp', 'lscp', 'lscpb', 'cpmedian'];

const USAGE = `Usage: catchmap solve --model MODEL (--orlib FILE | --demand FILE --candidates FILE) [options]

Where new sites should go: p-median, p-center, maximal covering (MCLP), capacitated MCLP, the
fewest sites covering everyone (LSCP), or capacitated p-median (exact only). Existing facilities
stay open and count.

  --model MODEL       ${MODELS.join(' | ')}
  --orlib FILE        OR-Library p-median instance (pmed1…40); selected = node numbers (1-based)
  --demand FILE       demand points, or polygons at their area centroids (mclp, cmclp,
                      lscp: split by area when large for --radius; see README)
  --candidates FILE   candidate sites; selected = their \`id\` property
  --existing FILE     existing facilities (kept open)
                      Files: GeoJSON, CSV/TSV (lon/lat, 经度/纬度 or WKT columns), zipped Shapefile
  --p N               number of new sites (orlib: default from the file)
  --radius M          coverage radius (metres, or the matrix's unit) for mclp, cmclp, lscp
  --weight FIELD      demand weight property (default \`weight\` or \`population\` when present, else 1)
  --seats N           cmclp: seats of each new site (standard school size)
  --capacity FIELD    cmclp: seats of existing facilities; cpmedian: of all sites (default \`capacity\`)
  --target PCT        lscp: share of demand weight to cover, percent (default 100)
                      lscpb (exact): the fewest sites covering everyone within --radius, then
                      the most demand weight covered twice (backupWeight in the JSON)
  --required-field F  cpmedian: candidates whose F is true (or equals --required-value) must be
                      opened; they count in --p
  --required-value V  the value of --required-field that marks a required site (e.g. 1)
  --fill-required     cpmedian: each required site takes exactly its capacity
  --divisible         cpmedian: a demand point may be split between sites (default: each goes
                      whole to one site)
  --matrix FILE       CSV origin,destination,cost in place of great-circle metres; with it,
                      --demand and --candidates may be CSV tables of ids without coordinates
                      (the id column: --field demand.id=COL, --field candidates.id=COL)
  --from COL, --to COL, --cost COL
                      the matrix's columns (default origin, destination, cost)
  --exact             solve the MILP with HiGHS, starting from the heuristic's plan: the proven
                      optimum, or at the time limit the best plan found (HiGHS's or the
                      heuristic's) with its proven gap when HiGHS proved a bound
  --time-limit S      wall-clock limit of the solve, model building included (exact default 60)
  --seed N            heuristic seed (default 1)
  --json              print one JSON object: {"model","objective","selected","seconds","solver",
                      "status","bound","gapPct"} (status optimal | time_limit | heuristic; bound
                      and gapPct null when nothing is proven), plus "unreachable" (demand no site
                      reaches) and "unserved"/"unservedWeight" (p-median/center demand with no
                      open site in reach, not in the objective) when there are any
  --out FILE          write the proposals (rank, gain, served) as .geojson or .csv, or the
                      result as .json
  --field KEY=COLUMN  the file's COLUMN holds KEY (repeatable): population (the --demand weight,
                      as --weight), capacity (--existing), class (--roads); id, name, or a key for
                      another layer, take the layer in front: demand.id=GeoUID,
                      candidates.capacity=seats, existing.name=Name (layers: demand, candidates,
                      existing, roads). An empty COLUMN unmaps a suggestion.
  --mapping FILE      a mapping file (JSON, see catchmap evaluate --help; repeatable): its role
                      (population = --demand, candidates, facilities = --existing, roads) and
                      fields; --field overrides it
${LAYER_OPTIONS_USAGE}
${DISTANCE_OPTIONS_USAGE}`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        model: { type: 'string' },
        orlib: { type: 'string' },
        demand: { type: 'string' },
        candidates: { type: 'string' },
        existing: { type: 'string' },
        p: { type: 'string' },
        radius: { type: 'string' },
        weight: { type: 'string' },
        seats: { type: 'string' },
        capacity: { type: 'string' },
        target: { type: 'string' },
        matrix: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        cost: { type: 'string' },
        'required-field': { type: 'string' },
        'required-value': { type: 'string' },
        'fill-required': { type: 'boolean' },
        divisible: { type: 'boolean' },
        exact: { type: 'boolean' },
        'time-limit': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        ...LAYER_OPTIONS,
        field: MAPPING_OPTIONS.field,
        mapping: MAPPING_OPTIONS.mapping,
        ...DISTANCE_OPTIONS,
      },
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function number(name: string, raw: string | undefined, opts: { integer?: boolean; min?: number } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)) || v < (opts.min ?? 0)) {
    throw new UsageError(`--${name} must be a ${opts.integer ? 'whole' : 'non-negative'} number${opts.min ? ` ≥ ${opts.min}` : ''}, got '${raw}'`);
  }
  return v;
}

function required<T>(name: string, value: T | undefined, model: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required for --model ${model}`);
  return value;
}

export const solveCommand: Command = {
  name: 'solve',
  summary: 'recommend sites: p-median, p-center, MCLP, capacitated MCLP, LSCP',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const t0 = performance.now();
    const o = parse(argv);
    const model = o.model as SitingModel | undefined;
    if (!model || !MODELS.includes(model)) throw new UsageError(`--model must be one of ${MODELS.join(', ')}`);
    const timeLimit = number('time-limit', o['time-limit']);
    const opts = {
      solver: o.exact || model === 'cpmedian' || model === 'lscpb' ? ('exact' as const) : ('heuristic' as const),
      seed: number('seed', o.seed, { integer: true }) ?? 1,
      timeLimitS: timeLimit ?? (o.exact || model === 'cpmedian' || model === 'lscpb' ? 60 : undefined),
      // HiGHS in a thread killed at the limit: its presolve would overrun it here.
      runMilp: nodeMilpRunner,
    };
    let p = number('p', o.p, { integer: true });
    const radius = number('radius', o.radius);

    let problem: SitingProblem;
    let candidates: SitingPoint[] | undefined;
    let orlib = false;
    const outFormat = o.out === undefined ? null : exportFormatOf(o.out);
    if (o.out !== undefined && !outFormat) throw new UsageError(`--out must end in .geojson, .csv or .json, got '${o.out}'`);
    const usage = (m: string) => new UsageError(m);
    const load = layerOptions(o, usage);
    const choices = readMappingChoices(o, usage);
    const facilityOptions = choices.byRole.facilities?.optionsFrom[0];
    if (facilityOptions) throw new UsageError(`${facilityOptions}: solve does not read facility types or assume capacities`);
    checkChoiceLayers(
      choices,
      { population: ['--demand', o.demand], candidates: ['--candidates', o.candidates], facilities: ['--existing', o.existing], roads: ['--roads', o.roads] },
      usage,
    );
    const loadWarnings: InputWarning[] = [];
    let distance: NetworkDistance | null = null;
    let distanceWarnings: InputWarning[] = [];
    if (model !== 'cpmedian' && (o['required-field'] || o['fill-required'] || o.divisible)) {
      throw new UsageError('--required-field, --fill-required and --divisible are for --model cpmedian');
    }
    if (o['fill-required'] && !o['required-field']) throw new UsageError('--fill-required needs --required-field');
    if (!o.matrix && (o.from || o.to || o.cost)) throw new UsageError('--from, --to and --cost name the columns of --matrix');
    const readPoints = async (file: string, choice?: LayerChoice) => {
      // With a matrix the ids are all that is needed: a CSV table without coordinates will do.
      if (o.matrix && /\.(csv|tsv|txt)$/i.test(file)) return readIdTable(file, choice?.fields.id ?? 'id');
      const { collection, loaded } = await readFeatureCollection(file, load, choice, usage);
      loadWarnings.push(...loaded.warnings);
      return readSitingPoints(collection, file);
    };
    if (o.orlib) {
      if (model !== 'pmedian' && model !== 'pcenter') throw new UsageError('--orlib instances are for --model pmedian or pcenter');
      if (o.demand || o.candidates || o.matrix) throw new UsageError('--orlib replaces --demand, --candidates and --matrix');
      if (o.distance || o.roads) throw new UsageError('--orlib instances carry their own distances; --distance and --roads are for --demand and --candidates');
      const inst = parseOrlibPmed(readText(o.orlib), o.orlib);
      const ids = Array.from({ length: inst.n }, (_, i) => String(i + 1));
      problem = problemFromMatrix({ demandIds: ids, siteIds: ids, cost: shortestPathMatrix(inst) });
      p ??= inst.p;
      orlib = true;
    } else {
      if (!o.demand || !o.candidates) throw new UsageError('give --orlib FILE, or --demand FILE and --candidates FILE');
      distance = await readNetworkDistance(o, load, usage, choices.byRole.roads);
      if (distance && o.matrix) throw new UsageError('--matrix replaces --distance network');
      const demandPts = await readPoints(o.demand, choices.byRole.population);
      candidates = await readPoints(o.candidates, choices.byRole.candidates);
      const existingPts = o.existing ? await readPoints(o.existing, choices.byRole.facilities) : [];
      // A population column chosen with --field or --mapping is the weight.
      const weight = o.weight ?? (choices.byRole.population?.fields.population ? 'population' : undefined);
      // Polygons large for the coverage radius are split by area as in `evaluate` (coverage models
      // only, and not with --matrix, whose rows name the features).
      const splitRadius = (model === 'mclp' || model === 'cmclp' || model === 'lscp') && !o.matrix ? radius : undefined;
      const demand = toDemand(demandPts, o.demand, weight, splitRadius);
      const cands = toSites(candidates, o.candidates, model === 'cpmedian' ? (o.capacity ?? 'capacity') : undefined);
      const existing = toSites(existingPts, o.existing ?? 'existing', model === 'cmclp' || model === 'cpmedian' ? (o.capacity ?? 'capacity') : undefined);
      const clash = existing.find((e) => cands.some((c) => c.id === e.id));
      if (clash) throw new InputError(o.existing ?? 'existing', `${clash.id}: id also used by a candidate`);
      const columns = { origin: o.from ?? 'origin', destination: o.to ?? 'destination', cost: o.cost ?? 'cost' };
      const rule = o.matrix
        ? costMatrixRule(parseCostMatrix(readText(o.matrix), o.matrix, columns), demand.map((d) => d.id), [...cands, ...existing].map((s) => s.id))
        : distance
          ? distance.rule(demand.map((d) => d.lngLat!))
          : geodesicRule(demand.map((d) => d.lngLat!));
      const coverage = model === 'mclp' || model === 'cmclp' || model === 'lscp' || model === 'lscpb';
      // p-median at scale keeps each demand point's nearest sites only (memory n × k, not n × m).
      const sites = cands.length + existing.length;
      const nearest = model === 'pmedian' && demand.length * sites > NEAREST_FROM_CELLS ? nearestK(sites, p ?? 1) : undefined;
      problem = buildProblem({ demand, candidates: cands, existing, rule, maxCost: coverage ? required('radius', radius, model) : Infinity, nearest });
      distanceWarnings = distance?.warnings((i) => demand[i].name ?? demand[i].id, { demand: o.demand, sites: 'sites' }) ?? [];
    }

    const spec: ModelSpec =
      model === 'cpmedian'
        ? {
            model,
            p: required('p', p, model),
            required: o['required-field'] ? requiredIds(candidates ?? [], o.candidates ?? '', o['required-field'], o['required-value']) : undefined,
            fillRequired: o['fill-required'] === true,
            divisible: o.divisible === true,
          }
        : model === 'lscpb'
          ? { model, radius: required('radius', radius, model) }
          : model === 'pmedian' || model === 'pcenter'
        ? { model, p: required('p', p, model) }
        : model === 'mclp'
          ? { model, p: required('p', p, model), radius: required('radius', radius, model) }
          : model === 'cmclp'
            ? { model, p: required('p', p, model), radius: required('radius', radius, model), seats: required('seats', number('seats', o.seats), model) }
            : { model, radius: required('radius', radius, model), target: (number('target', o.target) ?? 100) / 100 };
    const result = await solveSiting(problem, spec, opts);
    const seconds = (performance.now() - t0) / 1000;

    const rawIds = new Map((candidates ?? []).map((c) => [c.id, c.rawId]));
    const selected = result.selected.map((id) => (orlib ? Number(id) : (rawIds.get(id) ?? id)));
    const warnings = [...loadWarnings, ...distanceWarnings].map(formatWarning);
    const unserved = [...(result.uncovered ?? []), ...(result.unreachable ?? [])];
    const median = result.model === 'pmedian' || result.model === 'pcenter';
    const summary = {
      model: result.model,
      objective: result.objective,
      selected,
      seconds,
      solver: result.solver,
      status: result.status,
      bound: result.bound,
      gapPct: result.gapPct,
      ...(result.unreachable ? { unreachable: result.unreachable } : {}),
      ...(median && result.unservedWeight ? { unserved, unservedWeight: result.unservedWeight } : {}),
      ...(result.backupWeight !== undefined ? { backupWeight: result.backupWeight } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
    if (o.out && outFormat === 'json') writeFileSync(o.out, JSON.stringify(summary, null, 2) + '\n');
    else if (o.out && (outFormat === 'geojson' || outFormat === 'csv')) {
      if (!candidates) throw new UsageError('--out needs --candidates');
      writeFileSync(o.out, featuresText(proposalsGeoJSON(result, problem, candidates).features, outFormat));
    }
    warnings.forEach((w) => io.stderr(`warning: ${w}\n`));
    if (o.json) io.stdout(JSON.stringify(summary) + '\n');
    else io.stdout(table(result, problem, seconds) + (distance ? `${distance.description}\n` : ''));
    const list = (u: string[]): string => `${u.slice(0, 20).join(', ')}${u.length > 20 ? ', …' : ''}`;
    if (result.unreachable && result.unreachable.length > 0) {
      io.stderr(`warning: no site can reach ${result.unreachable.length} demand point(s): ${list(result.unreachable)}\n`);
    }
    if (median && result.unservedWeight) {
      io.stderr(
        `warning: ${unserved.length} demand point(s), weight ${result.unservedWeight}, have no open site in reach and are not in the objective: ${list(unserved)}\n`,
      );
    }
    return 0;
  },
};

function table(r: SitingResult, problem: SitingProblem, seconds: number): string {
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const what: Record<SitingModel, string> = {
    pmedian: 'total weighted distance',
    pcenter: 'largest distance',
    mclp: 'demand covered',
    cmclp: 'people seated',
    lscp: 'new sites needed',
    lscpb: 'new sites needed (covering everyone, most covered twice)',
    cpmedian: 'total weighted distance (capacitated)',
  };
  const lines = [`model ${r.model} (${r.solver}), ${what[r.model]}: ${fmt(r.objective)}`];
  if (r.status === 'optimal') lines.push(`proven optimal (bound ${fmt(r.bound ?? r.objective)})`);
  else if (r.status === 'time_limit') {
    lines.push(
      r.gapPct === null
        ? 'not proven optimal: stopped at the time limit before HiGHS proved a bound'
        : `not proven optimal: stopped at the time limit, proven gap ${r.gapPct.toFixed(4)} % (bound ${fmt(r.bound ?? NaN)})`,
    );
  }
  let total = 0;
  for (const w of problem.weights) total += w;
  if (r.coveredWeight !== undefined) lines.push(`covered ${fmt(r.coveredWeight)} of ${fmt(total)} (${((r.coveredWeight / total) * 100).toFixed(1)} %); uncovered points: ${r.uncovered?.length ?? 0}`);
  if (r.backupWeight !== undefined) lines.push(`covered twice: ${fmt(r.backupWeight)} of ${fmt(total)}`);
  if (r.existing.length > 0) lines.push(`existing facilities kept: ${r.existing.length}`);
  lines.push('', 'rank  site                      gain');
  r.selected.forEach((id, k) => lines.push(`${String(k + 1).padStart(4)}  ${id.padEnd(24)} ${fmt(r.perSiteGain[k]).padStart(14)}`));
  lines.push('', `${fmt(seconds)} s`);
  return lines.join('\n') + '\n';
}

/** Rows of a CSV as id-only points (no coordinates: the matrix gives every cost). */
function readIdTable(file: string, idField: string): SitingPoint[] {
  const parsed = Papa.parse<Record<string, string>>(readText(file).replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimiter: /\.tsv$/i.test(file) ? '\t' : '',
    transformHeader: (h) => h.trim(),
  });
  const err = parsed.errors.find((e) => e.type !== 'FieldMismatch' || e.code === 'TooManyFields');
  if (err) throw new InputError(file, `line ${(err.row ?? 0) + 2}: ${err.message}`);
  const columns = parsed.meta.fields ?? [];
  if (!columns.includes(idField)) throw new InputError(file, `no id column '${idField}' (columns: ${columns.join(', ')}); name it with --field LAYER.id=COLUMN`);
  if (parsed.data.length === 0) throw new InputError(file, 'no rows');
  const seen = new Set<string>();
  return parsed.data.map((row, i) => {
    const id = (row[idField] ?? '').trim();
    if (id === '') throw new InputError(file, `line ${i + 2}: no ${idField}`);
    if (seen.has(id)) throw new InputError(file, `line ${i + 2}: ${idField} '${id}' appears twice`);
    seen.add(id);
    return { id, rawId: id, lngLat: [NaN, NaN], properties: row };
  });
}

/** Candidate ids whose `field` is true, or equals `value` (numerically when both are numbers). */
function requiredIds(points: SitingPoint[], file: string, field: string, value: string | undefined): string[] {
  if (!points.some((pt) => field in pt.properties)) throw new InputError(file, `no column '${field}' for --required-field`);
  const marks = (v: unknown): boolean => {
    if (value !== undefined) {
      const a = Number(v);
      const b = Number(value);
      return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? (Number.isFinite(a) && Number.isFinite(b) ? a === b : String(v).trim() === value) : false;
    }
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    return typeof v === 'string' && ['true', 'yes', '1', 'required'].includes(v.trim().toLowerCase());
  };
  return points.filter((pt) => marks(pt.properties[field])).map((pt) => pt.id);
}
