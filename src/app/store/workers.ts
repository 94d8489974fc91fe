import { bbox } from '@turf/turf';
import type { EngineClient, LoaderClient } from '../../worker/client.ts';
import type { JoinChoice, TablePreview } from '../../worker/loader-api.ts';
import { isSchoolType, type CostColumns, type FieldMapping, type LoadOptions, type MappingOptions, type Role, type ZoneEditUpdate } from '../../core/index.ts';
import { loadDemoDistrict, type DistrictData } from '../data/district-data.ts';
import { populationOf } from '../data/workspace.ts';
import type { MergeOptions } from '../data/merge-layer.ts';
import type { SavedScenario } from '../scenario/scenario-list.ts';
import { isPmtilesName, pmtilesChoice } from '../map/basemap/pmtiles.ts';
import { plainSite, type EditorSite } from '../whatif/whatif-state.ts';
import type { AppStore } from './store.ts';
import type { RootAction, RootState } from './root.ts';

type EngineLike = Pick<
  EngineClient,
  | 'setDistrict'
  | 'setTravelTimes'
  | 'access'
  | 'evaluate'
  | 'evaluateWithSites'
  | 'recommend'
  | 'hukouPlan'
  | 'coverageCurve'
  | 'isochrones'
  | 'startWhatIf'
  | 'whatIfSync'
  | 'zoneEvaluation'
  | 'designZones'
  | 'zoneMoveBlock'
  | 'zoneUndo'
  | 'cancel'
  | 'dispose'
>;
type LoaderLike = Pick<LoaderClient, 'load' | 'map' | 'matrixColumns' | 'takeMatrix' | 'tableSheet' | 'tableBoundaries' | 'tableJoin' | 'takeTableLayer' | 'discard' | 'cancel' | 'dispose'>;

/**
 * Three engine workers, so the optimizer can run for seconds while the analysis keeps answering
 * and the what-if session is disturbed by neither; one loader for files.
 */
export interface Workers {
  evaluator: EngineLike;
  optimizer: EngineLike;
  editor: EngineLike;
  loader: LoaderLike;
}

