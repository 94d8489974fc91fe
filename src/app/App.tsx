import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { Feature, Point } from 'geojson';
import { FACILITY_TYPES, type FacilityProperties, type FacilityType } from '../core/schema.ts';
import type { Evaluation, MappedLayer } from '../core/index.ts';
import { en, type MessageKey } from './i18n/messages.ts';
import { DEFAULT_PRESET_ID, findPreset } from '../core/standards/presets.ts';
import { DISTRICT_LAYERS, loadDemoDistrict, type DistrictData } from './data/district-data.ts';
import { MapView, type MapApi } from './map/MapView.tsx';
import { composeMapImage } from './export/map-image.ts';
import { DENSITY_BREAKS_PER_KM2, DENSITY_COLOURS } from './map/colour-ramp.ts';
import { describePick } from './map/describe-pick.ts';
import { populationLayer, toCellData } from './map/layers/population-layer.ts';
import { villagesLayer } from './map/layers/villages-layer.ts';
import { facilitiesLayer } from './map/layers/facilities-layer.ts';
import { catchmentsLayer, isochronesLayer } from './map/layers/catchments-layer.ts';
import type { FeatureCollection } from 'geojson';
import { initialMapLayers, mapLayersReducer } from './state/map-layers.ts';
import { LayerPanel } from './components/LayerPanel.tsx';
import { Legend } from './components/Legend.tsx';
import { Tooltip, type TooltipState } from './components/Tooltip.tsx';
import { BasemapSettings } from './components/BasemapSettings.tsx';
import { Notices, type Notice } from './components/Notices.tsx';
import { AnalysisPanel } from './components/AnalysisPanel.tsx';
import { EngineClient } from '../worker/client.ts';
import { useAnalysis } from './analysis/use-analysis.ts';
import { useRecommend } from './analysis/use-recommend.ts';
import { recommendOptionsOf, sameBasis } from './analysis/recommend-state.ts';
import { engineOptionsOf } from './analysis/analysis-state.ts';
import { RecommendPanel } from './components/RecommendPanel.tsx';
import { DataPanel } from './components/DataPanel.tsx';
import { DropZone } from './components/DropZone.tsx';
import { LoadDialog } from './components/LoadDialog.tsx';
import { ExportBar } from './components/ExportBar.tsx';
import { useFileLoading } from './data/use-file-loading.ts';
import { mergeLayer, type MergeOptions } from './data/merge-layer.ts';
import { bbox } from '@turf/turf';
import { proposalMarkers, proposalsLayers, siteMarkers, type SiteMarker } from './map/layers/proposals-layer.ts';
import { useWhatIf } from './whatif/use-whatif.ts';
import { publishWhatIfSites } from './map/test-hooks.ts';
import { WhatIfPanel } from './components/WhatIfPanel.tsx';
import { StepNav, StepSection } from './components/Steps.tsx';
import { stepFigures } from './analysis/step-figures.ts';
import { ScenarioPanel } from './components/ScenarioPanel.tsx';
import { PresentationView } from './components/PresentationView.tsx';
import { PrintReport } from './components/PrintReport.tsx';
import { useScenarioPersistence, type RestoreSource } from './scenario/use-scenario.ts';
import { useScenarioList, type SavedScenario } from './scenario/scenario-list.ts';
import { compareSides, type CompareSide } from './map/layers/compare-clip.ts';
import { ComparePanel } from './components/ComparePanel.tsx';
import { SCENARIO_FORMAT, SCENARIO_VERSION, missingFiles, type MapViewState, type Scenario } from './scenario/scenario.ts';
import type { EditorSite } from './whatif/whatif-state.ts';
import { I18nContext, LOCALES, initialLocale, makeI18n, saveLocale, type Locale } from './i18n/i18n.ts';
import { shortfallLayer, toShortfallData } from './map/layers/shortfall-layer.ts';
import { utilisationLayer } from './map/layers/utilisation-layer.ts';

