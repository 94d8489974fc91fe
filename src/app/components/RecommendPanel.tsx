import type { Dispatch } from 'react';
import { isSchoolType, type EvaluationSummary, type RecommendModel } from '../../core/index.ts';
import type { AnalysisParams } from '../analysis/analysis-state.ts';
import { sameBasis, type RecommendAction, type RecommendState } from '../analysis/recommend-state.ts';

const MODELS: { id: RecommendModel; label: string; hint: string }[] = [
  { id: 'cmclp', label: 'Seats for unserved pupils (capacitated coverage)', hint: 'p new schools of standard size that seat the most pupils within the radius — the Zhengzhou case' },
  { id: 'mclp', label: 'Maximal coverage (MCLP)', hint: 'p new sites that bring the most pupils within the radius' },
  { id: 'lscp', label: 'Fewest sites for a coverage target (LSCP)', hint: 'the fewest new sites that bring the target share of pupils within the radius' },
  { id: 'pmedian', label: 'Shortest total distance (p-median)', hint: 'p new sites minimising the pupil-weighted distance to the nearest facility' },
  { id: 'pcenter', label: 'Shortest longest distance (p-center)', hint: 'p new sites minimising the farthest any pupil lives from a facility' },
];

const n0 = (n: number) => Math.round(n).toLocaleString('en');
const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)} %`);

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
  const { params, result } = state;
  const model = MODELS.find((m) => m.id === params.model)!;
  const stale = result !== null && !sameBasis(state.basis, analysisParams);
  const school = isSchoolType(analysisParams.type);

  return (
    <section className="panel-section recommend" aria-labelledby="recommend-heading" data-testid="recommend-panel">
      <h2 id="recommend-heading">Recommend sites</h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
      >
        <label htmlFor="rec-model">Model</label>
        <select id="rec-model" data-testid="rec-model" value={params.model} onChange={(e) => dispatch({ type: 'set-param', params: { model: e.target.value as RecommendModel } })}>
          {MODELS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <small className="source span2">{model.hint}</small>
        {params.model === 'lscp' ? (
          <>
            <label htmlFor="rec-target">Coverage target (%)</label>
            <input id="rec-target" type="number" min={1} max={100} step={1} value={params.targetPct} data-testid="rec-target"
              onChange={(e) => Number.isFinite(e.target.valueAsNumber) && dispatch({ type: 'set-param', params: { targetPct: Math.min(100, Math.max(1, e.target.valueAsNumber)) } })} />
          </>
        ) : (
          <>
            <label htmlFor="rec-p">New sites (p)</label>
            <input id="rec-p" type="number" min={1} max={200} step={1} value={params.p} data-testid="rec-p"
              onChange={(e) => Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 1 && dispatch({ type: 'set-param', params: { p: e.target.valueAsNumber } })} />
          </>
        )}
        <label htmlFor="rec-spacing">Candidate grid (m)</label>
        <input id="rec-spacing" type="number" min={50} step={50} value={params.candidateSpacingM} data-testid="rec-spacing"
          onChange={(e) => e.target.valueAsNumber >= 50 && dispatch({ type: 'set-param', params: { candidateSpacingM: e.target.valueAsNumber } })} />
        <label htmlFor="rec-solver">Solver</label>
        <select id="rec-solver" value={params.solver} data-testid="rec-solver" onChange={(e) => dispatch({ type: 'set-param', params: { solver: e.target.value as 'heuristic' | 'exact' } })}>
          <option value="heuristic">Heuristic (fast)</option>
          <option value="exact">Exact MILP (HiGHS)</option>
        </select>
        {params.solver === 'exact' && (
          <>
            <label htmlFor="rec-time">Time limit (s)</label>
            <input id="rec-time" type="number" min={1} max={600} value={params.timeLimitS}
              onChange={(e) => e.target.valueAsNumber >= 1 && dispatch({ type: 'set-param', params: { timeLimitS: e.target.valueAsNumber } })} />
          </>
        )}
        <div className="span2 button-row">
          <button type="submit" disabled={!ready || state.status === 'running'} data-testid="rec-run">
            Recommend
          </button>
          {state.status === 'running' && (
            <button type="button" onClick={onCancel} data-testid="rec-cancel">
              Cancel
            </button>
          )}
        </div>
      </form>
      <small className="source">Candidates: a grid over unserved pupils, outside parks, water, rail and industry, at least half a radius from existing facilities.</small>

      <div className="progress-row" aria-live="polite">
        {state.status === 'running' && (
          <>
            <progress max={1} value={state.progress} aria-label="Recommendation progress" data-testid="rec-progress" />
            <span>{state.message}</span>
          </>
        )}
        {state.status === 'cancelled' && <span>Cancelled.</span>}
        {state.status === 'error' && <p className="error" role="alert">{state.error}</p>}
      </div>

      {result && (
        <div data-testid="rec-result">
          {stale && <p className="warning">These proposals were made for other analysis settings; run again to update them.</p>}
          <div className="button-row" role="group" aria-label="Map shows">
            <button type="button" aria-pressed={state.view === 'before'} onClick={() => dispatch({ type: 'set-view', view: 'before' })} data-testid="view-before">
              Today
            </button>
            <button type="button" aria-pressed={state.view === 'after'} onClick={() => dispatch({ type: 'set-view', view: 'after' })} data-testid="view-after">
              With proposals
            </button>
          </div>
          <p className="hint">
            {result.proposals.length} sites from {n0(result.candidates)} candidates · {result.siting.solver}
            {result.siting.gap !== undefined ? `, proven gap ${(result.siting.gap * 100).toFixed(2)} %` : ''} · {result.siting.seconds.toFixed(1)} s
          </p>
          <table className="proposals" data-testid="rec-proposals">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{school ? 'Size' : 'Capacity'}</th>
                <th scope="col">Served</th>
                <th scope="col">In radius</th>
                <th scope="col">Gain</th>
              </tr>
            </thead>
            <tbody>
              {result.proposals.map((p) => (
                <tr key={p.id} title={`${p.lngLat[0].toFixed(5)}, ${p.lngLat[1].toFixed(5)}`}>
                  <td>{p.rank}</td>
                  <td>{p.classes !== null ? `${p.classes} cl. / ${n0(p.seats)}` : n0(p.seats)}</td>
                  <td>{n0(p.pupilsServed)}</td>
                  <td>{n0(p.pupilsInCatchment)}</td>
                  <td>{n0(p.marginalGain)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BeforeAfter before={result.before} after={result.after} />
        </div>
      )}
    </section>
  );
}

function BeforeAfter({ before, after }: { before: EvaluationSummary; after: EvaluationSummary }) {
  const rows: [string, string, string, string][] = [
    ['Coverage', pct(before.coveragePct), pct(after.coveragePct), 'coverage'],
    ['Served share', pct(before.servedPct), pct(after.servedPct), 'served'],
    ['Unserved', n0(before.unservedPupils), n0(after.unservedPupils), 'unserved'],
    ['New schools still needed', n0(before.schoolsNeeded), n0(after.schoolsNeeded), 'schools'],
    ['Villages: coverage', pct(before.equity.villageCoveragePct), pct(after.equity.villageCoveragePct), 'village-coverage'],
    ['Villages: served', pct(before.equity.villageServedPct), pct(after.equity.villageServedPct), 'village-served'],
    ['Rest: served', pct(before.equity.otherServedPct), pct(after.equity.otherServedPct), 'other-served'],
    ['Village ÷ rest (served)', before.equity.ratio?.toFixed(2) ?? '—', after.equity.ratio?.toFixed(2) ?? '—', 'ratio'],
  ];
  return (
    <table className="summary before-after" data-testid="before-after">
      <thead>
        <tr>
          <th />
          <th scope="col">Today</th>
          <th scope="col">Proposed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, b, a, id]) => (
          <tr key={id}>
            <th scope="row">{label}</th>
            <td data-testid={`before-${id}`}>{b}</td>
            <td data-testid={`after-${id}`}>{a}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
