import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { curveElbow, MAX_CURVE_SITES, type CurvePoint, type RecommendModel } from '../../core/index.ts';
import { sameSettings } from '../analysis/analysis-state.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { CommandButton } from './CommandButton.tsx';
import { NumberField } from './NumberField.tsx';

/** The curve's series: one colour and one dash each, so they read apart in print and for colour-blind readers. */
const SERIES = [
  { key: 'coveragePct', label: 'curve.coverage', colour: '#0072B2', dash: undefined },
  { key: 'servedPct', label: 'curve.served', colour: '#000000', dash: undefined },
  { key: 'villageServedPct', label: 'curve.villages', colour: '#D55E00', dash: '6 3' },
  { key: 'otherServedPct', label: 'curve.rest', colour: '#009E73', dash: '2 3' },
] as const;

const WIDTH = 300;
const HEIGHT = 220;

/**
 * "How many new schools, and what does each one more buy?": coverage and the share given a place
 * (villages and the rest apart) against the number of new sites of the chosen model, p = 0 … the
 * maximum, the elbow marked; drawn as the points arrive, with Cancel; exported as SVG or PNG.
 */
export function CoverageCurve() {
  const i18n = useI18n();
  const { t, n, pct } = i18n;
  const dispatch = useDispatch();
  const curve = useAppState((s) => s.recommend.curve);
  const stale = useAppState((s) => curve.basis !== null && (!sameSettings(curve.basis.analysis, s.analysis.settings) || JSON.stringify(curve.basis.recommend) !== JSON.stringify(s.recommend.settings)));
  const points = curve.points;
  const elbow = curve.status === 'done' ? elbowOf(points, curve.basis?.recommend.model) : null;
  return (
    <details className="curve" data-testid="curve" open={curve.status !== 'idle'}>
      <summary>{t('curve.title')}</summary>
      <div className="form-grid">
        <label htmlFor="curve-max">{t('curve.max')}</label>
        <NumberField id="curve-max" testId="curve-max" value={curve.maxP} bounds={{ min: 1, max: MAX_CURVE_SITES, integer: true }} step={1} onValue={(maxP) => dispatch({ type: 'recommend', action: { type: 'curve-max', maxP } })} />
      </div>
      <div className="button-row">
        <CommandButton id="curve-run" testId="curve-run" />
        {curve.status === 'running' && <CommandButton id="curve-cancel" testId="curve-cancel" />}
      </div>
      {curve.status === 'running' && <progress max={1} value={curve.progress} aria-label={t('curve.title')} data-testid="curve-progress" />}
      {curve.status === 'error' && (
        <p className="error" role="alert">
          {curve.error}
        </p>
      )}
      {stale && <p className="hint">{t('curve.stale')}</p>}
      {points.length > 0 && (
        <>
          <CurveChart points={points} maxP={curve.maxP} elbow={elbow} />
          <details>
            <summary>{t('curve.table')}</summary>
            <table className="summary" data-testid="curve-table">
              <thead>
                <tr>
                  <th scope="col">{t('curve.sites')}</th>
                  {SERIES.map((s) => (
                    <th key={s.key} scope="col">{t(s.label)}</th>
                  ))}
                  <th scope="col">{t('curve.unserved')}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((q: CurvePoint) => (
                  <tr key={q.p} className={q.p === elbow ? 'elbow' : undefined}>
                    <td>{q.p}</td>
                    {SERIES.map((s) => (
                      <td key={s.key}>{pct(q[s.key])}</td>
                    ))}
                    <td>{n(q.unservedPupils)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </details>
  );
}

/** The elbow of what the model maximises: places for capacitated coverage, reach for the others. */
export function elbowOf(points: readonly CurvePoint[], model: RecommendModel | undefined): number | null {
  return curveElbow(points.map((q) => ({ p: q.p, value: model === 'cmclp' ? q.servedPct : q.coveragePct })));
}

/** The curve itself: the four series against new sites, the elbow marked. `print`: in the report. */
export function CurveChart({ points, maxP, elbow, print }: { points: readonly CurvePoint[]; maxP: number; elbow: number | null; print?: boolean }) {
  const { t, pct } = useI18n();
  const legend = SERIES.map((s) => ({ label: t(s.label), colour: s.colour, dash: s.dash }));
  return (
    <ChartFrame title={t('curve.title')} file="catchmap-coverage-curve" legend={legend} testId={print ? 'print-curve-chart' : 'curve-chart'} print={print} data={{ points: points.length, elbow: elbow ?? '' }}>
      <LineChart width={WIDTH} height={HEIGHT} data={[...points]} margin={{ top: 8, right: 8, bottom: 18, left: 0 }}>
        <CartesianGrid stroke="#ddd" />
        <XAxis dataKey="p" type="number" domain={[0, Math.max(1, maxP)]} allowDecimals={false} label={{ value: t('curve.sites'), position: 'insideBottom', offset: -10 }} />
        <YAxis domain={[0, 100]} unit="%" width={44} />
        <Tooltip formatter={(v) => pct(typeof v === 'number' ? v : null)} labelFormatter={(p) => t('curve.tipSites', { p: String(p) })} />
        <Legend verticalAlign="top" height={36} wrapperStyle={{ fontSize: 11 }} />
        {elbow !== null && <ReferenceLine x={elbow} stroke="#555" strokeDasharray="3 3" label={{ value: t('curve.elbow', { p: elbow }), position: 'insideTopRight', fontSize: 11 }} />}
        {SERIES.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={t(s.label)} stroke={s.colour} strokeDasharray={s.dash} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
