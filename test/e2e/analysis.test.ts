import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeatureCollection, Point } from 'geojson';
import {
  buildRoadGraph,
  evaluate,
  networkRule,
  walkNetwork,
  type EvaluateOptions,
  type Evaluation,
} from '../../src/core/index.ts';
import { UTILISATION_COLOURS } from '../../src/app/map/layers/utilisation-layer.ts';
import { demoDistrict, pct, readDemo, colourDistance, onMap, openApp, redrawAfter, screenshot, waitForLayers, type AppSession } from './harness.ts';

const district = demoDistrict();
const engine = (options: EvaluateOptions): Evaluation => evaluate(district, options);
const count = (n: number) => n.toLocaleString('en');

async function summaryText(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`summary-${id}`).textContent()) ?? '';
}

/** Waits until the panel shows the numbers of `expected` (the engine run in Node on the same data). */
async function expectSummary(page: Page, expected: Evaluation) {
  const s = expected.summary;
  await page.waitForFunction(
    ([id, text]) => document.querySelector(`[data-testid="summary-${id}"]`)?.textContent === text,
    ['coverage', pct(s.coveragePct)] as const,
    { timeout: 60_000 },
  );
  expect(await summaryText(page, 'residents')).toBe(count(s.residents));
  expect(await summaryText(page, 'pupils')).toBe(count(s.pupils));
  expect(await summaryText(page, 'seats')).toBe(count(s.seats));
  expect(await summaryText(page, 'unserved')).toBe(count(s.unservedPupils));
  expect(await summaryText(page, 'schools-needed')).toBe(count(s.schoolsNeeded));
  expect(await summaryText(page, 'over-capacity')).toBe(`${count(s.overCapacity)} of ${count(s.facilities)}`);
  expect(await page.getByTestId('equity-village-coverage').textContent()).toBe(pct(s.equity.villageCoveragePct));
  expect(await page.getByTestId('equity-other-coverage').textContent()).toBe(pct(s.equity.otherCoveragePct));
}

