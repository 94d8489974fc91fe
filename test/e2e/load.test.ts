import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { applyMapping, evaluate, loadFile } from '../../src/core/index.ts';
import { FACILITY_STYLE } from '../../src/app/map/facility-style.ts';
import { demoDistrict, pct, colourDistance, onMap, screenshot, type AppSession, withApp } from './harness.ts';

const district = demoDistrict();

/** Three new primary schools where the demo has most pupils outside every catchment. */
const today = evaluate(district, { type: 'primary' });
const spots = today.cells
  .filter((c) => !c.covered)
  .sort((a, b) => b.unserved - a.unserved)
  .reduce<typeof today.cells>((picked, c) => {
    const far = picked.every((p) => Math.hypot(p.lngLat[0] - c.lngLat[0], p.lngLat[1] - c.lngLat[1]) > 0.015);
    return picked.length < 3 && far ? [...picked, c] : picked;
  }, []);
const schoolsCsv =
  '学校名称,经度,纬度,学位,类型\n' + spots.map((c, i) => `新建第${i + 1}小学,${c.lngLat[0].toFixed(6)},${c.lngLat[1].toFixed(6)},1350,小学`).join('\n') + '\n';

async function dropFile(page: Page, name: string, text: string) {
  const dataTransfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('[data-testid="map"]', 'drop', { dataTransfer });
}

describe('bring your own data (headless Chromium)', () => {
  let app: AppSession;
  let page: Page;
  withApp((opened) => ((app = opened), (page = opened.page)));

  it('refuses a broken file with its reason and keeps everything already loaded', async () => {
    const coverage = await page.getByTestId('summary-coverage').textContent();
    await dropFile(page, 'broken.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature",');
    await expect(page.getByTestId('notices').textContent({ timeout: 30_000 })).resolves.toMatch(/broken\.geojson was not loaded: invalid JSON at position \d+/);
    expect(await page.getByTestId('summary-coverage').textContent()).toBe(coverage);
    expect(await page.getByTestId('load-dialog').count()).toBe(0);
  });

  it('loads a CSV of schools with Chinese headers, adds them and re-evaluates like the engine', async () => {
    await page.getByTestId('data-file-input').setInputFiles({ name: 'new-schools.csv', mimeType: 'text/csv', buffer: Buffer.from(schoolsCsv) });
    const dialog = page.getByTestId('load-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('load-role').inputValue()).toBe('facilities');
    expect(await page.getByTestId('map-capacity').inputValue()).toBe('学位');
    await expect(page.getByTestId('load-report').textContent()).resolves.toContain('Read 3, usable 3, skipped 0');

    // The engine's answer for the same file through the same loaders.
    const loaded = await loadFile(new TextEncoder().encode(schoolsCsv), 'new-schools.csv');
    const layer = applyMapping(loaded, 'facilities');
    const demoFacilities = district.facilities as { features: unknown[] };
    const expected = evaluate(
      { ...district, facilities: { type: 'FeatureCollection', features: [...demoFacilities.features.filter((f) => (f as { properties: { type: string } }).properties.type !== 'primary'), ...layer.collection.features] } },
      { type: 'primary' },
    );

    await page.getByTestId('load-add').click();
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="summary-seats"]')?.textContent === text,
      expected.summary.seats.toLocaleString('en'),
      { timeout: 60_000 },
    );
    expect(await page.getByTestId('summary-coverage').textContent()).toBe(pct(expected.summary.coveragePct));
    await expect(page.getByTestId('data-loaded').textContent()).resolves.toContain('new-schools.csv');
    // Only the loaded schools are primary now (the file replaced the demo's primary schools).
    expect(expected.summary.facilities).toBe(3);
  });

  it('draws a GeoJSON dropped onto the map', async () => {
    const juniors = {
      type: 'FeatureCollection',
      features: spots.map((c, i) => ({
        type: 'Feature',
        properties: { id: `drop-${i}`, name: `Dropped junior ${i}`, type: 'junior', capacity: 1500, classes: 30 },
        geometry: { type: 'Point', coordinates: [c.lngLat[0] + 0.004, c.lngLat[1]] },
      })),
    };
    await dropFile(page, 'dropped-juniors.geojson', JSON.stringify(juniors));
    await page.getByTestId('load-dialog').waitFor({ timeout: 30_000 });
    // Added beside the demo's junior schools, not in their place.
    await page.getByTestId('load-replace').uncheck();
    // The dialog closes only when the loader worker hands the layer over, and the map draws it
    // some frames later: poll what is drawn rather than trusting the next frame.
    await page.getByTestId('load-add').click();
    await page.getByTestId('load-dialog').waitFor({ state: 'detached', timeout: 30_000 });
    await expect(page.getByTestId('data-loaded').textContent()).resolves.toContain('dropped-juniors.geojson');
    const points = juniors.features.map((f) => f.geometry.coordinates as [number, number]);
    const px = (await onMap(page, points)).filter((p) => p !== null);
    expect(px.length).toBeGreaterThanOrEqual(2);
    const green = FACILITY_STYLE.junior.colour;
    const greenDots = async () => {
      await page.waitForFunction(() => window.__catchmap!.ready, undefined, { timeout: 60_000, polling: 100 });
      const shot = await screenshot(page, 'load-dropped.png');
      return px.filter(([x, y]) => colourDistance(shot.at(x, y), green) < 45).length;
    };
    await expect.poll(greenDots, { timeout: 30_000, interval: 500 }).toBe(px.length);
    await expect(page.getByTestId('synthetic-notice').textContent()).resolves.toMatch(/Synthetic demo data/);
  });

  it('asks before converting a file that looks like Amap (GCJ-02) coordinates', async () => {
    const csv = 'name,lng,lat,capacity,type\nAmap school,113.6201,34.7202,900,primary\n';
    await page.getByTestId('data-file-input').setInputFiles({ name: 'amap-pois.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('crs-prompt').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('crs-prompt').textContent()).resolves.toMatch(/GCJ-02/);
    await page.getByTestId('crs-convert').click();
    await page.getByTestId('load-dialog').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('load-dialog').textContent()).resolves.toMatch(/gcj02 → wgs84/);
    expect(await page.getByTestId('crs-prompt').count()).toBe(0);
    await page.getByTestId('load-discard').click();
    expect(await page.getByTestId('load-dialog').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
