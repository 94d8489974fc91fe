import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Feature, Geometry } from 'geojson';
import {
  DEFAULT_PRESET_ID,
  FACILITY_TYPES,
  formatWarning,
  GROWTH_BOUNDS,
  isFacilityType,
  presetIds,
  roundAs,
  STANDARD_BOUNDS,
  STANDARD_KEYS,
  terminalSafe,
  validateAnalysisSettings,
  type StandardKey,
  type StandardValues,
} from '../../core/index.ts';
import { exportFormatOf, featureChunks } from '../../core/export/index.ts';
import { designZones, prepareZoneDesign, roundZoneFigures, zoneOutlines, type UnplacedReason, type ZoneDesign, type ZoneDesignProblem } from '../../core/zones/index.ts';
import { argsError, UsageError } from '../cli.ts';
import { numberOption } from '../number-option.ts';
import { DISTANCE_OPTIONS, DISTANCE_OPTIONS_USAGE, readNetworkDistance } from '../distance-options.ts';
import { nodeMilpRunner } from '../highs-thread.ts';
import { writeChunks, type CliIo, type Command } from '../io.ts';
import { checkChoiceLayers, MAPPING_OPTIONS, mappingOptionsUsage, readMappingChoices } from '../mapping-options.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readLayer } from '../read-file.ts';
import { zoneTable } from '../zone-options.ts';

const USAGE = `Usage: catchmap zones --population FILE --facilities FILE --type TYPE [--villages FILE]
                     [--max-utilisation F] [--fast] [--time-limit S] [--reach-m M]
                     [--json] [--out zones.geojson|cells.csv]
                     [--distance network --roads FILE [--no-cross arterial] ...]
                     [--preset NAME] [--radius M] [--per-1000 N] [--growth F] [field mapping options]

Designs attendance zones (学区): every residential cell to at most one school of the type, no
school above --max-utilisation × its seats, every zone one connected piece (polygons sharing an
edge; points: Delaunay neighbours within the radius), a cell zoned only to a school it reaches
within --reach-m by the distance rule (with --no-cross arterial: never only across an arterial
without a crossing), as little walking (pupil-metres) as the method finds. Cells that cannot be
placed are listed with the reason.

  --population FILE   population cells or points (as for evaluate); each feature is one cell
  --facilities FILE   schools with seats (capacity, 学位, or classes × class size)
  --villages FILE     urban villages, for each zone's village share
  --type TYPE         ${FACILITY_TYPES.join(' | ')}
  --max-utilisation F no school takes more than F × its seats (default 1)
  --fast              grow the zones from the schools (no HiGHS): the what-if mode
  --time-limit S      wall clock for HiGHS (default 60); stopped there, the fast design answers
  --reach-m M         a cell may go only to schools within M metres (default 4 × the radius);
                      kept: every school within 2 × the radius, and the 5 nearest within M
  --json              print one JSON object: assignment, zones, unassigned, objective,
                      lowerBound, gapPct, seconds, …
  --out FILE          .geojson: the zones dissolved, with their figures; .csv: each cell with its
                      school
  --preset NAME       ${presetIds().join(' | ')} (default ${DEFAULT_PRESET_ID})
  --radius M, --per-1000 N, --class-size N, --max-seats N, --growth F  as for evaluate
${mappingOptionsUsage('population, facilities, villages, roads')}
${LAYER_OPTIONS_USAGE}
${DISTANCE_OPTIONS_USAGE}

Exit 2 on unusable input.`;

const STANDARD_OPTIONS = { radiusM: 'radius', usersPer1000: 'per-1000', classSize: 'class-size', maxSchoolSeats: 'max-seats' } as const satisfies Record<StandardKey, string>;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        population: { type: 'string' },
        facilities: { type: 'string' },
        villages: { type: 'string' },
        type: { type: 'string' },
        preset: { type: 'string' },
        radius: { type: 'string' },
        'per-1000': { type: 'string' },
        'class-size': { type: 'string' },
        'max-seats': { type: 'string' },
        growth: { type: 'string' },
        'max-utilisation': { type: 'string' },
        fast: { type: 'boolean' },
        'time-limit': { type: 'string' },
        'reach-m': { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        ...LAYER_OPTIONS,
        ...MAPPING_OPTIONS,
        ...DISTANCE_OPTIONS,
      },
    }).values;
  } catch (err) {
    throw argsError(err);
  }
}

const fmt = (n: number | null, digits = 0) =>
  n === null ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const REASONS: Record<UnplacedReason, string> = {
  'no-school-in-reach': 'no school in reach',
  'across-arterial': 'schools only across an arterial',
  'no-seats': 'every school in reach full',
  'not-contiguous': 'a school with room, but its zone does not reach the cell',
};

