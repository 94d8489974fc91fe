import { useMemo } from 'react';
import { I18nContext, makeI18n } from './i18n/i18n.ts';
import { useAppState } from './store/store.ts';
import { useCommandKeys } from './store/use-commands.ts';
import { selectRadiusM } from './map/plan-layers.ts';
import { MapPane } from './map/MapPane.tsx';
import { LayerPanel } from './components/LayerPanel.tsx';
import { Legend } from './components/Legend.tsx';
import { Tooltip } from './components/Tooltip.tsx';
import { BasemapSettings } from './components/BasemapSettings.tsx';
import { TopStrip } from './components/TopStrip.tsx';
import { AnalysisPanel } from './components/AnalysisPanel.tsx';
import { RecommendPanel } from './components/RecommendPanel.tsx';
import { DataPanel } from './components/DataPanel.tsx';
import { DropZone } from './components/DropZone.tsx';
import { ExportBar } from './components/ExportBar.tsx';
import { WhatIfPanel } from './components/WhatIfPanel.tsx';
import { StepNav, StepSection } from './components/Steps.tsx';
import { ScenarioPanel } from './components/ScenarioPanel.tsx';
import { PresentationView } from './components/PresentationView.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { CommandButton } from './components/CommandButton.tsx';
import { TablePanel } from './components/TablePanel.tsx';
import { SearchBox } from './components/SearchBox.tsx';
import { DrawTools } from './components/DrawTools.tsx';
import { ComparePane, LanguageSwitch, LoadDialogPane, PrintPane, SidePanel, ZoneSwipePane } from './components/Panes.tsx';
import { useDispatch } from './store/store.ts';
import { useHub } from './store/use-commands.ts';

/** Layout only: every part reads what it shows from the store and acts through commands. */
export function App() {
  const locale = useAppState((s) => s.ui.locale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const { t } = i18n;
  const ready = useAppState((s) => s.data.district !== null);
  const loadError = useAppState((s) => s.data.loadError);
  const present = useAppState((s) => s.ui.present);
  const tooltip = useAppState((s) => s.ui.tooltip);
  const userDistrict = useAppState((s) => s.data.district?.demoLayers.includes('boundary') === false);
  const layers = useAppState((s) => s.layers);
  const radiusM = useAppState(selectRadiusM);
  const dispatch = useDispatch();
  const hub = useHub();
  useCommandKeys();

  if (loadError) return <div className="fatal" role="alert">{i18n.t('app.loadError', { error: loadError })}</div>;
  return (
    <I18nContext.Provider value={i18n}>
      {!ready ? (
        <div className="loading">{t('app.loading')}</div>
      ) : (
        <div className={`app${present ? ' presenting' : ''}`} lang={locale}>
          <ErrorBoundary name="map">
            <MapPane />
          </ErrorBoundary>
          <TopStrip />
          <DropZone onFiles={hub.addFiles} />
          <ErrorBoundary name="load dialog" className="notices">
            <LoadDialogPane />
          </ErrorBoundary>
          <ConfirmDialog />
          {present && (
            <ErrorBoundary name="presentation">
              <PresentationView />
            </ErrorBoundary>
          )}
          {!present && (
            <>
              <div className="left-column">
                <SidePanel side="left" label={t('app.controls')} className="panel">
                  <header className="panel-header">
                    <div>
                      <h1>Catchmap</h1>
                      <p className="district">{userDistrict ? t('app.userDistrict') : t('app.district')}</p>
                    </div>
                    <LanguageSwitch />
                  </header>
                  <SearchBox />
                  <DataPanel />
                  <ScenarioPanel />
                  <div className="button-row">
                    <CommandButton id="zoom-to-data" testId="zoom-to-data" />
                  </div>
                  <DrawTools />
                  <LayerPanel state={layers} dispatch={(action) => dispatch({ type: 'layers', action })} radiusM={radiusM} />
                  <BasemapSettings />
                </SidePanel>
                <ErrorBoundary name="legend">
                  <Legend />
                </ErrorBoundary>
              </div>
              <SidePanel side="right" label={t('app.analysis')} className="panel panel-right">
                <StepNav />
                <AnalysisPanel />
                <StepSection step="recommend">
                  <RecommendPanel />
                </StepSection>
                <StepSection step="review">
                  <WhatIfPanel />
                  <ExportBar />
                </StepSection>
              </SidePanel>
              <ErrorBoundary name="tables" className="table-panel">
                <TablePanel />
              </ErrorBoundary>
              <div className="tables-toggle">
                <CommandButton id="tables" testId="tables-toggle" />
              </div>
              <ErrorBoundary name="compare" className="compare-panel">
                <ComparePane />
                <ZoneSwipePane />
              </ErrorBoundary>
            </>
          )}
          <ErrorBoundary name="report" className="print-report">
            <PrintPane />
          </ErrorBoundary>
          <ErrorBoundary name="tooltip" className="notices">
            <Tooltip tooltip={tooltip} />
          </ErrorBoundary>
        </div>
      )}
    </I18nContext.Provider>
  );
}
