import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import gcoord from 'gcoord';
import { coverageCurve, curveElbow, DEFAULT_RECOMMEND_SETTINGS, evaluate, recommendOptionsOf } from '../../src/core/index.ts';
import { demoDistrict, pct, redrawAfter, withApp } from './harness.ts';

/** The demo's primary schools and villages as the engine gives them: what the tables must list. */
const evaluation = evaluate(demoDistrict(), { type: 'primary', worstVillageCount: Infinity });
const byDemand = [...evaluation.facilities].sort((a, b) => b.catchmentUtilisation - a.catchmentUtilisation);

/** Where a lon/lat is drawn, against the middle of the map. */
async function offCentre(page: Page, lngLat: readonly [number, number]): Promise<number> {
  return page.evaluate((p) => {
    const [x, y] = window.__catchmap!.project(p);
    const map = document.querySelector('[data-testid="map"]')!.getBoundingClientRect();
    return Math.hypot(x - (map.left + map.width / 2), y - (map.top + map.height / 2));
  }, [lngLat[0], lngLat[1]] as [number, number]);
}

describe('the planner instruments: tables, search, the coverage curve', () => {
  let page: Page;
  withApp((opened) => (page = opened.page));

  it('sorts the schools by catchment demand; the top row, clicked, centres the map on that school and rings it', async () => {
    await page.getByTestId('tables-toggle').click();
    await page.getByTestId('table-facilities').waitFor();
    expect(await page.getByTestId('table-count').textContent()).toBe(`${evaluation.facilities.length} of ${evaluation.facilities.length} rows`);
    await page.getByTestId('table-sort-catchmentUtilisation').click();
    await page.getByTestId('table-sort-catchmentUtilisation').click();
    expect(await page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).toContain('Catchment demand / seats');
    const top = page.locator('[data-testid="table-facilities"] [role="row"][data-index="0"]');
    expect(await top.getAttribute('data-row-id')).toBe(byDemand[0].id);
    await redrawAfter(page, () => top.click());
    expect(await offCentre(page, byDemand[0].lngLat)).toBeLessThan(2);
    expect(await top.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => window.__catchmap!.drawnLayerIds)).toContain('selection');
  });

  it('selects the row of a school clicked on the map', async () => {
    const other = byDemand[1];
    await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 15), [other.lngLat[0], other.lngLat[1]] as [number, number]));
    const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), [other.lngLat[0], other.lngLat[1]] as [number, number]);
    await page.mouse.click(x, y);
    await page.waitForSelector(`[data-testid="table-facilities"] [role="row"][data-row-id="${other.id}"][aria-selected="true"]`, { timeout: 20_000 });
  });

  it('filters the rows and downloads exactly those as CSV', async () => {
    await page.getByTestId('table-filter').fill('pri00');
    const expected = evaluation.facilities.filter((f) => f.id.includes('pri00') || f.name.includes('pri00'));
    expect(await page.getByTestId('table-count').textContent()).toBe(`${expected.length} of ${evaluation.facilities.length} rows`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-csv').click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(text.trim()).data;
    expect(rows[0]).toEqual(['Name', 'Id', 'Seats', 'Pupils in catchment', 'Allocated', 'Utilisation', 'Catchment demand / seats', 'Status']);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(expected.map((f) => f.id).sort());
    await page.getByTestId('table-filter').fill('');
  });

  it('lists every village with pupils, the least served first', async () => {
    await page.getByTestId('table-tab-villages').click();
    await page.getByTestId('table-villages').waitFor();
    const villages = evaluation.summary.equity.worstVillages;
    expect(await page.getByTestId('table-count').textContent()).toBe(`${villages.length} of ${villages.length} rows`);
    const first = page.locator('[data-testid="table-villages"] [role="row"][data-index="0"]');
    const leastServed = [...villages].sort((a, b) => (a.servedPct ?? 0) - (b.servedPct ?? 0))[0];
    expect(await first.getAttribute('data-row-id')).toBe(leastServed.id);
  });

  it('finds a school by its English name and by its pinyin; Enter goes there and selects its row', async () => {
    const school = evaluation.facilities.find((f) => f.id === 'pri001')!;
    await page.getByTestId('search-input').fill('Mingde Street Primary');
    await page.getByTestId('search-results').waitFor();
    expect(await page.locator('[data-testid="search-results"] [role="option"]').first().textContent()).toContain('明德街小学 (Mingde Street Primary School)');
    await page.getByTestId('search-input').fill('mingdejiexiao');
    await page.waitForFunction(() => document.querySelector('[data-testid="search-results"] [role="option"]')?.textContent?.includes('明德街小学'), undefined, { timeout: 20_000 });
    await redrawAfter(page, () => page.getByTestId('search-input').press('Enter'));
    expect(await offCentre(page, school.lngLat)).toBeLessThan(2);
    await page.getByTestId('table-tab-facilities').click();
    await page.waitForSelector('[data-testid="table-facilities"] [role="row"][data-row-id="pri001"][aria-selected="true"]', { timeout: 20_000 });
  });

  it('goes to a coordinate copied from Amap (GCJ-02) at its true place, and pins it', async () => {
    const wgs: [number, number] = [113.64, 34.76];
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    await page.getByTestId('search-system').selectOption('gcj02');
    await page.getByTestId('search-input').fill(`${gcj[0].toFixed(6)}, ${gcj[1].toFixed(6)}`);
    expect(await page.locator('[data-testid="search-results"] [role="option"]').first().getAttribute('data-kind')).toBe('coordinate');
    await redrawAfter(page, () => page.getByTestId('search-input').press('Enter'));
    // Within a metre or so (six decimals typed) of the WGS84 point, not the ≈ 600 m offset of GCJ-02.
    expect(await offCentre(page, wgs)).toBeLessThan(2);
    expect(await page.evaluate(() => window.__catchmap!.drawnLayerIds)).toContain('search-pin');
    await page.getByTestId('search-input').press('Escape');
    await page.waitForFunction(() => !window.__catchmap!.drawnLayerIds.includes('search-pin'), undefined, { timeout: 20_000 });
  });

  it('draws the coverage curve for p = 0 … 5 point by point, with the figures of the engine, the elbow marked, and exports it', async () => {
    const recommend = { ...DEFAULT_RECOMMEND_SETTINGS, model: 'mclp' as const };
    const expected = await coverageCurve(demoDistrict(), { type: 'primary' }, recommendOptionsOf(recommend), 5);
    await page.getByTestId('rec-model').selectOption('mclp');
    await page.locator('[data-testid="curve"] > summary').click();
    await page.getByTestId('curve-max').fill('5');
    await page.getByTestId('curve-max').press('Enter');
    await page.getByTestId('curve-run').click();
    await page.waitForSelector('[data-testid="curve-chart"][data-points="6"]', { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="curve-progress"]') === null, undefined, { timeout: 120_000 });
    const rows = await page.locator('[data-testid="curve-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual(expected.map((q) => [String(q.p), pct(q.coveragePct), pct(q.servedPct), pct(q.villageServedPct), pct(q.otherServedPct), q.unservedPupils.toLocaleString('en', { maximumFractionDigits: 0 })]));
    const elbow = curveElbow(expected.map((q) => ({ p: q.p, value: q.coveragePct })));
    expect(await page.getByTestId('curve-chart').getAttribute('data-elbow')).toBe(elbow === null ? '' : String(elbow));
    expect(await page.locator('[data-testid="curve-chart"] .recharts-wrapper > svg .recharts-line').count()).toBe(4);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('curve-chart-svg').click()]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toContain('Given a place, villages');
    expect(svg).toContain('How many new sites? Coverage curve');
  });

  it('charts the seats asked for and taken per school, and the distance to school, villages against the rest', async () => {
    await page.locator('[data-testid="charts"] > summary').click();
    const withSeats = evaluation.facilities.filter((f) => f.capacity > 0).length;
    expect(await page.getByTestId('chart-utilisation').getAttribute('data-bars')).toBe(String(withSeats));
    // Two bars a school (asked for, taken), drawn as SVG rectangles.
    expect(await page.locator('[data-testid="chart-utilisation"] .recharts-bar-rectangle').count()).toBe(2 * withSeats);
    expect(await page.getByTestId('chart-distance').getAttribute('data-bands')).toBe('9');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-distance-png').click()]);
    const png = readFileSync((await download.path())!);
    // A PNG (its signature), twice the chart's width on screen.
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.readUInt32BE(16)).toBe(600);
  });

  it('measures a distance clicked on the map', async () => {
    // The tables drawer covers the bottom of the map: close it to click there.
    if ((await page.getByTestId('table-panel').count()) > 0) await page.getByTestId('table-close').click();
    // Two points 1,000 m apart along a meridian (turf's sphere: 6,371,008.8 m).
    const a: [number, number] = [113.62, 34.74];
    const b: [number, number] = [113.62, 34.74 + (1000 * 180) / (Math.PI * 6_371_008.8)];
    await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 14), a));
    await page.getByTestId('draw-measure-distance').click();
    for (const p of [a, b]) {
      const [x, y] = await page.evaluate((q) => window.__catchmap!.project(q), p);
      await page.mouse.click(x, y);
    }
    // A click lands on a whole pixel: at zoom 14 that is within about 8 m.
    const text = (await page.getByTestId('draw-length').textContent())!;
    const shown = Number(text.replace(/[^\d.]/g, '')) * (/km/.test(text) ? 1000 : 1);
    expect(Math.abs(shown - 1000), text).toBeLessThan(15);
    await page.getByTestId('draw-cancel').click();
    await page.getByTestId('draw-status').waitFor({ state: 'detached' });
  });

  it('keeps proposals out of an exclusion zone drawn on the map', async () => {
    await page.getByTestId('rec-model').selectOption('mclp');
    await page.getByTestId('rec-p').fill('3');
    await page.getByTestId('rec-p').press('Enter');
    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-proposals').waitFor({ timeout: 120_000 });
    const first = (await page.locator('[data-testid="rec-proposals"] tbody tr').first().getAttribute('title'))!.split(', ').map(Number) as [number, number];
    const box = (d: number): [number, number][] => [[first[0] - d, first[1] - d], [first[0] + d, first[1] - d], [first[0] + d, first[1] + d], [first[0] - d, first[1] + d]];
    await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 14), first));
    const landUse = async () => Number((await page.getByTestId('workspace-landuse').textContent())!.match(/(\d+) features?/)![1]);
    const before = await landUse();
    await page.getByTestId('draw-exclusion').click();
    for (const p of box(0.006)) {
      const [x, y] = await page.evaluate((q) => window.__catchmap!.project(q), p);
      await page.mouse.click(x, y);
    }
    await expect(page.getByTestId('draw-area').textContent()).resolves.toMatch(/ha|km²/);
    await page.getByTestId('draw-finish').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="workspace-landuse"]')?.textContent?.includes(`${n} features`), before + 1, { timeout: 30_000 });
    // The district changed: the old proposals are gone; recommend again.
    await page.getByTestId('rec-proposals').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-proposals').waitFor({ timeout: 120_000 });
    const sites = await page.locator('[data-testid="rec-proposals"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('title')!.split(', ').map(Number)));
    expect(sites).toHaveLength(3);
    for (const [lng, lat] of sites) expect(Math.abs(lng - first[0]) < 0.006 && Math.abs(lat - first[1]) < 0.006).toBe(false);
    // The zone drawn can be kept as a file: its corners where they were clicked (to a pixel).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draw-download').click()]);
    const zones = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { features: { properties: { role: string }; geometry: { coordinates: number[][][] } }[] };
    expect(zones.features.map((f) => f.properties.role)).toEqual(['exclusion']);
    const ring = zones.features[0].geometry.coordinates[0];
    box(0.006).forEach((corner, k) => expect(Math.hypot(ring[k][0] - corner[0], ring[k][1] - corner[1])).toBeLessThan(1e-4));
  });
});