/** The design as one JSON record, numbers rounded as exports are. */
function designRecord(d: ZoneDesign, problem: ZoneDesignProblem, warnings: string[]): Record<string, unknown> {
  return {
    assignment: d.assignment,
    zones: d.zones.map(roundZoneFigures),
    unassigned: d.unassigned.map((u) => ({ ...u, pupils: roundAs('people', u.pupils) })),
    objective: roundAs('metres', d.objective),
    lowerBound: roundAs('metres', d.lowerBound),
    gapPct: d.gapPct === null ? null : Math.round(d.gapPct * 1000) / 1000,
    placedPupils: roundAs('people', d.placedPupils),
    unplacedPupils: roundAs('people', d.unplacedPupils),
    lpPlacedPupils: roundAs('people', d.lpPlacedPupils),
    solver: d.solver,
    lpStatus: d.lpStatus,
    maxUtilisation: d.maxUtilisation,
    pairs: { reachM: problem.reachM, keepAllWithinM: problem.keepAllWithinM, nearestKept: problem.nearestKept },
    adjacency: problem.adjacency,
    seconds: Math.round(d.seconds * 1000) / 1000,
    warnings,
  };
}

function text(d: ZoneDesign, problem: ZoneDesignProblem): string {
  const st = problem.standard;
  const counts = new Map<UnplacedReason, { cells: number; pupils: number }>();
  for (const u of d.unassigned) {
    const c = counts.get(u.reason) ?? { cells: 0, pupils: 0 };
    c.cells++;
    c.pupils += u.pupils;
    counts.set(u.reason, c);
  }
  const how =
    d.solver === 'lp'
      ? 'transportation LP (HiGHS, optimal), rounded and repaired'
      : d.lpStatus === null
        ? 'zones grown from the schools (fast mode)'
        : `zones grown from the schools: HiGHS ${d.lpStatus === 'time_limit' ? 'stopped at the time limit' : 'found no solution'}`;
  const lines = [
    `${problem.type} zones: preset ${problem.presetId}, radius ${fmt(st.radiusM)} m, ${fmt(st.usersPer1000, 1)} per 1,000, at most ${fmt(d.maxUtilisation * 100)} % of seats`,
    `method: ${how}; ${fmt(d.seconds, 2)} s`,
    '',
    `pupils placed        ${fmt(d.placedPupils)} of ${fmt(d.placedPupils + d.unplacedPupils)}` + (d.lpPlacedPupils === null ? '' : ` (the LP, cells split: ${fmt(d.lpPlacedPupils)})`),
    `walking              ${fmt(d.objective / 1000)} pupil-km, ${fmt(d.placedPupils > 0 ? d.objective / d.placedPupils : null)} m a pupil`,
    `lower bound          ${d.lowerBound === null ? 'n/a' : `${fmt(d.lowerBound / 1000)} pupil-km, gap ${fmt(d.gapPct, 2)} %`}`,
  ];
  if (d.unassigned.length > 0) {
    lines.push('', `not placed: ${fmt(d.unassigned.length)} cells, ${fmt(d.unplacedPupils)} pupils`);
    for (const [reason, c] of counts) lines.push(`  ${REASONS[reason]}: ${fmt(c.cells)} cells, ${fmt(c.pupils)} pupils`);
  }
  lines.push('', ...zoneTable(d.zones));
  return lines.map(terminalSafe).join('\n') + '\n';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (!args.population) throw new UsageError('--population FILE is required');
  if (!args.facilities) throw new UsageError('--facilities FILE is required');
  if (!args.type) throw new UsageError('--type is required');
  if (!isFacilityType(args.type)) throw new UsageError(`--type must be one of ${FACILITY_TYPES.join(', ')}, got '${args.type}'`);
  if (args.preset !== undefined && !presetIds().includes(args.preset)) throw new UsageError(`--preset must be one of ${presetIds().join(', ')}, got '${args.preset}'`);
  const overrides: Partial<StandardValues> = {};
  for (const key of STANDARD_KEYS) {
    const value = numberOption(STANDARD_OPTIONS[key], args[STANDARD_OPTIONS[key]], STANDARD_BOUNDS[key]);
    if (value !== undefined) overrides[key] = value;
  }
  const growthFactor = numberOption('growth', args.growth, GROWTH_BOUNDS) ?? 1;
  const settings = validateAnalysisSettings(
    { type: args.type, preset: args.preset ?? DEFAULT_PRESET_ID, overrides, growthFactor, distance: args.distance === 'network' ? 'network' : 'straight' },
    'options',
  );
  const maxUtilisation = numberOption('max-utilisation', args['max-utilisation'], { min: 0.01, max: 10, integer: false }) ?? 1;
  const timeLimitS = numberOption('time-limit', args['time-limit'], { min: 0.1, max: 86_400, integer: false }) ?? 60;
  const reachM = numberOption('reach-m', args['reach-m'], { min: 1, max: 100_000, integer: false });
  if (args.fast && args['time-limit'] !== undefined) throw new UsageError('--time-limit is for HiGHS, which --fast does not use');
  const outFormat = args.out === undefined ? null : exportFormatOf(args.out);
  if (args.out !== undefined && outFormat !== 'geojson' && outFormat !== 'csv') throw new UsageError(`--out must end in .geojson or .csv, got '${args.out}'`);

  const usage = (m: string) => new UsageError(m);
  const load = layerOptions(args, usage);
  const choices = readMappingChoices(args, usage);
  checkChoiceLayers(
    choices,
    { population: ['--population', args.population], facilities: ['--facilities', args.facilities], villages: ['--villages', args.villages], roads: ['--roads', args.roads] },
    usage,
  );
  const populationLayer = await readLayer(args.population, 'population', load, undefined, choices.byRole.population, usage);
  const facilityLayer = await readLayer(args.facilities, 'facilities', load, args.type, choices.byRole.facilities, usage);
  const villageLayer = args.villages ? await readLayer(args.villages, 'villages', load, undefined, choices.byRole.villages, usage) : undefined;
  const population = populationLayer.grid ?? populationLayer.table ?? populationLayer.collection;
  const distance = await readNetworkDistance(args, load, usage, choices.byRole.roads);
  const { distance: _named, ...options } = settings;
  const problem = prepareZoneDesign(
    { population, facilities: facilityLayer.collection, villages: villageLayer?.collection, sources: { population: args.population, facilities: args.facilities, villages: args.villages } },
    { ...options, distanceRule: distance?.rule, ...(reachM !== undefined ? { reachM } : {}) },
  );
  const design = await designZones(problem, { mode: args.fast ? 'fast' : 'exact', maxUtilisation, timeLimitS, runMilp: nodeMilpRunner });

  const loadWarnings = [populationLayer, facilityLayer, villageLayer].flatMap((l) => l?.warnings ?? []);
  const networkWarnings = distance?.warnings((i) => problem.cells[i].id, { demand: args.population, sites: args.facilities }) ?? [];
  const warnings = [...loadWarnings, ...problem.warnings, ...networkWarnings].map(formatWarning);
  warnings.slice(0, 50).forEach((w) => io.stderr(`warning: ${w}\n`));
  if (warnings.length > 50) io.stderr(`warning: … and ${warnings.length - 50} more (all are listed by --json)\n`);

  if (args.out && (outFormat === 'geojson' || outFormat === 'csv')) writeChunks(args.out, featureChunks(() => outFeatures(design, problem, outFormat), outFormat));
  if (args.json) io.stdout(JSON.stringify(designRecord(design, problem, warnings)) + '\n');
  else {
    io.stdout(text(design, problem));
    if (distance) io.stdout(`\n${terminalSafe(distance.description)}\n`);
    if (args.out) io.stdout(`\n${outFormat === 'csv' ? 'cells with their schools' : 'zones'} written to ${terminalSafe(args.out)}\n`);
  }
  return 0;
}

