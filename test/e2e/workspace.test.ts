import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { applyMapping, evaluate, loadFile } from '../../src/core/index.ts';
import { pct, screenshot, waitForMapReady, type AppSession, withApp, loadInApp } from './harness.ts';

/** A city far from the demo (Wuhan, ~470 km south of Zhengzhou): residents at 60 points, with Chinese headers. */
const points = Array.from({ length: 60 }, (_, i) => ({
  lngLat: [114.28 + (i % 10) * 0.004, 30.57 + Math.floor(i / 10) * 0.004] as [number, number],
  residents: 400 + ((i * 37) % 900),
}));
const populationGeojson = JSON.stringify({
  type: 'FeatureCollection',
  features: points.map((p, i) => ({ type: 'Feature', properties: { 编号: `W${i + 1}`, 常住人口: p.residents }, geometry: { type: 'Point', coordinates: p.lngLat } })),
});
const schools = [
  { name: '江汉第一小学', lngLat: [114.285, 30.575], seats: 900 },
  { name: '江汉第二小学', lngLat: [114.3, 30.58], seats: 1350 },
  { name: '江汉第三小学', lngLat: [114.31, 30.59], seats: 450 },
  { name: '江汉第四小学', lngLat: [114.29, 30.59], seats: 1800 },
];
const schoolsCsv = '学校名称,经度,纬度,学位,类型\n' + schools.map((s) => `${s.name},${s.lngLat[0]},${s.lngLat[1]},${s.seats},小学`).join('\n') + '\n';
const count = (n: number) => n.toLocaleString('en');


describe('a city of your own, far from the demo', () => {
  let app: AppSession;
  let page: Page;
  withApp((opened) => ((app = opened), (page = opened.page)));

  it('sets the demo aside, moves the map there, and analyses only the loaded point population and schools', async () => {
    await loadInApp(page, 'wuhan-residents.geojson', populationGeojson, 'population');
    await page.waitForSelector('[data-testid="workspace-population"][data-origin="file"]');
    // No demo layer is in use any more, so no synthetic notice.
    await expect(page.getByTestId('synthetic-notice').count()).resolves.toBe(0);
    await expect(page.getByTestId('workspace-facilities').count()).resolves.toBe(0);
    await waitForMapReady(page);
    const inView = await page.evaluate((pts) => pts.every((p) => {
      const [x, y] = window.__catchmap!.project(p);
      return x > 0 && y > 0 && x < window.innerWidth && y < window.innerHeight;
    }), points.map((p) => p.lngLat));
    expect(inView).toBe(true);

    await loadInApp(page, 'wuhan-schools.csv', schoolsCsv, 'facilities');
    const residents = points.reduce((sum, p) => sum + p.residents, 0);
    const seats = schools.reduce((sum, s) => sum + s.seats, 0);
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-seats"]')?.textContent === text, count(seats), { timeout: 60_000 });
    expect(await page.getByTestId('summary-residents').textContent()).toBe(count(residents));
    expect(await page.getByTestId('summary-over-capacity').textContent()).toMatch(/ of 4$/);

    // The engine in Node on the same two files gives the same coverage.
    const pop = applyMapping(await loadFile(new TextEncoder().encode(populationGeojson), 'wuhan-residents.geojson'), 'population');
    const fac = applyMapping(await loadFile(new TextEncoder().encode(schoolsCsv), 'wuhan-schools.csv'), 'facilities');
    const expected = evaluate({ population: pop.collection, facilities: fac.collection }, { type: 'primary' });
    expect(expected.summary.residents).toBe(residents);
    expect(await page.getByTestId('summary-coverage').textContent()).toBe(pct(expected.summary.coveragePct));
    // The optimizer and the exports work on the point population too.
    await page.getByTestId('rec-model').selectOption('mclp');
    await page.getByTestId('rec-p').fill('2');
    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-proposals').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="rec-proposals"] tbody tr').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cells-geojson').click()]);
    const cells = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    expect(cells.features.map((f) => f.properties['编号'])).toEqual(points.map((_, i) => `W${i + 1}`));
    await waitForMapReady(page);
    await screenshot(page, 'workspace-wuhan.png');
    expect(app.errors).toEqual([]);
  });

  it('replaces a layer with another file: the dialog starts in that layer’s role', async () => {
    // Two schools, replacing the four: only they are the facilities afterwards.
    const csv = 'name,x,y,places,kind\nA,114.29,30.58,600,小学\nB,114.3,30.59,300,小学\n';
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Replace facilities…' }).click()]);
    await chooser.setFiles({ name: 'two-schools.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('load-dialog').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('load-role').inputValue()).toBe('facilities');
    // What the analysis panel shows from the click on, each state as the page commits it.
    await page.evaluate(`(() => {
      const states = (window.__panelStates = []);
      const panel = document.querySelector('[data-testid="analysis-panel"]');
      const record = () => {
        const state = [
          panel.querySelector('[data-testid="district-progress"]') ? 'preparing' : '-',
          panel.querySelector('[data-testid="analysis-outdated"]') ? 'outdated' : '-',
          panel.getAttribute('aria-busy'),
          panel.querySelector('[data-testid="summary-seats"]')?.textContent ?? '',
        ].join('|');
        if (states[states.length - 1] !== state) states.push(state);
      };
      record();
      new MutationObserver(record).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
      // And the dialog's Add button, until the dialog closes.
      const dialog = document.querySelector('[data-testid="load-dialog"]');
      const add = dialog.querySelector('[data-testid="load-add"]');
      const adding = (window.__dialogStates = []);
      const recordDialog = () => {
        const state = [add.disabled, add.textContent, dialog.querySelector('[data-testid="load-adding"]')?.textContent ?? '-', dialog.querySelector('[data-testid="load-discard"]').disabled].join('|');
        if (adding[adding.length - 1] !== state) adding.push(state);
      };
      recordDialog();
      new MutationObserver(recordDialog).observe(dialog, { subtree: true, childList: true, characterData: true, attributes: true });
    })()`);
    await page.getByTestId('load-add').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-seats"]')?.textContent === text, count(900), { timeout: 60_000 });
    expect(await page.getByTestId('summary-over-capacity').textContent()).toMatch(/ of 2$/);
    const states = (await page.evaluate('window.__panelStates')) as string[];
    const before = count(schools.reduce((sum, s) => sum + s.seats, 0));
    expect(states[0]).toBe(`-|-|false|${before}`);
    // First "preparing" with the old figures marked outdated, then the new figures alone.
    expect(states).toContain(`preparing|outdated|true|${before}`);
    expect(states.indexOf(`preparing|outdated|true|${before}`)).toBeLessThan(states.indexOf(`-|-|false|${count(900)}`));
    expect(states[states.length - 1]).toBe(`-|-|false|${count(900)}`);
    // The dialog said it was adding, with Add and Discard disabled, until it closed.
    expect(await page.evaluate('window.__dialogStates')).toEqual(['false|Add to map|-|false', 'true|Adding…|Adding to the map (2 usable)…|true']);
    await expect(page.getByTestId('workspace-facilities').textContent()).resolves.toContain('two-schools.csv');
  });

  it('removes a layer and goes back to the demo on request', async () => {
    await page.getByTestId('workspace-facilities-remove').click();
    await expect(page.getByTestId('workspace-facilities').count()).resolves.toBe(0);
    await page.getByTestId('workspace-demo').click();
    await page.getByTestId('synthetic-notice').waitFor({ timeout: 30_000 });
    await page.waitForSelector('[data-testid="workspace-population"][data-origin="demo"]');
  });
});
