import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  evaluate,
  featuresOf,
  FACILITY_TYPES,
  formatWarning,
  isFacilityType,
  presetIds,
  DEFAULT_PRESET_ID,
  type Evaluation,
  type StandardValues,
} from '../../core/index.ts';
import { UsageError } from '../cli.ts';
import type { CliIo, Command } from '../io.ts';
import { readJsonFile } from '../read-file.ts';

const USAGE = `Usage: catchmap evaluate --population FILE --facilities FILE [--villages FILE] --type TYPE
                        [--preset NAME] [--radius M] [--per-1000 N] [--class-size N]
                        [--max-seats N] [--growth F] [--json] [--out cells.geojson]

Residents → pupils → seats: catchment coverage, capacity-aware allocation, shortfall and the
urban-village equity gap for one facility type.

  --population FILE   GeoJSON points or polygons with a numeric \`population\` property
  --facilities FILE   GeoJSON points with \`type\` and \`capacity\` (seats, or visits a day)
  --villages FILE     urban-village polygons (\`name\`, \`migrant_share\`) for the equity figures
  --type TYPE         ${FACILITY_TYPES.join(' | ')}
  --preset NAME       ${presetIds().join(' | ')} (default ${DEFAULT_PRESET_ID})
  --radius M          service radius in metres (overrides the preset)
  --per-1000 N        users per 1,000 residents (pupils; for clinics visits a day)
  --class-size N      pupils per class
  --max-seats N       seats of one new school of standard size (size cap)
  --growth F          multiply every population by F (plan-year forecast), default 1
  --json              print one JSON object instead of the table
  --out FILE          write per-cell results as GeoJSON (input properties kept)

Warnings about skipped features go to stderr; exit 2 on unusable input.`;

/** At most this many warnings are printed to stderr; --json carries them all. */
const MAX_PRINTED_WARNINGS = 50;

function positive(name: string, raw: string | undefined, allowZero = false): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new UsageError(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got '${raw}'`);
  }
  return value;
}

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
      },
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

const fmt = (n: number | null, digits = 0) =>
  n === null ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number | null) => (n === null ? 'n/a' : `${fmt(n, 1)} %`);

function table(result: Evaluation): string {
  const s = result.summary;
  const st = s.standard;
  const unit = s.units.users;
  const rows: [string, string][] = [
    ['residents', fmt(s.residents)],
    [unit, fmt(s.pupils)],
    [s.units.capacity, `${fmt(s.seats)} at ${fmt(s.facilities)} facilities`],
    [`covered (within ${fmt(st.radiusM)} m)`, pct(s.coveragePct)],
    [`served ${unit}`, `${fmt(s.servedPupils)} (${pct(s.servedPct)})`],
    [`unserved ${unit}`, fmt(s.unservedPupils)],
    ['  in reach, facility full', fmt(s.unservedInReachPupils)],
    ['  outside every catchment', fmt(s.uncoveredPupils)],
    ['over capacity (facilities)', fmt(s.overCapacity)],
    ['places needed', fmt(s.seatsNeeded)],
    ...(s.classesNeeded === null ? [] : [['classes needed', fmt(s.classesNeeded)] as [string, string]]),
    [`new facilities of ${fmt(st.maxSchoolSeats)}`, fmt(s.schoolsNeeded)],
  ];
  const e = s.equity;
  rows.push(
    ['urban villages: covered / served', `${pct(e.villageCoveragePct)} / ${pct(e.villageServedPct)}`],
    ['elsewhere: covered / served', `${pct(e.otherCoveragePct)} / ${pct(e.otherServedPct)}`],
    ['served ratio village / elsewhere', e.ratio === null ? 'n/a' : fmt(e.ratio, 2)],
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [
    `${s.type}: preset ${s.presetId}, radius ${fmt(st.radiusM)} m, ${fmt(st.usersPer1000, 1)} per 1,000` +
      (st.classSize === null ? '' : `, ${fmt(st.classSize)} per class`) +
      (s.growthFactor !== 1 ? `, growth × ${s.growthFactor}` : ''),
    '',
    ...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
  ];
  if (e.worstVillages.length > 0) {
    lines.push('', 'worst-served urban villages:');
    for (const v of e.worstVillages) {
      lines.push(`  ${v.name} (${v.nameEn}): served ${pct(v.servedPct)}, covered ${pct(v.coveragePct)}, ${fmt(v.unservedUsers)} unserved`);
    }
  }
  return lines.join('\n') + '\n';
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function cellsGeoJson(result: Evaluation, population: unknown): string {
  const features = featuresOf(population, 'population');
  return JSON.stringify({
    type: 'FeatureCollection',
    features: result.cells.map((c) => {
      const f = features[c.featureIndex];
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          ...f.properties,
          residents: round3(c.residents),
          users: round3(c.users),
          served: round3(c.served),
          unserved: round3(c.unserved),
          covered: c.covered,
          nearest_facility_id: c.nearestFacilityId,
          nearest_distance_m: c.nearestDistanceM,
          served_by: c.servedById,
          access_2sfca: round3(c.access2sfca),
          access_e2sfca: round3(c.accessE2sfca),
          village_id: c.villageId,
          village_name: c.villageName,
          village_share: round3(c.villageShare),
          migrants: round3(c.migrants),
        },
      };
    }),
  });
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
  const radiusM = positive('radius', args.radius);
  const usersPer1000 = positive('per-1000', args['per-1000'], true);
  const classSize = positive('class-size', args['class-size']);
  const maxSchoolSeats = positive('max-seats', args['max-seats']);
  if (radiusM !== undefined) overrides.radiusM = radiusM;
  if (usersPer1000 !== undefined) overrides.usersPer1000 = usersPer1000;
  if (classSize !== undefined) overrides.classSize = classSize;
  if (maxSchoolSeats !== undefined) overrides.maxSchoolSeats = maxSchoolSeats;
  const growthFactor = positive('growth', args.growth, true);

  const population = readJsonFile(args.population);
  const facilities = readJsonFile(args.facilities);
  const villages = args.villages ? readJsonFile(args.villages) : undefined;
  const result = evaluate(
    {
      population,
      facilities,
      villages,
      sources: { population: args.population, facilities: args.facilities, villages: args.villages },
    },
    { type: args.type, preset: args.preset, overrides, growthFactor },
  );

  const warnings = result.warnings.map(formatWarning);
  warnings.slice(0, MAX_PRINTED_WARNINGS).forEach((w) => io.stderr(`warning: ${w}\n`));
  if (warnings.length > MAX_PRINTED_WARNINGS) {
    io.stderr(`warning: … and ${warnings.length - MAX_PRINTED_WARNINGS} more (all are listed by --json)\n`);
  }
  if (args.out) {
    writeFileSync(args.out, cellsGeoJson(result, population));
  }
  if (args.json) {
    io.stdout(JSON.stringify({ ...result.summary, facilityResults: result.facilities, warnings }) + '\n');
  } else {
    io.stdout(table(result));
    if (args.out) io.stdout(`\nper-cell results written to ${args.out}\n`);
  }
  return 0;
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Coverage, allocation, shortfall and equity for one facility type',
  usage: USAGE,
  run,
};
