import { useI18n } from '../i18n/i18n.ts';
import { Legend } from './Legend.tsx';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import { CommandButton } from './CommandButton.tsx';
import { useAppState } from '../store/store.ts';
import { selectMarkers, selectPlanSummary } from '../store/selectors.ts';
import { planTitles } from '../export/plan-export.ts';

/**
 * The map for an audience: title, legend, north arrow, scale, the key figures (today and with
 * the proposals) and the proposed sites one by one (← →, commands `present-next` and
 * `present-previous`; Esc ends it). No editing controls.
 */
export function PresentationView() {
  const i18n = useI18n();
  const { t, n } = i18n;
  const title = useAppState((s) => planTitles(s, i18n).title);
  const subtitle = useAppState((s) => planTitles(s, i18n).subtitle);
  const synthetic = useAppState((s) => (s.data.district?.demoLayers.length ?? 0) > 0);
  const notice = synthetic ? t('app.synthetic') : null;
  const today = useAppState((s) => s.analysis.result?.summary ?? null);
  const proposed = useAppState(selectPlanSummary);
  const sites = useAppState(selectMarkers);
  const current = useAppState((s) => s.ui.presentIndex);
  const bearing = useAppState((s) => s.ui.view?.bearing ?? 0);
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
        <Legend />
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
        {sites.length > 0 && <CommandButton id="present-previous" testId="present-previous" />}
        {sites.length > 0 && <CommandButton id="present-next" testId="present-next" />}
        <CommandButton id="present-exit" testId="present-exit" />
      </footer>
    </div>
  );
}
