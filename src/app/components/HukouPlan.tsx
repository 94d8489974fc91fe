import type { PlanOutcome, Proposal } from '../../core/index.ts';
import { sameSettings } from '../analysis/analysis-state.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { EditorSite } from '../whatif/whatif-state.ts';
import { selectScenario } from '../store/selectors.ts';
import { useAppState, useAppStore, useDispatch } from '../store/store.ts';
import { useHub } from '../store/use-commands.ts';

const sitesOf = (proposals: Proposal[], prefix: string): EditorSite[] =>
  proposals.map((p, k) => ({ id: `${prefix}${k + 1}`, lngLat: p.lngLat, seats: p.seats, classes: p.classes, locked: false }));

/**
 * The Hukou-only counterfactual (the Zhengzhou pilot's argument): the same method run on
 * registered residents only, and the pupils its schools leave without a place — and how many are
 * migrants' children — against the plan for every resident. "On the map" edits the residential
 * plan and compares it with the Hukou plan side by side.
 */
export function HukouPlan() {
  const { t, n, pct } = useI18n();
  const hub = useHub();
  const store = useAppStore();
  const dispatch = useDispatch();
  const hukou = useAppState((s) => s.recommend.hukou);
  const busy = useAppState((s) => s.recommend.status === 'running' || s.recommend.curve.status === 'running');
  const stale = useAppState(
    (s) => hukou.basis !== null && (!sameSettings(hukou.basis.analysis, s.analysis.settings) || JSON.stringify(hukou.basis.recommend) !== JSON.stringify(s.recommend.settings)),
  );
  const result = hukou.status === 'done' ? hukou.result : null;
  const row = (label: string, id: string, of: (o: PlanOutcome) => string) =>
    result && (
      <tr>
        <th scope="row">{label}</th>
        <td data-testid={`hukou-residential-${id}`}>{of(result.residential)}</td>
        <td data-testid={`hukou-registered-${id}`}>{of(result.hukou)}</td>
      </tr>
    );
  const migrantsServed = (o: PlanOutcome) => (o.byRegistration.available ? pct(o.byRegistration.migrants.servedPct) : '—');
  const showOnMap = () => {
    if (!result) return;
    const s = store.getState();
    dispatch({ type: 'edit-resume', basis: s.analysis.settings, sites: sitesOf(result.residential.proposals, 'R') });
    const scenario = selectScenario(store.getState());
    hub.compare({ id: `hukou-${hukou.runId}`, scenario: { ...scenario, name: t('hukou.planName'), savedAt: new Date().toISOString(), sites: sitesOf(result.hukou.proposals, 'H') } });
  };
  return (
    <details className="curve" data-testid="hukou" open={hukou.status !== 'idle'}>
      <summary>{t('hukou.title')}</summary>
      <p className="hint">{t('hukou.hint')}</p>
      <div className="button-row">
        {hukou.status !== 'running' ? (
          <button type="button" data-testid="hukou-run" disabled={busy} onClick={() => hub.runHukou()}>
            {t('hukou.run')}
          </button>
        ) : (
          <button type="button" data-testid="hukou-cancel" onClick={() => hub.cancelHukou()}>
            {t('hukou.cancel')}
          </button>
        )}
      </div>
      {hukou.status === 'running' && <progress max={1} value={hukou.progress} aria-label={t('hukou.title')} data-testid="hukou-progress" />}
      {hukou.status === 'error' && (
        <p className="error" role="alert" data-testid="hukou-error">
          {hukou.error}
        </p>
      )}
      {stale && <p className="hint">{t('curve.stale')}</p>}
      {result && (
        <>
          <table className="summary" data-testid="hukou-table">
            <thead>
              <tr>
                <th />
                <th scope="col">{t('hukou.residential')}</th>
                <th scope="col">{t('hukou.registered')}</th>
              </tr>
            </thead>
            <tbody>
              {row(t('hukou.newSchools'), 'schools', (o) => n(o.proposals.length))}
              {row(t('hukou.unserved'), 'unserved', (o) => n(o.unservedPupils))}
              {row(t('hukou.migrantUnserved'), 'migrant-unserved', (o) => (o.migrantUnservedPupils === null ? '—' : n(o.migrantUnservedPupils)))}
              {row(t('hukou.migrantServed'), 'migrant-served', migrantsServed)}
            </tbody>
          </table>
          <p data-testid="hukou-difference">
            {t('hukou.difference', { pupils: n(result.difference.unservedPupils), migrants: n(result.difference.migrantUnservedPupils) })}
          </p>
          <div className="button-row">
            <button type="button" data-testid="hukou-map" onClick={showOnMap}>
              {t('hukou.onMap')}
            </button>
          </div>
        </>
      )}
    </details>
  );
}
