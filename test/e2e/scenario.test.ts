import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { DENSITY_COLOURS } from '../../src/app/map/colour-ramp.ts';
import { SHORTFALL_COLOURS } from '../../src/app/map/layers/shortfall-layer.ts';
import { UTILISATION_RINGS } from '../../src/app/map/layers/utilisation-layer.ts';
import { OUTPUT_DIR, addSiteByClick, colourDistance, demoDistrict, pct, whatIfSynced, openApp, screenshot, waitForLayers, waitForMapReady, watchErrors, type AppSession, withApp } from './harness.ts';
import { evaluate, withProposedSites } from '../../src/core/index.ts';

const district = demoDistrict();

const synced = whatIfSynced;

describe('scenarios: autosave, share links, presentation', () => {
  let app: AppSession;
  let page: Page;
  withApp((opened) => ((app = opened), (page = opened.page)));

  it('restores parameters, proposed sites and view after a reload', async () => {
    await page.getByTestId('standard-radiusM').fill('600');
    await addSiteByClick(page, [113.585, 34.695]);
    const sites = await page.evaluate(() => window.__catchmap!.whatIfSites());
    await page.evaluate(() => window.__catchmap!.jumpTo([113.6, 34.71], 13));
    await page.waitForTimeout(1500);

    await page.reload();
    await waitForMapReady(page);
    await page.waitForFunction(() => window.__catchmap!.whatIfSites().length === 1, undefined, { timeout: 60_000 });
    await synced(page);
    expect(await page.getByTestId('standard-radiusM').inputValue()).toBe('600');
    expect(await page.evaluate(() => window.__catchmap!.whatIfSites())).toEqual(sites);
    const [cx, cy] = await page.evaluate(() => window.__catchmap!.project([113.6, 34.71]));
    // The restored view is centred where it was left: the middle of the map (under the notices' strip).
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(Math.abs(cx - (map.x + map.width / 2))).toBeLessThan(5);
    expect(Math.abs(cy - (map.y + map.height / 2))).toBeLessThan(5);
    await expect(page.getByTestId('notices').textContent()).resolves.toContain('autosave');
  });

  it('opens a share link in a fresh browser with the same parameters, and as a presentation', async () => {
    await page.getByTestId('scenario-share').click();
    const link = await page.getByTestId('scenario-link').inputValue();
    expect(link).toContain('scenario=');

    const fresh = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const other = await fresh.newPage();
    const errors = watchErrors(other);
    await other.goto(link);
    await other.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
    await other.waitForFunction(() => window.__catchmap!.whatIfSites().length === 1, undefined, { timeout: 60_000 });
    expect(await other.getByTestId('standard-radiusM').inputValue()).toBe('600');
    await expect(other.getByTestId('notices').textContent()).resolves.toContain('share link');

    await other.goto(`${link}&mode=present`);
    await other.getByTestId('presentation').waitFor({ timeout: 60_000 });
    await waitForMapReady(other);
    expect(await other.getByTestId('present-title').textContent()).toMatch(/New Primary school sites/);
    await expect(other.locator('.present-legend').textContent()).resolves.toContain('Residents per km²');
    expect(await other.locator('.panel').count()).toBe(0);
    const shot = await screenshot(other, 'presentation.png');
    // The title card is drawn (white) over the map, not under deck.gl's canvas.
    const card = (await other.locator('.present-title').boundingBox())!;
    expect(colourDistance(shot.at(card.x + card.width - 6, card.y + card.height - 5), [255, 255, 255])).toBeLessThan(30);
    await expect(other.locator('.present-title').textContent()).resolves.toContain('Synthetic demo data');
    await other.keyboard.press('ArrowRight');
    await expect(other.getByTestId('present-site').textContent()).resolves.toContain('Proposed site 1 of 1');
    await other.keyboard.press('Escape');
    await other.getByTestId('scenario-panel').waitFor();
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('keeps named scenarios in a list that survives a reload: rename, duplicate, delete, open', async () => {
    await page.getByTestId('scenario-name').fill('Radius 600 with P1');
    await page.getByTestId('scenario-keep').click();
    const list = page.getByTestId('scenario-list');
    await expect(list.textContent()).resolves.toContain('Radius 600 with P1');
    await page.getByTestId('scenario-list-rename').first().click();
    await page.getByTestId('scenario-rename-input').fill('西南片区方案');
    await page.getByTestId('scenario-rename-input').press('Enter');
    await page.getByTestId('scenario-list-duplicate').first().click();
    await expect(list.locator('.scenario-name').allTextContents()).resolves.toEqual(['西南片区方案', '西南片区方案 (copy)']);
    await page.getByTestId('scenario-list-delete').nth(1).click();
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('scenario-list').locator('.scenario-name').allTextContents()).resolves.toEqual(['西南片区方案']);
    await page.getByTestId('standard-radiusM').fill('700');
    await page.getByTestId('scenario-list-open').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="standard-radiusM"]') as HTMLInputElement).value === '600');
  });

  it('compares the current plan with a saved scenario: a table of differences and a swipe on the map', async () => {
    // The opened scenario has P1; add a second site to the current plan.
    await whatIfSynced(page);
    await addSiteByClick(page, [113.607, 34.706]);
    await page.waitForFunction(() => window.__catchmap!.whatIfSites().length === 2, undefined, { timeout: 30_000 });
    await whatIfSynced(page);
    const current = await page.evaluate(() => window.__catchmap!.whatIfSites());
    expect(current).toHaveLength(2);
    await page.getByTestId('scenario-list-compare').click();
    await page.getByTestId('compare-divider').waitFor({ timeout: 60_000 });
    const options = { type: 'primary' as const, overrides: { radiusM: 600 } };
    const a = evaluate(withProposedSites(district, 'primary', current), options).summary;
    const b = evaluate(withProposedSites(district, 'primary', current.slice(0, 1)), options).summary;
    expect(await page.getByTestId('compare-before-coverage').textContent()).toBe(pct(a.coveragePct));
    expect(await page.getByTestId('compare-after-coverage').textContent()).toBe(pct(b.coveragePct));
    expect(await page.getByTestId('compare-after-unserved').textContent()).toBe(b.unservedPupils.toLocaleString('en'));
    expect(await page.getByTestId('compare-difference-unserved').textContent()).toBe(`+${(b.unservedPupils - a.unservedPupils).toLocaleString('en')}`);
    await waitForLayers(page, ['shortfall', 'shortfall-b', 'proposals', 'proposals-b']);
    await screenshot(page, 'compare.png');
    await page.getByTestId('compare-close').click();
    expect(await page.getByTestId('compare-panel').count()).toBe(0);
  });

  it('refuses a file that is not a scenario and keeps everything', async () => {
    await page.getByTestId('scenario-file-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await page.waitForFunction(() => /notes\.json was not loaded: not a Catchmap scenario/.test(document.querySelector('[data-testid="notices"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await page.getByTestId('standard-radiusM').inputValue()).toBe('600');
    expect(app.errors).toEqual([]);
  });
});

describe('map image and report', () => {
  let app: AppSession;

  beforeAll(async () => {
    app = await openApp();
    await app.page.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('exports a PNG at twice the screen resolution with the title, legend and scale drawn in', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-png-2x').click()]);
    expect(download.suggestedFilename()).toBe('catchmap-primary-2x.png');
    await download.saveAs(resolve(OUTPUT_DIR, 'export-2x.png'));
    const png = PNG.sync.read(readFileSync(resolve(OUTPUT_DIR, 'export-2x.png')));
    // The map's own size (the window under the notices' strip), twice over.
    const map = (await page.getByTestId('map').boundingBox())!;
    expect([png.width, png.height]).toEqual([2 * map.width, 2 * map.height]);
    const at = (x: number, y: number) => {
      const i = (Math.round(y * 2) * png.width + Math.round(x * 2)) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    // The legend lists every visible layer: each swatch drawn where the export laid it out, in its colour.
    const legend = (await page.evaluate(() => window.__catchmap!.exportLegend))!;
    const fills = legend.rows.filter((r) => r.kind === 'item' && r.mark.kind === 'fill');
    const titles = legend.rows.filter((r) => r.kind === 'title').map((r) => r.text);
    expect(titles).toEqual(['Residents per km²', 'Unserved per cell (pupils or visits a day)', 'Utilisation (halo)', 'On the map']);
    const colours = fills.map((r) => (r.kind === 'item' && r.mark.kind === 'fill' ? r.mark.colour.slice(0, 3) : []));
    expect(colours).toEqual(DENSITY_COLOURS.map((c) => c.slice(0, 3)));
    fills.forEach((r, i) => expect(colourDistance(at(legend.x + r.x + 8, legend.y + r.y + 6), colours[i]), `swatch ${i}`).toBeLessThan(12));
    // The shortfall's dots, each in its class colour at the middle of its box.
    const dots = legend.rows.filter((r) => r.kind === 'item' && r.mark.kind === 'dot');
    expect(dots.map((r) => (r.kind === 'item' && r.mark.kind === 'dot' ? r.mark.colour.slice(0, 3) : []))).toEqual(SHORTFALL_COLOURS.map((c) => c.slice(0, 3)));
    for (const r of dots) if (r.kind === 'item' && r.mark.kind === 'dot') expect(colourDistance(at(legend.x + r.x + 8, legend.y + r.y + 6), r.mark.colour)).toBeLessThan(12);
    // The halos: the over-capacity ring is black where the ring is drawn (2.5 px in from the box's 7 px).
    const halos = legend.rows.filter((r) => r.kind === 'item' && r.mark.kind === 'halo');
    expect(halos).toHaveLength(Object.keys(UTILISATION_RINGS).length);
    const overHalo = halos.find((r) => r.kind === 'item' && r.text.startsWith('Over capacity'))!;
    expect(colourDistance(at(legend.x + overHalo.x + 8 + 4.5, legend.y + overHalo.y + 6), [0, 0, 0])).toBeLessThan(40);
    expect(colourDistance(at(legend.x + overHalo.x + 8, legend.y + overHalo.y + 6), [255, 255, 255])).toBeLessThan(20);
    // The title card is white and the map shows through elsewhere.
    expect(colourDistance(at(20, 70), [255, 255, 255])).toBeLessThan(20);
    expect(app.errors).toEqual([]);
  });

  it('prints a report with the map image, parameters and sources, before/after and the proposed sites', async () => {
    const { page } = app;
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await addSiteByClick(page, [113.585, 34.695]);
    await page.getByTestId('export-report').click();
    await page.waitForFunction(() => (window as unknown as { printed: number }).printed === 1, undefined, { timeout: 60_000 });
    expect(await page.getByTestId('print-map').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2800);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-report').isVisible()).toBe(true);
    expect(await page.locator('.panel').first().isVisible()).toBe(false);
    const report = (await page.getByTestId('print-report').textContent()) ?? '';
    expect(report).toContain('Zhengzhou layout plan 2014–2030');
    expect(report).toContain('Before and after');
    // The plan's charts print with it: a bar per facility with a capacity, nine distance bands.
    expect(Number(await page.getByTestId('print-chart-utilisation').getAttribute('data-bars'))).toBeGreaterThan(0);
    expect(await page.getByTestId('print-chart-distance').getAttribute('data-bands')).toBe('9');
    expect(await page.locator('[data-testid="print-chart-distance"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const site = (await page.evaluate(() => window.__catchmap!.whatIfSites()))[0];
    await expect(page.getByTestId('print-sites').locator('tbody tr').first().textContent()).resolves.toContain(site.lngLat[0].toFixed(5));
    // Registered residents' and migrants' children under the plan printed, as the engine gives them.
    const groups = evaluate(withProposedSites(district, 'primary', [site]), { type: 'primary', registration: { admission: 'proportional' } }).byRegistration!;
    if (!groups.available) throw new Error('the demo has registration groups');
    await expect(page.getByTestId('print-registration-migrant-served').textContent()).resolves.toBe(pct(groups.migrants.servedPct));
    await expect(page.getByTestId('print-registration-registered-served').textContent()).resolves.toBe(pct(groups.registered.servedPct));
    await page.emulateMedia({ media: 'screen' });
    expect(app.errors).toEqual([]);
  });
});
