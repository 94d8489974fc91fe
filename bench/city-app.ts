/**
 * `npm run bench -- city-app`: the built app (`dist/`, made by `npm run build`) in headless
 * Chromium with a whole city: an 800,000-pixel population raster, 1,500 schools, 300 urban
 * villages and a boundary (bench/city-data.ts). Measures the seconds from adding the raster to the
 * analysis on screen, the page's JS heap, the time to recommend 8 sites, and the time of what-if
 * updates (`app_800k_whatif_ms`: a site dragged, each step's numbers on screen; `add_site`: a
 * click that adds one, hover picking included); the baseline is the same district's analysis in this process's engine (the CLI path),
 * whose figures the page must show.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { applyMapping, createWhatIfSession, evaluate, loadFile } from '../src/core/index.ts';
import { launchBrowser, OUTPUT_DIR, startPreview, whatIfSynced } from '../test/e2e/harness.ts';
import { writeCityFiles, type CityFiles } from './city-data.ts';
import { readFileSync } from 'node:fs';

async function engineFigures(files: CityFiles): Promise<{ seconds: number; coverage: string; whatIfMs: number }> {
  const t0 = performance.now();
  const layer = async (file: string, role: 'population' | 'facilities' | 'villages') => {
    const mapped = applyMapping(await loadFile(new Uint8Array(readFileSync(file)), file, {}), role);
    return mapped.grid ?? mapped.collection;
  };
  const input = { population: await layer(files.population, 'population'), facilities: await layer(files.facilities, 'facilities'), villages: await layer(files.villages, 'villages') };
  const result = evaluate(input, { type: 'primary' });
  const seconds = (performance.now() - t0) / 1000;
  // The editing engine alone: the same five sites added one by one, as the page does below.
  const session = createWhatIfSession(input, { type: 'primary' });
  const times: number[] = [];
  SITES.forEach((lngLat, k) => {
    const t = performance.now();
    session.addSite({ id: `P${k + 1}`, lngLat, seats: 1000, classes: null });
    times.push(performance.now() - t);
  });
  times.sort((a, b) => a - b);
  return { seconds, coverage: `${result.summary.coveragePct!.toFixed(1)} %`, whatIfMs: times[Math.floor(times.length / 2)] };
}

/** Steps of the timed drag. */
const DRAG_STEPS = 10;

const SITES: [number, number][] = [[113.55, 34.85], [113.6, 34.8], [113.7, 34.75], [113.75, 34.9], [113.65, 34.7]];

async function addFile(page: Page, path: string, role: string): Promise<void> {
  await page.getByTestId('data-file-input').setInputFiles(path);
  await page.getByTestId('load-dialog').waitFor({ timeout: 600_000 });
  await page.getByTestId('load-role').selectOption(role);
  await page.getByTestId('load-add').click();
  await page.getByTestId('load-dialog').waitFor({ state: 'detached', timeout: 600_000 });
}

/**
 * Records in the page when the what-if panel's numbers become those of its sites again
 * (`data-synced` turning "yes"), so an edit's time is measured where it happens, not by polling
 * from here (a poll can miss a short "no" and wait for its timeout).
 */