/** The --out features: the zones dissolved with their figures (GeoJSON), or each cell with its school (CSV, at its point). */
function outFeatures(design: ZoneDesign, problem: ZoneDesignProblem, format: 'geojson' | 'csv'): Feature<Geometry | null, Record<string, unknown>>[] {
  const index = new Map(problem.schools.map((s, k) => [s.id, k]));
  const cellSchool = Int32Array.from(problem.cells, (c) => {
    const id = design.assignment[c.id];
    return id === null || id === undefined ? -1 : index.get(id)!;
  });
  if (format === 'csv') {
    const reasons = new Map(design.unassigned.map((u) => [u.cell, u.reason]));
    return problem.cells.map((c, k) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lngLat[0], c.lngLat[1]] },
      properties: {
        id: c.id,
        school: cellSchool[k] >= 0 ? problem.schools[cellSchool[k]].id : null,
        residents: roundAs('people', c.residents),
        pupils: roundAs('people', c.users),
        unplaced_reason: reasons.get(c.id) ?? null,
      },
    }));
  }
  const outlines = zoneOutlines(problem, cellSchool);
  return design.zones.map((z, k) => {
    const r = roundZoneFigures(z);
    const school = problem.schools[k];
    return {
      type: 'Feature',
      geometry: outlines[k],
      properties: {
        id: r.id,
        school: r.school,
        name: school.name,
        residents: r.residents,
        pupils: r.pupils,
        seats: r.seats,
        utilisation: r.utilisation,
        beyond_radius_pupils: r.beyondRadiusPupils,
        village_share: r.villageShare,
      },
    };
  });
}

export const zonesCommand: Command = {
  name: 'zones',
  summary: 'Design attendance zones (学区): every cell to one school, within seats, contiguous',
  usage: USAGE,
  run,
};