describe('analysis panel (engine in a Web Worker)', () => {
  let app: AppSession;
  let page: Page;

  beforeAll(async () => {
    app = await openApp();
    page = app.page;
    await waitForLayers(page, ['shortfall', 'utilisation']);
  });

  afterAll(async () => {
    await app?.close();
  });

  it("shows the engine's primary-school numbers for the demo, with the urban-village gap", async () => {
    const expected = engine({ type: 'primary' });
    await expectSummary(page, expected);
    expect(expected.summary.equity.villageCoveragePct!).toBeLessThan(expected.summary.equity.otherCoveragePct!);
    await expect(page.getByTestId('equity-card').textContent()).resolves.toContain(expected.summary.equity.worstVillages[0].name);
    // The step navigation carries each step's key figure, derived from the step before.
    const s = expected.summary;
    await expect(page.getByTestId('step-nav-residents').textContent()).resolves.toContain(`${count(s.residents)} residents, ${count(s.equity.villageResidents)} in urban villages`);
    await expect(page.getByTestId('step-nav-demand').textContent()).resolves.toContain(`× 66 per 1,000 → ${count(s.pupils)} pupils`);
    await expect(page.getByTestId('step-nav-shortfall').textContent()).resolves.toContain(`${count(s.unservedPupils)} without a place → ${count(s.schoolsNeeded)} new`);
    expect(app.errors).toEqual([]);
  });

  it('draws over-capacity schools with a red halo and unserved cells in the shortfall ramp', async () => {
    const expected = engine({ type: 'primary' });
    const shot = await screenshot(page, 'analysis-primary.png');
    // Zoomed in to street level each school's halo stands clear of its neighbours' symbols.
    const over = expected.facilities.filter((f) => f.status === 'over').slice(0, 4);
    expect(over.length).toBeGreaterThanOrEqual(4);
    const red = UTILISATION_COLOURS.over;
    let redRings = 0;
    for (const f of over) {
      await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 16), [f.lngLat[0], f.lngLat[1]] as [number, number]));
      const [[x, y]] = (await onMap(page, [[f.lngLat[0], f.lngLat[1]]])) as [[number, number]];
      const zoomed = await screenshot(page, `analysis-halo-${f.id}.png`);
      // The halo shows as a ring between the symbol (≤ 10 px radius) and its edge (15 px).
      const ring = [[12.5, 0], [-12.5, 0], [0, 12.5], [0, -12.5]].map(([dx, dy]) => zoomed.at(x + dx, y + dy));
      if (ring.filter((c) => colourDistance(c, red) < 60).length >= 3) redRings++;
    }
    expect(redRings).toBeGreaterThanOrEqual(3);
    await redrawAfter(page, () => page.evaluate(() => window.__catchmap!.fitDistrict()));

    // Hiding the shortfall layer changes the unserved cells' pixels; served cells keep theirs.
    const unserved = expected.cells.filter((c) => c.unserved >= 30 && !c.covered && !c.villageId);
    // Only cells clear of every facility symbol (≤ 10 px radius) and halo (15 px) on screen.
    const symbols = (district.facilities as FeatureCollection<Point>).features.map((f) => f.geometry.coordinates as [number, number]);
    const symbolPx = (await onMap(page, symbols)).filter((p) => p !== null);
    const unservedPx = (await onMap(page, unserved.map((c) => [c.lngLat[0], c.lngLat[1]])))
      .filter((p): p is [number, number] => p !== null && symbolPx.every(([x, y]) => Math.hypot(x - p[0], y - p[1]) > 17))
      .slice(0, 40);
    expect(unservedPx.length).toBeGreaterThanOrEqual(5);
    await redrawAfter(page, () => page.getByTestId('layer-toggle-shortfall').click());
    const without = await screenshot(page, 'analysis-primary-no-shortfall.png');
    const changed = unservedPx.filter(([x, y]) => colourDistance(shot.at(x, y), without.at(x, y)) > 40);
    expect(changed.length / unservedPx.length).toBeGreaterThanOrEqual(0.8);
    // Shortfall purples are bluish (B > G); the population ramp beneath is warm (R > B).
    const purple = unservedPx.filter(([x, y]) => {
      const [r, g, b] = shot.at(x, y);
      return b > g + 20 && b >= r - 30;
    });
    expect(purple.length / unservedPx.length).toBeGreaterThanOrEqual(0.8);
    await redrawAfter(page, () => page.getByTestId('layer-toggle-shortfall').click());
  });

  it('recomputes when a standard value is edited and when the facility type changes', async () => {
    await page.getByTestId('standard-radiusM').fill('1000');
    await expectSummary(page, engine({ type: 'primary', overrides: { radiusM: 1000 } }));
    await expect(page.getByTestId('analysis-panel').textContent()).resolves.toContain('user value');

    await page.getByTestId('analysis-type').selectOption('junior');
    await expectSummary(page, engine({ type: 'junior' }));
    await waitForLayers(page, ['utilisation']);
    expect(app.errors).toEqual([]);
  });

  it('measures along the streets without crossing arterials, says how far that is from the straight line, and draws it', async () => {
    await page.getByTestId('analysis-type').selectOption('primary');
    await page.getByTestId('distance-network-no-arterial').check();
    const noCross = walkNetwork(buildRoadGraph(readDemo('demo-roads.geojson')), { barrier: { classes: ['arterial'] } });
    const expected = engine({ type: 'primary', distanceRule: (points) => networkRule(noCross, points) });
    await expectSummary(page, expected);
    const straight = engine({ type: 'primary' });
    expect(expected.summary.coveragePct!).toBeLessThan(straight.summary.coveragePct!);
    const gap = (expected.summary.coveragePct! - straight.summary.coveragePct!).toFixed(1).replace('-', '−');
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="summary-coverage-straight"]')?.textContent === text,
      `${pct(straight.summary.coveragePct)} (${gap} pts)`,
      { timeout: 60_000 },
    );
    await waitForLayers(page, ['isochrones']);
    await screenshot(page, 'analysis-network-no-arterial.png');
    expect(app.errors).toEqual([]);
  });
});
