import { isSchoolType, RECOMMEND_BOUNDS, RECOMMEND_MODELS, type RecommendModel, type RecommendSettings } from '../../core/index.ts';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import { CoverageCurve } from './CoverageCurve.tsx';
import { HukouPlan } from './HukouPlan.tsx';
import { sameSettings } from '../analysis/analysis-state.ts';
import type { RecommendAction } from '../analysis/recommend-state.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { useCommand } from '../store/use-commands.ts';
import { CommandButton } from './CommandButton.tsx';
import { NumberField } from './NumberField.tsx';
import { progressText, useI18n } from '../i18n/i18n.ts';

export function RecommendPanel() {
  const i18n = useI18n();
  const { t, n, pct } = i18n;
  const state = useAppState((s) => s.recommend);
  const analysisSettings = useAppState((s) => s.analysis.settings);
  const rootDispatch = useDispatch();
  const dispatch = (action: RecommendAction) => rootDispatch({ type: 'recommend', action });
  const set = (settings: Partial<RecommendSettings>) => dispatch({ type: 'set-param', settings });
  const run = useCommand('recommend-run');
  const { settings: params, result } = state;
  const stale = result !== null && !sameSettings(state.basis, analysisSettings);
  const school = isSchoolType(analysisSettings.type);

  return (
    <div className="recommend" data-testid="recommend-panel">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          run.run();
        }}
      >
        <label htmlFor="rec-model">{t('rec.model')}</label>
        <select id="rec-model" data-testid="rec-model" value={params.model} onChange={(e) => set({ model: e.target.value as RecommendModel })}>
          {RECOMMEND_MODELS.map((m) => (
            <option key={m} value={m}>
              {t(`rec.model.${m}`)}
            </option>
          ))}
        </select>
        <small className="source span2">{t(`rec.hint.${params.model}`)}</small>
        {params.model === 'lscp' ? (
          <>
            <label htmlFor="rec-target">{t('rec.target')}</label>
            <NumberField id="rec-target" value={params.targetPct} bounds={RECOMMEND_BOUNDS.targetPct} testId="rec-target" onValue={(targetPct) => set({ targetPct })} />
          </>
        ) : (
          <>
            <label htmlFor="rec-p">{t('rec.p')}</label>
            <NumberField id="rec-p" value={params.p} bounds={RECOMMEND_BOUNDS.p} testId="rec-p" onValue={(p) => set({ p })} />
          </>
        )}
        <label htmlFor="rec-spacing">{t('rec.spacing')}</label>
        <NumberField id="rec-spacing" value={params.candidateSpacingM} bounds={RECOMMEND_BOUNDS.candidateSpacingM} step={50} testId="rec-spacing" onValue={(candidateSpacingM) => set({ candidateSpacingM })} />
        <label htmlFor="rec-solver">{t('rec.solver')}</label>
        <select id="rec-solver" value={params.solver} data-testid="rec-solver" onChange={(e) => set({ solver: e.target.value as RecommendSettings['solver'] })}>
          <option value="heuristic">{t('rec.heuristic')}</option>
          <option value="exact">{t('rec.exact')}</option>
        </select>
        {/* Both solvers keep to it: a whole city's heuristic run stops there with its best plan. */}
        <label htmlFor="rec-time">{t('rec.timeLimit')}</label>
        <NumberField id="rec-time" value={params.timeLimitS} bounds={RECOMMEND_BOUNDS.timeLimitS} testId="rec-time" onValue={(timeLimitS) => set({ timeLimitS })} />
        <div className="span2 button-row">
          <button type="submit" disabled={!run.enabled} data-testid="rec-run">
            {run.label}
          </button>
          {state.status === 'running' && <CommandButton id="recommend-cancel" testId="rec-cancel" />}
        </div>
      </form>
      <small className="source">{t('rec.candidates')}</small>

      <div className="progress-row" aria-live="polite">
        {state.status === 'running' && (
          <>
            <progress max={1} value={state.progress} aria-label={t('rec.progress')} data-testid="rec-progress" />
            <span title={progressText(i18n, state.message)}>{t('progress.running', { pct: pct(state.progress * 100) })}</span>
          </>
        )}
        {state.status === 'cancelled' && <span>{t('rec.cancelled')}</span>}
        {state.status === 'error' && <p className="error" role="alert">{state.error}</p>}
      </div>

      {result && (
        <div data-testid="rec-result">
          {stale && <p className="warning">{t('rec.stale')}</p>}
          <div className="button-row" role="group" aria-label={t('rec.mapShows')}>
            <button type="button" aria-pressed={state.view === 'before'} onClick={() => dispatch({ type: 'set-view', view: 'before' })} data-testid="view-before">
              {t('rec.today')}
            </button>
            <button type="button" aria-pressed={state.view === 'after'} onClick={() => dispatch({ type: 'set-view', view: 'after' })} data-testid="view-after">
              {t('rec.withProposals')}
            </button>
          </div>
          <p className="hint">
            {t('rec.info', {
              n: result.proposals.length,
              candidates: n(result.candidates),
              solver: t(`rec.solver.${result.siting.solver}`),
              gap: result.siting.gap !== undefined ? t('rec.gap', { gap: (result.siting.gap * 100).toFixed(2) }) : '',
              seconds: result.siting.seconds.toFixed(1),
            })}
          </p>
          <table className="proposals" data-testid="rec-proposals">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t(school ? 'rec.col.size' : 'rec.col.capacity')}</th>
                <th scope="col">{t('rec.col.served')}</th>
                <th scope="col">{t('rec.col.inRadius')}</th>
                <th scope="col">{t('rec.col.gain')}</th>
              </tr>
            </thead>
            <tbody>
              {result.proposals.map((p) => (
                <tr key={p.id} title={`${p.lngLat[0].toFixed(5)}, ${p.lngLat[1].toFixed(5)}`}>
                  <td>{p.rank}</td>
                  <td>{p.classes !== null ? t('rec.classesSeats', { classes: p.classes, seats: n(p.seats) }) : n(p.seats)}</td>
                  <td>{n(p.pupilsServed)}</td>
                  <td>{n(p.pupilsInCatchment)}</td>
                  <td>{n(p.marginalGain)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BeforeAfterTable before={result.before} after={result.after} />
        </div>
      )}
      <CoverageCurve />
      <HukouPlan />
    </div>
  );
}
