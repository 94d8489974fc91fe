import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCESS_SETTINGS, DEFAULT_ANALYSIS_SETTINGS, DEFAULT_RECOMMEND_SETTINGS } from '../../../src/core/index.ts';
import { AUTOSAVE_KEY, connectPersistence, type ScenarioStorage } from '../../../src/app/scenario/persistence.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, encodeScenario, type Scenario } from '../../../src/app/scenario/scenario.ts';
import { newStore, workedDistrict } from '../store/fixture.ts';

const linked: Scenario = {
  format: SCENARIO_FORMAT,
  version: SCENARIO_VERSION,
  name: 'from a colleague',
  savedAt: '',
  data: { demoLayers: [], files: [] },
  analysis: { ...DEFAULT_ANALYSIS_SETTINGS, growthFactor: 1.2 },
  access: DEFAULT_ACCESS_SETTINGS,
  recommend: DEFAULT_RECOMMEND_SETTINGS,
  sites: [],
  view: null,
};

function memory(): ScenarioStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: async (k) => structuredClone(data.get(k)), set: async (k, v) => void data.set(k, structuredClone(v)) };
}

/** Opens the app at an address: a store, its district in the workers, persistence connected. */
async function open(search: string, storage: ScenarioStorage) {
  const address = { search, replace: vi.fn((next: string) => (address.search = next)) };
  const store = newStore();
  connectPersistence(store, storage, address, () => 'Untitled');
  store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
  store.dispatch({ type: 'data', action: { type: 'district-ready', version: 1 } });
  await vi.advanceTimersByTimeAsync(0);
  return { store, address };
}

describe('scenario persistence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a share link once: the link leaves the address, and after an edit a reload restores the edit', async () => {
    const storage = memory();
    const first = await open(`?scenario=${encodeScenario(linked)}&mode=present`, storage);
    expect(first.store.getState().analysis.settings.growthFactor).toBe(1.2);
    expect(first.address.replace).toHaveBeenCalledWith('');
    first.store.dispatch({ type: 'analysis', action: { type: 'set-growth', growthFactor: 1.35 } });
    await vi.advanceTimersByTimeAsync(500);
    expect((storage.data.get(AUTOSAVE_KEY) as Scenario).analysis.growthFactor).toBe(1.35);

    // The reload opens the address as it now is.
    const second = await open(first.address.search, storage);
    expect(second.store.getState().analysis.settings.growthFactor).toBe(1.35);
    expect(second.store.getState().ui.notices.at(-1)).toMatchObject({ key: 'scenario.restored', keyVars: { source: 'scenario.source.autosave' } });
  });

  it('keeps other parameters of the address, and reports a damaged link without applying anything', async () => {
    const storage = memory();
    const { store, address } = await open('?lang=zh&scenario=%%%', storage);
    expect(address.search).toBe('?lang=zh');
    expect(store.getState().analysis.settings).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    expect(store.getState().ui.notices.at(-1)).toMatchObject({ key: 'data.refused', vars: { file: 'scenario', reason: 'share link: the scenario parameter is damaged' } });
  });

  it('does not autosave before the saved work has been restored', async () => {
    const storage = memory();
    storage.data.set(AUTOSAVE_KEY, { ...linked, name: 'yesterday' });
    const address = { search: '', replace: vi.fn() };
    const store = newStore();
    connectPersistence(store, storage, address, () => 'Untitled');
    store.dispatch({ type: 'analysis', action: { type: 'set-growth', growthFactor: 3 } });
    await vi.advanceTimersByTimeAsync(500);
    expect((storage.data.get(AUTOSAVE_KEY) as Scenario).name).toBe('yesterday');
  });
});
