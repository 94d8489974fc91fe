import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  MIGRANT_SHARE_BOUNDS,
  DEFAULT_PRESET_ID,
  FACILITY_TYPES,
  formatWarning,
  GROWTH_BOUNDS,
  isFacilityType,
  presetIds,
  STANDARD_BOUNDS,
  STANDARD_KEYS,
  terminalSafe,
  validateAnalysisSettings,
  type NumberBounds,
  type StandardKey,
  type StandardValues,
} from '../../core/index.ts';
import { featuresText, proposalFeatures } from '../../core/export/index.ts';
import { ADMISSIONS, isAdmission, type Admission } from '../../core/registration/by-registration.ts';
import { hukouCounterfactual, isPlanFor, planOutcome, PLAN_FOR, type PlanOutcome } from '../../core/registration/hukou-counterfactual.ts';
import { RECOMMEND_BOUNDS, RECOMMEND_MODELS } from '../../core/settings/recommend-settings.ts';
import type { RecommendModel } from '../../core/recommend/recommend-sites.ts';
import { argsError, UsageError } from '../cli.ts';
import { numberOption } from '../number-option.ts';
import type { CliIo, Command } from '../io.ts';
import { DISTANCE_OPTIONS, DISTANCE_OPTIONS_USAGE, readNetworkDistance } from '../distance-options.ts';
import { checkChoiceLayers, MAPPING_OPTIONS, mappingOptionsUsage, readMappingChoices } from '../mapping-options.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readLayer } from '../read-file.ts';

const USAGE = `Usage: catchmap recommend --population FILE --facilities FILE [--villages FILE] --type TYPE
                         [--plan-for residents|registered] [--model MODEL] [--p N] [--spacing M]
                         [--admission proportional|registered-first] [--migrant-share F]
                         [--json] [--out proposals.geojson] [evaluate's standard options]

The Zhengzhou method's step 5, as the app's Recommend: new schools placed over the unserved
pupils (existing facilities kept), each sized from the pupils it takes, and the plan evaluated.

  --plan-for WHOM     residents (default): plan for every resident. registered: plan for
                      registered (Hukou) residents only — the counterfactual — and show it beside
                      the residential plan, both evaluated against every resident: the schools
                      each builds, the pupils each leaves without a place (where, and how many
                      are migrants' children)
  --model MODEL       ${RECOMMEND_MODELS.join(' | ')} (default cmclp: seats for unserved pupils)
  --p N               new schools (default: as many as the planned population's shortfall asks
                      for, ⌈unserved ÷ standard size⌉)
  --spacing M         candidate grid spacing in metres (default 250)
  --seed N            heuristic seed (default 1)
  --time-limit S      wall-clock limit of each recommendation (default 30)
  --admission, --migrant-share  as for evaluate (registered-first admission; migrants' share
                      outside villages where the population gives no registered / migrants)
  --preset NAME, --radius M, --per-1000 N, --class-size N, --max-seats N, --growth F  as for evaluate
  --json              print one JSON object (plans with proposals, summaries, byRegistration,
                      left-out cells; with --plan-for registered also the difference)
  --out FILE          write the (Hukou, with --plan-for registered) plan's proposals as .geojson
${mappingOptionsUsage('population, facilities, villages, roads')}
${LAYER_OPTIONS_USAGE}
${DISTANCE_OPTIONS_USAGE}`;

const STANDARD_OPTIONS = { radiusM: 'radius', usersPer1000: 'per-1000', classSize: 'class-size', maxSchoolSeats: 'max-seats' } as const satisfies Record<StandardKey, string>;
const SEED_BOUNDS: NumberBounds = { min: 0, max: 2 ** 31 - 1, integer: true };
/** Cells listed per plan in the text output; --json lists them all. */
const LISTED_CELLS = 5;

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
        'plan-for': { type: 'string' },
        model: { type: 'string' },
        p: { type: 'string' },
        spacing: { type: 'string' },
        seed: { type: 'string' },
        'time-limit': { type: 'string' },
        admission: { type: 'string' },
        'migrant-share': { type: 'string' },
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

