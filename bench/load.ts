/**
 * `npm run bench -- load`: loads a generated ~200 MB GeoJSON (population cells) and a 2-million-row
 * CSV through the loaders (decode, parse, CRS check, role suggestion, then applyMapping) and
 * compares each with a baseline in the same process: plain `JSON.parse` of the same text, and
 * papaparse of the same CSV without building features. Flags: --rows=N (CSV) --mb=N (GeoJSON).
 */
import Papa from 'papaparse';
import { applyMapping, loadFile } from '../src/core/index.ts';

function flag(flags: string[], name: string, fallback: number): number {
  const hit = flags.find((f) => f.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

/** ~200 MB of 150 m population squares, one feature per line as the demo data are written. */
function geojsonBytes(targetMb: number): { bytes: Uint8Array; features: number } {
  const parts: string[] = ['{"type":"FeatureCollection","features":[\n'];
  let size = parts[0].length;
  let n = 0;
  const d = 0.00135;
  while (size < targetMb * 1e6) {
    const x = 113.4 + (n % 2000) * d;
    const y = 34.5 + Math.floor(n / 2000) * d;
    const ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]].map(([a, b]) => `[${a.toFixed(6)},${b.toFixed(6)}]`).join(',');
    const line = `${n ? ',\n' : ''}{"type":"Feature","properties":{"id":"c${n}","population":${(n * 7919) % 900}},"geometry":{"type":"Polygon","coordinates":[[${ring}]]}}`;
    parts.push(line);
    size += line.length;
    n++;
  }
  parts.push('\n]}\n');
  return { bytes: new TextEncoder().encode(parts.join('')), features: n };
}

function csvBytes(rows: number): Uint8Array {
  const lines = ['id,名称,经度,纬度,人口'];
  for (let i = 0; i < rows; i++) lines.push(`p${i},点${i % 100},${(113.4 + (i % 3000) * 0.0001).toFixed(6)},${(34.5 + Math.floor(i / 3000) * 0.0001).toFixed(6)},${i % 500}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, (performance.now() - t0) / 1000];
}

export async function loadBench(flags: string[]): Promise<void> {
  const rows = flag(flags, 'rows', 2_000_000);
  const mb = flag(flags, 'mb', 200);

  let csv: Uint8Array | null = csvBytes(rows);
  console.log(`CSV: ${rows.toLocaleString('en-US')} rows, ${(csv.length / 1e6).toFixed(1)} MB`);
  const [, papaS] = await time(() => Papa.parse<string[]>(new TextDecoder().decode(csv!), { skipEmptyLines: true }).data.length);
  let progressCalls = 0;
  const [csvLayer, csvS] = await time(async () => {
    const loaded = await loadFile(csv!, 'bench.csv', {}, () => progressCalls++);
    return applyMapping(loaded, 'population');
  });
  if (csvLayer.report.used !== rows) throw new Error(`CSV: used ${csvLayer.report.used} of ${rows}`);
  const csvRate = rows / csvS;
  console.log(`  papaparse alone (baseline)   ${papaS.toFixed(2)} s  ${Math.round(rows / papaS).toLocaleString('en-US')} rows/s`);
  console.log(`  loadFile + applyMapping      ${csvS.toFixed(2)} s  ${Math.round(csvRate).toLocaleString('en-US')} rows/s  (${(csvS / papaS).toFixed(2)}× the baseline time, ${progressCalls} progress reports)`);
  csv = null;

  let geo: { bytes: Uint8Array; features: number } | null = geojsonBytes(mb);
  const sizeMb = geo.bytes.length / 1e6;
  console.log(`GeoJSON: ${geo.features.toLocaleString('en-US')} polygons, ${sizeMb.toFixed(1)} MB`);
  const [, parseS] = await time(() => (JSON.parse(new TextDecoder().decode(geo!.bytes)) as { features: unknown[] }).features.length);
  // Only the count is kept: the layer's objects would weigh on the next run's collections.
  const [geoUsed, geoS] = await time(async () => applyMapping(await loadFile(geo!.bytes, 'bench.geojson'), 'population').report.used);
  if (geoUsed !== geo.features) throw new Error(`GeoJSON: used ${geoUsed} of ${geo.features}`);
  const geoRate = sizeMb / geoS;
  console.log(`  TextDecoder + JSON.parse (baseline)  ${parseS.toFixed(2)} s  ${(sizeMb / parseS).toFixed(1)} MB/s`);
  console.log(`  loadFile + applyMapping              ${geoS.toFixed(2)} s  ${geoRate.toFixed(1)} MB/s  ${Math.round(geo.features / geoS).toLocaleString('en-US')} features/s  (${(geoS / parseS).toFixed(2)}× the baseline time)`);
  // As a population: streamed into a table, plain features read without JSON.parse.
  const [popUsed, popS] = await time(async () => applyMapping(await loadFile(geo!.bytes, 'bench.geojson', { role: 'population' }), 'population').report.used);
  if (popUsed !== geo.features) throw new Error(`GeoJSON population: used ${popUsed} of ${geo.features}`);
  const popRate = sizeMb / popS;
  console.log(`  the same, role population (a table)  ${popS.toFixed(2)} s  ${popRate.toFixed(1)} MB/s  (${(popS / parseS).toFixed(2)}× the baseline time)`);
  geo = null;

  console.log(`RESULT load_csv_rows_per_s=${Math.round(csvRate)} load_geojson_mb_per_s=${geoRate.toFixed(1)} load_geojson_population_mb_per_s=${popRate.toFixed(1)}`);
}
