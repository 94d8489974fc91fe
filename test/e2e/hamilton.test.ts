import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { applyMapping, evaluate, evaluateZones, loadFile, zoningTotals } from '../../src/core/index.ts';
import { pct, screenshot, waitForLayers, waitForMapReady, withApp, type AppSession } from './harness.ts';

/** Real data from ../shared/real (never copied into this repository; skipped where absent). */
const HAMILTON = join(import.meta.dirname, '..', '..', '..', 'shared', 'real', 'hamilton_on_schools');
const POP = join(HAMILTON, 'hamilton_city_da_2016_population.geojson');
const SCHOOLS = join(HAMILTON, 'schools_2011_2016.geojson');
const ZONES = join(HAMILTON, 'school_catchments_2011_2016.geojson');
const present = existsSync(POP) && existsSync(SCHOOLS) && existsSync(ZONES);
if (!present) console.log(`Hamilton end-to-end test skipped: ${HAMILTON} is absent (the data are not in this repository)`);

const count = (n: number) => n.toLocaleString('en');

async function typeInto(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).fill(text);
  await page.getByTestId(testId).press('Enter');
}

describe.skipIf(!present)('Hamilton, Ontario, in the app: census areas and schools loaded, mapped and analysed', () => {
  let app: AppSession;
  let page: Page;
  withApp((opened) => ((app = opened), (page = opened.page)));

  it('loads the census areas and the schools with their capacity column and level words, and analyses them', async () => {
    const popText = readFileSync(POP);
    const schoolsText = readFileSync(SCHOOLS);
    // What the files hold, counted here: Σ population, and the elementary schools with an OTGC2016.
    type F = { properties: Record<string, unknown> };
    const census = (JSON.parse(popText.toString('utf8')) as { features: F[] }).features;
    const schools = (JSON.parse(schoolsText.toString('utf8')) as { features: F[] }).features;
    const residents = census.reduce((sum, f) => sum + (f.properties.population as number), 0);
    const elementary = schools.filter((f) => f.properties.Level === 'Elementary' && f.properties.OTGC2016 !== null);
    const seats = elementary.reduce((sum, f) => sum + (f.properties.OTGC2016 as number), 0);

    await page.getByTestId('data-file-input').setInputFiles({ name: 'hamilton_city_da_2016_population.geojson', mimeType: 'application/geo+json', buffer: popText });
    await page.getByTestId('load-dialog').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('load-role').inputValue()).toBe('population');
    await page.getByTestId('load-add').click();
    await page.getByTestId('load-dialog').waitFor({ state: 'detached', timeout: 60_000 });

    await page.getByTestId('data-file-input').setInputFiles({ name: 'schools_2011_2016.geojson', mimeType: 'application/geo+json', buffer: schoolsText });
    await page.getByTestId('load-dialog').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('load-role').inputValue()).toBe('facilities');
    await page.getByTestId('map-capacity').selectOption('OTGC2016');
    await page.getByTestId('map-type').selectOption('Level');
    // The schools' 2016 catchment ids, which the zone file names.
    await page.getByTestId('map-id').selectOption('CID2016');
    await page.getByTestId('type-value-Elementary').selectOption('primary');
    await page.getByTestId('type-value-High').selectOption('junior');
    await page.getByTestId('load-add').click();
    await page.getByTestId('load-dialog').waitFor({ state: 'detached', timeout: 60_000 });

    await typeInto(page, 'standard-usersPer1000', '100');
    await typeInto(page, 'standard-radiusM', '1600');
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-seats"]')?.textContent === text, count(Math.round(seats)), { timeout: 120_000 });
    expect(await page.getByTestId('summary-residents').textContent()).toBe(count(residents));
    expect(await page.getByTestId('summary-over-capacity').textContent()).toMatch(new RegExp(` of ${elementary.length}$`));
    await expect(page.getByTestId('synthetic-notice').count()).resolves.toBe(0);
    await expect(page.getByTestId('workspace-facilities').textContent()).resolves.toContain('schools_2011_2016.geojson');

    // The engine in Node, on the same files with the same choices, gives the same coverage.
    const pop = applyMapping(await loadFile(popText, 'hamilton_city_da_2016_population.geojson'), 'population');
    const fac = applyMapping(await loadFile(schoolsText, 'schools_2011_2016.geojson'), 'facilities', { capacity: 'OTGC2016', type: 'Level' }, {
      typeValues: { Elementary: 'primary', High: 'junior' },
    });
    const expected = evaluate({ population: pop.collection, facilities: fac.collection }, { type: 'primary', overrides: { radiusM: 1600, usersPer1000: 100 } });
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-coverage"]')?.textContent === text, pct(expected.summary.coveragePct), { timeout: 60_000 });

    // The map went to Hamilton and draws the census areas.
    await waitForLayers(page, ['population']);
    await waitForMapReady(page);
    const [x, y] = await page.evaluate(() => window.__catchmap!.project([-79.87, 43.25]));
    expect(x > 0 && y > 0 && x < 1400 && y < 900).toBe(true);
    await screenshot(page, 'hamilton.png');
    expect(app.errors).toEqual([]);
  });

  it('loads the official catchments of 2016 (public elementary, filtered in the dialog) and evaluates them as attendance zones', async () => {
    const zonesText = readFileSync(ZONES);
    await page.getByTestId('data-file-input').setInputFiles({ name: 'school_catchments_2011_2016.geojson', mimeType: 'application/geo+json', buffer: zonesText });
    await page.getByTestId('load-dialog').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('load-role').inputValue()).toBe('zones');
    expect(await page.getByTestId('map-zone').inputValue()).toBe('CID');
    await page.getByTestId('map-school').selectOption('CID');
    for (const [i, [field, value]] of [['Year', '2016'], ['Level', 'Elementary'], ['System', 'Public']].entries()) {
      await page.getByTestId('zone-where-add').click();
      await page.getByTestId(`zone-where-field-${i}`).selectOption(field);
      await page.getByTestId(`zone-where-value-${i}`).selectOption(value);
    }
    await page.getByTestId('load-add').click();
    await page.getByTestId('load-dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('zones').locator(':scope > summary').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="zones-official-zones"]')?.textContent === '79', null, { timeout: 120_000 });

    // The engine in Node on the same files and choices.
    const pop = applyMapping(await loadFile(readFileSync(POP), 'pop.geojson'), 'population');
    const fac = applyMapping(await loadFile(readFileSync(SCHOOLS), 'schools.geojson'), 'facilities', { capacity: 'OTGC2016', type: 'Level', id: 'CID2016' }, { typeValues: { Elementary: 'primary', High: 'junior' } });
    const zones = applyMapping(await loadFile(zonesText, 'zones.geojson'), 'zones', { zone: 'CID', school: 'CID' }, {
      zoneWhere: [{ field: 'Year', value: '2016' }, { field: 'Level', value: 'Elementary' }, { field: 'System', value: 'Public' }],
    });
    const official = evaluateZones(
      { population: pop.collection, facilities: fac.collection, zones: zones.collection },
      { type: 'primary', overrides: { radiusM: 1600, usersPer1000: 100 }, zoneLayer: { idField: 'zone', schoolField: 'school' } },
    );
    // 535,245 of the city's residents live in these zones (README; checked against turf's intersections in test/cli/zones.test.ts).
    expect(Math.round(official.summary.residents)).toBe(535_245);
    const totals = zoningTotals(official.zones, official.summary.outsidePupils);
    await expect(page.getByTestId('zones-official-zonedPupils').textContent()).resolves.toBe(count(Math.round(totals.zonedPupils)));
    await expect(page.getByTestId('zones-official-pupilsAboveSeats').textContent()).resolves.toBe(count(Math.round(totals.pupilsAboveSeats)));
    await page.getByTestId('zones-show-official').check();
    await waitForLayers(page, ['zones']);
    await screenshot(page, 'hamilton-zones.png');
    expect(app.errors).toEqual([]);
  });
});