const DEFAULT_RADIUS_M = Object.fromEntries(
  FACILITY_TYPES.map((t) => [t, findPreset(DEFAULT_PRESET_ID).standards[t].radiusM]),
) as Record<FacilityType, number>;

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const [data, setData] = useState<DistrictData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [layers, dispatch] = useReducer(mapLayersReducer, initialMapLayers);
  const [tooltip, setTooltip] = useState<TooltipState | null>(null);
  const [styleUrl, setStyleUrl] = useState<string | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [view, setView] = useState<MapViewState | null>(null);
  const [viewRequest, setViewRequest] = useState<MapViewState | null>(null);
  const [present, setPresent] = useState(() => new URLSearchParams(window.location.search).get('mode') === 'present');
  const [presentIndex, setPresentIndex] = useState(-1);
  const mapApiRef = useRef<MapApi | null>(null);
  const [reportImage, setReportImage] = useState<string | null>(null);
  const [printRequested, setPrintRequested] = useState(false);
  useEffect(() => {
    if (!printRequested) return;
    setPrintRequested(false);
    const img = document.querySelector<HTMLImageElement>('[data-testid="print-map"]');
    if (img && !img.complete) img.addEventListener('load', () => window.print(), { once: true });
    else window.print();
  }, [printRequested]);
  // Two workers: the optimizer can run for seconds while the analysis keeps answering edits.
  const [engines, setEngines] = useState<{ evaluator: EngineClient; optimizer: EngineClient; editor: EngineClient } | null>(null);
  const [districtVersion, setDistrictVersion] = useState(0);
  const ready = engines !== null && districtVersion > 0;
  const [analysis, dispatchAnalysis] = useAnalysis(ready ? engines.evaluator : null, districtVersion);
  const recommend = useRecommend(ready ? engines.optimizer : null);
  const resetRecommend = recommend.dispatch;
  const whatIf = useWhatIf(ready ? engines.editor : null);
  const stopWhatIf = whatIf.stop;

  useEffect(() => {
    loadDemoDistrict().then(setData, (err: unknown) =>
      setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, []);

  useEffect(() => {
    // A third worker holds the what-if session, so neither analysis nor optimizer runs disturb it.
    const evaluator = new EngineClient();
    const optimizer = new EngineClient();
    const editor = new EngineClient();
    setEngines({ evaluator, optimizer, editor });
    return () => {
      setEngines(null);
      evaluator.dispose();
      optimizer.dispose();
      editor.dispose();
    };
  }, []);

  // Every loaded file gives a new district: both workers get it, then the analysis runs again.
  useEffect(() => {
    if (!data || !engines) return;
    const district = {
      population: data.population,
      facilities: data.facilities,
      villages: data.villages,
      exclusions: data.landuse.features,
      candidates: data.candidates,
      roads: data.roads,
      sources: data.files,
    };
    let live = true;
    void Promise.all([engines.evaluator, engines.optimizer, engines.editor].map((e) => e.setDistrict(district))).then(() => {
      if (!live) return;
      resetRecommend({ type: 'reset' });
      stopWhatIf();
      setDistrictVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [data, engines, resetRecommend, stopWhatIf]);

  const onRefused = useCallback((file: string, reason: string) => {
    setNotices((list) => [...list, { id: Date.now() + Math.random(), key: 'data.refused', vars: { file, reason } }]);
  }, []);
  const onLayer = useCallback((layer: MappedLayer, options: MergeOptions) => setData((d) => (d ? mergeLayer(d, layer, options) : d)), []);
  const loadOptions = useMemo(() => (data ? { bbox: bbox(data.boundary) as [number, number, number, number] } : {}), [data?.boundary]);
  const loading = useFileLoading(loadOptions, onLayer, onRefused);
  const addFiles = loading.add;

  const basemap = useMemo(
    () => (data ? { boundary: data.boundary, roads: data.roads, landuse: data.landuse } : null),
    [data?.boundary, data?.roads, data?.landuse],
  );
  const cells = useMemo(() => (data ? toCellData(data.population.features) : []), [data]);
  const facilities = useMemo(() => (data?.facilities.features ?? []) as Feature<Point, FacilityProperties>[], [data]);

  const recommendation = recommend.state.result;
  const editing = whatIf.state.active && whatIf.state.evaluation !== null;
  const showProposals =
    !whatIf.state.active && recommendation !== null && recommend.state.view === 'after' && sameBasis(recommend.state.basis, analysis.params);
  // The map shows the district as edited by hand, as it would be with the proposals built, or as it is today.
  const result = editing ? whatIf.state.evaluation : showProposals ? recommendation.afterEvaluation : analysis.result;
  const markers = useMemo((): SiteMarker[] => {
    if (editing) return siteMarkers(whatIf.state.sites, whatIf.state.evaluation!, whatIf.state.selectedId);
    return showProposals ? proposalMarkers(recommendation.proposals) : [];
  }, [editing, whatIf.state.evaluation, whatIf.state.sites, whatIf.state.selectedId, showProposals, recommendation]);

  // The analysis changed under an open editing session: start it again for the new analysis, same sites.
  const restartWhatIf = whatIf.start;
  useEffect(() => {
    if (whatIf.state.active && !sameBasis(whatIf.state.basis, analysis.params)) restartWhatIf(analysis.params, whatIf.state.sites);
  }, [analysis.params, whatIf.state.active, whatIf.state.basis, whatIf.state.sites, restartWhatIf]);

  const startEditing = useCallback(() => {
    const from = showProposals
      ? recommendation.proposals.map((p) => ({ id: `P${p.rank}`, lngLat: p.lngLat, seats: p.seats, classes: p.classes, locked: false }))
      : [];
    whatIf.start(analysis.params, from);
  }, [showProposals, recommendation, whatIf, analysis.params]);

  const [reoptimizing, setReoptimizing] = useState(false);
  const reoptimize = useCallback(async () => {
    if (!engines) return;
    const locked = whatIf.state.sites.filter((s) => s.locked);
    setReoptimizing(true);
    try {
      const r = await engines.optimizer.recommend(engineOptionsOf(analysis.params), {
        ...recommendOptionsOf(recommend.state.params),
        locked: locked.map(({ locked: _l, ...site }) => site),
      });
      let next = whatIf.state.nextNumber;
      whatIf.replaceAll([
        ...locked,
        ...r.proposals.map((prop) => ({ id: `P${next++}`, lngLat: prop.lngLat, seats: prop.seats, classes: prop.classes, locked: false })),
      ]);
    } catch (err) {
      setNotices((list) => [...list, { id: Date.now(), key: 'data.refused', vars: { file: 'optimizer', reason: err instanceof Error ? err.message : String(err) } }]);
    } finally {
      setReoptimizing(false);
    }
  }, [engines, recommend.state.params, whatIf, analysis.params]);

  // The scenario: what the planner set up, kept as they go (autosave) and shareable.
  const scenarioSites = useMemo(
    (): EditorSite[] =>
      whatIf.state.active
        ? whatIf.state.sites
        : showProposals
          ? recommendation.proposals.map((p) => ({ id: `P${p.rank}`, lngLat: p.lngLat, seats: p.seats, classes: p.classes, locked: false }))
          : [],
    [whatIf.state.active, whatIf.state.sites, showProposals, recommendation],
  );
  const scenario = useMemo(
    (): Scenario => ({
      format: SCENARIO_FORMAT,
      version: SCENARIO_VERSION,
      name: i18n.t('scenario.untitled'),
      savedAt: new Date().toISOString(),
      data: { demoLayers: data?.demoLayers ?? [], files: loading.loaded.map((f) => f.name) },
      analysis: analysis.params,
      recommend: recommend.state.params,
      sites: scenarioSites,
      view,
    }),
    [i18n, data?.demoLayers, loading.loaded, analysis.params, recommend.state.params, scenarioSites, view],
  );
  const restoreScenario = useCallback(
    (restored: Scenario, source: RestoreSource | 'file') => {
      dispatchAnalysis({ type: 'restore', params: restored.analysis });
      recommend.dispatch({ type: 'set-param', params: restored.recommend });
      if (restored.sites.length > 0) whatIf.start(restored.analysis, restored.sites);
      else whatIf.stop();
      if (restored.view) setViewRequest(restored.view);
      const missing = missingFiles(restored, loading.loaded.map((f) => f.name));
      setNotices((list) => [
        ...list,
        { id: Date.now(), key: 'scenario.restored', vars: { name: restored.name, source: i18n.t(`scenario.source.${source}`) } },
        ...(missing.length > 0 ? [{ id: Date.now() + 1, key: 'scenario.missing' as const, vars: { files: missing.join(', ') } }] : []),
      ]);
    },
    [dispatchAnalysis, recommend, whatIf, loading.loaded, i18n],
  );
  const scenarioError = useCallback((message: string) => onRefused('scenario', message), [onRefused]);
  useScenarioPersistence(ready, scenario, restoreScenario, scenarioError);
  const savedScenarios = useScenarioList(scenarioError);

  const sitesRef = useRef(whatIf.state.sites);
  sitesRef.current = whatIf.state.sites;
  // The map (and with it the test hooks) exists once the district has loaded.
  const mapShown = data !== null;
  useEffect(() => publishWhatIfSites(() => sitesRef.current.map(({ locked: _locked, ...site }) => site)), [mapShown]);

  const stepPresentation = useCallback(
    (index: number) => {
      setPresentIndex(index);
      const site = markers[index];
      if (site) setViewRequest({ center: [site.lngLat[0], site.lngLat[1]], zoom: 14.5, bearing: 0, pitch: 0 });
      else if (data) {
        const [w, s2, e, n2] = bbox(data.boundary);
        setViewRequest({ center: [(w + e) / 2, (s2 + n2) / 2], zoom: view?.zoom ?? 11, bearing: 0, pitch: 0 });
      }
    },
    [markers, data, view?.zoom],
  );

  // Keyboard: undo, redo and delete while editing (not while typing in a field).
  useEffect(() => {
    if (!whatIf.state.active || present) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) whatIf.redo();
        else whatIf.undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        whatIf.redo();
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && whatIf.state.selectedId) {
        e.preventDefault();
        whatIf.remove(whatIf.state.selectedId);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [whatIf, present]);

  const siteEditing = useMemo(
    () =>
      editing && !present
        ? { onAdd: whatIf.add, onSelect: whatIf.select, onDragStart: whatIf.dragStart, onDrag: whatIf.drag, onDragEnd: whatIf.dragEnd }
        : null,
    [editing, present, whatIf.add, whatIf.select, whatIf.dragStart, whatIf.drag, whatIf.dragEnd],
  );
  const shortfallData = useMemo(() => (result ? toShortfallData(cells, result.cells) : []), [cells, result]);
  const radiusM = useMemo(
    () => (result ? { ...DEFAULT_RADIUS_M, [result.summary.type]: result.summary.standard.radiusM } : DEFAULT_RADIUS_M),
    [result],
  );

  // Proposals are sized to the pupils they take, so a utilisation halo would say nothing about them.
  const existingResults = useMemo(() => {
    if (!result) return [];
    const proposed = new Set([...markers.map((m) => m.id), ...(showProposals ? recommendation.proposals.map((p) => p.id) : [])]);
    return result.facilities.filter((f) => !proposed.has(f.id));
  }, [result, showProposals, recommendation, markers]);

  // Walking distance: the analysed type's catchments are drawn as the streets reached, not circles.
  const [isochrones, setIsochrones] = useState<{ type: FacilityType; shapes: FeatureCollection } | null>(null);
  const distance = analysis.params.distance;
  useEffect(() => {
    setIsochrones(null);
    const evaluation = analysis.result;
    if (!ready || !evaluation || distance === 'straight') return;
    let live = true;
    const { type, standard } = evaluation.summary;
    const sites = evaluation.facilities.map((f) => ({ id: f.id, lngLat: f.lngLat }));
    void engines.evaluator.isochrones(type, standard.radiusM, distance, sites).then((shapes) => live && setIsochrones({ type, shapes }));
    return () => {
      live = false;
    };
  }, [ready, engines, analysis.result, distance]);

  // Compare: a saved scenario evaluated beside the current plan, split by a swipe divider.
  const [compare, setCompare] = useState<{ saved: SavedScenario; evaluation: Evaluation | null } | null>(null);
  const [dividerFraction, setDividerFraction] = useState(0.5);
  const startCompare = useCallback(
    (saved: SavedScenario) => {
      if (!engines) return;
      setCompare({ saved, evaluation: null });
      const sites = saved.scenario.sites.map(({ locked: _locked, ...site }) => site);
      // The editor's worker: evaluating there leaves its editing session as it is.
      engines.editor.evaluateWithSites(engineOptionsOf(saved.scenario.analysis), sites).then(
        (evaluation) => setCompare((c) => (c && c.saved.id === saved.id ? { saved, evaluation } : c)),
        (err: unknown) => {
          setCompare(null);
          onRefused(saved.scenario.name, err instanceof Error ? err.message : String(err));
        },
      );
    },
    [engines, onRefused],
  );
  const compareLayers = useMemo(() => {
    if (!compare?.evaluation) return null;
    const other = compare.evaluation;
    const otherSites = new Set(compare.saved.scenario.sites.map((site) => site.id));
    const otherMarkers = siteMarkers(compare.saved.scenario.sites, other, null);
    return {
      shortfall: toShortfallData(cells, other.cells),
      existing: other.facilities.filter((f) => !otherSites.has(f.id)),
      markers: otherMarkers,
      radiusM: other.summary.standard.radiusM,
    };
  }, [compare, cells]);
  const splitLng = compareLayers ? mapApiRef.current?.unproject(dividerFraction * window.innerWidth, window.innerHeight / 2)[0] : undefined;

  const deckLayers = useMemo(() => {
    if (!data) return [];
    const sides = splitLng !== undefined ? compareSides(splitLng) : null;
    const plan = (
      shortfall: typeof shortfallData,
      existing: typeof existingResults,
      sites: SiteMarker[],
      radius: number,
      side: CompareSide | undefined,
    ) => ({
      shortfall: [shortfallLayer(shortfall, layers.layers.shortfall, side)],
      utilisation: [utilisationLayer(existing, layers.layers.utilisation, side)],
      proposals: sites.length > 0 ? proposalsLayers(sites, radius, layers.layers.proposals, side) : [],
    });
    const a = result ? plan(shortfallData, existingResults, markers, result.summary.standard.radiusM, sides?.left) : null;
    const b = compareLayers && sides ? plan(compareLayers.shortfall, compareLayers.existing, compareLayers.markers, compareLayers.radiusM, sides.right) : null;
    return [
      populationLayer(cells, layers.layers.population),
      ...(a?.shortfall ?? []),
      ...(b?.shortfall ?? []),
      villagesLayer(data.villages.features, layers.layers.villages),
      catchmentsLayer(
        isochrones ? facilities.filter((f) => f.properties.type !== isochrones.type) : facilities,
        layers.catchmentTypes,
        radiusM,
        layers.layers.catchments,
      ),
      ...(isochrones && layers.catchmentTypes[isochrones.type] ? [isochronesLayer(isochrones.shapes, isochrones.type, layers.layers.catchments)] : []),
      ...(a?.utilisation ?? []),
      ...(b?.utilisation ?? []),
      facilitiesLayer(facilities, layers.facilityTypes, layers.layers.facilities),
      ...(a?.proposals ?? []),
      ...(b?.proposals ?? []),
    ];
  }, [data, cells, facilities, layers, result, shortfallData, radiusM, markers, existingResults, isochrones, compareLayers, splitLng]);

  const onHover = useCallback((info: PickingInfo) => {
    const lines = describePick(info.layer?.id, info.object, i18nRef.current);
    setTooltip(lines ? { x: info.x, y: info.y, lines } : null);
  }, []);

  const onBasemapError = useCallback((message: string) => {
    setStyleUrl(null);
    setNotices((list) => [
      ...list,
      { id: Date.now(), key: 'notice.basemapFailed', vars: { message } },
    ]);
  }, []);

  const { t } = i18n;
  const planTitle = t('present.title', {
    type: t(`facility.${analysis.params.type}`),
    district: data?.demoLayers.includes('boundary') === false ? t('app.userDistrict') : t('app.district'),
  });
  const planSubtitle = t('present.subtitle', {
    preset: `preset.${analysis.params.presetId}` in en ? t(`preset.${analysis.params.presetId}` as MessageKey) : analysis.params.presetId,
    radius: i18n.n(analysis.result?.summary.standard.radiusM ?? 0),
    distance: t(`distance.${analysis.params.distance}`),
  });
  const makeMapImage = async (pixelRatio: number): Promise<Blob | null> => {
    const capture = mapApiRef.current;
    if (!capture) return null;
    const shot = await capture.capture(pixelRatio);
    const legend = DENSITY_COLOURS.map((colour, k) => ({
      colour,
      label: DENSITY_BREAKS_PER_KM2[k + 1] === undefined ? `≥ ${i18n.n(DENSITY_BREAKS_PER_KM2[k])}` : `${i18n.n(DENSITY_BREAKS_PER_KM2[k])} – ${i18n.n(DENSITY_BREAKS_PER_KM2[k + 1])}`,
    }));
    return composeMapImage(shot.layers, pixelRatio, {
      title: planTitle,
      subtitle: planSubtitle,
      legendTitle: t('legend.density'),
      legend,
      metresPerPixel: shot.metresPerPixel,
      bearing: shot.bearing,
      attribution: data?.demoLayers.length ? `Catchmap · ${t('app.synthetic')}` : 'Catchmap',
    });
  };
  const exportPng = async (pixelRatio: number) => {
    const blob = await makeMapImage(pixelRatio);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `catchmap-${analysis.params.type}-${pixelRatio}x.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  // The report prints a fresh map image: made first, then the browser's print dialog.
  const printReport = async () => {
    const blob = await makeMapImage(2);
    if (!blob) return;
    setReportImage((old) => {
      if (old) URL.revokeObjectURL(old);
      return URL.createObjectURL(blob);
    });
    setPrintRequested(true);
  };
  const figures = stepFigures(i18n, analysis.result?.summary ?? null, showProposals ? recommendation : null, editing ? whatIf.state : null);
  if (loadError) {
    return (
      <div className="fatal" role="alert">
        {t('app.loadError', { error: loadError })}
      </div>
    );
  }
  if (!data || !basemap) return <div className="loading">{t('app.loading')}</div>;

  return (
    <I18nContext.Provider value={i18n}>
    <div className="app">
      <MapView
        apiRef={mapApiRef}
        onViewChange={setView}
        viewRequest={viewRequest}
        editing={siteEditing}
        basemap={basemap}
        deckLayers={deckLayers}
        roads={layers.layers.roads}
        boundary={layers.layers.boundary}
        styleUrl={styleUrl}
        onHover={onHover}
        onBasemapError={onBasemapError}
      />
      {data.demoLayers.length > 0 && !present && (
        <div className="synthetic-notice" role="note" data-testid="synthetic-notice">
          {data.demoLayers.length === DISTRICT_LAYERS.length ? t('app.synthetic') : t('data.partlySynthetic', { layers: data.demoLayers.join(', ') })}
        </div>
      )}
      <DropZone onFiles={addFiles} />
      {loading.pending && (
        <LoadDialog
          key={loading.pending.preview.id}
          pending={loading.pending}
          onConfirm={loading.confirm}
          onReload={loading.reload}
          onDiscard={loading.discard}
        />
      )}
      {present && (
        <PresentationView
          title={planTitle}
          subtitle={planSubtitle}
          notice={data.demoLayers.length > 0 ? t('app.synthetic') : null}
          today={analysis.result?.summary ?? null}
          proposed={editing ? whatIf.state.evaluation!.summary : showProposals ? recommendation.after : null}
          sites={markers}
          current={presentIndex}
          bearing={view?.bearing ?? 0}
          onStep={stepPresentation}
          onExit={() => {
            setPresent(false);
            if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
          }}
        />
      )}
      {!present && (
      <>
      <div className="left-column">
        <aside className="panel" aria-label={t('app.controls')}>
          <header className="panel-header">
            <div>
              <h1>Catchmap</h1>
              <p className="district">{data.demoLayers.includes('boundary') ? t('app.district') : t('app.userDistrict')}</p>
            </div>
            <div className="language" role="group" aria-label={t('app.language')}>
              {LOCALES.map((l) => (
                <button
                  key={l.id}
                  type="button"
                  lang={l.id}
                  aria-pressed={locale === l.id}
                  data-testid={`locale-${l.id}`}
                  onClick={() => {
                    setLocale(l.id);
                    saveLocale(l.id);
                  }}
                >
                  {l.label}
                </button>
              ))}
            </div>
          </header>
          <DataPanel
            onFiles={addFiles}
            progress={loading.progress}
            queued={loading.queued}
            onCancel={loading.cancel}
            loaded={loading.loaded}
            demoLayers={data.demoLayers}
          />
          <ScenarioPanel
            scenario={scenario}
            onOpen={(opened) => restoreScenario(opened, 'file')}
            onError={onRefused}
            saved={savedScenarios}
            onCompare={startCompare}
            onPresent={() => {
              setPresentIndex(-1);
              setPresent(true);
              // Full screen where the browser allows it; the presentation works in a window too.
              document.documentElement.requestFullscreen?.().catch(() => undefined);
            }}
          />
          <LayerPanel state={layers} dispatch={dispatch} radiusM={radiusM} />
          <BasemapSettings styleUrl={styleUrl} onChange={setStyleUrl} />
        </aside>
        <Legend analysed={result !== null} />
      </div>
      <aside className="panel panel-right" aria-label={t('app.analysis')}>
        <StepNav figures={figures} />
        <AnalysisPanel state={analysis} dispatch={dispatchAnalysis} />
        <StepSection step="recommend">
        <RecommendPanel
          state={recommend.state}
          dispatch={recommend.dispatch}
          analysisParams={analysis.params}
          ready={ready}
          onRun={() => recommend.run(analysis.params)}
          onCancel={recommend.cancel}
        />
        </StepSection>
        <StepSection step="review">
        <WhatIfPanel
          whatIf={whatIf}
          today={analysis.result?.summary ?? null}
          canStart={ready && analysis.result !== null}
          hasProposals={showProposals}
          onStart={startEditing}
          onReoptimize={() => void reoptimize()}
          reoptimizing={reoptimizing}
        />
        {analysis.result && (
          <ExportBar
            result={analysis.result}
            population={data.population}
            facilities={data.facilities}
            proposals={showProposals ? recommendation.proposals : null}
            onExportPng={(ratio) => void exportPng(ratio)}
            onPrint={() => void printReport()}
          />
        )}
        </StepSection>
      </aside>
      </>
      )}
      {compare && analysis.result && !present && (
        <ComparePanel
          name={compare.saved.scenario.name}
          current={result?.summary ?? analysis.result.summary}
          other={compare.evaluation?.summary ?? null}
          dividerFraction={dividerFraction}
          onDivider={setDividerFraction}
          onClose={() => setCompare(null)}
        />
      )}
      {analysis.result && (
        <PrintReport
          title={planTitle}
          subtitle={planSubtitle}
          image={reportImage}
          today={analysis.result.summary}
          proposed={editing ? whatIf.state.evaluation!.summary : showProposals ? recommendation.after : null}
          sites={markers}
        />
      )}
      <Tooltip tooltip={tooltip} />
      <Notices notices={notices} onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))} />
    </div>
    </I18nContext.Provider>
  );
}
