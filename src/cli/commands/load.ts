import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FACILITY_TYPES, formatWarning, isFacilityType, terminalSafe } from '../../core/index.ts';
import { tableFeatures } from '../../core/demand/population-table.ts';
import { exportFormatOf, featureChunks } from '../../core/export/index.ts';
import { applyMapping, isRole, mappingFileOf, mappingFileText, ROLES, suggestRole, type FieldMapping, type MappingOptions } from '../../core/io/index.ts';
import { argsError, UsageError } from '../cli.ts';
import { writeChunks, type CliIo, type Command } from '../io.ts';
import { choiceForFile, MAPPING_OPTIONS, mappingOptionsUsage, mappingFor, readMappingChoices } from '../mapping-options.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readFeatureFile } from '../read-file.ts';

const USAGE = `Usage: catchmap load FILE [--role ROLE] [--type TYPE] [--json] [--out FILE.geojson|.csv]
                    [--field KEY=COLUMN ...] [--type-value VALUE=TYPE ...] [--mapping FILE]
                    [--assume-capacity standard] [--save-mapping FILE.json]
                    [--epsg N] [--coords gcj02|bd09|wgs84] [--encoding gbk] [--bbox W,S,E,N]

Reads one file (GeoJSON, CSV/TSV, GeoTIFF population raster, zipped Shapefile) as the app does and
prints its load report: format, coordinate system, fields, the suggested role and field mapping,
rows read / used / skipped and a warning for every skipped feature.

  --role ROLE         ${ROLES.join(' | ')} (default: a mapping file's role, else the suggested role)
  --type TYPE         facilities without a type column are all this type (${FACILITY_TYPES.join(', ')})
  --json              print the report as one JSON object (warnings as an array)
  --out FILE          write the mapped features as .geojson or .csv (formula-safe)
  --save-mapping FILE write the mapping used (role, fields, type values, assumed capacity) as a
                      mapping file for --mapping or the app's load dialog
${mappingOptionsUsage()}
${LAYER_OPTIONS_USAGE}

Exit 2 when the file cannot be used, with one line: error: FILE: reason.`;

/** At most this many warnings are printed to stderr; --json carries them all. */
const MAX_PRINTED_WARNINGS = 50;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        type: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        'save-mapping': { type: 'string' },
        ...LAYER_OPTIONS,
        ...MAPPING_OPTIONS,
      },
    });
  } catch (err) {
    throw argsError(err);
  }
}

