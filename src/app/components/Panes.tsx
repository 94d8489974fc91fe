import { useEffect, type ReactNode } from 'react';
import { DISTRICT_LAYERS } from '../data/district-data.ts';
import { layerNamesText, useI18n, LOCALES, saveLocale } from '../i18n/i18n.ts';
import { planTitles } from '../export/plan-export.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { selectMarkers, selectPlanSummary, selectShownEvaluation } from '../store/selectors.ts';
import { useHub } from '../store/use-commands.ts';
import { ComparePanel } from './ComparePanel.tsx';
import { MatrixDialog } from './MatrixDialog.tsx';
import { TableDialog } from './TableDialog.tsx';
import { SwipeDivider } from './SwipeDivider.tsx';
import { LoadDialog } from './LoadDialog.tsx';
import { PrintReport } from './PrintReport.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

/** The parts of the layout that only pass the store's state on to a presentational component. */

/** A side panel that folds away (small screens start folded), with its content guarded by an error boundary. */
export function SidePanel({ side, label, className, children }: { side: 'left' | 'right'; label: string; className: string; children: ReactNode }) {
  const { t } = useI18n();
  const collapsed = useAppState((s) => s.ui.collapsed[side]);
  const dispatch = useDispatch();
  return (
    <aside className={`${className}${collapsed ? ' collapsed' : ''}`} aria-label={label} data-testid={`panel-${side}`}>
      <button
        type="button"
        className="panel-toggle"
        aria-expanded={!collapsed}
        aria-label={t(collapsed ? 'panel.show' : 'panel.hide', { panel: label })}
        data-testid={`panel-toggle-${side}`}
        onClick={() => dispatch({ type: 'ui', action: { type: 'toggle-panel', side } })}
      >
        {collapsed ? t('panel.show', { panel: label }) : t('panel.hideShort')}
      </button>
      {!collapsed && <ErrorBoundary name={label}>{children}</ErrorBoundary>}
    </aside>
  );
}

export function LanguageSwitch() {
  const { t, locale } = useI18n();
  const dispatch = useDispatch();
  return (
    <div className="language" role="group" aria-label={t('app.language')}>
      {LOCALES.map((l) => (
        <button
          key={l.id}
          type="button"
          lang={l.id}
          aria-pressed={locale === l.id}
          data-testid={`locale-${l.id}`}
          onClick={() => {
            dispatch({ type: 'ui', action: { type: 'set-locale', locale: l.id } });
            saveLocale(l.id);
          }}
        >
          {l.label}
        </button>
      ))}
    </div>
  );
}

export function SyntheticNotice() {
  const i18n = useI18n();
  const { t } = i18n;
  const demoLayers = useAppState((s) => s.data.district?.demoLayers);
  const present = useAppState((s) => s.ui.present);
  if (!demoLayers || demoLayers.length === 0 || present) return null;
  return (
    <div className="synthetic-notice" role="note" data-testid="synthetic-notice">
      {demoLayers.length === DISTRICT_LAYERS.length ? t('app.synthetic') : t('data.partlySynthetic', { layers: layerNamesText(i18n, demoLayers) })}
    </div>
  );
}

export function LoadDialogPane() {
  const hub = useHub();
  const pending = useAppState((s) => s.data.pending);
  const populationCells = useAppState((s) => (s.data.district && !s.data.district.populationGrid ? s.data.district.population.features.length : 0));
  if (!pending) return null;
  const { preview } = pending;
  if (preview.kind === 'table') {
    return (
      <TableDialog
        key={preview.id}
        preview={preview}
        populationCells={populationCells}
        error={pending.error}
        onSheet={(sheet) => void hub.tableSheet(sheet)}
        onBoundaries={(file) => void hub.tableBoundaries(file)}
        onJoin={(choice) => void hub.tableJoin(choice)}
        onConfirm={() => void hub.confirmTable()}
        onDiscard={hub.discardPending}
      />
    );
  }
  if (preview.kind === 'matrix') {
    return <MatrixDialog key={preview.id} preview={preview} error={pending.error} onColumns={(c) => void hub.matrixColumns(c)} onConfirm={() => void hub.confirmMatrix()} onDiscard={hub.discardPending} />;
  }
  return <LoadDialog key={preview.id} pending={{ ...pending, preview }} onConfirm={hub.confirmLoad} onReload={hub.reloadPending} onDiscard={hub.discardPending} />;
}

export function ComparePane() {
  const hub = useHub();
  const dispatch = useDispatch();
  const compare = useAppState((s) => s.ui.compare);
  const current = useAppState((s) => selectShownEvaluation(s)?.summary ?? null);
  const divider = useAppState((s) => s.ui.dividerFraction);
  const present = useAppState((s) => s.ui.present);
  if (!compare || !current || present) return null;
  return (
    <ComparePanel
      name={compare.saved.scenario.name}
      current={current}
      other={compare.evaluation?.summary ?? null}
      dividerFraction={divider}
      onDivider={(fraction) => dispatch({ type: 'ui', action: { type: 'set-divider', fraction } })}
      onClose={() => hub.compare(null)}
    />
  );
}

/** The official zones and the design swiped on the map (outside a scenario comparison). */
export function ZoneSwipePane() {
  const { t } = useI18n();
  const dispatch = useDispatch();
  const on = useAppState((s) => s.zones.swipe && !s.ui.compare && !s.ui.present);
  const divider = useAppState((s) => s.ui.dividerFraction);
  if (!on) return null;
  return <SwipeDivider fraction={divider} onFraction={(fraction) => dispatch({ type: 'ui', action: { type: 'set-divider', fraction } })} labels={[t('zones.official'), t('zones.designed')]} />;
}

/** The printable report; a new map image opens the browser's print dialog once it has loaded. */
export function PrintPane() {
  const i18n = useI18n();
  const title = useAppState((s) => planTitles(s, i18n).title);
  const subtitle = useAppState((s) => planTitles(s, i18n).subtitle);
  const image = useAppState((s) => s.ui.reportImage);
  const today = useAppState((s) => s.analysis.result?.summary ?? null);
  const proposed = useAppState(selectPlanSummary);
  const sites = useAppState(selectMarkers);
  const evaluation = useAppState(selectShownEvaluation);
  const curve = useAppState((s) => s.recommend.curve);
  const officialZones = useAppState((s) => (s.zones.official.status === 'done' ? (s.zones.official.result?.totals ?? null) : null));
  const designedZones = useAppState((s) => s.zones.design.result?.update.totals ?? null);
  useEffect(() => {
    if (!image) return;
    const img = document.querySelector<HTMLImageElement>('[data-testid="print-map"]');
    if (img && !img.complete) img.addEventListener('load', () => window.print(), { once: true });
    else window.print();
  }, [image]);
  if (!today) return null;
  return (
    <PrintReport
      title={title}
      subtitle={subtitle}
      image={image}
      today={today}
      proposed={proposed}
      sites={sites}
      evaluation={image ? evaluation : null}
      curve={curve.status === 'done' ? curve.points : []}
      curveModel={curve.basis?.recommend.model}
      zones={officialZones || designedZones ? { official: officialZones, designed: designedZones } : null}
    />
  );
}
