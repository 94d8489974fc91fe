import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_RECOMMEND_SETTINGS,
  evaluate,
  recommendOptionsOf,
  recommendSites,
  type Evaluation,
} from '../../src/core/index.ts';
import { decodeScenario } from '../../src/app/scenario/scenario.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { addSiteByClick, demoDistrict, pct, readDemo, screenshot, waitForMapReady, whatIfSynced, type AppSession, withApp } from './harness.ts';

const district = demoDistrict();
const exclude = (readDemo('demo-landuse.geojson') as { features: Feature<Polygon | MultiPolygon>[] }).features;
const count = (n: number) => n.toLocaleString('en');

/** Types into a field as a person does: click it, select everything, delete it, type the new value. */
async function typeInto(page: Page, testId: string, text: string) {
  const field = page.getByTestId(testId);
  await field.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** Types with Backspace only, one character at a time, the way the reported bug was found. */
async function retype(page: Page, testId: string, text: string) {
  const field = page.getByTestId(testId);
  await field.click();
  await page.keyboard.press('End');
  for (let i = (await field.inputValue()).length; i > 0; i--) await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

async function expectCoverage(page: Page, expected: Evaluation) {
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="summary-coverage"]')?.textContent === text && !document.querySelector('[data-testid="analysis-progress"]'),
    pct(expected.summary.coveragePct),
    { timeout: 60_000 },
  );
  const text = async (id: string) => (await page.getByTestId(`summary-${id}`).textContent()) ?? '';
  expect(await text('residents')).toBe(count(expected.summary.residents));
  expect(await text('pupils')).toBe(count(expected.summary.pupils));
  expect(await text('seats-needed')).toBe(count(expected.summary.seatsNeeded));
  expect(await text('schools-needed')).toBe(count(expected.summary.schoolsNeeded));
}

async function shareLinkScenario(page: Page) {
  await page.getByTestId('scenario-share').click();
  const link = await page.getByTestId('scenario-link').inputValue();
  return decodeScenario(new URL(link).searchParams.get('scenario')!);
}

