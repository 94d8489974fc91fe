import { cellFeatures, facilityFeatures, featuresText, summaryJson, type Evaluation, type Proposal } from '../../core/index.ts';
import type { Feature, Point } from 'geojson';

type ExportFeatures = Parameters<typeof featuresText>[0];
import { useI18n } from '../i18n/i18n.ts';

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const MIME = { geojson: 'application/geo+json', csv: 'text/csv;charset=utf-8', json: 'application/json' } as const;

export function proposalFeatures(proposals: Proposal[]): Feature<Point, Record<string, unknown>>[] {
  return proposals.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lngLat[0], p.lngLat[1]] },
    properties: { rank: p.rank, id: p.id, name: p.name, seats: p.seats, classes: p.classes, pupils_served: p.pupilsServed, pupils_in_catchment: p.pupilsInCatchment, marginal_gain: p.marginalGain },
  }));
}

/**
 * Results as files: per cell and per facility (each row keeps the input feature's properties),
 * the summary, and the proposals. CSV cells are protected against formula injection by the engine.
 */
export function ExportBar({
  result,
  population,
  facilities,
  proposals,
  onExportPng,
  onPrint,
}: {
  result: Evaluation;
  population: unknown;
  facilities: unknown;
  proposals: Proposal[] | null;
  /** The map as a PNG with title, legend, scale and attribution, at this many pixels per screen pixel. */
  onExportPng: (pixelRatio: number) => void;
  /** Makes the printable report and opens the browser's print dialog. */
  onPrint: () => void;
}) {
  const { t } = useI18n();
  const base = `catchmap-${result.summary.type}`;
  const both = (label: string, id: string, make: () => ExportFeatures) =>
    (['geojson', 'csv'] as const).map((format) => (
      <button key={`${id}-${format}`} type="button" data-testid={`export-${id}-${format}`} onClick={() => download(`${base}-${id}.${format}`, featuresText(make(), format), MIME[format])}>
        {label} {format.toUpperCase()}
      </button>
    ));
  return (
    <div className="export-bar" aria-label={t('export.title')}>
      <h3>{t('export.title')}</h3>
      <div className="button-row wrap">
        {both(t('export.cells'), 'cells', () => cellFeatures(result, population))}
        {both(t('export.facilities'), 'facilities', () => facilityFeatures(result, facilities))}
        <button type="button" data-testid="export-summary" onClick={() => download(`${base}-summary.json`, summaryJson(result, result.warnings.map((w) => `${w.source}: ${w.feature}: ${w.reason}`)), MIME.json)}>
          {t('export.summary')}
        </button>
        {proposals && both(t('export.proposals'), 'proposals', () => proposalFeatures(proposals))}
      </div>
      <div className="button-row wrap">
        {[1, 2, 3].map((ratio) => (
          <button key={ratio} type="button" data-testid={`export-png-${ratio}x`} onClick={() => onExportPng(ratio)}>
            {t('export.png', { ratio })}
          </button>
        ))}
        <button type="button" data-testid="export-report" onClick={onPrint}>
          {t('export.report')}
        </button>
      </div>
    </div>
  );
}