async function watchEdits(page: Page): Promise<void> {
  // A string, not a function: the bench's TypeScript transform would wrap named functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const synced = (window.__editsSynced = []);
    const panel = document.querySelector('[data-testid="whatif-panel"]');
    new MutationObserver(() => panel.getAttribute('data-synced') === 'yes' && synced.push(performance.now())).observe(panel, { attributes: true, attributeFilter: ['data-synced'] });
  })()`);
}

/** Milliseconds from an edit (a click or a drag step) to the panel's numbers being those of the edited sites, in the page's clock. */
async function editMs(page: Page, edit: () => Promise<void>): Promise<number> {
  const before = (await page.evaluate('window.__editsSynced.length')) as number;
  const t0 = (await page.evaluate('performance.now()')) as number;
  await edit();
  await page.waitForFunction(
    (n) => (window as unknown as { __editsSynced: number[] }).__editsSynced.length > n && document.querySelector('[data-testid="whatif-panel"]')?.getAttribute('data-synced') === 'yes',
    before,
    { timeout: 60_000, polling: 5 },
  );
  const synced = (await page.evaluate('window.__editsSynced')) as number[];
  return synced[synced.length - 1] - t0;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1e6;
}

export async function cityAppBench(): Promise<void> {
  const files = writeCityFiles(mkdtempSync(join(tmpdir(), 'catchmap-city-')));
  const engine = await engineFigures(files);
  console.log(`engine (this process): ${engine.seconds.toFixed(2)} s, coverage ${engine.coverage}; what-if engine alone: median ${engine.whatIfMs.toFixed(0)} ms a site added`);

  const preview = await startPreview();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
    await page.goto(preview.url);
    await page.getByTestId('analysis-summary').waitFor({ timeout: 120_000 });
    await addFile(page, files.boundary, 'boundary');
    await addFile(page, files.villages, 'villages');
    await addFile(page, files.facilities, 'facilities');
    const t0 = performance.now();
    const since = () => ((performance.now() - t0) / 1000).toFixed(2);
    await page.getByTestId('data-file-input').setInputFiles(files.population);
    await page.getByTestId('load-dialog').waitFor({ timeout: 600_000 });
    const read = since();
    await page.getByTestId('load-role').selectOption('population');
    await page.getByTestId('load-add').click();
    await page.getByTestId('analysis-progress').waitFor({ timeout: 600_000 });
    const started = since();
    await page.waitForFunction((text) => document.querySelector('[data-testid="summary-coverage"]')?.textContent === text, engine.coverage, { timeout: 900_000, polling: 100 });
    const evalS = (performance.now() - t0) / 1000;
    console.log(`app: file read and previewed at ${read} s, analysis started at ${started} s`);
    const heap = await heapMb(page);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUTPUT_DIR, 'city-app.png') });
    console.log(`app: raster added → analysis shown ${evalS.toFixed(2)} s (${(evalS / engine.seconds).toFixed(2)}× the engine alone), main heap ${heap.toFixed(0)} MB`);

    const t2 = performance.now();
    await page.getByTestId('whatif-start').click();
    await whatIfSynced(page);
    const startS = (performance.now() - t2) / 1000;
    await watchEdits(page);
    const updatesMs: number[] = [];
    for (const [lng, lat] of SITES) {
      const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), [lng, lat] as [number, number]);
      updatesMs.push(await editMs(page, () => page.mouse.click(x, y)));
    }
    updatesMs.sort((a, b) => a - b);
    const addMs = updatesMs[Math.floor(updatesMs.length / 2)];
    console.log(`app: editing session started in ${startS.toFixed(2)} s; a site added by a click → numbers updated: median ${addMs.toFixed(0)} ms (${updatesMs.map((m) => m.toFixed(0)).join(', ')})`);
    // A drag: press on the last site and move it in steps, each step's numbers awaited. While sites
    // are edited the map picks nothing, so this is the engine, the worker round trip and the
    // page's update, as a planner dragging a site sees it.
    const [sx, sy] = await page.evaluate((p) => window.__catchmap!.project(p), SITES[SITES.length - 1]);
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    const dragMs: number[] = [];
    for (let k = 1; k <= DRAG_STEPS; k++) dragMs.push(await editMs(page, () => page.mouse.move(sx + 6 * k, sy + 3 * k)));
    await page.mouse.up();
    dragMs.sort((a, b) => a - b);
    const updateMs = dragMs[Math.floor(dragMs.length / 2)];
    console.log(`app: a site dragged → numbers updated: median ${updateMs.toFixed(0)} ms, p90 ${dragMs[Math.floor(dragMs.length * 0.9)].toFixed(0)} ms over ${DRAG_STEPS} steps (${dragMs.map((m) => m.toFixed(0)).join(', ')})`);
    await page.getByTestId('whatif-stop').click();
    await page.getByTestId('confirm-yes').click();

    const t1 = performance.now();
    await page.getByTestId('rec-run').click();
    await page.getByTestId('rec-proposals').waitFor({ timeout: 900_000 });
    const recS = (performance.now() - t1) / 1000;
    console.log(`app: recommend 8 sites ${recS.toFixed(2)} s`);
    console.log(`RESULT app_800k_eval_s=${evalS.toFixed(2)} app_800k_heap_mb=${heap.toFixed(0)} app_800k_whatif_ms=${updateMs.toFixed(0)} app_800k_add_site_ms=${addMs.toFixed(0)} engine_whatif_ms=${engine.whatIfMs.toFixed(0)} app_800k_recommend_s=${recS.toFixed(2)} engine_ratio=${(evalS / engine.seconds).toFixed(2)}`);
  } finally {
    await browser.close();
    preview.stop();
  }
}
