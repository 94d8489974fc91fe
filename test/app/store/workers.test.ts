import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCESS_SETTINGS, readCostMatrix, type CellAccess, type Evaluation, type Recommendation } from '../../../src/core/index.ts';
import { currentAccess } from '../../../src/app/analysis/analysis-state.ts';
import { connectWorkers, type Workers } from '../../../src/app/store/workers.ts';
import { selectPreparingDistrict, selectResultOutdated } from '../../../src/app/store/selectors.ts';
import { newStore, workedDistrict, workedEvaluation } from './fixture.ts';

/** A promise the test settles by hand, like a worker that answers when told to. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((ok) => (resolve = ok));
  return { promise, resolve };
}

/** Engines that record what they are asked and answer only when the test says so. */
function fakeWorkers() {
  const calls: { engine: string; method: string; args: unknown[] }[] = [];
  const answers: Record<string, ReturnType<typeof deferred<unknown>>[]> = {};
  const engine = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, method: string) =>
          (...args: unknown[]) => {
            calls.push({ engine: name, method, args });
            if (method === 'cancel' || method === 'dispose') return undefined;
            if (method === 'setDistrict') return Promise.resolve();
            const d = deferred<unknown>();
            (answers[`${name}.${method}`] ??= []).push(d);
            return d.promise;
          },
      },
    );
  const workers = { evaluator: engine('evaluator'), optimizer: engine('optimizer'), editor: engine('editor'), loader: engine('loader') } as unknown as Workers;
  return { workers, calls, answers };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the worker module', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('gives every engine the district, then runs the analysis once for the last of several quick edits', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 200 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await flush();
    expect(calls.filter((c) => c.method === 'setDistrict').map((c) => c.engine)).toEqual(['evaluator', 'optimizer', 'editor']);
    expect(store.getState().data.readyVersion).toBe(1);
    for (const radiusM of [600, 700, 800]) store.dispatch({ type: 'analysis', action: { type: 'set-override', key: 'radiusM', value: radiusM } });
    await vi.advanceTimersByTimeAsync(250);
    const runs = calls.filter((c) => c.method === 'evaluate');
    expect(runs).toHaveLength(1);
    expect(runs[0].args[0]).toEqual({ type: 'primary', preset: 'zhengzhou-2035', overrides: { radiusM: 800 }, growthFactor: 1, distance: 'straight', registration: { admission: 'proportional' } });
    const result = workedEvaluation({ radiusM: 800 });
    answers['evaluator.evaluate'][0].resolve(result);
    await flush();
    expect(store.getState().analysis.result).toBe(result);
  });

  it('says the district is being prepared before it is sent, and marks the figures outdated until the new data are analysed', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    const sent = () => calls.filter((c) => c.method === 'setDistrict').length;
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    // Not sent in the same task: the page first shows that the district is being prepared.
    expect(sent()).toBe(0);
    expect(selectPreparingDistrict(store.getState())).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    expect(sent()).toBe(3);
    expect(selectPreparingDistrict(store.getState())).toBe(false);
    answers['evaluator.evaluate'][0].resolve(workedEvaluation());
    await flush();
    expect(selectResultOutdated(store.getState())).toBe(false);

    // A new layer: the figures shown are the old data's until the analysis of the new data answers.
    const changed = workedDistrict();
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: { ...changed, files: { ...changed.files, population: 'new.geojson' } } } });
    expect(selectPreparingDistrict(store.getState())).toBe(true);
    expect(selectResultOutdated(store.getState())).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    expect(sent()).toBe(6);
    expect(selectPreparingDistrict(store.getState())).toBe(false);
    expect(store.getState().analysis.status).toBe('running');
    expect(selectResultOutdated(store.getState())).toBe(true);
    answers['evaluator.evaluate'][1].resolve(workedEvaluation({ radiusM: 600 }));
    await flush();
    expect(selectResultOutdated(store.getState())).toBe(false);
  });

  it('sends only the last of districts changed faster than the page paints', async () => {
    const store = newStore();
    const { workers, calls } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    const last = workedDistrict();
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: last } });
    await vi.advanceTimersByTimeAsync(20);
    const sent = calls.filter((c) => c.method === 'setDistrict');
    expect(sent).toHaveLength(3);
    expect(sent.every((c) => (c.args[0] as { facilities: unknown }).facilities === last.facilities)).toBe(true);
    expect(store.getState().data.readyVersion).toBe(2);
  });

  it('stops an older analysis in the worker when a newer one starts, and never shows its answer', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await vi.advanceTimersByTimeAsync(20);
    store.dispatch({ type: 'analysis', action: { type: 'set-growth', growthFactor: 1.5 } });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls.filter((c) => c.engine === 'evaluator' && c.method === 'cancel')).toHaveLength(1);
    const newer = workedEvaluation({ radiusM: 600 });
    answers['evaluator.evaluate'][1].resolve(newer);
    await flush();
    answers['evaluator.evaluate'][0].resolve(workedEvaluation());
    await flush();
    expect(store.getState().analysis.result).toBe(newer);
  });

  it('cancels a recommendation at once: the optimizer worker is stopped and a late answer is ignored', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    const hub = connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await vi.advanceTimersByTimeAsync(20);
    hub.runRecommend();
    expect(store.getState().recommend.status).toBe('running');
    hub.cancelRecommend();
    expect(calls.filter((c) => c.engine === 'optimizer' && c.method === 'cancel')).toHaveLength(1);
    expect(store.getState().recommend.status).toBe('cancelled');
    answers['optimizer.recommend'][0].resolve({ proposals: [] } as unknown as Recommendation);
    await flush();
    expect(store.getState().recommend.result).toBeNull();
    expect(store.getState().recommend.status).toBe('cancelled');
  });

  it('starts an editing session with its sites, then sends only the newest site list while an answer is on its way', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await vi.advanceTimersByTimeAsync(20);
    answers['evaluator.evaluate'][0].resolve(workedEvaluation());
    await flush();
    store.dispatch({ type: 'edit-start' });
    expect(calls.filter((c) => c.method === 'startWhatIf')).toHaveLength(1);
    const standard = workedEvaluation().summary.standard;
    const started: Evaluation = workedEvaluation();
    answers['editor.startWhatIf'][0].resolve(started);
    await flush();
    expect(store.getState().whatIf.status).toBe('ready');
    for (const lng of [113.65, 113.651, 113.652]) store.dispatch({ type: 'whatif', action: { type: 'add-site', lngLat: [lng, 34.77], standard } });
    const sent = calls.filter((c) => c.method === 'whatIfSync');
    expect(sent).toHaveLength(1);
    expect((sent[0].args[0] as unknown[]).length).toBe(1);
    answers['editor.whatIfSync'][0].resolve({ revision: 1, summary: started.summary, facilityCount: started.facilities.length, facilityChanges: [], cells: [] });
    await flush();
    const after = calls.filter((c) => c.method === 'whatIfSync');
    expect(after).toHaveLength(2);
    expect((after[1].args[0] as { id: string }[]).map((s) => s.id)).toEqual(['P1', 'P2', 'P3']);
  });
});

