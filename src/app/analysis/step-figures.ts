import { isSchoolType, type EvaluationSummary, type Recommendation } from '../../core/index.ts';
import type { Step } from '../components/Steps.tsx';
import type { I18n } from '../i18n/i18n.ts';
import type { WhatIfState } from '../whatif/whatif-state.ts';

/** Each step's key figure, derived from the one before it; null until there is one. */
export function stepFigures(
  { t, n, pct }: I18n,
  today: EvaluationSummary | null,
  recommendation: Recommendation | null,
  whatIf: WhatIfState | null,
): Record<Step, string | null> {
  const live = whatIf?.evaluation?.summary ?? null;
  return {
    residents: today && t('fig.residents', { residents: n(today.residents), villages: n(today.equity.villageResidents) }),
    demand:
      today &&
      t('fig.demand', {
        rate: today.standard.usersPer1000,
        users: n(today.pupils),
        unit: t(isSchoolType(today.type) ? 'unit.pupils' : 'unit.visits'),
      }),
    supply: today && t('fig.supply', { seats: n(today.seats), coverage: pct(today.coveragePct), radius: n(today.standard.radiusM) }),
    shortfall: today && t('fig.shortfall', { unserved: n(today.unservedPupils), schools: n(today.schoolsNeeded) }),
    recommend:
      recommendation &&
      t('fig.recommend', { n: recommendation.proposals.length, before: pct(recommendation.before.servedPct), after: pct(recommendation.after.servedPct) }),
    review: whatIf && live && t('fig.review', { n: whatIf.sites.length, after: pct(live.servedPct) }),
  };
}
