import { useMemo } from 'react';
import {
  DISTANCE_MODES,
  FACILITY_TYPES,
  GROWTH_BOUNDS,
  PRESETS,
  STANDARD_BOUNDS,
  STANDARD_KEYS,
  getStandard,
  isSchoolType,
  type EvaluationSummary,
  type FacilityStandard,
} from '../../core/index.ts';
import { currentAccess, type AnalysisAction } from '../analysis/analysis-state.ts';
import { accessUnitText, accessValueText } from '../analysis/access-text.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { selectPreparingDistrict, selectResultOutdated } from '../store/selectors.ts';
import { progressText, useI18n } from '../i18n/i18n.ts';
import { en, type MessageKey } from '../i18n/messages.ts';
import { NumberField } from './NumberField.tsx';
import { StepSection } from './Steps.tsx';
import { AccessSection } from './AccessSection.tsx';
import { RegistrationCard } from './RegistrationCard.tsx';
import { ZonesSection } from './ZonesSection.tsx';
import { DistanceChart, UtilisationChart } from './PlanCharts.tsx';

/** Percentage points from the straight-line coverage to the walking-network one. */
function signedPoints(network: number | null, straight: number, t: ReturnType<typeof useI18n>['t']): string {
  if (network === null) return '—';
  const d = network - straight;
  return t('distance.points', { sign: d >= 0 ? '+' : '−', n: Math.abs(d).toFixed(1) });
}

/** Arrow-key steps of the standard's fields. */
const STEPS: Record<(typeof STANDARD_KEYS)[number], number> = { radiusM: 50, usersPer1000: 1, classSize: 1, maxSchoolSeats: 10 };