const fmt = (n: number | null) => (n === null ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

/** One plan's lines: its schools, then what it leaves, then where. */
function planText(title: string, o: PlanOutcome): string[] {
  const s = o.summary;
  const b = o.byRegistration;
  const lines = [
    `${title}: ${o.proposals.length} new ${o.proposals.length === 1 ? 'school' : 'schools'}`,
    ...o.proposals.map((p) => `  ${p.rank}. ${p.name ?? p.id} at ${p.lngLat[0].toFixed(5)}, ${p.lngLat[1].toFixed(5)}: ${fmt(p.seats)} seats, ${fmt(p.pupilsServed)} pupils served`),
    `  against every resident: ${fmt(s.unservedPupils)} of ${fmt(s.pupils)} pupils without a place` +
      (o.migrantUnservedPupils === null ? '' : ` (${fmt(o.migrantUnservedPupils)} migrants' children, ${fmt(o.registeredUnservedPupils)} registered residents')`),
    b.available ? `  served: registered ${fmt(b.registered.servedPct)} %, migrants ${fmt(b.migrants.servedPct)} %` : `  by registration: not available (${b.reason})`,
  ];
  if (o.leftOut.length > 0) {
    lines.push(
      `  most left out: ${o.leftOut
        .slice(0, LISTED_CELLS)
        .map((c) => `${c.id} ${fmt(c.unservedPupils)}${c.migrantUnservedPupils === null ? '' : ` (${fmt(c.migrantUnservedPupils)} migrants')`}`)
        .join(', ')}${o.leftOut.length > LISTED_CELLS ? `, … ${o.leftOut.length - LISTED_CELLS} more cells` : ''}`,
    );
  }
  return lines;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (!args.population) throw new UsageError('--population FILE is required');
  if (!args.facilities) throw new UsageError('--facilities FILE is required');
  if (!args.type) throw new UsageError('--type is required');
  if (!isFacilityType(args.type)) throw new UsageError(`--type must be one of ${FACILITY_TYPES.join(', ')}, got '${args.type}'`);
  if (args.preset !== undefined && !presetIds().includes(args.preset)) throw new UsageError(`--preset must be one of ${presetIds().join(', ')}, got '${args.preset}'`);
  const planFor = args['plan-for'] ?? 'residents';
  if (!isPlanFor(planFor)) throw new UsageError(`--plan-for must be one of ${PLAN_FOR.join(', ')}, got '${planFor}'`);
  const model = args.model ?? 'cmclp';
  if (!(RECOMMEND_MODELS as readonly string[]).includes(model)) throw new UsageError(`--model must be one of ${RECOMMEND_MODELS.join(', ')}, got '${model}'`);
  if (args.admission !== undefined && !isAdmission(args.admission)) throw new UsageError(`--admission must be one of ${ADMISSIONS.join(', ')}, got '${args.admission}'`);
  if (args.out !== undefined && !/\.geojson$/i.test(args.out)) throw new UsageError(`--out must end in .geojson, got '${args.out}'`);
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
  const p = numberOption('p', args.p, RECOMMEND_BOUNDS.p);
  const spacing = numberOption('spacing', args.spacing, RECOMMEND_BOUNDS.candidateSpacingM) ?? 250;
  const seed = numberOption('seed', args.seed, SEED_BOUNDS) ?? 1;
  const timeLimitS = numberOption('time-limit', args['time-limit'], RECOMMEND_BOUNDS.timeLimitS) ?? 30;
  const migrantShare = numberOption('migrant-share', args['migrant-share'], MIGRANT_SHARE_BOUNDS);

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
  const distance = await readNetworkDistance(args, load, usage, choices.byRole.roads);
  const input = {
    population: populationLayer.grid ?? populationLayer.table ?? populationLayer.collection,
    facilities: facilityLayer.collection,
    villages: villageLayer?.collection,
    sources: { population: args.population, facilities: args.facilities, villages: args.villages },
  };
  const { distance: _named, ...analysis } = settings;
  const options = { ...analysis, distanceRule: distance?.rule, registration: { admission: args.admission as Admission | undefined, migrantShareOutsideVillages: migrantShare } };
  const recommend = { model: model as RecommendModel, candidateSpacingM: spacing, seed, timeLimitS };
  const schools = p ?? 'shortfall';
  [populationLayer, facilityLayer, villageLayer].flatMap((l) => l?.warnings ?? []).slice(0, 50).forEach((w) => io.stderr(`warning: ${formatWarning(w)}\n`));

  if (planFor === 'residents') {
    const plan = await planOutcome('residents', input, options, recommend, schools);
    if (args.out) writeFileSync(args.out, featuresText(proposalFeatures(plan.proposals), 'geojson'));
    io.stdout(args.json ? JSON.stringify({ planFor, residential: plan }) + '\n' : planText('plan for residents', plan).map(terminalSafe).join('\n') + '\n');
    return 0;
  }
  const result = await hukouCounterfactual(input, options, recommend, schools);
  if (args.out) writeFileSync(args.out, featuresText(proposalFeatures(result.hukou.proposals), 'geojson'));
  if (args.json) {
    io.stdout(JSON.stringify({ planFor, ...result }) + '\n');
    return 0;
  }
  const d = result.difference;
  const lines = [
    ...planText('plan for registered (Hukou) residents', result.hukou),
    '',
    ...planText('plan for residents (Hukou and migrants)', result.residential),
    '',
    `the Hukou plan builds ${fmt(result.hukou.proposals.length)} schools, the residential plan ${fmt(result.residential.proposals.length)}; ` +
      `planning from Hukou leaves ${fmt(d.unservedPupils)} more pupils without a place, ${fmt(d.migrantUnservedPupils)} more of them migrants' children` +
      (d.migrantServedPctPoints === null ? '' : ` (migrants' children served: ${d.migrantServedPctPoints > 0 ? '+' : ''}${fmt(d.migrantServedPctPoints)} percentage points)`),
  ];
  io.stdout(lines.map(terminalSafe).join('\n') + '\n');
  return 0;
}

export const recommendCommand: Command = {
  name: 'recommend',
  summary: 'New schools from the population (the app\'s Recommend); --plan-for registered: the Hukou-only plan',
  usage: USAGE,
  run,
};
