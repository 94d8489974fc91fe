import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { bbox } from '@turf/turf';
import {
  buildRoadGraph,
  evaluate,
  networkRule,
  walkNetwork,
  type EvaluateOptions,
  type Evaluation,
} from '../../src/core/index.ts';
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

  it('rings over-capacity schools in heavy black on a white plate, and dots unserved cells in purple with the density left around the dot', async () => {
    const expected = engine({ type: 'primary' });
    await screenshot(page, 'analysis-primary.png');
    // Zoomed in to street level each school's halo stands clear of its neighbours' symbols.
    const over = expected.facilities.filter((f) => f.status === 'over').slice(0, 4);
    const under = expected.facilities.filter((f) => f.status === 'under').slice(0, 2);
    expect(over.length).toBeGreaterThanOrEqual(4);
    expect(under.length).toBeGreaterThanOrEqual(1);
    const ringAt = async (f: (typeof over)[number], r: number) => {
      await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 16), [f.lngLat[0], f.lngLat[1]] as [number, number]));
      const [[x, y]] = (await onMap(page, [[f.lngLat[0], f.lngLat[1]]])) as [[number, number]];
      const zoomed = await screenshot(page, `analysis-halo-${f.id}.png`);
      // Between the symbol (≤ 10 px radius) and the halo's edge (15 px), `r` px out in four directions:
      // over capacity, a 5 px black ring from 10 to 15 px; with room, a 1.5 px grey ring at the edge
      // and the white plate inside it.
      return [[r, 0], [-r, 0], [0, r], [0, -r]].map(([dx, dy]) => zoomed.at(x + dx, y + dy));
    };
    let blackRings = 0;
    for (const f of over) if ((await ringAt(f, 12.5)).filter((c) => colourDistance(c, [0, 0, 0]) < 60).length >= 3) blackRings++;
    expect(blackRings).toBeGreaterThanOrEqual(3);
    let plates = 0;
    // The plate inside the thin ring (13.5 px); the school's name may cover one side of it.
    for (const f of under) if ((await ringAt(f, 11.5)).filter((c) => colourDistance(c, [255, 255, 255]) < 40).length >= 2) plates++;
    expect(plates).toBe(under.length);

    // Unserved cells away from villages and facility symbols, at street level (a 150 m cell is ~75 px):
    // the dot sits at the middle of the cell's bounds, and 92 % of the way to a corner is still in the
    // cell but outside the dot (at most 0.8 of the half side, and a corner is √2 half sides away).
    const symbols = (district.facilities as FeatureCollection<Point>).features.map((f) => f.geometry.coordinates as [number, number]);
    const polygons = new Map((district.population as FeatureCollection<Polygon, { id: string }>).features.map((f) => [String(f.properties.id), f.geometry]));
    const candidates = expected.cells.filter((c) => c.unserved >= 30 && !c.covered && !c.villageId && polygons.get(c.id)?.coordinates[0].length === 5);
    expect(candidates.length).toBeGreaterThanOrEqual(5);
    const first = candidates[0];
    await redrawAfter(page, () => page.evaluate((p) => window.__catchmap!.jumpTo(p, 16), [first.lngLat[0], first.lngLat[1]] as [number, number]));
    const symbolPx = (await onMap(page, symbols)).filter((p) => p !== null);
    const probes: { middle: [number, number]; corners: [number, number][] }[] = [];
    for (const c of candidates) {
      const ring = polygons.get(c.id)!.coordinates[0];
      const [west, south, east, north] = bbox({ type: 'Polygon', coordinates: [ring] });
      const middle: [number, number] = [(west + east) / 2, (south + north) / 2];
      const toward = (lng: number, lat: number): [number, number] => [middle[0] + 0.92 * (lng - middle[0]), middle[1] + 0.92 * (lat - middle[1])];
      const onScreen = await onMap(page, [middle, toward(west, north), toward(east, south)]);
      if (onScreen.some((p) => p === null || p[0] < 340 || p[0] > 1000 || p[1] < 80 || p[1] > 820)) continue;
      if (!symbolPx.every(([x, y]) => Math.hypot(x - onScreen[0]![0], y - onScreen[0]![1]) > 60)) continue;
      probes.push({ middle: onScreen[0]!, corners: [onScreen[1]!, onScreen[2]!] });
    }
    expect(probes.length).toBeGreaterThanOrEqual(1);
    const shot = await screenshot(page, 'analysis-shortfall-dots.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-shortfall').click());
    const without = await screenshot(page, 'analysis-shortfall-dots-off.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-shortfall').click());
    for (const { middle: [x, y], corners } of probes) {
      // The middle of the cell is the dot: purple (bluish, B > G) where the density beneath is warm.
      const [r, g, b] = shot.at(x, y);
      expect(b > g + 20 && b >= r - 30, `dot at ${x},${y}: ${[r, g, b]}`).toBe(true);
      expect(colourDistance(shot.at(x, y), without.at(x, y))).toBeGreaterThan(40);
      // Near the cell's corners the density shows as it is without the shortfall layer.
      for (const [cx, cy] of corners) expect(colourDistance(shot.at(cx, cy), without.at(cx, cy)), `corner ${cx},${cy} of ${x},${y}`).toBeLessThan(8);
    }
    await redrawAfter(page, () => page.evaluate(() => window.__catchmap!.fitDistrict()));
  });

  it("shows migrants' children's access next to registered residents', under either admission policy, as the engine computes it", async () => {
    const figures = (admission: 'proportional' | 'registered-first') => {
      const b = engine({ type: 'primary', registration: { admission } }).byRegistration!;
      if (!b.available) throw new Error('the demo has registration groups');
      return b;
    };
    const cell = (id: string) => page.getByTestId(id).textContent();
    const proportional = figures('proportional');
    await expect(cell('registration-migrant-pupils')).resolves.toBe(count(proportional.migrants.pupils));
    await expect(cell('registration-registered-pupils')).resolves.toBe(count(proportional.registered.pupils));
    await expect(cell('registration-migrant-served')).resolves.toBe(pct(proportional.migrants.servedPct));
    await expect(cell('registration-registered-served')).resolves.toBe(pct(proportional.registered.servedPct));
    // Hukou-based admission: registered residents' children first, migrants' with the seats left.
    const hukou = figures('registered-first');
    expect(hukou.migrants.servedPct!).toBeLessThan(proportional.migrants.servedPct!);
    await page.getByTestId('registration-admission').selectOption('registered-first');
    await page.waitForFunction((text) => document.querySelector('[data-testid="registration-migrant-served"]')?.textContent === text, pct(hukou.migrants.servedPct), { timeout: 60_000 });
    await expect(cell('registration-registered-served')).resolves.toBe(pct(hukou.registered.servedPct));
    await page.getByTestId('registration-admission').selectOption('proportional');
    await page.waitForFunction((text) => document.querySelector('[data-testid="registration-migrant-served"]')?.textContent === text, pct(proportional.migrants.servedPct), { timeout: 60_000 });
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