export function AnalysisPanel() {
  const i18n = useI18n();
  const { t, n, pct } = i18n;
  const state = useAppState((s) => s.analysis);
  const preparing = useAppState(selectPreparingDistrict);
  const outdated = useAppState(selectResultOutdated);
  const rootDispatch = useDispatch();
  const dispatch = (action: AnalysisAction) => rootDispatch({ type: 'analysis', action });
  const { settings: params, result } = state;
  const standardOrError = useMemo((): FacilityStandard | string => {
    try {
      return getStandard(params.preset, params.type, params.overrides);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }, [params]);
  const school = isSchoolType(params.type);
  const summary = result?.summary.type === params.type ? result.summary : null;

  const growthField = (
    <div className="standard-field">
      <label>
        <span>{t('field.growth')}</span>
        <NumberField
          value={params.growthFactor}
          bounds={GROWTH_BOUNDS}
          step={0.05}
          testId="growth-factor"
          onValue={(growthFactor) => dispatch({ type: 'set-growth', growthFactor })}
        />
      </label>
    </div>
  );

  return (
    <div className={outdated ? 'analysis outdated' : 'analysis'} data-testid="analysis-panel" aria-busy={outdated}>
      <div className="progress-row" aria-live="polite">
        {preparing && state.status !== 'running' && (
          <>
            <progress data-testid="district-progress" aria-label={t('progress.preparing')} />
            <span>{t('progress.preparing')}</span>
          </>
        )}
        {state.status === 'running' && (
          <>
            <progress max={1} value={state.progress} data-testid="analysis-progress" aria-label={t('analysis.progress')} />
            <span title={progressText(i18n, state.message)}>{t('progress.running', { pct: pct(state.progress * 100) })}</span>
          </>
        )}
        {state.status === 'error' && <p className="error" role="alert">{state.error}</p>}
      </div>
      {outdated && (
        <p className="outdated-note" data-testid="analysis-outdated">
          {t('analysis.staleDistrict')}
        </p>
      )}

      <StepSection step="residents">
        {growthField}
        {summary && (
          <table className="summary" data-testid="analysis-summary">
            <tbody>
              <Row label={t('summary.residents')} value={n(summary.residents)} id="residents" />
              <Row label={t('summary.villageResidents')} value={n(summary.equity.villageResidents)} id="village-residents" sub />
            </tbody>
          </table>
        )}
      </StepSection>

      <StepSection step="demand">
        <div className="form-grid">
          <label htmlFor="analysis-type">{t('analysis.type')}</label>
          <select
            id="analysis-type"
            data-testid="analysis-type"
            value={params.type}
            onChange={(e) => dispatch({ type: 'set-type', facilityType: e.target.value as (typeof FACILITY_TYPES)[number] })}
          >
            {FACILITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`facility.${type}`)}
              </option>
            ))}
          </select>
          <label htmlFor="analysis-preset">{t('analysis.preset')}</label>
          <select
            id="analysis-preset"
            data-testid="analysis-preset"
            value={params.preset}
            onChange={(e) => dispatch({ type: 'set-preset', preset: e.target.value })}
          >
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id} title={p.description}>
                {`preset.${p.id}` in en ? t(`preset.${p.id}` as MessageKey) : p.name}
              </option>
            ))}
          </select>
        </div>
        {typeof standardOrError === 'string' ? (
          <p className="error" role="alert">{standardOrError}</p>
        ) : (
          <div className="standard-fields">
            {STANDARD_KEYS.filter((key) => standardOrError[key] !== null).map((key) => {
              const edited = params.overrides[key] !== undefined;
              return (
                <div key={key} className="standard-field">
                  <label>
                    <span>{t(`field.${key}`)}</span>
                    <NumberField
                      value={standardOrError[key] as number}
                      bounds={STANDARD_BOUNDS[key]}
                      step={STEPS[key]}
                      testId={`standard-${key}`}
                      onValue={(value) => dispatch({ type: 'set-override', key, value })}
                    />
                    {edited && (
                      <button type="button" className="reset" onClick={() => dispatch({ type: 'set-override', key, value: undefined })}>
                        {t('field.reset')}
                      </button>
                    )}
                  </label>
                  <small className="source">{standardOrError.sources[key]}</small>
                </div>
              );
            })}
          </div>
        )}
        {summary && (
          <table className="summary">
            <tbody>
              <Row label={t(school ? 'summary.pupils' : 'summary.visits')} value={n(summary.pupils)} id="pupils" />
            </tbody>
          </table>
        )}
      </StepSection>

      <StepSection step="supply">
        <fieldset className="distance" data-testid="analysis-distance">
          <legend>{t('distance.title')}</legend>
          {DISTANCE_MODES.map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="distance"
                value={mode}
                checked={params.distance === mode}
                data-testid={`distance-${mode}`}
                onChange={() => dispatch({ type: 'set-distance', distance: mode })}
              />
              {t(`distance.${mode}`)}
            </label>
          ))}
        </fieldset>
        {summary && (
          <table className="summary">
            <tbody>
              <Row label={t(school ? 'summary.seats' : 'summary.capacity')} value={n(summary.seats)} id="seats" />
              <Row label={t('summary.coverage')} value={pct(summary.coveragePct)} id="coverage" />
              {params.distance !== 'straight' && state.straightCoveragePct !== null && (
                <Row
                  label={t('distance.straightCoverage')}
                  value={`${pct(state.straightCoveragePct)} (${signedPoints(summary.coveragePct, state.straightCoveragePct, t)})`}
                  id="coverage-straight"
                  sub
                />
              )}
              {summary.assumedCapacities > 0 && (
                <Row label={t('summary.assumed')} value={t('summary.of', { n: n(summary.assumedCapacities), total: n(summary.facilities) })} id="assumed" sub />
              )}
              {summary.capacityKnown && <Row label={t('summary.served')} value={n(summary.servedPupils)} id="served" />}
              {summary.capacityKnown && <Row label={t('summary.servedPct')} value={pct(summary.servedPct)} id="served-pct" />}
              <Row label={t('summary.overCapacity')} value={t('summary.of', { n: n(summary.overCapacity), total: n(summary.facilities) })} id="over-capacity" />
            </tbody>
          </table>
        )}
        {typeof standardOrError !== 'string' && <AccessSection radiusM={standardOrError.radiusM} />}
      </StepSection>

      <StepSection step="shortfall">
        {summary && !summary.capacityKnown && (
          <p className="warning" data-testid="no-capacity">
            {t('summary.noCapacity')}
          </p>
        )}
        {summary && summary.capacityKnown && (
          <>
            <table className="summary">
              <tbody>
                <Row label={t('summary.unserved')} value={n(summary.unservedPupils)} id="unserved" />
                <Row label={t('summary.inReach')} value={n(summary.unservedInReachPupils)} id="unserved-in-reach" sub />
                <Row label={t('summary.uncovered')} value={n(summary.uncoveredPupils)} id="uncovered" sub />
                <Row label={t(school ? 'summary.seatsNeeded' : 'summary.capacityNeeded')} value={n(summary.seatsNeeded)} id="seats-needed" />
                {summary.classesNeeded !== null && <Row label={t('summary.classesNeeded')} value={n(summary.classesNeeded)} id="classes-needed" />}
                <Row label={t(school ? 'summary.schoolsNeeded' : 'summary.facilitiesNeeded')} value={n(summary.schoolsNeeded)} id="schools-needed" />
              </tbody>
            </table>
            <EquityCard summary={summary} />
            <RegistrationCard
              byRegistration={result?.byRegistration}
              settings={params.registration}
              onSettings={(registration) => dispatch({ type: 'set-registration', registration })}
            />
            {result && (
              <details className="charts" data-testid="charts">
                <summary>{t('chart.title')}</summary>
                <UtilisationChart evaluation={result} proposed={NO_PROPOSALS} />
                <DistanceChart evaluation={result} />
              </details>
            )}
            {school && typeof standardOrError !== 'string' && <ZonesSection radiusM={standardOrError.radiusM} />}
            {result && result.warnings.length > 0 && <p className="hint">{t('summary.warnings', { n: n(result.warnings.length) })}</p>}
          </>
        )}
      </StepSection>
    </div>
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