describe('the accessibility measure', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const measured = (values: number[]) => ({ values: Float64Array.from(values) }) as unknown as CellAccess;

  it('follows each analysis, and a change of measure asks for the measure alone, never the analysis again', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls.filter((c) => c.method === 'access')).toHaveLength(0);
    answers['evaluator.evaluate'][0].resolve(workedEvaluation());
    await flush();
    const asked = calls.filter((c) => c.method === 'access');
    expect(asked).toHaveLength(1);
    expect(asked[0].args).toEqual([store.getState().analysis.settings, DEFAULT_ACCESS_SETTINGS]);
    const first = measured([1]);
    answers['evaluator.access'][0].resolve(first);
    await flush();
    expect(currentAccess(store.getState().analysis)).toBe(first);

    store.dispatch({ type: 'analysis', action: { type: 'set-access', patch: { method: 'nearest' } } });
    await vi.advanceTimersByTimeAsync(50);
    expect(calls.filter((c) => c.method === 'evaluate')).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'access').at(-1)!.args[1]).toEqual({ ...DEFAULT_ACCESS_SETTINGS, method: 'nearest' });
    // While the new measure is on its way the old one is not shown as if it were it.
    expect(currentAccess(store.getState().analysis)).toBeNull();
  });

  it('drops an answer for an older analysis: its cells are not the ones shown', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await vi.advanceTimersByTimeAsync(20);
    answers['evaluator.evaluate'][0].resolve(workedEvaluation());
    await flush();
    store.dispatch({ type: 'analysis', action: { type: 'set-growth', growthFactor: 1.5 } });
    await vi.advanceTimersByTimeAsync(20);
    answers['evaluator.access'][0].resolve(measured([1]));
    await flush();
    expect(currentAccess(store.getState().analysis)).toBeNull();
    answers['evaluator.evaluate'][1].resolve(workedEvaluation({ radiusM: 600 }));
    await flush();
    expect(calls.filter((c) => c.method === 'access')).toHaveLength(2);
    const second = measured([2]);
    answers['evaluator.access'][1].resolve(second);
    await flush();
    expect(currentAccess(store.getState().analysis)).toBe(second);
  });

  it('sends loaded travel times to the analysis worker, then measures again', async () => {
    const store = newStore();
    const { workers, calls, answers } = fakeWorkers();
    connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    await vi.advanceTimersByTimeAsync(20);
    answers['evaluator.evaluate'][0].resolve(workedEvaluation());
    await flush();
    const matrix = readCostMatrix('origin,destination,cost\nc1,S1,4\n', 'times.csv');
    store.dispatch({ type: 'data', action: { type: 'matrix-confirmed', travelTimes: { file: 'times.csv', matrix } } });
    const sent = calls.filter((c) => c.method === 'setTravelTimes');
    expect(sent.map((c) => [c.engine, c.args[0]])).toEqual([['evaluator', matrix]]);
    expect(calls.filter((c) => c.method === 'access')).toHaveLength(1);
    answers['evaluator.setTravelTimes'][0].resolve(undefined);
    await flush();
    expect(calls.filter((c) => c.method === 'access')).toHaveLength(2);
    store.dispatch({ type: 'data', action: { type: 'matrix-removed' } });
    expect(calls.filter((c) => c.method === 'setTravelTimes').at(-1)!.args[0]).toBeNull();
  });
});

describe('files added', () => {
  it('sends a .pmtiles archive to the basemap, however it arrives, and the rest to the loader', () => {
    const store = newStore();
    const { workers } = fakeWorkers();
    const hub = connectWorkers(store, workers, { debounceMs: 10 });
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    const tiles = new File([new Uint8Array(8)], 'city.pmtiles');
    const csv = new File(['id,lon,lat,population\n'], 'cells.csv');
    hub.addFiles([tiles, csv]);
    expect(store.getState().ui.basemap).toMatchObject({ kind: 'pmtiles' });
    // The CSV is queued, and read at once (taken from the queue): either way it is the only file.
    const { queue, progress } = store.getState().data;
    expect([...queue.map((q) => q.file.name), ...(progress ? [progress.name] : [])]).toEqual(['cells.csv']);
  });
});
