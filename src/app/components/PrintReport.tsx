import { isSchoolType, type ZoningTotals, type CurvePoint, type Evaluation, type RecommendModel, type EvaluationSummary, type StandardKey } from '../../core/index.ts';
import { CurveChart, elbowOf } from './CoverageCurve.tsx';
import { DistanceChart, UtilisationChart } from './PlanCharts.tsx';
import type { SiteMarker } from '../map/layers/proposals-layer.ts';
import { useI18n } from '../i18n/i18n.ts';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import { RegistrationTable } from './RegistrationCard.tsx';
import { ZoningCompareTable } from './ZoningCompareTable.tsx';

const KEYS: StandardKey[] = ['radiusM', 'usersPer1000', 'classSize', 'maxSchoolSeats'];

/**
 * The printable report (browser print to PDF): hidden on screen, the only thing printed. The
 * map image, the parameters and their sources, before and after, equity, and the proposed sites.
 */
export function PrintReport({
  title,
  subtitle,
  image,
  today,
  proposed,
  sites,
  evaluation,
  curve,
  curveModel,
  zones = null,
}: {
  title: string;
  subtitle: string;
  /** Object URL of the map image made for this print. */
  image: string | null;
  today: EvaluationSummary;
  proposed: EvaluationSummary | null;
  sites: SiteMarker[];
  /** The plan printed, for its charts: given only while printing (the charts are not drawn unseen). */
  evaluation: Evaluation | null;
  /** The coverage curve, when one was drawn. */
  curve: readonly CurvePoint[];
  curveModel?: RecommendModel;
  /** Attendance zones: the official zones' and the design's totals, when either exists. */
  zones?: { official: ZoningTotals | null; designed: ZoningTotals | null } | null;
}) {
  const { t, n } = useI18n();
  const standard = today.standard;
  return (
    <article className="print-report" data-testid="print-report">
      <h1>{title}</h1>
      <p>{subtitle}</p>
      {image && <img src={image} alt={title} data-testid="print-map" />}
      <h2>{t('report.parameters')}</h2>
      <table>
        <tbody>
          {KEYS.filter((k) => standard[k] !== null).map((k) => (
            <tr key={k}>
              <th scope="row">{t(`field.${k}`)}</th>
              <td>{n(standard[k] as number)}</td>
              <td className="source">{standard.sources[k]}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('field.growth')}</th>
            <td>{today.growthFactor}</td>
            <td />
          </tr>
          {today.assumedCapacities > 0 && (
            <tr data-testid="print-assumed">
              <th scope="row">{t('summary.assumed')}</th>
              <td>{t('summary.of', { n: n(today.assumedCapacities), total: n(today.facilities) })}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
      <h2>{t('report.beforeAfter')}</h2>
      <BeforeAfterTable before={today} after={proposed} testIdPrefix="print" />
      {evaluation?.byRegistration && (
        <>
          <h2>{t('registration.title')}</h2>
          <RegistrationTable byRegistration={evaluation.byRegistration} testIdPrefix="print-registration" />
        </>
      )}
      {zones && (
        <>
          <h2>{t('zones.title')}</h2>
          <ZoningCompareTable official={zones.official} designed={zones.designed} radiusM={standard.radiusM} testIdPrefix="print-zones" />
        </>
      )}
      {evaluation && (
        <>
          <h2>{t('chart.title')}</h2>
          <div className="print-charts">
            <UtilisationChart evaluation={evaluation} proposed={new Set(sites.map((s) => s.id))} print />
            <DistanceChart evaluation={evaluation} print />
            {curve.length > 1 && <CurveChart points={curve} maxP={curve[curve.length - 1].p} elbow={elbowOf(curve, curveModel)} print />}
          </div>
        </>
      )}
      <h2>{t('report.sites')}</h2>
      {sites.length === 0 ? (
        <p>{t('whatif.none')}</p>
      ) : (
        <table data-testid="print-sites">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('report.lon')}</th>
              <th scope="col">{t('report.lat')}</th>
              <th scope="col">{t(isSchoolType(today.type) ? 'rec.col.size' : 'rec.col.capacity')}</th>
              <th scope="col">{t('rec.col.served')}</th>
              <th scope="col">{t('rec.col.inRadius')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id}>
                <td>{s.rank}</td>
                <td>{s.lngLat[0].toFixed(5)}</td>
                <td>{s.lngLat[1].toFixed(5)}</td>
                <td>{s.classes !== null ? t('rec.classesSeats', { classes: s.classes, seats: n(s.seats) }) : n(s.seats)}</td>
                <td>{n(s.pupilsServed)}</td>
                <td>{n(s.pupilsInCatchment)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
