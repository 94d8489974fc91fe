import { useMemo, type Dispatch } from 'react';
import {
  FACILITY_TYPES,
  PRESETS,
  getStandard,
  isSchoolType,
  type FacilityStandard,
  type StandardKey,
} from '../../core/index.ts';
import { FACILITY_STYLE } from '../map/facility-style.ts';
import type { AnalysisAction, AnalysisState } from '../analysis/analysis-state.ts';

const n0 = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)} %`);

const FIELDS: { key: StandardKey; label: string; schoolsOnly?: boolean; min: number; step: number }[] = [
  { key: 'radiusM', label: 'Service radius (m)', min: 50, step: 50 },
  { key: 'usersPer1000', label: 'Users per 1,000 residents', min: 0, step: 1 },
  { key: 'classSize', label: 'Class size (pupils)', schoolsOnly: true, min: 1, step: 1 },
  { key: 'maxSchoolSeats', label: 'Standard new facility size', min: 1, step: 10 },
];

function usersLabel(type: (typeof FACILITY_TYPES)[number]) {
  return isSchoolType(type) ? { users: 'Pupils', capacity: 'Seats' } : { users: 'Patient visits a day', capacity: 'Capacity (visits a day)' };
}

export function AnalysisPanel({ state, dispatch }: { state: AnalysisState; dispatch: Dispatch<AnalysisAction> }) {
  const { params, result } = state;
  const standardOrError = useMemo((): FacilityStandard | string => {
    try {
      return getStandard(params.presetId, params.type, params.overrides);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }, [params]);
  const labels = usersLabel(params.type);
  const summary = result?.summary.type === params.type ? result.summary : null;

  return (
    <section className="panel-section analysis" aria-labelledby="analysis-heading" data-testid="analysis-panel">
      <h2 id="analysis-heading">Analysis</h2>
      <div className="form-grid">
        <label htmlFor="analysis-type">Facility type</label>
        <select
          id="analysis-type"
          data-testid="analysis-type"
          value={params.type}
          onChange={(e) => dispatch({ type: 'set-type', facilityType: e.target.value as (typeof FACILITY_TYPES)[number] })}
        >
          {FACILITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {FACILITY_STYLE[t].label}
            </option>
          ))}
        </select>
        <label htmlFor="analysis-preset">Standards</label>
        <select
          id="analysis-preset"
          data-testid="analysis-preset"
          value={params.presetId}
          onChange={(e) => dispatch({ type: 'set-preset', presetId: e.target.value })}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {typeof standardOrError === 'string' ? (
        <p className="error" role="alert">{standardOrError}</p>
      ) : (
        <div className="standard-fields">
          {FIELDS.filter((f) => !f.schoolsOnly || standardOrError.classSize !== null).map((f) => {
            const value = standardOrError[f.key];
            const edited = params.overrides[f.key] !== undefined;
            return (
              <div key={f.key} className="standard-field">
                <label>
                  <span>{f.label}</span>
                  <input
                    type="number"
                    min={f.min}
                    step={f.step}
                    value={value ?? ''}
                    data-testid={`standard-${f.key}`}
                    onChange={(e) => {
                      const v = e.target.valueAsNumber;
                      if (Number.isFinite(v) && v >= f.min) dispatch({ type: 'set-override', key: f.key, value: v });
                    }}
                  />
                  {edited && (
                    <button type="button" className="reset" onClick={() => dispatch({ type: 'set-override', key: f.key, value: undefined })}>
                      reset
                    </button>
                  )}
                </label>
                <small className="source">{standardOrError.sources[f.key]}</small>
              </div>
            );
          })}
          <div className="standard-field">
            <label>
              <span>Growth factor (plan year)</span>
              <input
                type="number"
                min={0}
                step={0.05}
                value={params.growthFactor}
                data-testid="growth-factor"
                onChange={(e) => {
                  const v = e.target.valueAsNumber;
                  if (Number.isFinite(v) && v >= 0) dispatch({ type: 'set-growth', growthFactor: v });
                }}
              />
            </label>
          </div>
        </div>
      )}

      <div className="progress-row" aria-live="polite">
        {state.status === 'running' && (
          <>
            <progress max={1} value={state.progress} data-testid="analysis-progress" aria-label="Analysis progress" />
            <span>{state.message}</span>
          </>
        )}
        {state.status === 'error' && <p className="error" role="alert">{state.error}</p>}
      </div>

      {summary && (
        <>
          <table className="summary" data-testid="analysis-summary">
            <tbody>
              <Row label="Residents" value={n0(summary.residents)} id="residents" />
              <Row label={labels.users} value={n0(summary.pupils)} id="pupils" />
              <Row label={labels.capacity} value={n0(summary.seats)} id="seats" />
              <Row label="Served" value={n0(summary.servedPupils)} id="served" />
              <Row label="Unserved" value={n0(summary.unservedPupils)} id="unserved" />
              <Row label="… near a full facility" value={n0(summary.unservedInReachPupils)} id="unserved-in-reach" sub />
              <Row label="… outside every catchment" value={n0(summary.uncoveredPupils)} id="uncovered" sub />
              <Row label="Coverage (within radius)" value={pct(summary.coveragePct)} id="coverage" />
              <Row label="Served share" value={pct(summary.servedPct)} id="served-pct" />
              <Row label="Over capacity" value={`${n0(summary.overCapacity)} of ${n0(summary.facilities)}`} id="over-capacity" />
              <Row label={isSchoolType(summary.type) ? 'Seats needed' : 'Capacity needed'} value={n0(summary.seatsNeeded)} id="seats-needed" />
              {summary.classesNeeded !== null && <Row label="Classes needed" value={n0(summary.classesNeeded)} id="classes-needed" />}
              <Row label={isSchoolType(summary.type) ? 'New schools needed' : 'New facilities needed'} value={n0(summary.schoolsNeeded)} id="schools-needed" />
            </tbody>
          </table>
          <EquityCard summary={summary} />
          {result && result.warnings.length > 0 && (
            <p className="hint">{result.warnings.length} input warnings (features skipped).</p>
          )}
        </>
      )}
    </section>
  );
}

function Row({ label, value, id, sub }: { label: string; value: string; id: string; sub?: boolean }) {
  return (
    <tr className={sub ? 'sub' : undefined}>
      <th scope="row">{label}</th>
      <td data-testid={`summary-${id}`}>{value}</td>
    </tr>
  );
}

function EquityCard({ summary }: { summary: NonNullable<AnalysisState['result']>['summary'] }) {
  const e = summary.equity;
  return (
    <div className="equity-card" data-testid="equity-card">
      <h3>Urban villages vs the rest</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th scope="col">Villages</th>
            <th scope="col">Rest</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Within radius</th>
            <td data-testid="equity-village-coverage">{pct(e.villageCoveragePct)}</td>
            <td data-testid="equity-other-coverage">{pct(e.otherCoveragePct)}</td>
          </tr>
          <tr>
            <th scope="row">Given a place</th>
            <td>{pct(e.villageServedPct)}</td>
            <td>{pct(e.otherServedPct)}</td>
          </tr>
        </tbody>
      </table>
      {e.ratio !== null && (
        <p>
          Village residents are served at <strong>{e.ratio.toFixed(2)}×</strong> the rate of other residents.
        </p>
      )}
      {e.worstVillages.length > 0 && (
        <>
          <h4>Least served villages</h4>
          <ol className="worst-villages">
            {e.worstVillages.map((v) => (
              <li key={v.id}>
                {v.name}{v.nameEn ? ` (${v.nameEn})` : ''} — {pct(v.servedPct)} served, {n0(v.unservedUsers)} without a place
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
