import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/**
 * A lon/lat raster is evaluated as a grid (no polygon per pixel); the same pixels written out as
 * GeoJSON polygons are the independent answer.
 */
describe('catchmap evaluate on a population raster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catchmap-raster-'));
  const width = 8;
  const height = 6;
  const values = Array.from({ length: width * height }, (_, i) => (i % 5 === 2 ? -9999 : 40 + ((i * 53) % 300)));
  const tif = join(dir, 'pop.tif');
  writeFileSync(
    tif,
    new Uint8Array(
      writeArrayBuffer(new Float32Array(values), {
        width,
        height,
        ModelPixelScale: [0.001, 0.001, 0],
        ModelTiepoint: [0, 0, 0, 113.65, 34.76, 0],
        GeographicTypeGeoKey: 4326,
        GTModelTypeGeoKey: 2,
        GDAL_NODATA: '-9999',
      }),
    ),
  );
  const pixels = [];
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = values[r * width + c];
      if (v <= 0) continue;
      const w = 113.65 + c * 0.001;
      const n = 34.76 - r * 0.001;
      pixels.push({
        type: 'Feature',
        properties: { id: `r${r}c${c}`, population: v },
        geometry: { type: 'Polygon', coordinates: [[[w, n - 0.001], [w + 0.001, n - 0.001], [w + 0.001, n], [w, n], [w, n - 0.001]]] },
      });
    }
  }
  const polygons = join(dir, 'pop.geojson');
  writeFileSync(polygons, JSON.stringify({ type: 'FeatureCollection', features: pixels }));
  const schools = join(dir, 'schools.geojson');
  writeFileSync(
    schools,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'A', type: 'primary', capacity: 200 }, geometry: { type: 'Point', coordinates: [113.652, 34.758] } },
        { type: 'Feature', properties: { id: 'B', type: 'primary', capacity: 90 }, geometry: { type: 'Point', coordinates: [113.657, 34.755] } },
      ],
    }),
  );
  const villages = join(dir, 'villages.geojson');
  writeFileSync(
    villages,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'V', name: 'V', migrant_share: 0.7 }, geometry: { type: 'Polygon', coordinates: [[[113.6512, 34.7553], [113.6551, 34.7557], [113.6547, 34.7594], [113.6512, 34.7553]]] } }],
    }),
  );
  const run = (population: string, ...more: string[]) => runCli(['evaluate', '--population', population, '--facilities', schools, '--villages', villages, '--type', 'primary', ...more]);

  it('gives the summary of the same pixels as polygons', async () => {
    const grid = await run(tif, '--json');
    const poly = await run(polygons, '--json');
    expect(grid.code).toBe(0);
    expect(poly.code).toBe(0);
    const a = JSON.parse(grid.stdout);
    const b = JSON.parse(poly.stdout);
    expect(a.residents).toBe(values.filter((v) => v > 0).reduce((s, v) => s + v, 0));
    for (const key of ['residents', 'pupils', 'servedPupils', 'coveragePct', 'servedPct', 'overCapacity']) expect(a[key]).toBe(b[key]);
    expect(a.equity.villageResidents).toBeGreaterThan(0);
    expect(Math.abs(a.equity.villageResidents - b.equity.villageResidents)).toBeLessThanOrEqual(1);
  });

  it('writes each populated pixel as a row with its polygon', async () => {
    const out = join(dir, 'cells.csv');
    const r = await run(tif, '--out', out);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + pixels.length);
    expect(lines[1]).toMatch(/^r0c0,40,40,/);
    expect(lines[1]).toContain('"POLYGON ((113.65 34.759, 113.651 34.759, 113.651 34.76, 113.65 34.76, 113.65 34.759))"');
  });
});
