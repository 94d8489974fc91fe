import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { evaluate, withProposedSites, type Evaluation, type ProposedSite } from '../../src/core/index.ts';
import { addSiteByClick, demoDistrict, pct, whatIfSynced, type AppSession, withApp } from './harness.ts';

const district = demoDistrict();

/** The app's sites as the engine sees them (read back from the page after each edit). */
async function sitesOnPage(page: Page): Promise<ProposedSite[]> {
  return page.evaluate(() => window.__catchmap!.whatIfSites());
}

const synced = whatIfSynced;

/** The panel shows exactly what a full evaluation with these sites gives. */
async function expectLive(page: Page, sites: ProposedSite[]): Promise<Evaluation> {
  const expected = evaluate(withProposedSites(district, 'primary', sites), { type: 'primary' });
  expect(await page.getByTestId('whatif-after-coverage').textContent()).toBe(pct(expected.summary.coveragePct));
  expect(await page.getByTestId('whatif-after-served').textContent()).toBe(pct(expected.summary.servedPct));
  expect(await page.getByTestId('whatif-after-unserved').textContent()).toBe(expected.summary.unservedPupils.toLocaleString('en'));
  expect(await page.getByTestId('whatif-after-village-served').textContent()).toBe(pct(expected.summary.equity.villageServedPct));
  return expected;
}

describe('what-if editing on the map', () => {
  let app: AppSession;
  let page: Page;
  withApp((opened) => ((app = opened), (page = opened.page)));

  it('adds a site by clicking, drags it, and shows the engine’s numbers live; undo and redo by keyboard', async () => {
    await addSiteByClick(page, [113.585, 34.695]);
    const [x, y] = await page.evaluate(() => window.__catchmap!.project([113.585, 34.695]));
    const added = await sitesOnPage(page);
    expect(added).toHaveLength(1);
    expect(added[0].lngLat[0]).toBeCloseTo(113.585, 3);
    const afterAdd = await expectLive(page, added);
    const today = evaluate(district, { type: 'primary' });
    expect(afterAdd.summary.servedPupils).toBeGreaterThan(today.summary.servedPupils);

    // Drag the site 60 px right and 40 px up in small steps.
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + i * 6, y - i * 4);
    await page.mouse.up();
    await synced(page);
    const moved = await sitesOnPage(page);
    expect(moved[0].lngLat[0]).toBeGreaterThan(added[0].lngLat[0] + 0.003);
    expect(moved[0].lngLat[1]).toBeGreaterThan(added[0].lngLat[1] + 0.002);
    await expectLive(page, moved);

    // Undo the drag, then the add; redo the add.
    await page.keyboard.press('Control+z');
    await synced(page);
    expect(await sitesOnPage(page)).toEqual(added);
    await expectLive(page, added);
    await page.keyboard.press('Control+z');
    await synced(page);
    expect(await sitesOnPage(page)).toEqual([]);
    await expectLive(page, []);
    await page.keyboard.press('Control+Shift+z');
    await synced(page);
    expect(await sitesOnPage(page)).toEqual(added);

    // Resize to 30 classes.
    await page.getByTestId('whatif-size-P1').fill('30');
    await page.getByTestId('whatif-size-P1').press('Enter');
    await synced(page);
    const resized = await sitesOnPage(page);
    expect(resized[0]).toMatchObject({ classes: 30, seats: 1350 });
    await expectLive(page, resized);
    expect(app.errors).toEqual([]);
  });

  it('keeps a locked site and lets the optimizer place more around it', async () => {
    await page.getByTestId('rec-p').fill('2');
    await page.getByTestId('rec-model').selectOption('mclp');
    await page.getByTestId('whatif-lock-P1').check();
    await page.getByTestId('whatif-reoptimize').click();
    await page.waitForFunction(() => window.__catchmap!.whatIfSites().length === 3, undefined, { timeout: 120_000 });
    await synced(page);
    const sites = await sitesOnPage(page);
    expect(sites[0].id).toBe('P1');
    expect(sites.slice(1).map((s) => s.id)).toEqual(['P2', 'P3']);
    await expectLive(page, sites);
    expect(app.errors).toEqual([]);
  });
});
