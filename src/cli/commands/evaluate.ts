import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  MIGRANT_SHARE_BOUNDS,
  FACILITY_TYPES,
  formatWarning,
  InputError,
  terminalSafe,
  GROWTH_BOUNDS,
  isFacilityType,
  presetIds,
  standardSiteSize,
  DEFAULT_PRESET_ID,
  STANDARD_BOUNDS,
  STANDARD_KEYS,
  validateAnalysisSettings,
  type Evaluation,
  type InputWarning,
  type StandardKey,
  type StandardValues,
} from '../../core/index.ts';
import { evaluateView } from '../../core/evaluate/evaluate.ts';
import { ADMISSIONS, isAdmission, type Admission, type ByRegistration, type RegistrationGroup } from '../../core/registration/by-registration.ts';
import { cellRows, cellRowsHeader, exportFormatOf, facilityFeatures, featureChunks, summaryJson, summaryRecord } from '../../core/export/index.ts';
import { argsError, UsageError } from '../cli.ts';
import { numberOption } from '../number-option.ts';
import { writeChunks, type CliIo, type Command } from '../io.ts';
import { DISTANCE_OPTIONS, DISTANCE_OPTIONS_USAGE, readNetworkDistance } from '../distance-options.ts';
import { checkChoiceLayers, MAPPING_OPTIONS, mappingOptionsUsage, readMappingChoices } from '../mapping-options.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readFeatureCollection, readLayer } from '../read-file.ts';
import { ZONE_OPTIONS, ZONE_OPTIONS_USAGE, zoneLayerOptions, zoneTable } from '../zone-options.ts';
import { evaluateZones, roundZoneFigures, type ZoneEvaluation } from '../../core/zones/index.ts';

const USAGE = `Usage: catchmap evaluate --population FILE --facilities FILE [--villages FILE] --type TYPE
                        [--preset NAME] [--radius M] [--per-1000 N] [--class-size N]
                        [--max-seats N] [--growth F] [--json] [--out cells.geojson|.csv|.json]
                        [--facilities-out FILE] [--epsg N] [--coords gcj02|bd09|wgs84] [--encoding gbk]
                        [--field KEY=COLUMN ...] [--type-value VALUE=TYPE ...] [--mapping FILE]
                        [--assume-capacity standard]
                        [--distance network --roads FILE [--no-cross arterial] [--snap-m M]]
                        [--admission proportional|registered-first] [--migrant-share F]
                        [--zones FILE [--zone-field F] [--zone-school-field F] [--zone-where F=V ...]]

Residents → pupils → seats: catchment coverage, capacity-aware allocation, shortfall and the
urban-village equity gap for one facility type.

  --population FILE   points or polygons with a population field (population, pop, 人口, 常住人口),
                      or a GeoTIFF population raster
  --facilities FILE   points with a type (type, 类型; without one: --type) and a capacity (capacity,
                      seats, 学位, 床位: seats, or visits a day; schools without one: classes ×
                      class size); other column names: --field
  --villages FILE     urban-village polygons (\`name\`, \`migrant_share\`) for the equity figures
                      Files: GeoJSON, CSV/TSV (lon/lat, 经度/纬度 or WKT columns), GeoTIFF, zipped Shapefile
  --type TYPE         ${FACILITY_TYPES.join(' | ')}
  --preset NAME       ${presetIds().join(' | ')} (default ${DEFAULT_PRESET_ID})
  --radius M          service radius in metres (overrides the preset)
  --per-1000 N        users per 1,000 residents (pupils; for clinics visits a day)
  --class-size N      pupils per class
  --max-seats N       seats of one new school of standard size (size cap)
  --growth F          multiply every population by F (plan-year forecast), default 1
  --json              print one JSON object instead of the table
  --out FILE          write per-cell results (input properties kept) as .geojson or .csv, or the
                      summary as .json
  --facilities-out FILE  write per-facility results as .geojson or .csv (capacity_assumed says
                      which capacities are assumed)
  --admission POLICY  how seats go to registered residents' and migrants' children (byRegistration):
                      proportional (default: neither favoured) or registered-first (Hukou-based
                      admission: each school admits registered pupils first, migrants take the rest)
  --migrant-share F   migrants' share (0..1) of residents outside urban villages whose population
                      features give no registered / migrants figures (户籍人口, 流动人口); without
                      it their registration is not known and byRegistration says so
${mappingOptionsUsage('population, facilities, villages, roads')}
${LAYER_OPTIONS_USAGE}
${DISTANCE_OPTIONS_USAGE}
${ZONE_OPTIONS_USAGE}

Warnings about skipped features go to stderr; exit 2 on unusable input.`;


