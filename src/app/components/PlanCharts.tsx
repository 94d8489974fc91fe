import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Evaluation } from '../../core/index.ts';
import { distanceBands, utilisationBars } from '../analysis/chart-data.ts';
import { useI18n } from '../i18n/i18n.ts';
import { ChartFrame } from './ChartFrame.tsx';

const WIDTH = 300;

/** Okabe–Ito: villages orange, the rest blue, as on the map's equity colours. */
const VILLAGES = '#D55E00';
const REST = '#0072B2';
const DEMAND = '#CC79A7';
const ALLOCATED = '#009E73';

/** Each facility's allocation and catchment demand against its seats, the most asked of first. */
export function UtilisationChart({ evaluation, proposed, print }: { evaluation: Evaluation; proposed: ReadonlySet<string>; print?: boolean }) {
  const { t, pct } = useI18n();
  const bars = useMemo(() => utilisationBars(evaluation.facilities, proposed), [evaluation, proposed]);
  const legend = [
    { label: t('chart.demand'), colour: DEMAND },
    { label: t('chart.allocated'), colour: ALLOCATED },
  ];
  const top = Math.max(100, ...bars.map((b) => b.demandPct));
  return (
    <ChartFrame title={t('chart.utilisation')} file="catchmap-utilisation" legend={legend} testId={print ? 'print-chart-utilisation' : 'chart-utilisation'} print={print} data={{ bars: bars.length }}>
      <BarChart width={WIDTH} height={200} data={bars} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} barGap={0} barCategoryGap={1}>
        <CartesianGrid stroke="#ddd" vertical={false} />
        <XAxis dataKey="name" tick={false} label={{ value: t('chart.facilities', { n: bars.length }), position: 'insideBottom', offset: 0, fontSize: 11 }} height={20} />
        <YAxis unit="%" width={48} domain={[0, Math.ceil(top / 50) * 50]} />
        <Tooltip formatter={(v) => pct(typeof v === 'number' ? v : null)} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <ReferenceLine y={100} stroke="#333" strokeDasharray="4 2" />
        <Bar dataKey="demandPct" name={t('chart.demand')} fill={DEMAND} isAnimationActive={false} />
        <Bar dataKey="utilisationPct" name={t('chart.allocated')} fill={ALLOCATED} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

/** How far the villages' pupils and the others' live from the nearest facility, in quarter-radius bands. */
export function DistanceChart({ evaluation, print }: { evaluation: Evaluation; print?: boolean }) {
  const { t, n, pct } = useI18n();
  const radiusM = evaluation.summary.standard.radiusM;
  const bands = useMemo(
    () => distanceBands(evaluation.cells, radiusM).map((b) => ({ ...b, label: b.toM === null ? `≥ ${n(b.fromM)}` : `${n(b.fromM)}–${n(b.toM)}` })),
    [evaluation, radiusM, n],
  );
  const legend = [
    { label: t('equity.villages'), colour: VILLAGES },
    { label: t('equity.rest'), colour: REST },
  ];
  return (
    <ChartFrame title={t('chart.distance', { radius: n(radiusM) })} file="catchmap-distance" legend={legend} testId={print ? 'print-chart-distance' : 'chart-distance'} print={print} data={{ bands: bands.length }}>
      <BarChart width={WIDTH} height={210} data={bands} margin={{ top: 8, right: 8, bottom: 24, left: 0 }}>
        <CartesianGrid stroke="#ddd" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 9 }} interval={0} angle={-35} textAnchor="end" height={40} label={{ value: t('chart.metres'), position: 'insideBottom', offset: -18, fontSize: 11 }} />
        <YAxis unit="%" width={44} />
        <Tooltip formatter={(v) => pct(typeof v === 'number' ? v : null)} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 11 }} />
        <Bar dataKey="villagesPct" name={t('equity.villages')} fill={VILLAGES} isAnimationActive={false} />
        <Bar dataKey="restPct" name={t('equity.rest')} fill={REST} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
