import {
  ACCESS_BOUNDS,
  ACCESS_DECAYS,
  ACCESS_METHODS,
  accessUses,
  type AccessSettings,
  type CellAccess,
} from '../../core/index.ts';
import { currentAccess } from '../analysis/analysis-state.ts';
import { accessUnitText, accessValueText } from '../analysis/access-text.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { NumberField } from './NumberField.tsx';

/** A matrix's cutoff to start from: half an hour, the usual first question about travel times. */
const MATRIX_CUTOFF = 30;

/**
 * Step 3's accessibility measure: which measure, on which travel costs (the analysis's distance
 * or a loaded travel-time matrix), with which decay and cutoff; the villages against the rest on
 * it, and whether the map shows it. Changing it recomputes the measure only.
 */
export function AccessSection({ radiusM }: { radiusM: number }) {
  const i18n = useI18n();
  const { t, pct } = i18n;
  const dispatch = useDispatch();
  const access = useAppState((s) => s.analysis.access);
  const result = useAppState((s) => currentAccess(s.analysis));
  const travelTimes = useAppState((s) => s.data.travelTimes);
  const shown = useAppState((s) => s.layers.layers.access.visible);
  const settings = access.settings;
  const set = (patch: Partial<AccessSettings>) => dispatch({ type: 'analysis', action: { type: 'set-access', patch } });
  const uses = accessUses(settings.method, settings.decay);
  const unit = settings.costs === 'matrix' ? (travelTimes?.matrix.columns.cost ?? '') : 'm';
  // Binary and Gaussian decays, and E2SFCA's zones, are shaped by the cutoff; so is every matrix measure here.
  const cutoff = settings.cutoff ?? (settings.costs === 'distance' ? radiusM : MATRIX_CUTOFF);

  return (
    <fieldset className="access" data-testid="access-section">
      <legend>{t('access.title')}</legend>
      <div className="form-grid">
        <label htmlFor="access-method">{t('access.method')}</label>
        <select id="access-method" data-testid="access-method" value={settings.method} onChange={(e) => set({ method: e.target.value as AccessSettings['method'] })}>
          {ACCESS_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`access.method.${m}`)}
            </option>
          ))}
        </select>
        <label htmlFor="access-costs">{t('access.costs')}</label>
        <select
          id="access-costs"
          data-testid="access-costs"
          value={settings.costs}
          onChange={(e) => (e.target.value === 'matrix' ? set({ costs: 'matrix', cutoff: MATRIX_CUTOFF }) : set({ costs: 'distance', cutoff: null }))}
        >
          <option value="distance">{t('access.costs.distance')}</option>
          <option value="matrix" disabled={!travelTimes}>
            {travelTimes ? t('access.costs.matrix', { file: travelTimes.file }) : t('access.costs.noMatrix')}
          </option>
        </select>
        {uses.decay && (
          <>
            <label htmlFor="access-decay">{t('access.decay')}</label>
            <select id="access-decay" data-testid="access-decay" value={settings.decay} onChange={(e) => set({ decay: e.target.value as AccessSettings['decay'] })}>
              {ACCESS_DECAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`access.decay.${d}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="access-cutoff">{t('access.cutoff', { unit })}</label>
        <span>
          <NumberField id="access-cutoff" value={cutoff} bounds={ACCESS_BOUNDS.cutoff} step={settings.costs === 'distance' ? 50 : 5} testId="access-cutoff" onValue={(v) => set({ cutoff: v })} />
          {settings.costs === 'distance' && settings.cutoff !== null && (
            <button type="button" className="reset" onClick={() => set({ cutoff: null })} title={t('access.cutoffRadius')}>
              {t('field.reset')}
            </button>
          )}
        </span>
        {uses.beta && (
          <>
            <label htmlFor="access-beta">{t('access.beta')}</label>
            <NumberField id="access-beta" value={settings.beta} bounds={ACCESS_BOUNDS.beta} step={0.01} testId="access-beta" onValue={(beta) => set({ beta })} />
          </>
        )}
        {uses.n && (
          <>
            <label htmlFor="access-n">{t('access.n')}</label>
            <NumberField id="access-n" value={settings.n} bounds={ACCESS_BOUNDS.n} step={1} testId="access-n" onValue={(n) => set({ n })} />
          </>
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={shown} data-testid="access-show" onChange={() => dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: 'access' } })} />
        {t('access.show')}
      </label>
      <div aria-live="polite">
        {access.status === 'running' && <p className="hint">{t('access.running')}</p>}
        {access.status === 'error' && (
          <p className="error" role="alert" data-testid="access-error">
            {access.error}
          </p>
        )}
      </div>
      {result && <AccessFigures result={result} />}
      {result && (
        <p className="hint" data-testid="access-no-access">
          {t('access.noAccess', { villages: pct(result.equity.villages.noAccessPct), rest: pct(result.equity.rest.noAccessPct) })}
        </p>
      )}
    </fieldset>
  );
}

function AccessFigures({ result }: { result: CellAccess }) {
  const i18n = useI18n();
  const { t, n } = i18n;
  const unit = accessUnitText(i18n, result);
  const m = result.matrix;
  return (
    <>
      <table className="summary" data-testid="access-summary">
        <tbody>
          <tr>
            <th scope="row">{t('access.villages')}</th>
            <td data-testid="access-villages">{`${accessValueText(i18n, result.equity.villages.mean)} ${unit}`}</td>
          </tr>
          <tr>
            <th scope="row">{t('access.rest')}</th>
            <td data-testid="access-rest">{`${accessValueText(i18n, result.equity.rest.mean)} ${unit}`}</td>
          </tr>
        </tbody>
      </table>
      {m && (
        <p className="hint" data-testid="access-matched">
          {t('access.matched', { cells: n(m.cellsMatched), total: n(m.cells), facilities: n(m.facilitiesMatched), facilityTotal: n(m.facilities) })}
          {m.unknownOrigins.count + m.unknownDestinations.count > 0 && (
            <>
              <br />
              {t('access.unknown', { n: n(m.unknownOrigins.count + m.unknownDestinations.count), examples: [...m.unknownOrigins.examples, ...m.unknownDestinations.examples].slice(0, 4).join(', ') })}
            </>
          )}
          {m.facilitiesMissing.count > 0 && (
            <>
              <br />
              {t('access.missing', { examples: `${m.facilitiesMissing.examples.join(', ')}${m.facilitiesMissing.count > m.facilitiesMissing.examples.length ? ', …' : ''}` })}
            </>
          )}
        </p>
      )}
    </>
  );
}
