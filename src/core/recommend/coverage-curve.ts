import type { EvaluateInput, EvaluateOptions, EvaluationSummary } from '../evaluate/evaluation.ts';
import { InputError } from '../errors.ts';
import type { CancelToken, ProgressCallback } from '../types.ts';
import { finishRecommendation, recommendationBasis, type RecommendOptions } from './recommend-sites.ts';

/** The plan with p new sites, as the curve shows it. */
export interface CurvePoint {
  p: number;
  /** Share of pupils within the radius of a facility, %. */
  coveragePct: number | null;
  /** Share of pupils given a place, %. */
  servedPct: number | null;
  villageServedPct: number | null;
  otherServedPct: number | null;
  unservedPupils: number;
  /** Seats the p new sites add. */
  seatsAdded: number;
}

/** The most new sites a curve is drawn for: beyond this a planner runs Recommend for one p. */
export const MAX_CURVE_SITES = 50;

function pointOf(p: number, s: EvaluationSummary, seatsAdded: number): CurvePoint {
  return {
    p,
    coveragePct: s.coveragePct,
    servedPct: s.servedPct,
    villageServedPct: s.equity.villageServedPct,
    otherServedPct: s.equity.otherServedPct,
    unservedPupils: s.unservedPupils,
    seatsAdded,
  };
}

/**
 * "How many new schools, and what does each one more buy?": the plan of the chosen model for
 * p = 0 … maxP new sites. Today's evaluation, the candidates and the siting problem are built
 * once; each p is then exactly what `recommendSites` with that p gives (the same model, seed and
 * sizing). `onPoint` hears each point as it is made, so a chart grows while the rest are worked
 * out; `cancel` stops between (and within) the p.
 */
export async function coverageCurve(
  input: EvaluateInput,
  evalOptions: EvaluateOptions,
  options: RecommendOptions,
  maxP: number,
  onPoint: (point: CurvePoint) => void = () => undefined,
  onProgress: ProgressCallback = () => undefined,
  cancel?: CancelToken,
): Promise<CurvePoint[]> {
  if (options.model === 'lscp') throw new InputError('recommend', 'the set-cover model chooses its own number of sites: a curve over p needs another model');
  if (!(Number.isInteger(maxP) && maxP >= 1 && maxP <= MAX_CURVE_SITES)) throw new InputError('curve', `the most new sites must be a whole number from 1 to ${MAX_CURVE_SITES}, got ${maxP}`);
  const share = (from: number, to: number): ProgressCallback => (f, m) => onProgress(from + (to - from) * f, m);
  const basis = recommendationBasis(input, evalOptions, options, share(0, 0.1));
  const points: CurvePoint[] = [pointOf(0, basis.before.summary, 0)];
  onPoint(points[0]);
  for (let p = 1; p <= maxP; p++) {
    if (cancel?.cancelled) break;
    const from = 0.1 + (0.9 * (p - 1)) / maxP;
    const r = await finishRecommendation(input, evalOptions, { ...options, p }, basis, share(from, from + 0.9 / maxP), cancel);
    const point = pointOf(p, r.after, r.proposals.reduce((n, q) => n + q.seats, 0));
    points.push(point);
    onPoint(point);
  }
  onProgress(1, 'done');
  return points;
}

/**
 * The elbow of a rising curve: the point farthest above the straight line from its first to its
 * last point (Satopää et al. 2011, "Kneedle", on the raw values) — where one more site starts to
 * buy clearly less than the ones before. Null with fewer than three points or a flat curve.
 */
export function curveElbow(points: readonly { p: number; value: number | null }[]): number | null {
  const known = points.filter((q): q is { p: number; value: number } => q.value !== null);
  if (known.length < 3) return null;
  const first = known[0];
  const last = known[known.length - 1];
  const dx = last.p - first.p;
  const dy = last.value - first.value;
  if (dx === 0 || dy <= 0) return null;
  let best: number | null = null;
  let bestGap = 0;
  for (const q of known.slice(1, -1)) {
    // Height above the chord, in the chord's own scale, so the units of the value do not matter.
    const gap = (q.value - first.value) / dy - (q.p - first.p) / dx;
    if (gap > bestGap + 1e-12) {
      bestGap = gap;
      best = q.p;
    }
  }
  return best;
}