describe("the planner's controls", () => {
  let app: AppSession;
  let page: Page;
  withApp((opened) => ((app = opened), (page = opened.page)));

  it('takes every analysis number as typed: cleared and retyped, refused out of range with a message, never sent', async () => {
    await retype(page, 'standard-radiusM', '800');
    expect(await page.getByTestId('standard-radiusM').inputValue()).toBe('800');
    await expectCoverage(page, evaluate(district, { type: 'primary', overrides: { radiusM: 800 } }));

    // Out of range: marked next to the field, and the analysis keeps the last good value.
    await typeInto(page, 'standard-radiusM', '50800');
    await expect(page.getByTestId('standard-radiusM-error').textContent()).resolves.toBe('Enter a number from 10 to 20,000');
    expect(await page.getByTestId('standard-radiusM').getAttribute('aria-invalid')).toBe('true');
    await typeInto(page, 'standard-radiusM', '');
    await page.getByTestId('standard-radiusM-error').waitFor();
    // Leaving the field puts the value in use back.
    await page.getByTestId('growth-factor').click();
    expect(await page.getByTestId('standard-radiusM').inputValue()).toBe('800');
    await expect(page.getByTestId('standard-radiusM-error').count()).resolves.toBe(0);

    await typeInto(page, 'standard-usersPer1000', '70');
    await typeInto(page, 'standard-classSize', '40');
    await typeInto(page, 'standard-maxSchoolSeats', '1500');
    await retype(page, 'growth-factor', '1.2');
    await typeInto(page, 'standard-classSize', '40.5');
    await expect(page.getByTestId('standard-classSize-error').textContent()).resolves.toBe('Enter a whole number from 1 to 100');
    await page.getByTestId('analysis-type').focus();
    const settings = { radiusM: 800, usersPer1000: 70, classSize: 40, maxSchoolSeats: 1500 };
    await expectCoverage(page, evaluate(district, { type: 'primary', overrides: settings, growthFactor: 1.2 }));
    const saved = await shareLinkScenario(page);
    expect(saved.analysis).toEqual({ type: 'primary', preset: 'zhengzhou-2035', overrides: settings, growthFactor: 1.2, distance: 'straight', registration: { admission: 'proportional' } });
  });

  it('takes the optimizer numbers as typed and recommends with them', async () => {
    // Back to the preset, so the engine in Node answers for the same analysis.
    while ((await page.locator('.standard-field .reset').count()) > 0) await page.locator('.standard-field .reset').first().click();
    await typeInto(page, 'growth-factor', '1');
    await page.getByTestId('rec-model').selectOption('lscp');
    await typeInto(page, 'rec-target', '185');
    await expect(page.getByTestId('rec-target-error').textContent()).resolves.toBe('Enter a number from 1 to 100');
    await typeInto(page, 'rec-target', '85');
    await page.getByTestId('rec-solver').selectOption('exact');
    await typeInto(page, 'rec-time', '12');
    await page.getByTestId('rec-solver').selectOption('heuristic');
    await page.getByTestId('rec-model').selectOption('mclp');
    await retype(page, 'rec-p', '3');
    await typeInto(page, 'rec-spacing', '400');
    await page.getByTestId('rec-model').focus();
    const scenario = await shareLinkScenario(page);
    const typed = { ...DEFAULT_RECOMMEND_SETTINGS, model: 'mclp' as const, p: 3, targetPct: 85, candidateSpacingM: 400, timeLimitS: 12 };
    expect(JSON.stringify(scenario.recommend)).toBe(JSON.stringify(typed));

    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-proposals').waitFor({ timeout: 120_000 });
    const expected = await recommendSites(district, { type: 'primary' }, { ...recommendOptionsOf(typed), exclude });
    expect(expected.proposals).toHaveLength(3);
    expect(await page.locator('[data-testid="rec-proposals"] tbody tr').count()).toBe(3);
    const served = await page.locator('[data-testid="rec-proposals"] tbody tr td:nth-child(3)').allTextContents();
    expect(served).toEqual(expected.proposals.map((p) => count(Math.round(p.pupilsServed))));
  });

  it('exports what the map shows: with the proposals built, the cells and the proposals of that plan', async () => {
    const after = (await recommendSites(district, { type: 'primary' }, { ...recommendOptionsOf({ ...DEFAULT_RECOMMEND_SETTINGS, model: 'mclp', p: 3, candidateSpacingM: 400, targetPct: 85, timeLimitS: 12 }), exclude })).afterEvaluation;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-cells-csv').click()]);
    const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const served = rows.reduce((sum, r) => sum + Number(r.served), 0);
    expect(served).toBeCloseTo(after.summary.servedPupils, 0);
    const [proposals] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-proposals-geojson').click()]);
    const fc = JSON.parse(readFileSync((await proposals.path())!, 'utf8')) as { features: unknown[] };
    expect(fc.features).toHaveLength(3);
  });

  it('asks before "Stop editing" throws the sites away, and can take it back', async () => {
    await page.getByTestId('whatif-start').click();
    await whatIfSynced(page);
    expect(await page.locator('[data-testid="whatif-sites"] tbody tr').count()).toBe(3);
    // While editing, the proposals export is still there and holds the edited sites.
    await expect(page.getByTestId('export-proposals-csv').count()).resolves.toBe(1);
    await typeInto(page, 'whatif-size-P1', '30');
    await page.getByTestId('whatif-panel').click({ position: { x: 2, y: 2 } });
    await whatIfSynced(page);
    expect((await page.evaluate(() => window.__catchmap!.whatIfSites()))[0]).toMatchObject({ id: 'P1', classes: 30, seats: 30 * 45 });

    await page.getByTestId('whatif-stop').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('confirm-dialog').count()).resolves.toBe(0);
    expect(await page.evaluate(() => window.__catchmap!.whatIfSites().length)).toBe(3);

    await page.getByTestId('whatif-stop').click();
    await page.getByTestId('confirm-yes').click();
    await page.getByTestId('whatif-start').waitFor();
    await page.getByTestId('notice-undo').click();
    await whatIfSynced(page);
    const sites = await page.evaluate(() => window.__catchmap!.whatIfSites());
    expect(sites.map((s) => s.id)).toEqual(['P1', 'P2', 'P3']);
    expect(sites[0].seats).toBe(1350);
  });

  it('keeps a locked site where it is: a drag does not move it and Delete does not remove it', async () => {
    await page.getByTestId('whatif-lock-P2').check();
    await whatIfSynced(page);
    const before = await page.evaluate(() => window.__catchmap!.whatIfSites());
    const p2 = before.find((s) => s.id === 'P2')!;
    const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), [p2.lngLat[0], p2.lngLat[1]] as [number, number]);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 60, y + 40, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press('Delete');
    await whatIfSynced(page);
    const after = await page.evaluate(() => window.__catchmap!.whatIfSites());
    expect(after.find((s) => s.id === 'P2')).toEqual(p2);
    expect(after).toHaveLength(3);
  });

  it('adds a hand-placed school at the standard size: 44 classes of 45 within the 2,000-seat cap', async () => {
    await addSiteByClick(page, [113.62, 34.7]);
    const sites = await page.evaluate(() => window.__catchmap!.whatIfSites());
    expect(sites.at(-1)).toMatchObject({ classes: 44, seats: 1980 });
  });

  it('steps the presentation past the last site back to a view of the whole district and every site', async () => {
    await page.getByTestId('present-start').click();
    await page.getByTestId('presentation').waitFor();
    const sites = await page.evaluate(() => window.__catchmap!.whatIfSites());
    for (let i = 0; i <= sites.length; i++) await page.keyboard.press('ArrowRight');
    await waitForMapReady(page);
    const corners = (readDemo('demo-boundary.geojson') as { features: { geometry: { coordinates: number[][][] } }[] }).features[0].geometry.coordinates[0];
    const inside = await page.evaluate(
      (points) =>
        points.every((p) => {
          const [x, y] = window.__catchmap!.project(p as [number, number]);
          return x >= 0 && y >= 0 && x <= window.innerWidth && y <= window.innerHeight;
        }),
      [...corners, ...sites.map((s) => s.lngLat)],
    );
    expect(inside).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('panel-right').waitFor();
  });

  it('shows an error in the part that failed, keeps the rest working, and recovers on "Try again"', async () => {
    // Number formatting breaks everywhere: every panel that formats a number fails while rendering.
    await page.evaluate(() => {
      const proto = Intl.NumberFormat.prototype;
      const original = Object.getOwnPropertyDescriptor(proto, 'format')!;
      (window as unknown as { restoreFormat: () => void }).restoreFormat = () => Object.defineProperty(proto, 'format', original);
      Object.defineProperty(proto, 'format', {
        configurable: true,
        get() {
          throw new Error('number formatting is broken');
        },
      });
    });
    await page.getByTestId('locale-zh-CN').click();
    await page.getByTestId('part-error').first().waitFor();
    await screenshot(page, 'part-error.png');
    await expect(page.getByTestId('part-error').first().textContent()).resolves.toContain('number formatting is broken');
    await expect(page.getByTestId('map').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('panel-toggle-left').isVisible()).resolves.toBe(true);
    await page.evaluate(() => (window as unknown as { restoreFormat: () => void }).restoreFormat());
    const retry = page.locator('[data-testid="part-error"] button:visible');
    while ((await retry.count()) > 0) await retry.first().click();
    await page.getByTestId('analysis-summary').waitFor();
    await page.getByTestId('locale-en').click();
  });
});

describe('on a phone (390 × 844)', () => {
  let app: AppSession;
  withApp((opened) => (app = opened), { viewport: { width: 390, height: 844 }, waitForAnalysis: false });

  it('starts with the panels folded so the map is visible, and unfolds them on request', async () => {
    const page = app.page;
    const mapShare = await page.evaluate(() => {
      let onMap = 0;
      let total = 0;
      for (let x = 5; x < window.innerWidth; x += 20) {
        for (let y = 5; y < window.innerHeight; y += 20) {
          total++;
          if (document.elementFromPoint(x, y) instanceof HTMLCanvasElement) onMap++;
        }
      }
      return onMap / total;
    });
    expect(mapShare).toBeGreaterThan(0.6);
    await page.getByTestId('panel-toggle-right').click();
    await page.getByTestId('analysis-panel').waitFor();
    const panel = (await page.getByTestId('panel-right').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
  });
});
