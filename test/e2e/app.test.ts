import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { area, booleanPointInPolygon, centroid, distance } from '@turf/turf';
import type { FacilityProperties, PopulationProperties, UrbanVillageProperties } from '../../src/core/schema.ts';
import { BACKGROUND_COLOUR } from '../../src/app/map/district-style.ts';
import { densityColour } from '../../src/app/map/colour-ramp.ts';
import { FACILITY_STYLE } from '../../src/app/map/facility-style.ts';
import { initialMapLayers } from '../../src/app/state/map-layers.ts';
import {
  readDemo,
  blend,
  colourDistance,
  onMap,
  openApp,
  screenshot,
  waitForLayers,
  redrawAfter,
  whatIfSynced,
  type AppSession,
} from './harness.ts';

const population = readDemo<FeatureCollection<Polygon, PopulationProperties>>('demo-population.geojson');
const villages = readDemo<FeatureCollection<Polygon, UrbanVillageProperties>>('demo-urban-villages.geojson');
const facilities = readDemo<FeatureCollection<Point, FacilityProperties>>('demo-facilities.geojson');

const hexRgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const km = { units: 'kilometers' as const };

/** Dense cells well away from facilities, villages and each other: the ramp's colour must show there. */
function denseCellSamples() {
  const inVillage = (p: Point) => villages.features.some((v) => booleanPointInPolygon(p.coordinates, v));
  return population.features
    .map((f) => ({ c: centroid(f).geometry, density: f.properties.population / (area(f) / 1e6) }))
    .filter((x) => x.density >= 20_000)
    .filter((x) => facilities.features.every((f) => distance(f.geometry, x.c, km) > 0.35))
    .filter((x) => !inVillage(x.c))
    .slice(0, 60);
}

/** Primary schools with no other facility within 300 m, so their symbol is not overdrawn. */
function isolatedPrimarySchools() {
  return facilities.features
    .filter((f) => f.properties.type === 'primary')
    .filter((f) => facilities.features.every((g) => g === f || distance(f.geometry, g.geometry, km) > 0.3));
}

