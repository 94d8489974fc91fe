import type { Dispatch } from 'react';
import { isSchoolType, type RecommendModel } from '../../core/index.ts';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import type { AnalysisParams } from '../analysis/analysis-state.ts';
import { sameBasis, type RecommendAction, type RecommendState } from '../analysis/recommend-state.ts';
import { useI18n } from '../i18n/i18n.ts';

const MODELS: RecommendModel[] = ['cmclp', 'mclp', 'lscp', 'pmedian', 'pcenter'];

export function RecommendPanel({
  state,
  dispatch,
  analysisParams,
  onRun,
  onCancel,
  ready,
}: {
  state: RecommendState;
  dispatch: Dispatch<RecommendAction>;
  analysisParams: AnalysisParams;
  onRun: () => void;
  onCancel: () => void;
  ready: boolean;
}) {
  const { t, n } = useI18n();
  const { params, result } = state;
  const stale = result !== null && !sameBasis(state.basis, analysisParams);
  const school = isSchoolType(analysisParams.type);

  return (
    <div className="recommend" data-testid="recommend-panel">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
      >
        <label htmlFor="rec-model">{t('rec.model')}</label>
        <select id="rec-model" data-testid="rec-model" value={params.model} onChange={(e) => dispatch({ type: 'set-param', params: { model: e.target.value as RecommendModel } })}>
          {MODELS.map((m) => (
            <option key={m} value={m}>
              {t(`rec.model.${m}`)}
            </option>
          ))}
        </select>
        <small className="source span2">{t(`rec.hint.${params.model}`)}</small>
        {params.model === 'lscp' ? (
          <>
            <label htmlFor="rec-target">{t('rec.target')}</label>
            <input id="rec-target" type="number" min={1} max={100} step={1} value={params.targetPct} data-testid="rec-target"
              onChange={(e) => Number.isFinite(e.target.valueAsNumber) && dispatch({ type: 'set-param', params: { targetPct: Math.min(100, Math.max(1, e.target.valueAsNumber)) } })} />
          </>
        ) : (
          <>
            <label htmlFor="rec-p">{t('rec.p')}</label>
            <input id="rec-p" type="number" min={1} max={200} step={1} value={params.p} data-testid="rec-p"
              onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 1 && dispatch({ type: 'set-param', params: { p: e.target.valueAsNumber } })} />
          </>
        )}
        <label htmlFor="rec-spacing">{t('rec.spacing')}</label>
        <input id="rec-spacing" type="number" min={50} step={50} value={params.candidateSpacingM} data-testid="rec-spacing"
          onChange={(e) => e.target.valueAsNumber >= 50 && dispatch({ type: 'set-param', params: { candidateSpacingM: e.target.valueAsNumber } })} />
        <label htmlFor="rec-solver">{t('rec.solver')}</label>
        <select id="rec-solver" value={params.solver} data-testid="rec-solver" onChange={(e) => dispatch({ type: 'set-param', params: { solver: e.target.value as 'heuristic' | 'exact' } })}>
          <option value="heuristic">{t('rec.heuristic')}</option>
          <option value="exact">{t('rec.exact')}</option>
        </select>
        {params.solver === 'exact' && (
          <>
            <label htmlFor="rec-time">{t('rec.timeLimit')}</label>
            <input id="rec-time" type="number" min={1} max={600} value={params.timeLimitS}
              onChange={(e) => e.target.valueAsNumber >= 1 && dispatch({ type: 'set-param', params: { timeLimitS: e.target.valueAsNumber } })} />
          </>
        )}
        <div className="span2 button-row">
          <button type="submit" disabled={!ready || state.status === 'running'} data-testid="rec-run">
            {t('rec.run')}
          </button>
          {state.status === 'running' && (
            <button type="button" onClick={onCancel} data-testid="rec-cancel">
              {t('rec.cancel')}
            </button>
          )}
        </div>
      </form>
      <small className="source">{t('rec.candidates')}</small>

      <div className="progress-row" aria-live="polite">
        {state.status === 'running' && (
          <>
            <progress max={1} value={state.progress} aria-label={t('rec.progress')} data-testid="rec-progress" />
            <span>{state.message}</span>
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
    </div>
  );
}
