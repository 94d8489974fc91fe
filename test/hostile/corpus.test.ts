import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { HOSTILE_CASES, type HostileCase } from '../../scripts/hostile-corpus.ts';
import { connectPersistence } from '../../src/app/scenario/persistence.ts';
import { readScenario, readSharedScenario } from '../../src/app/scenario/scenario.ts';
import { newStore, workedDistrict } from '../app/store/fixture.ts';
import { runCli } from '../cli/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'catchmap-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Light cases only: the bombs run in `npm run bench -- hostile`. */
const RUN = HOSTILE_CASES.filter((c) => !c.heavy);

/** Writes a case's files and replaces `@NAME` in its arguments with their paths. */
function prepare(c: HostileCase): { argv: string[]; path: (name: string) => string } {
  const dir = join(root, c.name);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(c.files())) writeFileSync(join(dir, name), content);
  const path = (name: string) => join(dir, name);
  return { argv: (c.argv ?? []).map((a) => (a.startsWith('@') ? path(a.slice(1)) : a)), path };
}

async function withEnv<T>(env: Record<string, string> | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env ?? {}).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('hostile corpus', () => {
  it('has at least 150 cases across every format, and every case has an outcome', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(150);
    expect(RUN.length).toBeGreaterThanOrEqual(150);
    const formats = new Set(HOSTILE_CASES.map((c) => c.format));
    for (const f of ['geojson', 'csv', 'tsv', 'shapefile', 'geotiff', 'wkt', 'mapping', 'scenario', 'link', 'orlib', 'matrix', 'options']) expect(formats, f).toContain(f);
    for (const c of HOSTILE_CASES) expect(c.expect !== undefined || c.app !== undefined, c.name).toBe(true);
  });

  const cli = RUN.filter((c) => c.app === undefined);
  it.each(cli.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const { argv, path } = prepare(c);
    const expected = c.expect!;
    const r = await withEnv(c.env, () => runCli(argv));
    const why = `${c.name}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
    expect(r.code, why).toBe(expected.code);
    // Every line on stderr is one message: nothing a file holds can start a line of its own or drive the terminal.
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    const messages = lines.filter((l) => /^(?:error|warning|note): /.test(l));
    if (expected.code === 2) {
      expect(messages.filter((l) => l.startsWith('error: ')), why).toHaveLength(1);
      if (expected.file) expect(messages[0].startsWith(`error: ${path(expected.file)}: `), why).toBe(true);
    } else {
      expect(messages.length, why).toBe(lines.length);
    }
    expect(r.stderr + r.stdout, why).not.toMatch(/\u001b|\u202e|\u0007/);
    for (const w of expected.stderr ?? []) expect(r.stderr, why).toContain(w);
    for (const w of expected.stdout ?? []) expect(r.stdout, why).toContain(w);
  });

  const app = RUN.filter((c) => c.app !== undefined);
  it.each(app.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { kind, text, expect: expected } = c.app!;
    const read = () => (kind === 'link' ? readSharedScenario(text()) : readScenario(text(), 'hostile.catchmap.json'));
    if (expected.refused) {
      let message = '';
      try {
        read();
      } catch (err) {
        message = err instanceof Error ? err.message : String(err);
      }
      for (const w of expected.refused) expect(message, c.name).toContain(w);
      return;
    }
    const { scenario, dropped } = read();
    expect(dropped.map((d) => d.part), c.name).toEqual(expected.dropped);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // What is kept is only what the map and the engine can take.
    if (scenario.view) {
      expect(Math.abs(scenario.view.center[1])).toBeLessThanOrEqual(85);
      expect(typeof scenario.view.bearing).toBe('number');
    }
  });

  // The app itself, opened at each share link of the corpus: it starts, and says what it did not apply.
  const links = RUN.filter((c) => c.app?.kind === 'link');
  it.each(links.map((c) => [c.name, c] as const))('the app opened at %s', async (_, c) => {
    vi.useFakeTimers();
    try {
      const store = newStore();
      const address = { search: `?scenario=${encodeURIComponent(c.app!.text())}`, replace: () => undefined };
      connectPersistence(store, { get: async () => undefined, set: async () => undefined }, address, () => 'Untitled');
      store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
      store.dispatch({ type: 'data', action: { type: 'district-ready', version: 1 } });
      await vi.advanceTimersByTimeAsync(0);
      const refused = store.getState().ui.notices.filter((n) => n.key === 'data.refused');
      const expected = c.app!.expect;
      expect(refused.length, c.name).toBe(expected.refused ? 1 : expected.dropped!.length);
      const view = store.getState().ui.viewRequest;
      if (view?.kind === 'view') expect(Math.abs(view.view.center[1])).toBeLessThanOrEqual(85);
    } finally {
      vi.useRealTimers();
    }
  });
});