/** Today's analysis has no proposed sites among its facilities. */
const NO_PROPOSALS: ReadonlySet<string> = new Set();

/** Villages the equity card names; the villages table lists them all. */
const WORST_SHOWN = 5;

function EquityCard({ summary }: { summary: EvaluationSummary }) {
  const i18n = useI18n();
  const { t, n, pct } = i18n;
  const e = summary.equity;
  const access = useAppState((s) => currentAccess(s.analysis));
  return (
    <div className="equity-card" data-testid="equity-card">
      <h3>{t('equity.title')}</h3>
      <table>
        <thead>
          <tr>
            <th />
            <th scope="col">{t('equity.villages')}</th>
            <th scope="col">{t('equity.rest')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('equity.withinRadius')}</th>
            <td data-testid="equity-village-coverage">{pct(e.villageCoveragePct)}</td>
            <td data-testid="equity-other-coverage">{pct(e.otherCoveragePct)}</td>
          </tr>
          <tr>
            <th scope="row">{t('equity.givenPlace')}</th>
            <td>{pct(e.villageServedPct)}</td>
            <td>{pct(e.otherServedPct)}</td>
          </tr>
          {access && (
            <tr data-testid="equity-access">
              <th scope="row" title={accessUnitText(i18n, access)}>
                {t(`access.method.${access.settings.method}`)}
              </th>
              <td data-testid="equity-village-access">{accessValueText(i18n, access.equity.villages.mean)}</td>
              <td data-testid="equity-other-access">{accessValueText(i18n, access.equity.rest.mean)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {e.ratio !== null && (
        <p data-testid="equity-ratio">{t('equity.ratio', { ratio: e.ratio.toFixed(2) })}</p>
      )}
      {access && access.equity.ratio !== null && (
        <p className="hint" data-testid="equity-access-ratio">
          {`${t('access.ratio', { ratio: access.equity.ratio.toFixed(2) })} (${accessUnitText(i18n, access)}, ${access.description})`}
        </p>
      )}
      {e.worstVillages.length > 0 && (
        <>
          <h4>{t('equity.worst')}</h4>
          <ol className="worst-villages">
            {e.worstVillages.slice(0, WORST_SHOWN).map((v) => (
              <li key={v.id}>
                {t('equity.worstLine', { name: `${v.name}${v.nameEn ? ` (${v.nameEn})` : ''}`, served: pct(v.servedPct), unserved: n(v.unservedUsers) })}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
