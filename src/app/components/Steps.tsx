import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState } from '../store/store.ts';
import { selectResultOutdated, selectShowProposals } from '../store/selectors.ts';
import { stepFigures } from '../analysis/step-figures.ts';

/** The Zhengzhou method as six steps, from residents to a reviewed set of proposed sites. */
export const STEPS = ['residents', 'demand', 'supply', 'shortfall', 'recommend', 'review'] as const;
export type Step = (typeof STEPS)[number];

const number = (step: Step) => STEPS.indexOf(step) + 1;

/** One step's part of the panel, a target of the step navigation. */
export function StepSection({ step, children, testId }: { step: Step; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  return (
    <section id={`step-${step}`} className="panel-section step" aria-labelledby={`step-${step}-heading`} data-testid={testId}>
      <h2 id={`step-${step}-heading`} tabIndex={-1}>
        <span className="step-number">{number(step)}</span> {t(`step.${step}`)}
      </h2>
      {children}
    </section>
  );
}

/**
 * The steps with each one's key figure, saying what it made of the step before: residents →
 * pupils → seats and coverage → shortfall → proposals → the reviewed plan. A click moves to it.
 */
export function StepNav() {
  const i18n = useI18n();
  const { t } = i18n;
  const today = useAppState((s) => s.analysis.result?.summary ?? null);
  const outdated = useAppState(selectResultOutdated);
  const recommendation = useAppState((s) => (selectShowProposals(s) ? s.recommend.result : null));
  const whatIf = useAppState((s) => s.whatIf);
  const figures = stepFigures(i18n, today, recommendation, whatIf.active && whatIf.evaluation ? whatIf : null);
  return (
    <nav className={outdated ? 'step-nav outdated' : 'step-nav'} aria-label={t('step.nav')} aria-busy={outdated} data-testid="step-nav">
      <ol>
        {STEPS.map((step) => (
          <li key={step}>
            <button
              type="button"
              data-testid={`step-nav-${step}`}
              onClick={() => {
                const heading = document.getElementById(`step-${step}-heading`);
                heading?.scrollIntoView({ block: 'start', behavior: 'smooth' });
                heading?.focus({ preventScroll: true });
              }}
            >
              <span className="step-number">{number(step)}</span>
              <span className="step-title">{t(`step.${step}`)}</span>
              <span className="step-figure">{figures[step] ?? '…'}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
