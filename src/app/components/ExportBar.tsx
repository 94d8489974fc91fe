import type { Feature, Point } from 'geojson';
import { cellRows, facilityFeatures, featureChunks, roundAs, summaryJson, withProposedSites } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import { currentAccess } from '../analysis/analysis-state.ts';
import { withAccessColumn } from '../export/access-column.ts';
import { useAppState, useAppStore, useDispatch } from '../store/store.ts';
import { selectMarkers, selectPlanKind, selectShownEvaluation } from '../store/selectors.ts';
import { blobOfChunks, downloadBlob, planImage } from '../export/plan-export.ts';
import { populationOf } from '../data/workspace.ts';
import { useMapApi } from '../map/MapPane.tsx';
import type { SiteMarker } from '../map/layers/proposals-layer.ts';

type ExportFeatures = ReturnType<Parameters<typeof featureChunks>[0]>;

const MIME = { geojson: 'application/geo+json', csv: 'text/csv;charset=utf-8', json: 'application/json' } as const;

/** The proposed sites of the plan shown, with what each is given in it (rounded as the engine's exports are). */
export function proposalFeatures(sites: SiteMarker[]): Feature<Point, Record<string, unknown>>[] {
  return sites.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lngLat[0], p.lngLat[1]] },
    properties: { rank: p.rank, id: p.id, seats: p.seats, classes: p.classes, pupils_served: roundAs('people', p.pupilsServed), pupils_in_catchment: roundAs('people', p.pupilsInCatchment), locked: p.locked },
  }));
}

/**
 * Results as files, for the plan the map shows (today, with the proposals, or as edited): per
 * cell and per facility (each row keeps the input feature's properties), the summary and the
 * proposed sites; the map as a PNG and the printable report. CSV cells are protected against
 * formula injection by the engine.
 */
export function ExportBar() {
  const { t } = useI18n();
  const i18n = useI18n();
  const store = useAppStore();
  const dispatch = useDispatch();
  const map = useMapApi();
  const result = useAppState(selectShownEvaluation);
  const kind = useAppState(selectPlanKind);
  const markers = useAppState(selectMarkers);
  const district = useAppState((s) => s.data.district);
  // Today's cells carry the accessibility measure of step 3 as a column.
  const access = useAppState((s) => currentAccess(s.analysis));
  if (!result || !district) return null;
  // A plan's facility rows include its proposed sites, in the order the evaluation added them.
  const facilities = () =>
    markers.length > 0
      ? withProposedSites(district, result.summary.type, markers.map((m) => ({ id: m.id, lngLat: m.lngLat, seats: m.seats, ...(m.classes === null ? {} : { classes: m.classes }) }))).facilities
      : district.facilities;
  const base = `catchmap-${result.summary.type}${kind === 'today' ? '' : `-${kind}`}`;
  const both = (label: string, id: string, make: () => ExportFeatures) =>
    (['geojson', 'csv'] as const).map((format) => (
      <button
        key={`${id}-${format}`}
        type="button"
        data-testid={`export-${id}-${format}`}
        onClick={() => downloadBlob(`${base}-${id}.${format}`, blobOfChunks(featureChunks(make, format), MIME[format]))}
      >
        {label} {format.toUpperCase()}
      </button>
    ));
  const exportPng = async (ratio: number) => {
    if (map.current) downloadBlob(`catchmap-${result.summary.type}-${ratio}x.png`, await planImage(store.getState(), map.current, i18n, ratio));
  };
  // The report prints a fresh map image: made first, then the browser's print dialog.
  const printReport = async () => {
    if (!map.current) return;
    const blob = await planImage(store.getState(), map.current, i18n, 2);
    const old = store.getState().ui.reportImage;
    if (old) URL.revokeObjectURL(old);
    dispatch({ type: 'ui', action: { type: 'report-image', url: URL.createObjectURL(blob) } });
  };
  const warnings = result.warnings.map((w) => `${w.source}: ${w.feature}: ${w.reason}`);
  return (
    <div className="export-bar" aria-label={t('export.title')} data-plan={kind}>
      <h3>{t('export.title')}</h3>
      <div className="button-row wrap">
        {both(t('export.cells'), 'cells', () => (access && kind === 'today' ? withAccessColumn(cellRows(result, populationOf(district)), result.cells, access) : cellRows(result, populationOf(district))))}
        {both(t('export.facilities'), 'facilities', () => facilityFeatures(result, facilities()))}
        <button
          type="button"
          data-testid="export-summary"
          onClick={() => downloadBlob(`${base}-summary.json`, new Blob([summaryJson(result, warnings)], { type: MIME.json }))}
        >
          {t('export.summary')}
        </button>
        {markers.length > 0 && both(t('export.proposals'), 'proposals', () => proposalFeatures(markers))}
      </div>
      <div className="button-row wrap">
        {[1, 2, 3].map((ratio) => (
          <button key={ratio} type="button" data-testid={`export-png-${ratio}x`} onClick={() => void exportPng(ratio)}>
            {t('export.png', { ratio })}
          </button>
        ))}
        <button type="button" data-testid="export-report" onClick={() => void printReport()}>
          {t('export.report')}
        </button>
      </div>
    </div>
  );
}
