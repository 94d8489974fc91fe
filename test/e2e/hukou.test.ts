import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForLayers, withApp, type AppSession } from './harness.ts';

/** A whole number as the app prints it in English ("24,155"). */
const whole = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/,/g, ''));

describe('the Hukou-only plan against the plan for residents (optimizer worker)', () => {
  let app: AppSession;
  withApp((opened) => (app = opened));

  it('plans for registered residents only, shows what that leaves out, and puts both plans on the map', async () => {
    const { page } = app;
    await page.getByTestId('hukou').locator('summary').click();
    await page.getByTestId('hukou-run').click();
    await page.getByTestId('hukou-table').waitFor({ timeout: 240_000 });
    const residential = { schools: await whole(page, 'hukou-residential-schools'), unserved: await whole(page, 'hukou-residential-unserved'), migrants: await whole(page, 'hukou-residential-migrant-unserved') };
    const hukou = { schools: await whole(page, 'hukou-registered-schools'), unserved: await whole(page, 'hukou-registered-unserved'), migrants: await whole(page, 'hukou-registered-migrant-unserved') };
    // The demo's migrants (a third of its residents) are what a Hukou plan leaves out: fewer schools, more pupils without a place.
    expect(hukou.schools).toBeGreaterThan(0);
    expect(hukou.schools).toBeLessThan(residential.schools);
    expect(hukou.unserved).toBeGreaterThan(residential.unserved);
    expect(hukou.migrants).toBeGreaterThan(residential.migrants);
    // The sentence is the table's difference.
    const difference = (await page.getByTestId('hukou-difference').textContent()) ?? '';
    expect(difference).toContain(`${(hukou.unserved - residential.unserved).toLocaleString('en')} more pupils`);
    expect(difference).toContain(`${(hukou.migrants - residential.migrants).toLocaleString('en')} of them migrants’ children`);

    // On the map: the residential plan as the sites being edited, the Hukou plan beside it in the comparison.
    await page.getByTestId('hukou-map').click();
    await page.getByTestId('compare-panel').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('compare-panel').textContent()).resolves.toContain('Plan for Hukou only');
    await waitForLayers(page, ['proposals', 'proposals-b']);
    const sites = await page.evaluate(() => window.__catchmap!.whatIfSites());
    expect(sites).toHaveLength(residential.schools);
    await page.getByTestId('compare-close').click();
  });
});