describe('Catchmap app on the demo district (headless Chromium)', () => {
  let app: AppSession;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await openApp();
    ({ page, errors } = app);
    // The analysis runs on load; hide its shortfall layer so the population ramp shows through.
    await waitForLayers(page, ['shortfall']);
    await redrawAfter(page, () => page.getByTestId('layer-toggle-shortfall').click());
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the synthetic-data notice, the legend with density units and the scale bar', async () => {
    await expect(page.getByTestId('synthetic-notice').textContent()).resolves.toMatch(/Synthetic demo data/);
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/Residents per km²/);
    await expect(page.locator('.maplibregl-ctrl-scale').textContent()).resolves.toMatch(/\d+\s*(m|km)/);
    expect(errors).toEqual([]);
  });

  it('draws the population ramp on dense cells and primary-school symbols where the schools are', async () => {
    const shot = await screenshot(page, 'app-demo.png');
    const bg = hexRgb(BACKGROUND_COLOUR);

    const cells = denseCellSamples();
    const cellPixels = await onMap(page, cells.map((c) => c.c.coordinates as [number, number]));
    const cellChecks = cells
      .map((c, i) => ({ c, px: cellPixels[i] }))
      .filter((x) => x.px !== null)
      .map(({ c, px }) => {
        const expected = blend(densityColour(c.density), bg, initialMapLayers.layers.population.opacity);
        const got = shot.at(px![0], px![1]);
        return { ok: colourDistance(got, expected) < 50 && colourDistance(got, bg) > 60, got, expected };
      });
    expect(cellChecks.length).toBeGreaterThanOrEqual(15);
    const cellHits = cellChecks.filter((c) => c.ok).length;
    expect(cellHits / cellChecks.length, JSON.stringify(cellChecks.slice(0, 5))).toBeGreaterThanOrEqual(0.8);

    const schools = isolatedPrimarySchools();
    const schoolPixels = await onMap(page, schools.map((s) => s.geometry.coordinates as [number, number]));
    const blue = FACILITY_STYLE.primary.colour;
    const visible = schoolPixels.filter((p): p is [number, number] => p !== null);
    expect(visible.length).toBeGreaterThanOrEqual(10);
    const blueHits = visible.filter((p) => colourDistance(shot.at(p[0], p[1]), blue) < 45).length;
    expect(blueHits / visible.length).toBeGreaterThanOrEqual(0.8);

    // The same places stop being school-blue when primary schools are switched off.
    await redrawAfter(page, () => page.getByTestId('facility-toggle-primary').click());
    const hidden = await screenshot(page, 'app-demo-no-primary.png');
    const stillBlue = visible.filter((p) => colourDistance(hidden.at(p[0], p[1]), blue) < 45).length;
    expect(stillBlue).toBeLessThanOrEqual(visible.length * 0.1);
    await redrawAfter(page, () => page.getByTestId('facility-toggle-primary').click());
    expect(errors).toEqual([]);
  });

  it('shows an urban village as plain text in the tooltip on hover', async () => {
    const clear = villages.features.filter((v) =>
      facilities.features.every((f) => distance(f.geometry, centroid(v).geometry, km) > 0.25),
    );
    const [px] = await onMap(page, [centroid(clear[0]).geometry.coordinates as [number, number]]);
    expect(px).not.toBeNull();
    await page.mouse.move(px![0], px![1]);
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor({ timeout: 20_000 });
    const text = await tooltip.textContent();
    expect(text).toContain(clear[0].properties.name);
    expect(text).toMatch(/Migrant share: \d+%/);
    await page.mouse.move(5, 890);
  });

  it('pauses tooltips while sites are edited (the map picks nothing then) and shows them again after', async () => {
    const clear = villages.features.filter((v) =>
      facilities.features.every((f) => distance(f.geometry, centroid(v).geometry, km) > 0.25),
    );
    const [px] = await onMap(page, [centroid(clear[0]).geometry.coordinates as [number, number]]);
    await page.getByTestId('whatif-start').click();
    await whatIfSynced(page);
    await page.mouse.move(px![0], px![1]);
    await page.mouse.move(px![0] + 2, px![1]);
    // Hover picking runs on the next frame; outside editing the tooltip shows well within this.
    await page.waitForTimeout(2_000);
    expect(await page.getByRole('tooltip').count()).toBe(0);
    await page.getByTestId('whatif-stop').click();
    await page.mouse.move(px![0], px![1]);
    await expect(page.getByRole('tooltip').textContent({ timeout: 20_000 })).resolves.toContain(clear[0].properties.name);
    await page.mouse.move(5, 890);
  });

  it('keeps the local style and says so when an online basemap fails', async () => {
    await page.getByTestId('basemap-url').fill('http://127.0.0.1:9/style.json');
    await page.getByTestId('basemap-apply').click();
    await expect(page.getByTestId('notices').textContent({ timeout: 20_000 })).resolves.toMatch(/local offline style/);
    await page.waitForFunction(() => window.__catchmap!.styleLayerIds().includes('district-boundary-line'));
    const ids = await page.evaluate(() => window.__catchmap!.styleLayerIds());
    expect(ids).toContain('background');
    expect(ids).toContain('roads-arterial');
    // The refused style request is the only error, and an expected one.
    expect(errors.every((e) => /127\.0\.0\.1:9|ERR_UNSAFE_PORT/.test(e)), JSON.stringify(errors)).toBe(true);
    errors.length = 0;
  });

  it('switches to Chinese and back, every panel at once, and remembers the choice', async () => {
    await page.getByTestId('locale-zh-CN').click();
    await expect(page.getByTestId('legend').textContent()).resolves.toContain('每平方公里常住人口');
    await expect(page.locator('.panel').first().textContent()).resolves.toContain('城中村');
    await expect(page.getByTestId('synthetic-notice').textContent()).resolves.toContain('合成演示数据');
    await expect(page.getByTestId('analysis-panel').textContent()).resolves.toContain('覆盖率');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await page.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('recommend-panel').textContent()).resolves.toContain('模型');
    await expect(page.getByTestId('step-nav').textContent()).resolves.toContain('审阅与展示');
    await page.getByTestId('locale-en').click();
    await expect(page.getByTestId('legend').textContent()).resolves.toContain('Residents per km²');
    expect(errors).toEqual([]);
  });
});
