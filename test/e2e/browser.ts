/**
 * Which Chromium the end-to-end tests drive, found without any step outside npm:
 *
 * 1. `CATCHMAP_CHROMIUM=/path/to/chromium` — that binary;
 *    `CATCHMAP_CHROMIUM=npm` — the one from @sparticuz/chromium even where a system one exists;
 * 2. otherwise the system Chromium at /usr/bin/chromium, when present;
 * 3. otherwise @sparticuz/chromium (a devDependency): a Chromium binary shipped inside the npm
 *    package, unpacked once into the temp folder. It links only against libnss3, libnspr4 and
 *    libexpat and brings its own SwiftShader, so WebGL 2 works with no GPU, no apt-get and no root.
 */
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** For any Chromium: headless, quiet, no network of its own, WebGL through SwiftShader. */
const COMMON_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // SwiftShader ships with Chromium, so WebGL works on any machine without a GPU.
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/**
 * Flags from @sparticuz/chromium's serverless list that we leave out:
 * - --single-process: a Lambda workaround; one process for everything is fragile with several
 *   pages and browser contexts (the scenario tests open a second context) and heavy WebGL;
 * - --headless='shell': the quotes end up in the value; COMMON_ARGS and Playwright pass --headless;
 * - --disable-features / --enable-features: Chromium keeps only the last of each, so these would
 *   replace Playwright's own lists (e.g. its CDP screenshot feature);
 * - --disable-web-security, --allow-running-insecure-content: the tests check what the app does
 *   when a request is refused, so the browser must refuse what a real one refuses.
 */
const DROPPED = [/^--single-process$/, /^--headless=/, /^--disable-features=/, /^--enable-features=/, /^--disable-web-security$/, /^--allow-running-insecure-content$/];

interface Choice {
  executablePath: string;
  args: string[];
  label: string;
}

let chosen: Promise<Choice> | undefined;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unpacks @sparticuz/chromium into `<tmp>/catchmap-chromium-<version>` (about 2 s, once per
 * machine). The package itself unpacks into the temp folder and trusts any `chromium` it finds
 * there, so it unpacks into a fresh folder first and that folder is renamed into place: an
 * interrupted or concurrent run never leaves a half-written browser behind, and another version
 * gets its own folder.
 */
async function npmChromium(): Promise<Choice> {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const pkgDir = dirname(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')));
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `catchmap-chromium-${version}`);
  const executablePath = join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    const staging = mkdtempSync(`${dir}.partial-`);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = staging; // os.tmpdir(), where the package unpacks, reads it on every call
    try {
      await sparticuz.executablePath(join(pkgDir, 'bin'));
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    try {
      renameSync(staging, dir);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(executablePath)) throw e; // not just another run that got there first
    }
  }
  const args = sparticuz.args.filter((a) => !DROPPED.some((re) => re.test(a)));
  return { executablePath, args: [...args, ...COMMON_ARGS], label: `@sparticuz/chromium ${version} (${executablePath})` };
}

async function choose(): Promise<Choice> {
  const override = process.env.CATCHMAP_CHROMIUM?.trim();
  if (override === 'npm') return npmChromium();
  if (override) {
    if (!isExecutable(override)) throw new Error(`CATCHMAP_CHROMIUM=${override} is not an executable file`);
    return { executablePath: override, args: COMMON_ARGS, label: `${override} (from CATCHMAP_CHROMIUM)` };
  }
  if (isExecutable(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: COMMON_ARGS, label: `system Chromium (${SYSTEM_CHROMIUM})` };
  return npmChromium();
}

/** Launches the Chromium chosen above; says once (per test worker) which one it is. */
export async function launchBrowser(): Promise<Browser> {
  if (!chosen) {
    chosen = choose();
    chosen.then((c) => console.log(`e2e browser: ${c.label}`)).catch(() => {});
  }
  const { executablePath, args } = await chosen;
  return chromium.launch({ executablePath, args });
}
