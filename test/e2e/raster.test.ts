import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeArrayBuffer } from 'geotiff';
import { applyMapping, evaluate, loadFile } from '../../src/core/index.ts';
import { colourDistance, onMap, pct, screenshot, waitForMapReady, withApp, loadInApp } from './harness.ts';

/**
 * A lon/lat population raster far from the demo (Wuhan): 40 × 30 pixels of 0.002°, a nodata
 * stripe, and four schools. The app keeps it as a grid and draws it as bitmaps; the engine in Node
 * on the same files gives the figures it must show.
 */
const WIDTH = 40;
const HEIGHT = 30;
const WEST = 114.25;
const NORTH = 30.62;
const STEP = 0.002;
const values = Array.from({ length: WIDTH * HEIGHT }, (_, i) => (i % WIDTH === 17 ? -9999 : 20 + ((i * 53) % 380)));
const tif = new Uint8Array(
  writeArrayBuffer(new Float32Array(values), {
    width: WIDTH,
    height: HEIGHT,
    ModelPixelScale: [STEP, STEP, 0],
    ModelTiepoint: [0, 0, 0, WEST, NORTH, 0],
    GeographicTypeGeoKey: 4326,
    GTModelTypeGeoKey: 2,
    GDAL_NODATA: '-9999',
  }),
);
const schoolsCsv = '学校名称,经度,纬度,学位,类型\n江汉一小,114.27,30.6,900,小学\n江汉二小,114.29,30.59,450,小学\n江汉三小,114.31,30.6,1350,小学\n江汉四小,114.26,30.57,300,小学\n';


describe('a population raster in the app', () => {
  let page: Page;
  withApp((opened) => (page = opened.page));

  it('keeps the raster as a grid, analyses it like the engine and draws it as bitmaps', async () => {
    await loadInApp(page, 'wuhan-pop.tif', Buffer.from(tif), 'population');
    const populated = values.filter((v) => v > 0).length;
    await page.waitForSelector('[data-testid="workspace-population"][data-origin="file"]');
    await loadInApp(page, 'wuhan-schools.csv', Buffer.from(schoolsCsv), 'facilities');

    const pop = applyMapping(await loadFile(tif, 'wuhan-pop.tif'), 'population');
    expect(pop.grid).toBeDefined();
    const fac = applyMapping(await loadFile(new TextEncoder().encode(schoolsCsv), 'wuhan-schools.csv'), 'facilities');
    const expected = evaluate({ population: pop.grid, facilities: fac.collection }, { type: 'primary' });
    const residents = values.filter((v) => v > 0).reduce((s, v) => s + v, 0);
    expect(expected.summary.residents).toBe(residents);
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-residents"]')?.textContent === text, residents.toLocaleString('en'), { timeout: 60_000 });
    expect(await page.getByTestId('summary-coverage').textContent()).toBe(pct(expected.summary.coveragePct));
    expect(await page.getByTestId('summary-served').textContent()).toBe(expected.summary.servedPupils.toLocaleString('en'));
    await expect(page.getByTestId('workspace-population').textContent()).resolves.toContain(`${populated.toLocaleString('en')} populated pixels`);

    await waitForMapReady(page);
    const drawn = await page.evaluate(() => window.__catchmap!.drawnLayerIds);
    expect(drawn).toEqual(expect.arrayContaining(['population-grid', 'shortfall-grid']));
  });

  it('names the pixel under the pointer by its row and column, with its residents', async () => {
    // Row 5, column 3: a populated pixel; hover its centre.
    const row = 5;
    const col = 3;
    await page.evaluate(([lng, lat]) => window.__catchmap!.jumpTo([lng, lat], 14), [WEST + (col + 0.5) * STEP, NORTH - (row + 0.5) * STEP]);
    await waitForMapReady(page);
    const [px] = await onMap(page, [[WEST + (col + 0.5) * STEP, NORTH - (row + 0.5) * STEP]]);
    expect(px).not.toBeNull();
    await page.mouse.move(px![0], px![1]);
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor({ timeout: 20_000 });
    const text = await tooltip.textContent();
    expect(text).toContain(`Population cell r${row}c${col}`);
    expect(text).toContain(`Residents: ${values[row * WIDTH + col].toLocaleString('en')}`);
  });

  it('draws each pixel: the nodata column stays clear, its neighbours are coloured', async () => {
    const at = (row: number, col: number): [number, number] => [WEST + (col + 0.5) * STEP, NORTH - (row + 0.5) * STEP];
    await page.evaluate((c) => window.__catchmap!.jumpTo(c, 15), at(12, 17));
    await page.mouse.move(5, 890);
    await waitForMapReady(page);
    const [gap, left, right] = await onMap(page, [at(12, 17), at(12, 16), at(12, 18)]);
    expect(gap && left && right).toBeTruthy();
    const shot = await screenshot(page, 'raster-pixels.png');
    const background = shot.at(gap![0], gap![1]);
    expect(colourDistance(shot.at(left![0], left![1]), background)).toBeGreaterThan(40);
    expect(colourDistance(shot.at(right![0], right![1]), background)).toBeGreaterThan(40);
  });
});