function describeMapping(m: FieldMapping, options: MappingOptions): string {
  const parts = Object.entries(m).map(([k, v]) => (k === 'fixedType' ? `type = ${String(v)}` : `${k} ← ${String(v)}`));
  const values = Object.entries(options.typeValues ?? {}).map(([v, t]) => `${JSON.stringify(v)} = ${t}`);
  if (values.length > 0) parts.push(`type values: ${values.join(', ')}`);
  if (options.assumeCapacity) parts.push(`missing capacities: assumed ${options.assumeCapacity}`);
  return parts.length > 0 ? parts.join(', ') : '(none)';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values: o, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give one FILE to load' : `give one FILE, got ${positionals.length}`);
  const [file] = positionals;
  if (o.role !== undefined && !isRole(o.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got '${o.role}'`);
  if (o.type !== undefined && !isFacilityType(o.type)) throw new UsageError(`--type must be one of ${FACILITY_TYPES.join(', ')}, got '${o.type}'`);
  const outFormat = o.out === undefined ? null : exportFormatOf(o.out);
  if (o.out !== undefined && outFormat !== 'geojson' && outFormat !== 'csv') throw new UsageError(`--out must end in .geojson or .csv, got '${o.out}'`);
  if (o['save-mapping'] !== undefined && exportFormatOf(o['save-mapping']) !== 'json') throw new UsageError(`--save-mapping must end in .json, got '${o['save-mapping']}'`);
  const usage = (m: string) => new UsageError(m);
  const options = layerOptions(o, usage);
  const choices = readMappingChoices(o, usage, true);
  // The role: --role, else the role a mapping file or --field LAYER.KEY named, else the suggested one.
  const role = isRole(o.role) ? o.role : choices.named[0]?.role;
  const loaded = await readFeatureFile(file, { ...options, role });
  const choice = choices.single;
  // The user's fields can change the suggestion (a capacity column makes points facilities).
  const useRole = role ?? (choice ? suggestRole(file, loaded.features, mappingFor(loaded, loaded.suggestedRole, { ...choice, optionsFrom: [] }, usage).mapping) : loaded.suggestedRole);
  const { mapping, options: mappingOptions } = mappingFor(loaded, useRole, choiceForFile(choices, useRole, file, usage), usage);
  if (useRole === 'facilities' && o.type !== undefined && isFacilityType(o.type) && !mapping.type) mapping.fixedType = o.type;
  const layer = applyMapping(loaded, useRole, mapping, mappingOptions);
  const warnings = layer.warnings.map(formatWarning);
  if (o['save-mapping'] !== undefined) {
    writeFileSync(o['save-mapping'], mappingFileText(mappingFileOf({ role: useRole, fields: layer.mapping, ...mappingOptions })));
  }

  warnings.slice(0, MAX_PRINTED_WARNINGS).forEach((w) => io.stderr(`warning: ${w}\n`));
  if (warnings.length > MAX_PRINTED_WARNINGS) io.stderr(`warning: … and ${warnings.length - MAX_PRINTED_WARNINGS} more (all are listed by --json)\n`);
  if (o.out && (outFormat === 'geojson' || outFormat === 'csv')) {
    const { table } = layer;
    writeChunks(o.out, featureChunks(() => (table ? tableFeatures(table) : layer.collection.features), outFormat));
  }
  if (o.json) {
    io.stdout(
      JSON.stringify({
        file,
        format: loaded.format,
        encoding: loaded.encoding ?? null,
        crs: loaded.crs,
        fields: loaded.fields,
        geometryColumns: loaded.geometryColumns ?? null,
        suggestedRole: loaded.suggestedRole,
        role: useRole,
        mapping: layer.mapping,
        typeValues: mappingOptions.typeValues ?? {},
        assumeCapacity: mappingOptions.assumeCapacity ?? null,
        report: layer.report,
        ...(layer.capacities ? { capacities: layer.capacities } : {}),
        warnings,
      }) + '\n',
    );
    return 0;
  }
  const crs = loaded.crs;
  const lines = [
    `${file}: ${loaded.format}${loaded.encoding ? ` (${loaded.encoding})` : ''}`,
    `read ${layer.report.read}, used ${layer.report.used}, skipped ${layer.report.skipped}`,
    `coordinates: ${crs.detected} (${crs.source})${crs.converted ? ', converted to WGS84' : ''}${crs.swapped ? ', lat/lon swapped' : ''}${crs.shift ? `, ${crs.shift}` : ''}`,
    ...(crs.suspect ? [`  ${crs.suspect.prompt} (--coords ${crs.suspect.system} converts, --coords wgs84 keeps)`] : []),
    ...(loaded.geometryColumns ? [`geometry from: ${Object.values(loaded.geometryColumns).join(' / ')}`] : []),
    `fields: ${loaded.fields.join(', ') || '(none)'}`,
    `role: ${useRole}${role ? '' : ' (suggested; change with --role)'}`,
    `mapping: ${describeMapping(layer.mapping, mappingOptions)}`,
  ];
  const c = layer.capacities;
  if (c) {
    const kept = c.given + c.fromClasses + c.assumed + c.none;
    if (c.none > 0) lines.push(`capacities: none (coverage only; allocation needs capacities: --field capacity=COLUMN or --assume-capacity standard)`);
    else lines.push(`capacities: ${c.given} of ${kept} given` + (c.fromClasses > 0 ? `, ${c.fromClasses} from classes × class size` : '') + (c.assumed > 0 ? `, ${c.assumed} assumed (standard size)` : ''));
    if (c.skipped > 0) lines.push(`  ${c.skipped} skipped for a missing capacity (--assume-capacity standard keeps them)`);
  }
  if (o['save-mapping']) lines.push(`mapping written to ${o['save-mapping']}`);
  if (o.out) lines.push(`mapped features written to ${o.out}`);
  // Field names, file names and CRS names come from the file: printed with control characters escaped.
  io.stdout(lines.map(terminalSafe).join('\n') + '\n');
  return 0;
}

export const loadCommand: Command = {
  name: 'load',
  summary: 'Read a GeoJSON, CSV, GeoTIFF or zipped Shapefile and print its load report',
  usage: USAGE,
  run,
};