/** The commands that ask a worker for something; everything else follows the state by itself. */
export interface WorkerHub {
  runRecommend(): void;
  cancelRecommend(): void;
  /** The Hukou-only plan against the residential plan, in the optimizer's worker. */
  runHukou(): void;
  cancelHukou(): void;
  /** The coverage curve for p = 0 … the maximum set, in the optimizer's worker. */
  runCurve(): void;
  cancelCurve(): void;
  /** Optimizes again around the locked sites of the editing session. */
  reoptimize(): Promise<void>;
  compare(saved: SavedScenario | null): void;
  addFiles(files: Iterable<File>, role?: Role): void;
  cancelLoad(): void;
  confirmLoad(role: Role, mapping: FieldMapping, options: MergeOptions, mappingOptions?: MappingOptions): Promise<void>;
  reloadPending(options: LoadOptions): void;
  /** The pending travel-cost table read again with these columns. */
  matrixColumns(columns: CostColumns): Promise<void>;
  /** The pending travel-cost table becomes the travel times the accessibility measure can use. */
  confirmMatrix(): Promise<void>;
  /** The pending statistics table read from another sheet of its workbook. */
  tableSheet(sheet: string): Promise<void>;
  /** The community boundaries the pending statistics table is to be joined to. */
  tableBoundaries(file: File): Promise<void>;
  /** The pending table joined with these choices; `spread: 'cells'` spreads it over the loaded population cells. */
  tableJoin(choice: Omit<JoinChoice, 'cells'> & { spread: 'cells' | 'boundaries' }): Promise<void>;
  /** The joined table becomes the population layer. */
  confirmTable(): Promise<void>;
  discardPending(): void;
  /** Attendance zones designed for the plan (the zone settings say which schools and how), in the optimizer's worker. */
  designZones(): void;
  /** Moves the cells of zone `from` in `box` to zone `to` in the design (null: no zone). */
  zoneMoveBlock(box: [number, number, number, number], from: string | null, to: string | null): void;
  zoneUndo(): void;
  /** The synthetic demo district, in place of whatever is loaded. */
  loadDemo(): void;
  dispose(): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** A loader's message names the file; the notice does so already. */
const withoutFile = (text: string, file: string) => (text.startsWith(`${file}: `) ? text.slice(file.length + 2) : text);

/** The district as the engines take it; layers the user has not got (no villages, no roads) are left out, not sent empty. */
const districtInput = (d: DistrictData) => ({
  population: populationOf(d),
  facilities: d.facilities,
  villages: d.villages.features.length > 0 ? d.villages : undefined,
  exclusions: d.landuse.features,
  candidates: d.candidates,
  roads: d.roads.features.length > 0 ? d.roads : undefined,
  zones: d.zones.features.length > 0 ? d.zones : undefined,
  sources: d.files,
});

/**
 * Runs `send` once the browser has painted what the store shows now (or after 100 ms, as a hidden
 * page paints nothing): sending a city to the engines holds the main thread for seconds, and the
 * planner should see that the district is being prepared first.
 */
function afterPaint(send: () => void): void {
  let sent = false;
  const once = () => {
    if (sent) return;
    sent = true;
    send();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, typeof requestAnimationFrame === 'function' ? 100 : 0);
}

/**
 * The one module that talks to the workers. It follows the store: a new district goes to every
 * engine; changed analysis settings run the analysis again (debounced; a newer run cancels an
 * older one, so the numbers shown belong to the settings shown); an editing session is started
 * and kept in step with the site list; files are read one at a time. Answers come back as actions.
 */
export function connectWorkers(store: AppStore, workers: Workers, { debounceMs = 200 } = {}): WorkerHub {
  const dispatch = (a: RootAction) => store.dispatch(a);
  let analysisTimer: ReturnType<typeof setTimeout> | null = null;
  let analysisRun = 0;
  let analysisBusy = false;
  let recommendRun = 0;
  let curveRun = 0;
  let hukouRun = 0;
  let editorBusy = false;
  let editorStarted = 0;
  let loadRun = 0;
  let isochroneRun = 0;
  let accessRun = 0;

  const runAnalysis = () => {
    const { analysis } = store.getState();
    if (analysisBusy) workers.evaluator.cancel();
    const runId = ++analysisRun;
    analysisBusy = true;
    dispatch({ type: 'analysis', action: { type: 'started', runId } });
    const settings = analysis.settings;
    const districtVersion = store.getState().data.readyVersion;
    workers.evaluator
      .evaluate(settings, (progress, text) => dispatch({ type: 'analysis', action: { type: 'progress', runId, progress, message: text ?? '' } }))
      .then(
        async (result) => {
          dispatch({ type: 'analysis', action: { type: 'finished', runId, result, districtVersion } });
          // Walking distance: say how far it is from the straight-line figure planners know.
          if (settings.distance !== 'straight') {
            const straight = await workers.evaluator.evaluate({ ...settings, distance: 'straight' });
            dispatch({ type: 'analysis', action: { type: 'straight-coverage', runId, coveragePct: straight.summary.coveragePct } });
          }
        },
        (err: unknown) => dispatch({ type: 'analysis', action: { type: 'failed', runId, error: message(err) } }),
      )
      .finally(() => {
        if (runId === analysisRun) analysisBusy = false;
      });
  };

  /** The accessibility measure for the analysis shown; only its answer for the latest request is kept. */
  const runAccess = () => {
    const { analysis } = store.getState();
    if (analysis.status !== 'done' || !analysis.result) return;
    const runId = ++accessRun;
    const basis = analysis.runId;
    dispatch({ type: 'analysis', action: { type: 'access-started', runId, basis } });
    workers.evaluator.access(analysis.settings, analysis.access.settings).then(
      (result) => dispatch({ type: 'analysis', action: { type: 'access-finished', runId, result } }),
      (err: unknown) => dispatch({ type: 'analysis', action: { type: 'access-failed', runId, error: message(err) } }),
    );
  };

  const drawIsochrones = (s: RootState) => {
    const run = ++isochroneRun;
    const evaluation = s.analysis.result;
    const distance = s.analysis.settings.distance;
    if (s.ui.isochrones) dispatch({ type: 'ui', action: { type: 'isochrones', isochrones: null } });
    if (!evaluation || distance === 'straight') return;
    const { type, standard } = evaluation.summary;
    const sites = evaluation.facilities.map((f) => ({ id: f.id, lngLat: f.lngLat }));
    void workers.evaluator.isochrones(type, standard.radiusM, distance, sites).then(
      (shapes) => run === isochroneRun && dispatch({ type: 'ui', action: { type: 'isochrones', isochrones: { type, shapes } } }),
      () => undefined,
    );
  };

  const syncEditor = () => {
    const { whatIf } = store.getState();
    if (editorBusy || !whatIf.active) return;
    const session = whatIf.session;
    const sites = whatIf.sites;
    const done = () => {
      editorBusy = false;
      syncEditor();
    };
    if (whatIf.status === 'starting' && editorStarted !== session && whatIf.basis) {
      editorStarted = session;
      editorBusy = true;
      workers.editor
        .startWhatIf(whatIf.basis, sites.map(plainSite))
        .then(
          (evaluation) => dispatch({ type: 'whatif', action: { type: 'started', session, evaluation, sites } }),
          (err: unknown) => dispatch({ type: 'whatif', action: { type: 'failed', session, error: message(err) } }),
        )
        .finally(done);
    } else if (whatIf.status === 'ready' && whatIf.syncedSites !== sites) {
      editorBusy = true;
      workers.editor
        .whatIfSync(sites.map(plainSite))
        .then(
          (update) => dispatch({ type: 'whatif', action: { type: 'update', session, update, sites } }),
          (err: unknown) => dispatch({ type: 'whatif', action: { type: 'failed', session, error: message(err), sites } }),
        )
        .finally(done);
    }
  };

  const readNextFile = () => {
    const { data } = store.getState();
    if (data.progress || data.pending || data.queue.length === 0) return;
    const { file, options, role } = data.queue[0];
    const run = ++loadRun;
    // Progress arrives on its own message port and can land after the answer: ignore it then.
    let settled = false;
    const progress = (fraction: number, phase: string, rows: number) => ({ type: 'file-reading' as const, progress: { name: file.name, fraction, phase, rows } });
    dispatch({ type: 'data', action: { ...progress(0, 'read', 0), dequeue: true } });
    void (async () => {
      try {
        const bytes = await file.arrayBuffer();
        const preview = await workers.loader.load(bytes, file.name, options, (p) => {
          if (run === loadRun && !settled) dispatch({ type: 'data', action: { ...progress(p.fraction, p.phase, p.rows), dequeue: false } });
        });
        // "Replace…" on a layer: the dialog starts with that layer's role.
        const shown = role && preview.kind === 'layer' ? { ...preview, suggestedRole: role } : preview;
        if (run === loadRun) dispatch({ type: 'data', action: { type: 'file-read', pending: { file, options, preview: shown, role } } });
      } catch (err) {
        if (run !== loadRun) return;
        dispatch({ type: 'data', action: { type: 'file-done' } });
        dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: file.name, reason: withoutFile(message(err), file.name) } } } });
      } finally {
        settled = true;
      }
    })();
  };

  const unsubscribe = store.subscribe((s, prev) => {
    const d = s.data.district;
    if (d && d !== prev.data.district) {
      const version = s.data.version;
      const engines = [workers.evaluator, workers.optimizer, workers.editor];
      afterPaint(() => {
        // A newer district is on its way: this one is not sent.
        if (store.getState().data.version !== version) return;
        void Promise.all(engines.map((e) => e.setDistrict(districtInput(d)))).then(
          () => dispatch({ type: 'data', action: { type: 'district-ready', version } }),
          (err: unknown) => dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: 'district', reason: message(err) } } } }),
        );
      });
    }
    if (s.data.readyVersion > 0 && (s.analysis.settings !== prev.analysis.settings || s.data.readyVersion !== prev.data.readyVersion)) {
      if (analysisTimer) clearTimeout(analysisTimer);
      analysisTimer = setTimeout(runAnalysis, debounceMs);
    }
    if (s.analysis.result !== prev.analysis.result) {
      drawIsochrones(s);
      evaluateZones(s);
    }
    // A design answers for the district it was made on.
    if (s.data.district !== prev.data.district && prev.data.district && s.zones.design.result) dispatch({ type: 'zones', action: { type: 'design-cleared' } });
    if (s.data.travelTimes !== prev.data.travelTimes) {
      void workers.evaluator.setTravelTimes(s.data.travelTimes?.matrix ?? null).then(runAccess, () => undefined);
    } else if (s.analysis.result !== prev.analysis.result || s.analysis.access.settings !== prev.analysis.access.settings) {
      runAccess();
    }
    if (s.whatIf !== prev.whatIf) syncEditor();
    if (s.data.queue !== prev.data.queue || s.data.progress !== prev.data.progress || s.data.pending !== prev.data.pending) readNextFile();
  });

  /** The official zones evaluated for the analysis shown (a school type, zones loaded), in the evaluator's worker. */
  const evaluateZones = (s: RootState) => {
    const basis = s.analysis.result ? s.analysis.settings : null;
    if (!basis || !s.data.district || s.data.district.zones.features.length === 0 || !isSchoolType(basis.type)) return;
    dispatch({ type: 'zones', action: { type: 'official-started', basis } });
    workers.evaluator.zoneEvaluation(basis).then(
      (result) => dispatch({ type: 'zones', action: { type: 'official-done', basis, result } }),
      (err: unknown) => dispatch({ type: 'zones', action: { type: 'official-failed', basis, error: message(err) } }),
    );
  };
  let zoneRun = 0;
  const zoneEdit = (step: () => Promise<ZoneEditUpdate | null>) => {
    if (!store.getState().zones.design.result) return;
    dispatch({ type: 'zones', action: { type: 'edit-sent' } });
    step().then(
      (update) => dispatch({ type: 'zones', action: { type: 'edited', update } }),
      (err: unknown) => {
        dispatch({ type: 'zones', action: { type: 'edited', update: null } });
        dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: 'zones', reason: message(err) } } } });
      },
    );
  };

  /** One step of the statistics table's join in the loader worker; the dialog shows what it gave, or why it failed. */
  const tableStep = async (step: (id: number) => Promise<TablePreview>) => {
    const pending = store.getState().data.pending;
    if (pending?.preview.kind !== 'table') return;
    try {
      const preview = await step(pending.preview.id);
      dispatch({ type: 'data', action: { type: 'table-preview', preview } });
    } catch (err) {
      dispatch({ type: 'data', action: { type: 'file-error', error: withoutFile(message(err), pending.file.name) } });
    }
  };

  // A raster is read within the user's own boundary only, never clipped to the demo district.
  const loadBounds = (): LoadOptions => {
    const d = store.getState().data.district;
    return d?.layerFiles.boundary ? { bbox: bbox(d.boundary) as [number, number, number, number] } : {};
  };

  return {
    runRecommend() {
      const { analysis, recommend } = store.getState();
      if (recommend.status === 'running') return;
      const runId = ++recommendRun;
      const basis = analysis.settings;
      dispatch({ type: 'recommend', action: { type: 'started', runId, basis } });
      workers.optimizer
        .recommend(basis, recommend.settings, (progress, text) => dispatch({ type: 'recommend', action: { type: 'progress', runId, progress, message: text ?? '' } }))
        .then(
          (result) => dispatch({ type: 'recommend', action: { type: 'finished', runId, result } }),
          (err: unknown) => dispatch({ type: 'recommend', action: { type: 'failed', runId, error: message(err) } }),
        );
    },
    cancelRecommend() {
      if (store.getState().recommend.status !== 'running') return;
      recommendRun++;
      workers.optimizer.cancel();
      dispatch({ type: 'recommend', action: { type: 'cancelled' } });
    },
    runHukou() {
      const { analysis, recommend } = store.getState();
      if (recommend.hukou.status === 'running' || recommend.status === 'running' || recommend.curve.status === 'running') return;
      const runId = ++hukouRun;
      const basis = { analysis: analysis.settings, recommend: recommend.settings };
      dispatch({ type: 'recommend', action: { type: 'hukou-started', runId, basis } });
      workers.optimizer
        .hukouPlan(basis.analysis, basis.recommend, (progress) => dispatch({ type: 'recommend', action: { type: 'hukou-progress', runId, progress } }))
        .then(
          (result) => dispatch({ type: 'recommend', action: { type: 'hukou-finished', runId, result } }),
          (err: unknown) => dispatch({ type: 'recommend', action: { type: 'hukou-failed', runId, error: message(err) } }),
        );
    },
    cancelHukou() {
      if (store.getState().recommend.hukou.status !== 'running') return;
      hukouRun++;
      workers.optimizer.cancel();
      dispatch({ type: 'recommend', action: { type: 'hukou-cancelled' } });
    },
    runCurve() {
      const { analysis, recommend } = store.getState();
      if (recommend.curve.status === 'running' || recommend.status === 'running') return;
      const runId = ++curveRun;
      const basis = { analysis: analysis.settings, recommend: recommend.settings };
      const act = (action: RootAction) => dispatch(action);
      act({ type: 'recommend', action: { type: 'curve-started', runId, basis } });
      workers.optimizer
        .coverageCurve(
          basis.analysis,
          basis.recommend,
          recommend.curve.maxP,
          (point) => act({ type: 'recommend', action: { type: 'curve-point', runId, point } }),
          (progress) => act({ type: 'recommend', action: { type: 'curve-progress', runId, progress } }),
        )
        .then(
          (points) => act({ type: 'recommend', action: { type: 'curve-finished', runId, points } }),
          (err: unknown) => act({ type: 'recommend', action: { type: 'curve-failed', runId, error: message(err) } }),
        );
    },
    cancelCurve() {
      if (store.getState().recommend.curve.status !== 'running') return;
      curveRun++;
      workers.optimizer.cancel();
      dispatch({ type: 'recommend', action: { type: 'curve-cancelled' } });
    },
    async reoptimize() {
      const { analysis, recommend, whatIf } = store.getState();
      if (!whatIf.active) return;
      const locked = whatIf.sites.filter((s) => s.locked);
      dispatch({ type: 'ui', action: { type: 'reoptimizing', on: true } });
      try {
        const r = await workers.optimizer.recommend(analysis.settings, { ...recommend.settings, locked: locked.map(plainSite) });
        let next = store.getState().whatIf.nextNumber;
        const sites: EditorSite[] = [
          ...locked,
          ...r.proposals.map((p) => ({ id: `P${next++}`, lngLat: p.lngLat, seats: p.seats, classes: p.classes, locked: false })),
        ];
        dispatch({ type: 'whatif', action: { type: 'replace-sites', sites } });
      } catch (err) {
        dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: 'optimizer', reason: message(err) } } } });
      } finally {
        dispatch({ type: 'ui', action: { type: 'reoptimizing', on: false } });
      }
    },
    compare(saved) {
      dispatch({ type: 'ui', action: { type: 'compare', saved } });
      if (!saved) return;
      // The editor's worker: evaluating there leaves its editing session as it is.
      workers.editor.evaluateWithSites(saved.scenario.analysis, saved.scenario.sites.map(plainSite)).then(
        (evaluation) => dispatch({ type: 'ui', action: { type: 'compared', id: saved.id, evaluation } }),
        (err: unknown) => {
          dispatch({ type: 'ui', action: { type: 'compare', saved: null } });
          dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'data.refused', vars: { file: saved.scenario.name, reason: message(err) } } } });
        },
      );
    },
    addFiles(files, role) {
      // A .pmtiles archive is a basemap, however it arrives (dropped, picked, as a replacement): never data.
      const all = [...files];
      const tiles = all.filter((f) => isPmtilesName(f.name));
      if (tiles.length > 0) dispatch({ type: 'ui', action: { type: 'set-basemap', basemap: pmtilesChoice(tiles[tiles.length - 1]) } });
      const options = loadBounds();
      const list = all.filter((f) => !isPmtilesName(f.name)).map((file) => ({ file, options, role }));
      if (list.length > 0) dispatch({ type: 'data', action: { type: 'files-added', files: list } });
    },
    cancelLoad() {
      loadRun++;
      workers.loader.cancel();
      dispatch({ type: 'data', action: { type: 'file-cancelled' } });
    },
    async confirmLoad(role, mapping, options, mappingOptions) {
      const pending = store.getState().data.pending;
      if (!pending) return;
      const name = pending.file.name;
      try {
        const layer = await workers.loader.map(pending.preview.id, role, mapping, mappingOptions);
        if (layer.collection.features.length === 0 && !layer.grid) {
          dispatch({ type: 'data', action: { type: 'file-error', error: `no usable features for the ${role} layer (${layer.report.skipped} skipped)` } });
          return;
        }
        dispatch({ type: 'data', action: { type: 'layer-confirmed', layer, options } });
        void workers.loader.discard(pending.preview.id);
      } catch (err) {
        dispatch({ type: 'data', action: { type: 'file-error', error: withoutFile(message(err), name) } });
      }
    },
    reloadPending(options) {
      const pending = store.getState().data.pending;
      if (!pending) return;
      void workers.loader.discard(pending.preview.id);
      dispatch({ type: 'data', action: { type: 'file-reload', options } });
    },
    async matrixColumns(columns) {
      const pending = store.getState().data.pending;
      if (pending?.preview.kind !== 'matrix') return;
      const preview = await workers.loader.matrixColumns(pending.preview.id, columns);
      dispatch({ type: 'data', action: { type: 'matrix-preview', preview } });
    },
    async confirmMatrix() {
      const pending = store.getState().data.pending;
      if (pending?.preview.kind !== 'matrix') return;
      try {
        const matrix = await workers.loader.takeMatrix(pending.preview.id);
        dispatch({ type: 'data', action: { type: 'matrix-confirmed', travelTimes: { file: pending.file.name, matrix } } });
      } catch (err) {
        dispatch({ type: 'data', action: { type: 'file-error', error: withoutFile(message(err), pending.file.name) } });
      }
    },
    async tableSheet(sheet) {
      await tableStep((id) => workers.loader.tableSheet(id, sheet));
    },
    async tableBoundaries(file) {
      const bytes = await file.arrayBuffer();
      await tableStep((id) => workers.loader.tableBoundaries(id, bytes, file.name));
    },
    async tableJoin({ spread, ...choice }) {
      const { district } = store.getState().data;
      // Plain features: the store's population holds typed properties the worker need not know.
      const cells = spread === 'cells' && district && !district.populationGrid ? district.population.features.map((f) => ({ geometry: f.geometry, properties: { ...f.properties } })) : null;
      await tableStep((id) => workers.loader.tableJoin(id, { ...choice, cells }));
    },
    async confirmTable() {
      const pending = store.getState().data.pending;
      if (pending?.preview.kind !== 'table') return;
      try {
        const layer = await workers.loader.takeTableLayer(pending.preview.id);
        dispatch({ type: 'data', action: { type: 'layer-confirmed', layer, options: { replaceFacilities: false } } });
      } catch (err) {
        dispatch({ type: 'data', action: { type: 'file-error', error: withoutFile(message(err), pending.file.name) } });
      }
    },
    discardPending() {
      const pending = store.getState().data.pending;
      if (pending) void workers.loader.discard(pending.preview.id);
      dispatch({ type: 'data', action: { type: 'file-discarded' } });
    },
    designZones() {
      const { analysis, zones, whatIf, recommend } = store.getState();
      const runId = ++zoneRun;
      const basis = analysis.settings;
      const planned = whatIf.active ? whatIf.sites : (recommend.result?.proposals ?? []).map((p, i) => ({ id: `P${i + 1}`, lngLat: p.lngLat, seats: p.seats, classes: p.classes, locked: false }));
      const sites = zones.settings.plan === 'proposals' ? planned.map(plainSite) : [];
      dispatch({ type: 'zones', action: { type: 'design-started', runId } });
      workers.optimizer
        .designZones(basis, { sites, mode: zones.settings.mode, maxUtilisation: zones.settings.maxUtilisation }, (progress) =>
          dispatch({ type: 'zones', action: { type: 'design-progress', runId, progress } }),
        )
        .then(
          (view) => dispatch({ type: 'zones', action: { type: 'design-done', runId, basis, view } }),
          (err: unknown) => dispatch({ type: 'zones', action: { type: 'design-failed', runId, error: message(err) } }),
        );
    },
    zoneMoveBlock(box, from, to) {
      zoneEdit(() => workers.optimizer.zoneMoveBlock(box, from, to));
    },
    zoneUndo() {
      zoneEdit(() => workers.optimizer.zoneUndo());
    },
    loadDemo() {
      loadDemoDistrict().then(
        (district) => dispatch({ type: 'data', action: { type: 'district-loaded', district } }),
        (err: unknown) => dispatch({ type: 'data', action: { type: 'district-failed', error: message(err) } }),
      );
    },
    dispose() {
      unsubscribe();
      if (analysisTimer) clearTimeout(analysisTimer);
      for (const w of [workers.evaluator, workers.optimizer, workers.editor, workers.loader]) w.dispose();
    },
  };
}
