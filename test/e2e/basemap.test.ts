import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { bbox, pointOnFeature } from '@turf/turf';
import { colourDistance, readDemo, redrawAfter, screenshot, waitForLayers, withApp, type AppSession } from './harness.ts';
import { demoArchive } from '../../scripts/make-pmtiles.ts';

const boundary = readDemo<FeatureCollection<Polygon>>('demo-boundary.geojson');
const villages = readDemo<FeatureCollection<Polygon, { name: string; name_en: string; population: number }>>('demo-urban-villages.geojson');
const facilities = readDemo<FeatureCollection<Point, { name: string; name_en: string; type: string }>>('demo-facilities.geojson');
const roads = readDemo<FeatureCollection<LineString, { name?: string; class: string }>>('demo-roads.geojson');
const district = bbox(boundary) as [number, number, number, number];

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const VILLAGE_TEXT = hex('#8e0152');

/** Pixels within `r` px of (x, y) closer than `tolerance` to `colour`. */
function countNear(shot: Awaited<ReturnType<typeof screenshot>>, x: number, y: number, r: number, colour: number[], tolerance: number): number {
  let n = 0;
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (colourDistance(shot.at(x + dx, y + dy), colour) < tolerance) n++;
  return n;
}

/** Near-black pixels (every channel under 70) within `w` px left and right and `h` px above and below (x, y), outside the symbol at its centre. */
function darkPixels(shot: Awaited<ReturnType<typeof screenshot>>, x: number, y: number, w: number, h: number): number {
  let n = 0;
  for (let dy = -h; dy <= h; dy++)
    for (let dx = -w; dx <= w; dx++) {
      if (Math.hypot(dx, dy) < 14) continue;
      const [r, g, b] = shot.at(x + dx, y + dy);
      if (Math.max(r, g, b) < 70) n++;
    }
  return n;
}

async function jumpTo(page: Page, lngLat: [number, number], zoom: number) {
  await redrawAfter(page, () => page.evaluate(([p, z]) => window.__catchmap!.jumpTo(p, z), [lngLat, zoom] as const));
}

const styleLayers = (page: Page) => page.evaluate(() => window.__catchmap!.styleLayerIds());

