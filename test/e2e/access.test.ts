import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { evaluate, haversineM } from '../../src/core/index.ts';
import { ACCESS_COLOURS, NO_ACCESS_COLOUR } from '../../src/app/map/layers/access-layer.ts';
import { colourDistance, demoDistrict, onMap, redrawAfter, screenshot, waitForLayers, withApp } from './harness.ts';

/**
 * A walking-time matrix for the demo district, as a routing engine would give it: minutes at
 * 80 m a minute from each residential cell to each primary school within 20 minutes, gzipped,
 * plus a pair from an origin and one to a destination the district does not have. The expected
 * figures are worked out here with plain loops over the same pairs.
 */
const WALK_M_PER_MIN = 80;
const evaluation = evaluate(demoDistrict(), { type: 'primary' });
const schools = evaluation.facilities;
const pairs: { cell: number; school: number; minutes: number }[] = [];
evaluation.cells.forEach((c, cell) =>
  schools.forEach((s, school) => {
    const minutes = Math.round((haversineM(c.lngLat, s.lngLat) / WALK_M_PER_MIN) * 10) / 10;
    if (minutes <= 20) pairs.push({ cell, school, minutes });
  }),
);
const csv = ['from_id,to_id,travel_time', ...pairs.map((p) => `${evaluation.cells[p.cell].id},${schools[p.school].id},${p.minutes}`), 'nowhere,P1,3', `${evaluation.cells[0].id},K999,2`].join('\n');
const gz = gzipSync(Buffer.from(csv));

/**
 * 2SFCA with a binary catchment of `cutoff` minutes: seats ÷ pupils in reach, summed over the
 * schools in reach; NaN for a cell the matrix has no pair for (it is not part of the system).
 */
function twoStep(cutoff: number): number[] {
  const inReach = new Float64Array(schools.length);
  for (const p of pairs) if (p.minutes <= cutoff) inReach[p.school] += evaluation.cells[p.cell].users;
  const access = new Array<number>(evaluation.cells.length).fill(NaN);
  for (const p of pairs) access[p.cell] = 0;
  for (const p of pairs) if (p.minutes <= cutoff) access[p.cell] += schools[p.school].capacity / inReach[p.school];
  return access;
}

/** Pupil-weighted means for the village part of each cell and for the rest. */
function means(values: number[]): { villages: number; rest: number } {
  let vw = 0;
  let vu = 0;
  let ow = 0;
  let ou = 0;
  evaluation.cells.forEach((c, k) => {
    if (!Number.isFinite(values[k])) return;
    vw += c.users * c.villageShare * values[k];
    vu += c.users * c.villageShare;
    ow += c.users * (1 - c.villageShare) * values[k];
    ou += c.users * (1 - c.villageShare);
  });
  return { villages: vw / vu, rest: ow / ou };
}

/** The number shown (three significant figures) matches `expected` to the precision shown. */
function shows(text: string | null, expected: number): void {
  const shown = Number(text!.replace(/,/g, '').split(' ')[0]);
  const place = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - 2);
  expect(Math.abs(shown - expected)).toBeLessThanOrEqual(place / 2 + 1e-12);
}

