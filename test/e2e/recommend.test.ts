import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { DEFAULT_RECOMMEND_SETTINGS, evaluate, recommendOptionsOf, recommendSites, type Recommendation } from '../../src/core/index.ts';
import { demoDistrict, pct, readDemo, colourDistance, onMap, redrawAfter, screenshot, waitForLayers, type AppSession, withApp } from './harness.ts';

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
  withApp((opened) => ((app = opened), (page = opened.page)));

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
    // The long run: capacitated covering with 120 new sites, heuristic. Measured with the engine
    // in Node on the demo (recommendSites, these settings): the greedy start takes about 5 s and
    // reports progress up to 0.25 + 0.55 × 120/121 = 0.795; the swap local search after it runs
    // for about 160 s more in one synchronous stretch, with no await and no progress. The
    // optimizer worker answers one call at a time, so if Cancel left that run going, a new run
    // would wait behind it for minutes; only a stopped worker lets it finish within a minute.
    const LONG_P = 120;
    const GREEDY_DONE = 0.25 + (0.55 * LONG_P) / (LONG_P + 1) - 0.001;
    const QUICK_LIMIT_S = 60;
    const quickSettings = { ...DEFAULT_RECOMMEND_SETTINGS, model: 'mclp' as const, p: 2 };
    // The quick run's answer, from the engine in Node (about 1.5 s there).
    const quick = await recommendSites(district, { type: 'primary' }, { ...recommendOptionsOf(quickSettings), exclude });
    // The analysis at radius 600 m, from the engine in Node.
    const at600 = evaluate(district, { type: 'primary', overrides: { radiusM: 600 } });
    expect(at600.summary.coveragePct).not.toBe(evaluate(district, { type: 'primary' }).summary.coveragePct);

    const earlierInfo = await text(page, 'rec-result');
    await page.getByTestId('rec-model').selectOption('cmclp');
    await page.getByTestId('rec-p').fill(String(LONG_P));
    await page.getByTestId('rec-solver').selectOption('heuristic');
    await page.getByTestId('rec-spacing').focus(); // leaving the field takes the value
    await page.getByTestId('rec-run').click();
    // Past the greedy start: the worker is now in the long local search.
    await page.waitForFunction(
      (done) => Number((document.querySelector('[data-testid="rec-progress"]') as HTMLProgressElement | null)?.value ?? 0) >= done,
      GREEDY_DONE,
      { timeout: 90_000, polling: 100 },
    );
    await page.getByTestId('rec-cancel').click();
    const cancelledAt = Date.now();

    // At once: the panel says so, the progress bar and the Cancel button are gone, Run is enabled,
    // and the earlier result is still the one shown.
    await expect(page.getByTestId('recommend-panel').textContent()).resolves.toContain('Cancelled.');
    expect(await page.getByTestId('rec-progress').count()).toBe(0);
    expect(await page.getByTestId('rec-cancel').count()).toBe(0);
    expect(await page.getByTestId('rec-run').isEnabled()).toBe(true);
    expect(await text(page, 'rec-result')).toBe(earlierInfo);

    // A new, quick run starts at once and finishes long before the cancelled one could have.
    await page.getByTestId('rec-model').selectOption('mclp');
    await page.getByTestId('rec-p').fill(String(quickSettings.p));
    await page.getByTestId('rec-spacing').focus();
    await page.getByTestId('rec-run').click();
    const quickInfo = `${quick.proposals.length} sites from ${quick.candidates.toLocaleString('en')} candidates · heuristic`;
    await page.waitForFunction(
      (info) => !document.querySelector('[data-testid="rec-progress"]') && (document.querySelector('[data-testid="rec-result"] .hint')?.textContent ?? '').startsWith(info),
      quickInfo,
      { timeout: QUICK_LIMIT_S * 1000, polling: 100 },
    );
    expect((Date.now() - cancelledAt) / 1000).toBeLessThan(QUICK_LIMIT_S);
    expect(await text(page, 'after-coverage')).toBe(pct(quick.after.coveragePct));
    expect(await page.getByTestId('rec-proposals').locator('tbody tr').count()).toBe(quickSettings.p);

    // The analysis still answers an edit, with the engine's numbers, and marks the proposals stale.
    await page.getByTestId('standard-radiusM').fill('600');
    await page.getByTestId('rec-p').focus();
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="summary-coverage"]')?.textContent === text,
      pct(at600.summary.coveragePct),
      { timeout: 60_000, polling: 100 },
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="recommend-panel"]')?.textContent?.includes('other analysis settings'));

    // The cancelled run never reports back: the quick run's result is still the one shown.
    expect(await page.getByTestId('rec-result').locator('.hint').textContent()).toContain(quickInfo);
    expect(await text(page, 'after-coverage')).toBe(pct(quick.after.coveragePct));
    expect(await page.getByTestId('rec-progress').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
