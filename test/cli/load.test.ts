import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const CORPUS = join(ROOT, 'test/fixtures/io/corpus');
const EVAL = join(ROOT, 'test/fixtures/core/evaluate/in');
const tmp = mkdtempSync(join(tmpdir(), 'catchmap-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(argv);
const file = (name: string, content: string) => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

describe('catchmap load', () => {
  it('prints the load report and warnings naming file, feature and reason', async () => {
    const f = join(CORPUS, 'csv-pop-negative.csv');
    const r = await run('load', f);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${f}: n1: 人口 is negative (-3); skipped\n`);
    expect(r.stdout).toContain('read 2, used 1, skipped 1');
    expect(r.stdout).toContain('geometry from: 经度 / 纬度');
    expect(r.stdout).toContain('role: population (suggested; change with --role)');
    expect(r.stdout).toContain('mapping: id ← 编号, population ← 人口');
  });

  it('--json carries the report and a warnings array', async () => {
    const f = join(CORPUS, 'fac-unknown-type.geojson');
    const r = await run('load', f, '--json');
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ format: 'geojson', role: 'facilities', suggestedRole: 'facilities', report: { read: 2, used: 1, skipped: 1 } });
    expect(json.warnings).toEqual([`${f}: X: unknown facility type "mall" (known: kindergarten, primary, junior, health_station, health_centre); skipped`]);
  });

  it('refuses unusable files with exit 2 and one error line', async () => {
    for (const [name, reason] of [
      ['projected-gk.geojson', 'coordinates look projected (x≈467952, y≈3846914), probably Gauss–Krüger or UTM metres without a zone number, so the central meridian must be given; give the EPSG code, e.g. --epsg 4547'],
      ['csv-no-coords.csv', 'no coordinate columns found: need lon/lat (or lng, longitude, x/y, 经度/纬度), a WKT column (wkt, geometry) or a "lng,lat" location column; the columns are: name, population'],
      ['truncated.geojson', "invalid JSON at position 80: Expected ',' or '}' after property value (line 1, column 81)"],
      ['random.bin', 'not a supported file: expected GeoJSON, CSV/TSV, a GeoTIFF population raster or a zipped Shapefile'],
    ]) {
      const f = join(CORPUS, name);
      const r = await run('load', f);
      expect(r.code, name).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: ${f}: ${reason}\n`);
    }
    const missing = await run('load', join(tmp, 'nope.csv'));
    expect(missing.stderr).toBe(`error: ${join(tmp, 'nope.csv')}: file not found\n`);
  });

  it('--epsg, --coords, --encoding, --role, --type and --out', async () => {
    const gk = await run('load', join(CORPUS, 'projected-gk.geojson'), '--epsg', '4547', '--json');
    expect(JSON.parse(gk.stdout).crs).toEqual({ detected: 'EPSG:4547', source: 'option', converted: true });
    const amap = await run('load', join(CORPUS, 'amap-schools.csv'), '--coords', 'gcj02', '--json');
    expect(JSON.parse(amap.stdout).crs).toMatchObject({ converted: true, shift: 'gcj02 → wgs84' });
    const suspect = await run('load', join(CORPUS, 'amap-schools.csv'));
    expect(suspect.stdout).toMatch(/probably GCJ-02 \(Amap, Tencent\).*\(--coords gcj02 converts, --coords wgs84 keeps\)/);
    const gbk = await run('load', join(CORPUS, 'csv-gbk.csv'), '--encoding', 'gbk', '--json');
    expect(JSON.parse(gbk.stdout)).toMatchObject({ encoding: 'gbk', warnings: [] });
    const schools = file('schools.csv', 'name,lon,lat,seats\n一小,113.65,34.75,900\n');
    const out = join(tmp, 'schools.geojson');
    const typed = await run('load', schools, '--role', 'facilities', '--type', 'primary', '--out', out);
    expect(typed.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).features[0].properties).toMatchObject({ name: '一小', type: 'primary', capacity: 900 });
    const csvOut = join(tmp, 'formula.csv');
    await run('load', join(CORPUS, 'csv-formula.csv'), '--out', csvOut);
    expect(readFileSync(csvOut, 'utf8')).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const [argv, message] of [
      [['--epsg', 'abc'], /--epsg must be an EPSG code such as 4547, got 'abc'/],
      [['--coords', 'mars'], /--coords must be wgs84, gcj02 or bd09/],
      [['--role', 'school'], /--role must be one of population, villages/],
      [['--bbox', '1,2,3'], /--bbox must be west,south,east,north/],
      [['--out', 'x.shp'], /--out must end in .geojson or .csv/],
    ] as [string[], RegExp][]) {
      const r = await run('load', schools, ...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('evaluate and solve read any format', () => {
  it('evaluate takes CSV population with Chinese headers and writes CSV and JSON outputs', async () => {
    const pop = file('pop.csv', '编号,经度,纬度,人口\nA,113.65,34.75,1000\nB,113.65,34.7545,2000\nC,113.65,34.77,1500\nD,,34.77,10\n');
    const fac = file('fac.csv', 'id,名称,经度,纬度,学位,类型\nS1,一小,113.65,34.751,90,小学\nS2,二小,113.65,34.757,45,小学\n');
    const cells = join(tmp, 'cells.csv');
    const facOut = join(tmp, 'fac-out.geojson');
    const r = await run('evaluate', '--population', pop, '--facilities', fac, '--type', 'primary', '--json', '--out', cells, '--facilities-out', facOut);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: ${pop}: D: no coordinates: the longitude cell (经度) is empty; skipped\n`);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ residents: 4500, pupils: 297, seats: 135, servedPupils: 135 });
    expect(json.warnings).toEqual([`${pop}: D: no coordinates: the longitude cell (经度) is empty; skipped`]);
    const csv = readFileSync(cells, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF编号,经度,纬度,人口,id,population,residents,users,served,unserved,covered,nearest_facility_id,nearest_distance_m,served_by,access_2sfca,access_e2sfca,village_id,village_name,village_share,migrants,lon,lat');
    expect(JSON.parse(readFileSync(facOut, 'utf8')).features.map((f: { properties: Record<string, unknown> }) => [f.properties.名称, f.properties.status])).toEqual([
      ['一小', 'over'],
      ['二小', 'over'],
    ]);
    const summary = join(tmp, 'summary.json');
    await run('evaluate', '--population', pop, '--facilities', fac, '--type', 'primary', '--out', summary);
    expect(JSON.parse(readFileSync(summary, 'utf8'))).toMatchObject({ pupils: 297, facilityResults: [expect.objectContaining({ id: 'S1' }), expect.objectContaining({ id: 'S2' })] });
  });

  it('evaluate refuses a projected population file naming it, and accepts it with --epsg', async () => {
    const pop = join(CORPUS, 'projected-gk.geojson');
    const fac = join(EVAL, 'worked-example-facilities.geojson');
    const refused = await run('evaluate', '--population', pop, '--facilities', fac, '--type', 'primary');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^error: ${pop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: coordinates look projected`));
    const ok = await run('evaluate', '--population', pop, '--facilities', fac, '--type', 'primary', '--epsg', '4547', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).residents).toBe(20);
  });

  it('solve takes CSV demand and candidates and writes proposals as CSV', async () => {
    const demand = file('demand.csv', 'id,lng,lat,人口\na1,113.60,34.75,100\na2,113.601,34.75,80\n');
    const cands = file('cands.csv', 'id,name,lng,lat\nc-A,"=cmd",113.6003,34.75\nc-B,B,113.70,34.80\n');
    const out = join(tmp, 'proposals.csv');
    const r = await run('solve', '--model', 'mclp', '--demand', demand, '--candidates', cands, '--p', '1', '--radius', '600', '--json', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'mclp', objective: 180, selected: ['c-A'] });
    const rows = readFileSync(out, 'utf8').split('\r\n');
    // The input's own columns stay (lng; its lat is the geometry's lat column).
    expect(rows[0]).toBe('\uFEFFid,name,lng,rank,gain,served,model,lon,lat');
    expect(rows[1]).toBe("c-A,'=cmd,113.6003,1,180,180,mclp,113.6003,34.75");
  });

  it('runs as the real binary with the documented error line', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'catchmap.js'), 'load', join(CORPUS, 'csv-headerless.csv')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: ${join(CORPUS, 'csv-headerless.csv')}: the first row holds numbers (113.65, 34.75, 1000), not column names: add a header row such as lon,lat,population\n`);
  });
});