describe('labels in the offline style (headless Chromium)', () => {
  let app: AppSession;
  withApp((a) => (app = a), { waitForAnalysis: false });

  it('has the label layers, and draws names from fonts served by the app alone', async () => {
    const { page } = app;
    const ids = await styleLayers(page);
    for (const id of ['labels-roads', 'labels-villages', 'labels-facilities']) expect(ids).toContain(id);
    // Labels come after (over) every other style layer.
    expect(ids.slice(-3).sort()).toEqual(['labels-facilities', 'labels-roads', 'labels-villages']);
  });

  it('names urban villages at zoom 13, in Chinese and Latin, from the app’s own font files', async () => {
    const { page } = app;
    const fonts: string[] = [];
    const other: string[] = [];
    page.on('response', (r) => {
      if (/\.woff2($|\?)/.test(r.url())) fonts.push(`${r.status()} ${r.url()}`);
      else if (!r.url().startsWith(app.preview.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) other.push(r.url());
    });
    const biggest = [...villages.features].sort((a, b) => b.properties.population - a.properties.population)[0];
    const at = pointOnFeature(biggest as Feature<Polygon>).geometry.coordinates as [number, number];
    await jumpTo(page, at, 13);
    // As the planner sees it, every layer on: the analysis is drawn under the names.
    const shot = await screenshot(page, 'basemap-labels-villages.png');
    const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), at);
    expect(countNear(shot, x, y, 40, VILLAGE_TEXT, 60)).toBeGreaterThan(30);
    // The name's white halo (92 % opaque): no analysis colour is that white (the palest density
    // class is 77 away), so the name is drawn over the analysis.
    expect(countNear(shot, x, y, 40, [255, 255, 255], 45)).toBeGreaterThan(60);
    expect(await page.evaluate(() => window.__catchmap!.drawnLayerIds)).toEqual(expect.arrayContaining(['population', 'villages']));
    // The font files came from the app's own server, and nothing from anywhere else.
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^200 http:\/\/127\.0\.0\.1:\d+\//);
    expect(other).toEqual([]);
  });

  it('names facilities at zoom 16 and roads along the lines from zoom 15', async () => {
    const { page } = app;
    // The primary school nearest the district's middle (away from the dark boundary line).
    const middle = [(district[0] + district[2]) / 2, (district[1] + district[3]) / 2];
    const school = facilities.features
      .filter((f) => f.properties.type === 'primary')
      .sort((a, b) => Math.hypot(a.geometry.coordinates[0] - middle[0], a.geometry.coordinates[1] - middle[1]) - Math.hypot(b.geometry.coordinates[0] - middle[0], b.geometry.coordinates[1] - middle[1]))[0];
    const at = school.geometry.coordinates as [number, number];
    await jumpTo(page, at, 16);
    const shot = await screenshot(page, 'basemap-labels-facilities.png');
    const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), at);
    // Near-black text in a band beside the school's symbol (the label goes on a free side).
    expect(darkPixels(shot, x, y, 90, 45)).toBeGreaterThan(30);

    const arterial = roads.features.find((r) => r.properties.class === 'arterial' && r.properties.name)!;
    const mid = arterial.geometry.coordinates[Math.floor(arterial.geometry.coordinates.length / 2)] as [number, number];
    await jumpTo(page, mid, 15);
    const road = await screenshot(page, 'basemap-labels-roads.png');
    // Road names go with the roads: the dark grey text pixels that the roads' switch takes away.
    await redrawAfter(page, () => page.getByTestId('layer-toggle-roads').click());
    const noRoad = await screenshot(page, 'basemap-labels-roads-off.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-roads').click());
    const greyText = (c: number[]) => Math.max(...c) < 130 && Math.max(...c) - Math.min(...c) < 12;
    let names = 0;
    for (let y = 60; y < 840; y++) for (let x = 320; x < 1000; x++) if (greyText(road.at(x, y)) && !greyText(noRoad.at(x, y))) names++;
    expect(names).toBeGreaterThan(50);
    // At zoom 14, under the facilities' zoom, no name beside the school.
    await jumpTo(page, at, 14);
    const below = await screenshot(page, 'basemap-labels-zoom14.png');
    const [x14, y14] = await page.evaluate((p) => window.__catchmap!.project(p), at);
    expect(darkPixels(below, x14, y14, 90, 45)).toBeLessThan(5);
    // Facility names follow the facilities' switch.
    await jumpTo(page, at, 16);
    const named = await screenshot(page, 'basemap-labels-facilities-on.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-facilities').click());
    const unnamed = await screenshot(page, 'basemap-labels-facilities-off.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-facilities').click());
    const [x16, y16] = await page.evaluate((p) => window.__catchmap!.project(p), at);
    expect(darkPixels(named, x16, y16, 90, 45)).toBeGreaterThan(20);
    expect(darkPixels(unnamed, x16, y16, 90, 45)).toBeLessThan(5);
  });
});

describe("urban villages' outlines (headless Chromium)", () => {
  let app: AppSession;
  withApp((a) => (app = a), { waitForAnalysis: false });

  // deck.gl's overlay puts its layers into the style only while no source is loading; on a first
  // load the demo's sources usually are, and then nothing of deck.gl's was drawn (4 loads in 6).
  it("has deck.gl's layers in the map's style whenever the map is ready, on every fresh load", async () => {
    const { page } = app;
    for (let load = 0; load < 4; load++) {
      if (load > 0) await page.reload();
      await waitForLayers(page, ['villages', 'catchments']);
      const groups = (await page.evaluate(() => window.__catchmap!.layerOrder())).filter((id) => id.startsWith('deck-maplibre-layer-group'));
      expect(groups, `load ${load + 1}`).toEqual([
        'deck-maplibre-layer-group-before:village-outlines',
        'deck-maplibre-layer-group-before:analysis-slot',
        'deck-maplibre-layer-group-last',
      ]);
    }
  });

  it('are drawn by the style in magenta between the density and villages fill and the catchments, and go with the villages switch', async () => {
    const { page } = app;
    await waitForLayers(page, ['villages', 'catchments']);
    const order = await page.evaluate(() => window.__catchmap!.layerOrder());
    const group = (id: string) => order.indexOf(`deck-maplibre-layer-group-before:${id}`);
    expect(group('village-outlines')).toBeGreaterThan(order.indexOf('district-boundary-line'));
    expect(order.indexOf('village-outlines')).toBe(group('village-outlines') + 1);
    expect(group('analysis-slot')).toBe(order.indexOf('village-outlines') + 1);
    // The middle of the longest edge of the most populous village, at street level.
    const biggest = [...villages.features].sort((a, b) => b.properties.population - a.properties.population)[0];
    const ring = biggest.geometry.coordinates[0];
    let mid: [number, number] = [0, 0];
    let longest = 0;
    for (let i = 1; i < ring.length; i++) {
      const d = Math.hypot(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
      if (d > longest) [longest, mid] = [d, [(ring[i][0] + ring[i - 1][0]) / 2, (ring[i][1] + ring[i - 1][1]) / 2]];
    }
    await jumpTo(page, mid, 15);
    const magenta = [197, 27, 125];
    const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), mid);
    const on = await screenshot(page, 'village-outline.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-villages').click());
    const off = await screenshot(page, 'village-outline-off.png');
    await redrawAfter(page, () => page.getByTestId('layer-toggle-villages').click());
    // The 2 px line across the point: at least a 2 × 2 patch of it within 3 px.
    expect(countNear(on, x, y, 3, magenta, 40)).toBeGreaterThanOrEqual(4);
    expect(countNear(off, x, y, 3, magenta, 80)).toBe(0);
  });
});

