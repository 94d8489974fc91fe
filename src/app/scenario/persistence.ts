import { missingFiles, readScenario, readSharedScenario, type Dropped, type ReadScenario, type Scenario } from './scenario.ts';
import { selectScenario } from '../store/selectors.ts';
import type { AppStore } from '../store/store.ts';

export const AUTOSAVE_KEY = 'catchmap.autosave';
const AUTOSAVE_DELAY_MS = 400;

/** Where the autosave lives (IndexedDB in the browser; a Map in tests). */
export interface ScenarioStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/** The page's address: a share link's parameters are read once, then taken out of it. */
export interface PageAddress {
  search: string;
  /** Replaces the address without a reload (history.replaceState). */
  replace(search: string): void;
}

/**
 * Restores the work in progress once the workers hold the district — a share link's `scenario`
 * parameter the first time the page opens with it, else the autosave — then autosaves every
 * change, so a reload, a crash or a closed tab loses nothing. The link's parameters leave the
 * address once applied: after that the user's edits win over the link on a reload.
 */
export function connectPersistence(store: AppStore, storage: ScenarioStorage, address: PageAddress, name: () => string): () => void {
  let restored = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const notifyError = (reason: string) =>
    store.dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: 'scenario', reason } } } });
  // "share link: view was not loaded: view.zoom must be between 0 and 24, got 99."
  const notifyDropped = (where: string, d: Dropped) =>
    store.dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: `${where}: ${d.part}`, reason: d.reason } } } });

  const restore = async () => {
    const params = new URLSearchParams(address.search);
    const link = params.get('scenario');
    try {
      let read: ReadScenario | null = null;
      let source: 'link' | 'autosave' = 'autosave';
      if (link) {
        params.delete('scenario');
        params.delete('mode');
        const rest = params.toString();
        address.replace(rest ? `?${rest}` : '');
        read = readSharedScenario(link);
        source = 'link';
      } else {
        const saved = await storage.get(AUTOSAVE_KEY);
        // Checked like an opened file: an autosave from an older version must not break the start.
        if (saved) read = readScenario(JSON.stringify(saved), 'autosave');
      }
      if (read) {
        const scenario = keepCurrent(read, store);
        for (const d of read.dropped) notifyDropped(source === 'link' ? 'share link' : 'autosave', d);
        const missing = missingFiles(scenario, store.getState().data.loaded.map((f) => f.name));
        store.dispatch({ type: 'scenario-restore', scenario, source, missing });
      }
    } catch (err) {
      notifyError(err instanceof Error ? err.message : String(err));
    } finally {
      restored = true;
    }
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (!restored) {
      if (s.data.readyVersion > 0 && prev.data.readyVersion === 0) void restore();
      return;
    }
    const scenario = selectScenario(s);
    if (scenario === selectScenario(prev)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const saved: Scenario = { ...scenario, name: name(), savedAt: new Date().toISOString() };
      storage.set(AUTOSAVE_KEY, saved).catch((err: unknown) => notifyError(`autosave failed: ${err instanceof Error ? err.message : String(err)}`));
    }, AUTOSAVE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/**
 * The scenario to restore: a dropped analysis, or a dropped optimizer setting, is replaced by the
 * value in use now (not a default), so a bad part changes nothing.
 */
function keepCurrent({ scenario, dropped }: ReadScenario, store: AppStore): Scenario {
  const state = store.getState();
  const parts = new Set(dropped.map((d) => d.part));
  const recommend = { ...scenario.recommend };
  for (const key of Object.keys(recommend) as (keyof typeof recommend)[]) {
    if (parts.has(`recommend.${key}`) || parts.has('recommend')) (recommend as Record<string, unknown>)[key] = state.recommend.settings[key];
  }
  return {
    ...scenario,
    analysis: parts.has('analysis') ? state.analysis.settings : scenario.analysis,
    access: parts.has('access') ? state.analysis.access.settings : scenario.access,
    recommend,
  };
}
