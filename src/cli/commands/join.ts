import { parseArgs } from 'node:util';
import { formatWarning, InputError, terminalSafe } from '../../core/index.ts';
import { featureChunks } from '../../core/export/index.ts';
import { FIELD_NAMES } from '../../core/io/index.ts';
import { findField } from '../../core/io/fields.ts';
import { tableFeatures } from '../../core/demand/population-table.ts';
import { featuresOf, type LooseFeature } from '../../core/input/features.ts';
import { readStatsTable } from '../../core/io/stats-table.ts';
import { joinStatsTable } from '../../core/io/stats-table-join.ts';
import { tablePopulation, type FigureColumns } from '../../core/io/stats-table-population.ts';
import { argsError, UsageError } from '../cli.ts';
import { writeChunks, type CliIo, type Command } from '../io.ts';
import { LAYER_OPTIONS, LAYER_OPTIONS_USAGE, layerOptions, readBytes, readFeatureCollection, readLayer } from '../read-file.ts';

const USAGE = `Usage: catchmap join --table FILE [--sheet NAME] --boundaries FILE --key COLUMN
                    [--boundary-key FIELD] [--population FILE] [--out FILE.geojson] [--json]

Joins a statistics table without geometry — residents by community (社区) or sub-district (街道),
as CSV/TSV or an Excel workbook (.xlsx) — to a boundary layer by a code or a name, and makes a
population layer of it.

  --table FILE        .xlsx (the first sheet, or --sheet) or CSV/TSV (UTF-8 or GBK); the header
                      row is the first that holds --key (title rows above it are skipped)
  --sheet NAME        the workbook's sheet to read
  --boundaries FILE   community or sub-district polygons (GeoJSON, CSV with WKT, zipped Shapefile)
  --key COLUMN        the table's column holding the code or name (e.g. 社区名称, 社区代码)
  --boundary-key FIELD  the boundaries' property to match (default: the one matching most keys)
                      Keys are compared with full-width characters as half-width, whitespace
                      removed and a trailing 社区 / 居委会 / 村委会 / 街道 / 办事处 taken off;
                      a key twice on either side is an error naming both
  --field KEY=COLUMN  the table's column for population (total: 常住人口, population), registered
                      (户籍人口, hukou) or migrants (流动人口, 居住证, 暂住人口); found by name
                      otherwise. A missing total or group is taken from the other two
  --population FILE   population cells (polygons or points with a population): each community's
                      figures are spread over the cells inside it (a cell's point — a polygon's
                      area centroid — decides) by their residents, by area where they have none;
                      cells in no matched community are left out. Without it each matched
                      boundary becomes one population feature
  --out FILE          write the population layer as .geojson (population, registered, migrants)
  --json              print one JSON object: matched, unmatchedRows, unmatchedBoundaries (each
                      key with its row or feature), totals, features, warnings
${LAYER_OPTIONS_USAGE}

Prints the matched and unmatched counts and names every unmatched key; exit 2 on unusable input.`;