const WATER = hex('#9ec9dc');

describe('basemap presets (headless Chromium)', () => {
  let app: AppSession;
  withApp((a) => (app = a), { waitForAnalysis: false });
  const archive = demoArchive(district);
  const [w, s, e, n] = district;
  // In the archive's lake, west of the district, where no district layer is drawn.
  const lake: [number, number] = [w - (e - w) * 0.6, (s + n) / 2];

  it('draws a PMTiles file picked in the basemap settings as the basemap, in the generic style', async () => {
    const { page } = app;
    await page.getByTestId('basemap-preset-pmtiles').check();
    await page.getByTestId('basemap-pmtiles-input').setInputFiles({ name: 'erqi test.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from(archive) });
    await page.waitForFunction(() => window.__catchmap!.styleLayerIds().includes('pmtiles-water-fill'), undefined, { timeout: 30_000 });
    const ids = await styleLayers(page);
    // The archive's layers under the district's, the names on top.
    expect(ids.indexOf('pmtiles-water-fill')).toBeLessThan(ids.indexOf('landuse-fill'));
    expect(ids.slice(-3).sort()).toEqual(['labels-facilities', 'labels-roads', 'labels-villages']);
    await jumpTo(page, lake, 12);
    const shot = await screenshot(page, 'basemap-pmtiles.png');
    const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), lake);
    expect(colourDistance(shot.at(x, y), WATER)).toBeLessThan(12);
    await expect(page.getByTestId('basemap-in-use').textContent()).resolves.toContain('erqi test.pmtiles');
    expect(await page.getByTestId('notices').count()).toBe(0);
  });

  it('takes a .pmtiles file dropped on the map as the basemap, not as data', async () => {
    const { page } = app;
    await page.getByTestId('basemap-preset-local').check();
    await page.waitForFunction(() => !window.__catchmap!.styleLayerIds().includes('pmtiles-water-fill'), undefined, { timeout: 30_000 });
    const layersBefore = await page.getByTestId('workspace').textContent();
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.pmtiles'));
      return dt;
    }, [...archive]);
    await page.dispatchEvent('[data-testid="map"]', 'drop', { dataTransfer });
    await page.waitForFunction(() => window.__catchmap!.styleLayerIds().includes('pmtiles-water-fill'), undefined, { timeout: 30_000 });
    await expect(page.getByTestId('basemap-in-use').textContent()).resolves.toContain('dropped.pmtiles');
    expect(await page.getByTestId('basemap-preset-pmtiles').isChecked()).toBe(true);
    // The data loader never saw it: no dialog, no refusal, the workspace as it was.
    expect(await page.getByTestId('load-dialog').count()).toBe(0);
    expect(await page.getByTestId('notices').count()).toBe(0);
    expect(await page.getByTestId('workspace').textContent()).toBe(layersBefore);
    await redrawAfter(page, () => page.evaluate(() => window.__catchmap!.fitDistrict()));
    await screenshot(page, 'basemap-pmtiles-district.png');
    expect(app.errors).toEqual([]);
  });

  it('asks Tianditu for vec_w and cva_w tiles with the key, and falls back to the local style with a notice when they fail', async () => {
    const { page } = app;
    const KEY = '0123456789abcdef0123456789abcdef';
    const asked: string[] = [];
    await page.route(/tianditu\.gov\.cn/, (route) => {
      asked.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await page.getByTestId('basemap-preset-tianditu').check();
    await page.getByTestId('basemap-tianditu-key').fill(KEY);
    await page.getByTestId('basemap-tianditu-apply').click();
    await expect(page.getByTestId('notices').textContent({ timeout: 30_000 })).resolves.toMatch(/local offline style/);
    const notice = (await page.getByTestId('notices').textContent())!;
    expect(notice).toContain('Tianditu');
    expect(notice).not.toContain(KEY);
    // What was asked for: Web Mercator WMTS tiles of the vector map (or its labels), with the key.
    expect(asked.length).toBeGreaterThan(0);
    for (const u of asked) {
      const url = new URL(u);
      expect(url.hostname).toMatch(/^t[0-7]\.tianditu\.gov\.cn$/);
      expect(['/vec_w/wmts', '/cva_w/wmts']).toContain(url.pathname);
      expect(url.searchParams.get('LAYER')).toBe(url.pathname.slice(1, 4));
      expect(url.searchParams.get('TILEMATRIXSET')).toBe('w');
      expect(url.searchParams.get('tk')).toBe(KEY);
      expect(Number(url.searchParams.get('TILEMATRIX'))).toBeGreaterThan(0);
    }
    // Back on the local style, which says so.
    await page.waitForFunction(() => !window.__catchmap!.styleLayerIds().some((id) => id.startsWith('tianditu')), undefined, { timeout: 30_000 });
    expect(await styleLayers(page)).toContain('labels-villages');
    await expect(page.getByTestId('basemap-in-use').textContent()).resolves.toMatch(/local offline style/);
    expect(await page.getByTestId('basemap-preset-local').isChecked()).toBe(true);
    // The key stays in this browser for next time.
    expect(await page.evaluate(() => localStorage.getItem('catchmap.tiandituKey'))).toBe(KEY);
    await page.unroute(/tianditu\.gov\.cn/);
    expect(app.errors.every((e) => /tianditu|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), JSON.stringify(app.errors)).toBe(true);
    app.errors.length = 0;
    for (const n of await page.getByTestId('notices').getByRole('button').all()) await n.click();
  });

  it('flags Amap (GCJ-02) tiles as offset from the WGS84 data while they are the basemap', async () => {
    const { page } = app;
    const held: (() => Promise<void>)[] = [];
    // The tiles never answer until the end: the basemap stays chosen while the warning is read.
    await page.route(/autonavi\.com/, (route) => {
      held.push(() => route.abort('internetdisconnected'));
    });
    const url = 'https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';
    await page.getByTestId('basemap-url').fill(url);
    // Known as GCJ-02 before it is applied.
    expect(await page.getByTestId('basemap-gcj02').isChecked()).toBe(true);
    expect(await page.getByTestId('basemap-offset-warning').count()).toBe(0);
    await page.getByTestId('basemap-apply').click();
    await page.getByTestId('basemap-offset-warning').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('basemap-offset-warning').textContent()).resolves.toMatch(/GCJ-02.*WGS84/);
    await page.waitForFunction(() => window.__catchmap!.styleLayerIds().includes('basemap-raster'), undefined, { timeout: 30_000 });
    await page.getByTestId('locale-zh-CN').click();
    await expect(page.getByTestId('basemap-offset-warning').textContent()).resolves.toMatch(/GCJ-02.*WGS84.*数百米/);
    await page.getByTestId('locale-en').click();
    // When the tiles fail, the local style comes back and the warning goes.
    await Promise.all(held.map((abort) => abort().catch(() => undefined)));
    await expect(page.getByTestId('notices').textContent({ timeout: 30_000 })).resolves.toMatch(/local offline style/);
    await page.getByTestId('basemap-offset-warning').waitFor({ state: 'detached', timeout: 10_000 });
    await page.unroute(/autonavi\.com/);
    app.errors.length = 0;
  });
});
