import { useEffect } from 'react';
import type { EvaluationSummary } from '../../core/index.ts';
import type { SiteMarker } from '../map/layers/proposals-layer.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Legend } from './Legend.tsx';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';

/**
 * The map for an audience: title, legend, north arrow, scale, the key figures (today and with
 * the proposals) and the proposed sites one by one with the arrow keys. No editing controls.
 */
export function PresentationView({
  title,
  subtitle,
  notice,
  today,
  proposed,
  sites,
  current,
  bearing,
  onStep,
  onExit,
}: {
  title: string;
  subtitle: string;
  /** Shown under the title: the synthetic-data notice when demo layers are on the map. */
  notice: string | null;
  today: EvaluationSummary | null;
  proposed: EvaluationSummary | null;
  sites: SiteMarker[];
  /** Index of the site shown, or -1 for the overview. */
  current: number;
  bearing: number;
  onStep: (index: number) => void;
  onExit: () => void;
}) {
  const { t, n } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onExit();
      else if (e.key === 'ArrowRight' && sites.length > 0) onStep(current + 1 >= sites.length ? -1 : current + 1);
      else if (e.key === 'ArrowLeft' && sites.length > 0) onStep(current - 1 < -1 ? sites.length - 1 : current - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, sites.length, onStep, onExit]);

  const site = current >= 0 ? sites[current] : null;
  return (
    <div className="presentation" data-testid="presentation">
      <header className="present-title">
        <h1 data-testid="present-title">{title}</h1>
        <p>{subtitle}</p>
        {notice && <p className="present-notice">{notice}</p>}
      </header>
      <div className="present-north" aria-label={t('present.north')} title={t('present.north')}>
        <svg viewBox="0 0 40 40" width="40" height="40" style={{ transform: `rotate(${-bearing}deg)` }} aria-hidden="true">
          <polygon points="20,3 28,30 20,24 12,30" fill="#1f2328" />
          <text x="20" y="39" textAnchor="middle" fontSize="9" fontWeight="700">N</text>
        </svg>
      </div>
      <div className="present-legend">
        <Legend analysed={today !== null} />
      </div>
      <aside className="present-figures" aria-label={t('present.keyFigures')} data-testid="present-figures">
        <h2>{t('present.keyFigures')}</h2>
        {today && <BeforeAfterTable before={today} after={proposed} rows={['coverage', 'served', 'unserved', 'schools', 'village-served', 'other-served']} testIdPrefix="present" />}
        {site && (
          <div className="present-site" data-testid="present-site">
            <h3>{t('present.site', { rank: site.rank, n: sites.length })}</h3>
            <p>
              {site.classes !== null ? t('tip.proposedSize', { classes: n(site.classes), seats: n(site.seats) }) : t('tip.visits', { n: n(site.seats) })}
              <br />
              {t('tip.proposedServed', { served: n(site.pupilsServed), inRadius: n(site.pupilsInCatchment) })}
            </p>
          </div>
        )}
      </aside>
      <footer className="present-footer">
        <span>{sites.length > 0 ? t('present.hint') : ''}</span>
        <button type="button" onClick={onExit} data-testid="present-exit">
          {t('present.exit')}
        </button>
      </footer>
    </div>
  );
}
