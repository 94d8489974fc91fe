import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUTPUT_DIR = resolve(ROOT, 'test-output');

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface Preview {
  url: string;
  stop(): void;
}

/** Serves the production build (`dist/`, made by `npm run build`) with vite preview. */
export async function startPreview(): Promise<Preview> {
  const port = await freePort();
  // Started directly (not through npx) so killing this PID stops the whole server.
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not start on ${url}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop: () => child.kill() };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
}

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
