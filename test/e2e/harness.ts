import { afterAll, beforeAll, expect } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { EvaluateInput } from '../../src/core/index.ts';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { PNG } from 'pngjs';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A demo layer from data/geo, parsed. */
export const readDemo = <T = unknown>(name: string): T => JSON.parse(readFileSync(resolve(ROOT, 'data/geo', name), 'utf8')) as T;

/** The demo district as the engine takes it, for computing what the app must show. */
export const demoDistrict = (): EvaluateInput => ({
  population: readDemo('demo-population.geojson'),
  facilities: readDemo('demo-facilities.geojson'),
  villages: readDemo('demo-urban-villages.geojson'),
});

/** A share as the app shows it in English. */
export const pct = (n: number | null) => `${n!.toFixed(1)} %`;
export const OUTPUT_DIR = resolve(ROOT, 'test-output');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
};

export interface Preview {
  url: string;
  stop(): void;
}

/**
 * Serves the production build (`dist/`, made by `npm run build`) on a free loopback port. A few
 * lines of node:http rather than `vite preview`, which refuses to run twice for one project.
 */
export async function startPreview(): Promise<Preview> {
  const dist = resolve(ROOT, 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error('dist/index.html is missing: run `npm run build` first');
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = resolve(dist, '.' + (path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, stop: () => server.close() };
}

// The browser (system Chromium, CATCHMAP_CHROMIUM, or the one inside @sparticuz/chromium): see browser.ts.
export { launchBrowser };

/** Collects uncaught page errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function waitForMapReady(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(() => window.__catchmap?.ready === true, undefined, { timeout: timeoutMs, polling: 250 });
}

export interface Screenshot {
  png: PNG;
  at(x: number, y: number): [number, number, number];
}

export async function screenshot(page: Page, name: string): Promise<Screenshot> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const buffer = await page.screenshot({ path: resolve(OUTPUT_DIR, name) });
  const png = PNG.sync.read(buffer);
  return {
    png,
    at(x, y) {
      const i = (Math.round(y) * png.width + Math.round(x)) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    },
  };
}

export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** `top` drawn with `alpha` over `bottom`. */
export function blend(top: readonly number[], bottom: readonly number[], alpha: number): number[] {
  return [0, 1, 2].map((k) => top[k] * alpha + bottom[k] * (1 - alpha));
}

export interface AppSession {
  preview: Preview;
  browser: Browser;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** Builds nothing: serves `dist/`, opens the app (at 1400×900 unless told) and waits for the first full frame. */
export async function openApp(viewport = { width: 1400, height: 900 }): Promise<AppSession> {
  const preview = await startPreview();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport });
  const errors = watchErrors(page);
  await page.goto(preview.url);
  await waitForMapReady(page);
  return {
    preview,
    browser,
    page,
    errors,
    async close() {
      await browser.close();
      preview.stop();
    },
  };
}

/**
 * For a describe block: opens the app before its tests (waiting for the first analysis, unless
 * `waitForAnalysis` is false), hands the session to `onOpen`, and closes it after them.
 */
export function withApp(onOpen: (app: AppSession) => void, { viewport, waitForAnalysis = true }: { viewport?: { width: number; height: number }; waitForAnalysis?: boolean } = {}): void {
  let app: AppSession | undefined;
  beforeAll(async () => {
    app = await openApp(viewport);
    if (waitForAnalysis) await app.page.getByTestId('analysis-summary').waitFor({ timeout: 60_000 });
    onOpen(app);
  });
  afterAll(async () => {
    await app?.close();
  });
}

/** Does `action`, then waits for a frame drawn after it with everything loaded. */
export async function redrawAfter(page: Page, action: () => Promise<unknown>, timeoutMs = 120_000): Promise<void> {
  const before = await page.evaluate(() => window.__catchmap!.frames);
  await action();
  await page.waitForFunction(
    (n) => window.__catchmap!.frames > n && window.__catchmap!.ready,
    before,
    { timeout: timeoutMs, polling: 100 },
  );
}

/** Waits until the last drawn frame holds all of `layerIds` and everything has loaded. */
export async function waitForLayers(page: Page, layerIds: string[], timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(
    (ids) => window.__catchmap?.ready === true && ids.every((id) => window.__catchmap!.drawnLayerIds.includes(id)),
    layerIds,
    { timeout: timeoutMs, polling: 250 },
  );
}

/** Page pixel positions of lon/lat points, or null where they are off screen or under a panel. */
export async function onMap(page: Page, points: [number, number][]): Promise<([number, number] | null)[]> {
  return page.evaluate((pts) => {
    return pts.map((p) => {
      const [x, y] = window.__catchmap!.project(p);
      if (x < 20 || y < 20 || x > window.innerWidth - 20 || y > window.innerHeight - 20) return null;
      const el = document.elementFromPoint(x, y);
      return el instanceof HTMLCanvasElement ? ([x, y] as [number, number]) : null;
    });
  }, points);
}

/** Waits until the what-if editor's live numbers belong to its current sites. */
export async function whatIfSynced(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="whatif-panel"][data-synced="yes"]', { timeout: 60_000 });
}

/** Starts hand editing (if needed) and adds a proposed site by clicking the map at a coordinate. */
export async function addSiteByClick(page: Page, lngLat: [number, number]): Promise<void> {
  if ((await page.getByTestId('whatif-start').count()) > 0) await page.getByTestId('whatif-start').click();
  await whatIfSynced(page);
  const [x, y] = await page.evaluate((p) => window.__catchmap!.project(p), lngLat);
  await page.mouse.click(x, y);
  await page.getByTestId('whatif-sites').waitFor();
  await whatIfSynced(page);
}

/** Loads a file through the Data panel, checks the role the dialog suggests, and adds it. */
export async function loadInApp(page: Page, name: string, content: string | Buffer, role: string): Promise<void> {
  await page.getByTestId('data-file-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
  await page.getByTestId('load-dialog').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('load-role').inputValue()).toBe(role);
  await page.getByTestId('load-add').click();
  await page.getByTestId('load-dialog').waitFor({ state: 'detached', timeout: 30_000 });
}