const FIGURE_KEYS = ['population', 'registered', 'migrants'] as const;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        table: { type: 'string' },
        sheet: { type: 'string' },
        boundaries: { type: 'string' },
        key: { type: 'string' },
        'boundary-key': { type: 'string' },
        population: { type: 'string' },
        field: { type: 'string', multiple: true },
        out: { type: 'string' },
        json: { type: 'boolean' },
        ...LAYER_OPTIONS,
      },
    }).values;
  } catch (err) {
    throw argsError(err);
  }
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (!args.table) throw new UsageError('--table FILE is required');
  if (!args.boundaries) throw new UsageError('--boundaries FILE is required');
  if (!args.key) throw new UsageError('--key COLUMN is required (the table column holding the community code or name)');
  if (args.out !== undefined && !/\.geojson$/i.test(args.out)) throw new UsageError(`--out must end in .geojson, got '${args.out}'`);
  const chosen: FigureColumns = {};
  for (const text of args.field ?? []) {
    const eq = text.indexOf('=');
    const key = eq > 0 ? text.slice(0, eq).trim() : '';
    if (!(FIGURE_KEYS as readonly string[]).includes(key)) throw new UsageError(`--field must be KEY=COLUMN with KEY one of ${FIGURE_KEYS.join(', ')}, got '${text}'`);
    chosen[key as (typeof FIGURE_KEYS)[number]] = text.slice(eq + 1).trim();
  }
  const usage = (m: string) => new UsageError(m);
  const load = layerOptions(args, usage);

  const table = await readStatsTable(readBytes(args.table), args.table, { sheet: args.sheet, encoding: load.encoding, limits: load.limits, key: args.key });
  const columns: FigureColumns = {};
  for (const key of FIGURE_KEYS) {
    const column = chosen[key] ?? findField(table.columns, FIELD_NAMES[key]);
    if (chosen[key] !== undefined && !table.columns.includes(chosen[key]!)) {
      throw new UsageError(`--field ${key}=${chosen[key]}: ${args.table} has no column '${chosen[key]}'; its columns are: ${table.columns.join(', ')}`);
    }
    if (column) columns[key] = column;
  }
  const boundaryFile = await readFeatureCollection(args.boundaries, load);
  const boundaries = featuresOf(boundaryFile.collection, args.boundaries);
  if (boundaries.length === 0) throw new InputError(args.boundaries, 'no features: the boundary layer is empty');
  const join = joinStatsTable(table, args.key, boundaries, args.boundaries, args['boundary-key']);

  let cells: LooseFeature[] | undefined;
  const loadWarnings = [...table.warnings, ...boundaryFile.loaded.warnings];
  if (args.population) {
    const layer = await readLayer(args.population, 'population', load, undefined, undefined, usage);
    if (layer.grid) throw new InputError(args.population, 'a raster cannot take a table’s figures: give population cells as polygons or points');
    cells = featuresOf({ type: 'FeatureCollection', features: layer.table ? [...tableFeatures(layer.table)] : layer.collection.features }, args.population);
    loadWarnings.push(...layer.warnings);
  }
  const population = join.matched.length > 0 ? tablePopulation(table, join, boundaries, args.boundaries, columns, cells) : null;
  const warnings = [...loadWarnings, ...(population?.warnings ?? join.warnings)].map(formatWarning);
  warnings.forEach((w) => io.stderr(`warning: ${w}\n`));
  if (args.out && population) writeChunks(args.out, featureChunks(() => population.collection.features, 'geojson'));

  if (args.json) {
    io.stdout(
      JSON.stringify({
        table: args.table,
        sheet: table.sheet,
        keyColumn: join.keyColumn,
        boundaryField: join.boundaryField,
        columns,
        rows: table.rows.length,
        boundaries: boundaries.length,
        matched: join.matched.length,
        unmatchedRows: join.unmatchedRows,
        unmatchedBoundaries: join.unmatchedBoundaries,
        totals: population?.totals ?? null,
        spread: population?.spread ?? null,
        features: population?.collection.features.length ?? 0,
        cellsOutside: population?.cellsOutside ?? 0,
        communitiesWithoutCells: population?.communitiesWithoutCells ?? [],
        out: args.out ?? null,
        warnings,
      }) + '\n',
    );
  } else {
    const lines = [
      `joined ${args.table}${table.sheet !== null ? ` (sheet ${table.sheet})` : ''} to ${args.boundaries} by ${join.keyColumn} = ${join.boundaryField}: ` +
        `${fmt(join.matched.length)} of ${fmt(table.rows.length)} rows matched, ${fmt(boundaries.length)} boundaries`,
      `unmatched rows (${fmt(join.unmatchedRows.length)})${join.unmatchedRows.length > 0 ? `: ${join.unmatchedRows.map((r) => `${r.key} (row ${r.row})`).join(', ')}` : ''}`,
      `unmatched boundaries (${fmt(join.unmatchedBoundaries.length)})${join.unmatchedBoundaries.length > 0 ? `: ${join.unmatchedBoundaries.map((b) => (b.key === b.feature ? b.key : `${b.key} (${b.feature})`)).join(', ')}` : ''}`,
    ];
    if (population) {
      const t = population.totals;
      lines.push(
        `population: ${fmt(t.population)} residents${t.registered !== null && t.migrants !== null ? ` (registered ${fmt(t.registered)}, migrants ${fmt(t.migrants)})` : ''} ` +
          `in ${fmt(join.matched.length)} communities, ${population.spread === 'cells' ? `spread over ${fmt(population.collection.features.length)} features` : `${fmt(population.collection.features.length)} features`}`,
      );
    } else lines.push('population: none (no row matched)');
    if (args.out && population) lines.push(`population layer written to ${args.out}`);
    io.stdout(lines.map(terminalSafe).join('\n') + '\n');
  }
  return 0;
}

export const joinCommand: Command = {
  name: 'join',
  summary: 'Join a statistics table (CSV, .xlsx) to boundaries by code or name',
  usage: USAGE,
  run,
};