/** At most this many warnings are printed to stderr; --json carries them all. */
const MAX_PRINTED_WARNINGS = 50;

/** The option that sets each standard value. */
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
        json: { type: 'boolean' },
        out: { type: 'string' },
        'facilities-out': { type: 'string' },
        admission: { type: 'string' },
        'migrant-share': { type: 'string' },
        ...LAYER_OPTIONS,
        ...MAPPING_OPTIONS,
        ...DISTANCE_OPTIONS,
        ...ZONE_OPTIONS,
      },
    }).values;
  } catch (err) {
    throw argsError(err);
  }
}

const fmt = (n: number | null, digits = 0) =>
  n === null ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number | null) => (n === null ? 'n/a' : `${fmt(n, 1)} %`);

/** The capacity notes every output carries: how many are assumed or from classes, or that there are none. */
function capacityNotes(s: Evaluation['summary']): string[] {
  const notes: string[] = [];
  const { standard } = s;
  if (!s.capacityKnown) {
    notes.push(
      `allocation needs capacities: none of the ${fmt(s.facilities)} facilities has one, so served, unserved and`,
      `  shortfall are not computed (map a capacity column with --field capacity=COLUMN, or assume the`,
      `  standard size with --assume-capacity standard)`,
    );
  }
  if (s.assumedCapacities > 0) {
    const size = standardSiteSize(standard);
    notes.push(
      `capacity assumed for ${fmt(s.assumedCapacities)} of ${fmt(s.facilities)} facilities: the standard size, ${fmt(size.seats)}` +
        (size.classes === null ? '' : ` (${fmt(size.classes)} classes of ${fmt(standard.classSize)})`),
    );
  }
  if (s.capacitiesFromClasses > 0) {
    notes.push(`capacity from classes × ${fmt(standard.classSize)} for ${fmt(s.capacitiesFromClasses)} of ${fmt(s.facilities)} facilities`);
  }
  return notes;
}

/** The two groups' rows: registered residents and migrants (or why they are not known). */
function registrationTable(b: ByRegistration, capacityKnown: boolean): string[] {
  if (!b.available) return [`by registration: not available (${b.reason})`];
  const row = (label: string, values: string[]) => `  ${label.padEnd(10)}${values.map((v) => v.padStart(11)).join('')}`;
  const figures = (g: RegistrationGroup) => [fmt(g.residents), fmt(g.pupils), pct(g.coveragePct), capacityKnown ? pct(g.servedPct) : 'n/a'];
  return [
    `by registration (${b.admission} admission):`,
    row('', ['residents', 'pupils', 'covered', 'served']),
    row('registered', figures(b.registered)),
    row('migrants', figures(b.migrants)),
  ];
}

function table(result: Omit<Evaluation, 'cells'>): string {
  const s = result.summary;
  const st = s.standard;
  const unit = s.units.users;
  // Without capacities only coverage holds: the allocation rows say n/a.
  const k = (text: string) => (s.capacityKnown ? text : 'n/a');
  const rows: [string, string][] = [
    ['residents', fmt(s.residents)],
    [unit, fmt(s.pupils)],
    [s.units.capacity, `${k(fmt(s.seats))} at ${fmt(s.facilities)} facilities`],
    [`covered (within ${fmt(st.radiusM)} m)`, pct(s.coveragePct)],
    [`served ${unit}`, k(`${fmt(s.servedPupils)} (${pct(s.servedPct)})`)],
    [`unserved ${unit}`, k(fmt(s.unservedPupils))],
    ['  in reach, facility full', k(fmt(s.unservedInReachPupils))],
    ['  outside every catchment', fmt(s.uncoveredPupils)],
    ['over capacity (facilities)', k(fmt(s.overCapacity))],
    ['places needed', k(fmt(s.seatsNeeded))],
    ...(s.classesNeeded === null ? [] : [['classes needed', k(fmt(s.classesNeeded))] as [string, string]]),
    [`new facilities of ${fmt(st.maxSchoolSeats)}`, k(fmt(s.schoolsNeeded))],
  ];
  const e = s.equity;
  rows.push(
    ['urban villages: covered / served', `${pct(e.villageCoveragePct)} / ${k(pct(e.villageServedPct))}`],
    ['elsewhere: covered / served', `${pct(e.otherCoveragePct)} / ${k(pct(e.otherServedPct))}`],
    ['served ratio village / elsewhere', e.ratio === null ? 'n/a' : k(fmt(e.ratio, 2))],
  );
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `${s.type}: preset ${s.presetId}, radius ${fmt(st.radiusM)} m, ${fmt(st.usersPer1000, 1)} per 1,000` +
      (st.classSize === null ? '' : `, ${fmt(st.classSize)} per class`) +
      (s.growthFactor !== 1 ? `, growth × ${s.growthFactor}` : ''),
    '',
    ...rows.map(([label, v]) => `${label.padEnd(width)}  ${v}`),
  ];
  if (result.byRegistration) lines.push('', ...registrationTable(result.byRegistration, s.capacityKnown));
  const notes = capacityNotes(s);
  if (notes.length > 0) lines.push('', ...notes);
  if (e.worstVillages.length > 0 && s.capacityKnown) {
    lines.push('', 'worst-served urban villages:');
    for (const v of e.worstVillages) {
      lines.push(`  ${v.name} (${v.nameEn}): served ${pct(v.servedPct)}, covered ${pct(v.coveragePct)}, ${fmt(v.unservedUsers)} unserved`);
    }
  }
  // Village names and file names come from files: printed with control characters escaped.
  return lines.map(terminalSafe).join('\n') + '\n';
}

