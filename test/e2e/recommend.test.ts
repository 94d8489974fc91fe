import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_RECOMMEND_SETTINGS, recommendOptionsOf, recommendSites, type Recommendation } from '../../src/core/index.ts';
import { demoDistrict, pct, readDemo, colourDistance, onMap, openApp, redrawAfter, screenshot, waitForLayers, type AppSession } from './harness.ts';

const district = demoDistrict();
const exclude = (readDemo('demo-landuse.geojson') as { features: Feature<Polygon | MultiPolygon>[] }).features;

/** The app's default recommendation, computed by the engine in Node. */
async function expectedDefault(): Promise<Recommendation> {
  return recommendSites(district, { type: 'primary' }, { ...recommendOptionsOf(DEFAULT_RECOMMEND_SETTINGS), exclude });
}

async function text(page: Page, testId: string) {
  return (await page.getByTestId(testId).textContent()) ?? '';
}

describe('recommend sites (optimizer in its own worker)', () => {
  let app: AppSession;
  let page: Page;

  beforeAll(async () => {
    app = await openApp();
    page = app.page;
    await page.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('recommends the same sites as the engine and shows before/after and equity', async () => {
    const expected = await expectedDefault();
    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-result').waitFor({ timeout: 120_000 });
    expect(await text(page, 'before-coverage')).toBe(pct(expected.before.coveragePct));
    expect(await text(page, 'after-coverage')).toBe(pct(expected.after.coveragePct));
    expect(await text(page, 'after-village-served')).toBe(pct(expected.after.equity.villageServedPct));
    expect(await text(page, 'after-schools')).toBe(expected.after.schoolsNeeded.toLocaleString('en'));
    expect(expected.after.servedPct!).toBeGreaterThan(expected.before.servedPct!);
    expect(expected.after.equity.villageServedPct!).toBeGreaterThan(expected.before.equity.villageServedPct!);
    const rows = await page.getByTestId('rec-proposals').locator('tbody tr').count();
    expect(rows).toBe(expected.proposals.length);
    const first = expected.proposals[0];
    await expect(page.getByTestId('rec-proposals').locator('tbody tr').first().textContent()).resolves.toContain(
      `${first.classes} cl. / ${first.seats.toLocaleString('en')}`,
    );

    // Each proposed site is drawn: a white disc with a dark rim where the engine put it.
    await waitForLayers(page, ['proposals', 'proposal-ranks']);
    const shot = await screenshot(page, 'recommend-after.png');
    const px = (await onMap(page, expected.proposals.map((p) => [p.lngLat[0], p.lngLat[1]]))).filter((p) => p !== null);
    expect(px.length).toBeGreaterThanOrEqual(expected.proposals.length - 2);
    const discs = px.filter(([x, y]) => colourDistance(shot.at(x - 6, y), [255, 255, 255]) < 40 && colourDistance(shot.at(x + 11, y), [20, 20, 20]) < 80);
    expect(discs.length / px.length).toBeGreaterThanOrEqual(0.75);

    // "Today" takes the proposals off the map and shows today's shortfall again.
    await redrawAfter(page, () => page.getByTestId('view-before').click());
    const ids = await page.evaluate(() => window.__catchmap!.drawnLayerIds);
    expect(ids).not.toContain('proposals');
    expect(ids).toContain('shortfall');
    expect(app.errors).toEqual([]);
  });

  it('cancels a long run at once and keeps the analysis working', async () => {
    await page.getByTestId('rec-model').selectOption('lscp');
    await page.getByTestId('rec-target').fill('100');
    await page.getByTestId('rec-solver').selectOption('exact');
    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-cancel').click();
    await expect(page.getByTestId('recommend-panel').textContent()).resolves.toContain('Cancelled.');
    await expect(page.getByTestId('rec-run').isEnabled()).resolves.toBe(true);
    // The earlier result stays; the analysis still answers edits.
    await page.getByTestId('standard-radiusM').fill('600');
    await page.waitForFunction(() => document.querySelector('[data-testid="recommend-panel"]')?.textContent?.includes('other analysis settings'));
    expect(app.errors).toEqual([]);
  });
});
