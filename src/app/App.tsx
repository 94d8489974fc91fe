import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { Feature, Point } from 'geojson';
import { FACILITY_TYPES, type FacilityProperties, type FacilityType } from '../core/schema.ts';
import { DEFAULT_PRESET_ID, findPreset } from '../core/standards/presets.ts';
import { loadDemoDistrict, type DistrictData } from './data/district-data.ts';
import { MapView } from './map/MapView.tsx';
import { describePick } from './map/describe-pick.ts';
import { populationLayer, toCellData } from './map/layers/population-layer.ts';
import { villagesLayer } from './map/layers/villages-layer.ts';
import { facilitiesLayer } from './map/layers/facilities-layer.ts';
import { catchmentsLayer } from './map/layers/catchments-layer.ts';
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
import { sameBasis } from './analysis/recommend-state.ts';
import { RecommendPanel } from './components/RecommendPanel.tsx';
import { proposalsLayers } from './map/layers/proposals-layer.ts';
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
  const [engine, setEngine] = useState<EngineClient | null>(null);
  const [siteEngine, setSiteEngine] = useState<EngineClient | null>(null);
  const [analysis, dispatchAnalysis] = useAnalysis(engine);
  const recommend = useRecommend(siteEngine);

  useEffect(() => {
    loadDemoDistrict().then(setData, (err: unknown) =>
      setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, []);

  useEffect(() => {
    if (!data) return;
    const district = {
      population: data.population,
      facilities: data.facilities,
      villages: data.villages,
      exclusions: data.landuse.features,
      sources: { population: 'demo-population.geojson', facilities: 'demo-facilities.geojson', villages: 'demo-urban-villages.geojson' },
    };
    // Two workers: the optimizer can run for seconds while the analysis keeps answering edits.
    const evaluator = new EngineClient();
    const optimizer = new EngineClient();
    let live = true;
    void Promise.all([evaluator.setDistrict(district), optimizer.setDistrict(district)]).then(() => {
      if (!live) return;
      setEngine(evaluator);
      setSiteEngine(optimizer);
    });
    return () => {
      live = false;
      setEngine(null);
      setSiteEngine(null);
      evaluator.dispose();
      optimizer.dispose();
    };
  }, [data]);

  const cells = useMemo(() => (data ? toCellData(data.population.features) : []), [data]);
  const facilities = useMemo(() => (data?.facilities.features ?? []) as Feature<Point, FacilityProperties>[], [data]);

  const recommendation = recommend.state.result;
  const showProposals =
    recommendation !== null && recommend.state.view === 'after' && sameBasis(recommend.state.basis, analysis.params);
  // The map shows the district as it would be with the proposals built, or as it is today.
  const result = showProposals ? recommendation.afterEvaluation : analysis.result;
  const shortfallData = useMemo(() => (result ? toShortfallData(cells, result.cells) : []), [cells, result]);
  const radiusM = useMemo(
    () => (result ? { ...DEFAULT_RADIUS_M, [result.summary.type]: result.summary.standard.radiusM } : DEFAULT_RADIUS_M),
    [result],
  );

  // Proposals are sized to the pupils they take, so a utilisation halo would say nothing about them.
  const existingResults = useMemo(() => {
    if (!result) return [];
    const proposed = new Set(showProposals ? recommendation.proposals.map((p) => p.id) : []);
    return result.facilities.filter((f) => !proposed.has(f.id));
  }, [result, showProposals, recommendation]);

  const deckLayers = useMemo(() => {
    if (!data) return [];
    return [
      populationLayer(cells, layers.layers.population),
      ...(result ? [shortfallLayer(shortfallData, layers.layers.shortfall)] : []),
      villagesLayer(data.villages.features, layers.layers.villages),
      catchmentsLayer(facilities, layers.catchmentTypes, radiusM, layers.layers.catchments),
      ...(result ? [utilisationLayer(existingResults, layers.layers.utilisation)] : []),
      facilitiesLayer(facilities, layers.facilityTypes, layers.layers.facilities),
      ...(showProposals ? proposalsLayers(recommendation.proposals, recommendation.after.standard.radiusM, layers.layers.proposals) : []),
    ];
  }, [data, cells, facilities, layers, result, shortfallData, radiusM, showProposals, recommendation, existingResults]);

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
  if (loadError) {
    return (
      <div className="fatal" role="alert">
        {t('app.loadError', { error: loadError })}
      </div>
    );
  }
  if (!data) return <div className="loading">{t('app.loading')}</div>;

  return (
    <I18nContext.Provider value={i18n}>
    <div className="app">
      <MapView
        data={data}
        deckLayers={deckLayers}
        roads={layers.layers.roads}
        boundary={layers.layers.boundary}
        styleUrl={styleUrl}
        onHover={onHover}
        onBasemapError={onBasemapError}
      />
      {data.synthetic && (
        <div className="synthetic-notice" role="note" data-testid="synthetic-notice">
          {t('app.synthetic')}
        </div>
      )}
      <div className="left-column">
        <aside className="panel" aria-label={t('app.controls')}>
          <header className="panel-header">
            <div>
              <h1>Catchmap</h1>
              <p className="district">{data.synthetic ? t('app.district') : data.name}</p>
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
          <LayerPanel state={layers} dispatch={dispatch} radiusM={radiusM} />
          <BasemapSettings styleUrl={styleUrl} onChange={setStyleUrl} />
        </aside>
        <Legend analysed={result !== null} />
      </div>
      <aside className="panel panel-right" aria-label={t('app.analysis')}>
        <AnalysisPanel state={analysis} dispatch={dispatchAnalysis} />
        <RecommendPanel
          state={recommend.state}
          dispatch={recommend.dispatch}
          analysisParams={analysis.params}
          ready={siteEngine !== null}
          onRun={() => recommend.run(analysis.params)}
          onCancel={recommend.cancel}
        />
      </aside>
      <Tooltip tooltip={tooltip} />
      <Notices notices={notices} onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))} />
    </div>
    </I18nContext.Provider>
  );
}