describe('accessibility on a travel-time matrix in the app', () => {
  let page: Page;
  withApp((opened) => (page = opened.page));

  it('reads a gzipped matrix through the Data panel, with its columns found and its pairs counted', async () => {
    await page.getByTestId('data-file-input').setInputFiles({ name: 'walk-times.csv.gz', mimeType: 'application/gzip', buffer: gz });
    await page.getByTestId('matrix-dialog').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('matrix-origin').inputValue()).toBe('from_id');
    expect(await page.getByTestId('matrix-cost').inputValue()).toBe('travel_time');
    const origins = new Set(pairs.map((p) => p.cell)).size + 1;
    await expect(page.getByTestId('matrix-read').textContent()).resolves.toContain(`${(pairs.length + 2).toLocaleString('en')} pairs · ${origins.toLocaleString('en')} origins`);
    await page.getByTestId('matrix-use').click();
    await page.getByTestId('matrix-dialog').waitFor({ state: 'detached' });
    await expect(page.getByTestId('workspace-travel-times').textContent()).resolves.toContain(`walk-times.csv.gz · ${(pairs.length + 2).toLocaleString('en')} pairs`);
  });

  it('measures 2SFCA within 10 minutes on it and compares villages with the rest, as plain loops do', async () => {
    await page.getByTestId('access-costs').selectOption('matrix');
    await page.getByTestId('access-cutoff').fill('10');
    await page.getByTestId('access-cutoff').press('Enter');
    const expected = means(twoStep(10));
    await page.waitForFunction(() => document.querySelector('[data-testid="access-matched"]') !== null && document.querySelector('[data-testid="access-section"]')?.textContent?.includes('Measuring') === false, undefined, { timeout: 60_000 });
    await page.waitForFunction((cutoff) => document.querySelector('[data-testid="equity-access-ratio"]')?.textContent?.includes(`binary ≤ ${cutoff}`), 10, { timeout: 60_000 });
    shows(await page.getByTestId('access-villages').textContent(), expected.villages);
    shows(await page.getByTestId('access-rest').textContent(), expected.rest);
    expect(await page.getByTestId('access-villages').textContent()).toContain('seats per pupil');
    shows(await page.getByTestId('equity-village-access').textContent(), expected.villages);
    shows(await page.getByTestId('equity-other-access').textContent(), expected.rest);
    const matched = await page.getByTestId('access-matched').textContent();
    const cellsIn = new Set(pairs.map((p) => p.cell)).size;
    expect(matched).toContain(`${cellsIn.toLocaleString('en')} of ${evaluation.cells.length.toLocaleString('en')} cells in the matrix`);
    // The origin 'nowhere', and the destinations P1 (only 'nowhere' goes there) and K999.
    expect(matched).toContain('3 ids not in the data (e.g. nowhere, P1, K999)');
  });

  it('maps the measure in classes: the best cells bright, cells with no school in reach grey, with a legend', async () => {
    const values = twoStep(10);
    // Shortfall is drawn above accessibility; hide it to see the measure.
    await page.getByTestId('layer-toggle-shortfall').click();
    await redrawAfter(page, () => page.getByTestId('access-show').click());
    await waitForLayers(page, ['access']);
    await page.getByTestId('legend-access').waitFor();
    expect(await page.getByTestId('legend-access').textContent()).toContain('none in reach');
    await redrawAfter(page, () => page.evaluate(() => window.__catchmap!.fitDistrict()));
    await screenshot(page, 'access-map.png');
    const best = values.indexOf(Math.max(...values.filter(Number.isFinite)));
    const none = values.findIndex((v, k) => v === 0 && evaluation.cells[k].users > 0);
    expect(none).toBeGreaterThanOrEqual(0);
    // The class a pixel shows: the nearest of the ramp's colours and the grey of no access.
    const classAt = async (cell: number, name: string) => {
      const lngLat: [number, number] = [evaluation.cells[cell].lngLat[0], evaluation.cells[cell].lngLat[1]];
      await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 16), lngLat));
      const [at] = await onMap(page, [lngLat]);
      expect(at).not.toBeNull();
      const seen = (await screenshot(page, name)).at(at![0], at![1]);
      const distances = [...ACCESS_COLOURS, NO_ACCESS_COLOUR].map((c) => colourDistance(seen, c));
      return distances.indexOf(Math.min(...distances));
    };
    expect(await classAt(best, 'access-best.png')).toBe(ACCESS_COLOURS.length - 1);
    expect(await classAt(none, 'access-none.png')).toBe(ACCESS_COLOURS.length);
  });

  it('switches to the time to the nearest school', async () => {
    await page.getByTestId('access-method').selectOption('nearest');
    const nearest = evaluation.cells.map((_, k) => {
      const times = pairs.filter((p) => p.cell === k && p.minutes <= 10).map((p) => p.minutes);
      return times.length > 0 ? Math.min(...times) : Infinity;
    });
    const expected = means(nearest);
    await page.waitForFunction(() => document.querySelector('[data-testid="access-villages"]')?.textContent?.includes('travel_time'), undefined, { timeout: 60_000 });
    shows(await page.getByTestId('access-villages').textContent(), expected.villages);
    shows(await page.getByTestId('access-rest').textContent(), expected.rest);
  });

  it('writes the measure into the exported cells as a column', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cells-csv').click()]);
    const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(evaluation.cells.length);
    const byId = new Map(rows.map((r) => [r.id, r.access_nearest]));
    evaluation.cells.forEach((c, k) => {
      const times = pairs.filter((p) => p.cell === k && p.minutes <= 10).map((p) => p.minutes);
      expect(byId.get(c.id), c.id).toBe(times.length > 0 ? String(Math.min(...times)) : '');
    });
  });
});