/** The zones' lines of the text output: the summary, then the zones worst first. */
function zoneText(z: ZoneEvaluation): string {
  const s = z.summary;
  const lines = [
    '',
    `zones: ${fmt(s.zones)} (${fmt(s.zonesWithoutSchool)} without a school), ${fmt(s.residents)} residents, ${fmt(s.pupils)} pupils; outside every zone ${fmt(s.outsideResidents)} residents, ${fmt(s.outsidePupils)} pupils`,
    `  pupils above their zone school's seats  ${fmt(s.pupilsAboveSeats)}`,
    `  pupils beyond the walking standard     ${fmt(s.beyondRadiusPupils)}`,
    `  zones over capacity next to room       ${fmt(s.overCapacityNextToRoom.length)}` +
      (s.overCapacityNextToRoom.length > 0 ? ` (${s.overCapacityNextToRoom.slice(0, 5).map((c) => `${c.zone} → ${c.neighboursWithRoom.map((n) => n.zone).join('/')}`).join(', ')}${s.overCapacityNextToRoom.length > 5 ? ', …' : ''})` : ''),
    '',
    ...zoneTable(z.zones),
  ];
  return lines.map(terminalSafe).join('\n') + '\n';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (!args.population) throw new UsageError('--population FILE is required');
  if (!args.facilities) throw new UsageError('--facilities FILE is required');
  if (!args.type) throw new UsageError('--type is required');
  if (!isFacilityType(args.type)) throw new UsageError(`--type must be one of ${FACILITY_TYPES.join(', ')}, got '${args.type}'`);
  if (args.preset !== undefined && !presetIds().includes(args.preset)) {
    throw new UsageError(`--preset must be one of ${presetIds().join(', ')}, got '${args.preset}'`);
  }
  const overrides: Partial<StandardValues> = {};
  for (const key of STANDARD_KEYS) {
    const value = numberOption(STANDARD_OPTIONS[key], args[STANDARD_OPTIONS[key]], STANDARD_BOUNDS[key]);
    if (value !== undefined) overrides[key] = value;
  }
  const growthFactor = numberOption('growth', args.growth, GROWTH_BOUNDS) ?? 1;
  if (args.admission !== undefined && !isAdmission(args.admission)) throw new UsageError(`--admission must be one of ${ADMISSIONS.join(', ')}, got '${args.admission}'`);
  const migrantShare = numberOption('migrant-share', args['migrant-share'], MIGRANT_SHARE_BOUNDS);
  // The same record, and the same checks, as the app's analysis and a scenario file.
  const settings = validateAnalysisSettings(
    { type: args.type, preset: args.preset ?? DEFAULT_PRESET_ID, overrides, growthFactor, distance: args.distance === 'network' ? 'network' : 'straight' },
    'options',
  );

  const cellsFormat = args.out === undefined ? null : exportFormatOf(args.out);
  if (args.out !== undefined && !cellsFormat) throw new UsageError(`--out must end in .geojson, .csv or .json, got '${args.out}'`);
  const facilitiesOut = args['facilities-out'];
  const facilitiesFormat = facilitiesOut === undefined ? null : exportFormatOf(facilitiesOut);
  if (facilitiesOut !== undefined && facilitiesFormat !== 'geojson' && facilitiesFormat !== 'csv') {
    throw new UsageError(`--facilities-out must end in .geojson or .csv, got '${facilitiesOut}'`);
  }
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
  const facilities = facilityLayer.collection;
  const villages = villageLayer?.collection;
  const distance = await readNetworkDistance(args, load, usage, choices.byRole.roads);
  const { distance: _named, ...options } = settings;
  // Cells read from the engine's arrays as they are written: a city's millions of cells are never all result objects at once.
  const result = evaluateView(
    {
      population,
      facilities,
      villages,
      sources: { population: args.population, facilities: args.facilities, villages: args.villages },
    },
    { ...options, distanceRule: distance?.rule, registration: { admission: args.admission as Admission | undefined, migrantShareOutsideVillages: migrantShare } },
  );

  // Within every bound each figure is finite; if a sum still overflows, say so instead of printing ∞ or NaN.
  const figures = Object.entries(result.summary).filter(([, v]) => typeof v === 'number' && !Number.isFinite(v));
  if (figures.length > 0) {
    throw new InputError(args.population, `the totals overflow (${figures.map(([k, v]) => `${k} = ${String(v)}`).join(', ')}): the populations or the growth factor are too large`);
  }
  // Zones are read as they are in the file (own columns, WGS84), then checked by the engine's zone reader.
  let zoneResult: ZoneEvaluation | null = null;
  const zoneLoadWarnings: InputWarning[] = [];
  if (args.zones) {
    const zoneFile = await readFeatureCollection(args.zones, load);
    zoneLoadWarnings.push(...zoneFile.loaded.warnings);
    zoneResult = evaluateZones(
      { population, facilities, villages, zones: zoneFile.collection, sources: { population: args.population, facilities: args.facilities, villages: args.villages, zones: args.zones } },
      { ...options, distanceRule: distance?.rule, zoneLayer: zoneLayerOptions(args, usage) },
    );
  } else if (args['zone-field'] !== undefined || args['zone-school-field'] !== undefined || args['zone-where'] !== undefined) {
    throw usage('--zone-field, --zone-school-field and --zone-where need --zones FILE');
  }
  const loadWarnings = [populationLayer, facilityLayer, villageLayer].flatMap((l) => l?.warnings ?? []);
  const networkWarnings = distance?.warnings((i) => result.cells.cellAt(i).id, { demand: args.population, sites: args.facilities }) ?? [];
  const warnings = [...loadWarnings, ...result.warnings, ...networkWarnings, ...zoneLoadWarnings, ...(zoneResult?.warnings ?? [])].map(formatWarning);
  warnings.slice(0, MAX_PRINTED_WARNINGS).forEach((w) => io.stderr(`warning: ${w}\n`));
  if (warnings.length > MAX_PRINTED_WARNINGS) {
    io.stderr(`warning: … and ${warnings.length - MAX_PRINTED_WARNINGS} more (all are listed by --json)\n`);
  }
  const skippedForCapacity = facilityLayer.capacities?.skipped ?? 0;
  if (skippedForCapacity > 0) {
    io.stderr(
      `note: ${skippedForCapacity} ${skippedForCapacity === 1 ? 'facility was' : 'facilities were'} skipped for a missing capacity; --assume-capacity standard keeps them at the standard size\n`,
    );
  }
  // Rows are written as they are made: millions of cells never become one string.
  if (args.out && cellsFormat) {
    if (cellsFormat === 'json') writeFileSync(args.out, summaryJson(result, warnings));
    else writeChunks(args.out, featureChunks(() => cellRows(result, population), cellsFormat, cellRowsHeader(result, population) ?? undefined));
  }
  if (facilitiesOut && (facilitiesFormat === 'geojson' || facilitiesFormat === 'csv')) {
    writeChunks(facilitiesOut, featureChunks(() => facilityFeatures(result, facilities), facilitiesFormat));
  }
  if (args.json) {
    const zoneRecord = zoneResult ? { zones: zoneResult.zones.map(roundZoneFigures), zonesSummary: zoneResult.summary } : {};
    io.stdout(JSON.stringify({ ...summaryRecord(result, warnings), ...zoneRecord }) + '\n');
  } else {
    io.stdout(table(result));
    if (zoneResult) io.stdout(zoneText(zoneResult));
    if (distance) io.stdout(`\n${terminalSafe(distance.description)}\n`);
    if (args.out) io.stdout(`\n${cellsFormat === 'json' ? 'summary' : 'per-cell results'} written to ${terminalSafe(args.out)}\n`);
    if (facilitiesOut) io.stdout(`per-facility results written to ${terminalSafe(facilitiesOut)}\n`);
  }
  return 0;
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Coverage, allocation, shortfall and equity for one facility type',
  usage: USAGE,
  run,
};
