import type { EvaluationSummary } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import { SwipeDivider } from './SwipeDivider.tsx';

/**
 * The current plan against a saved scenario: a table of differences, and a divider on the map
 * (this plan to its left, the saved one to its right) that can be dragged.
 */
export function ComparePanel({
  name,
  current,
  other,
  dividerFraction,
  onDivider,
  onClose,
}: {
  name: string;
  current: EvaluationSummary;
  other: EvaluationSummary | null;
  dividerFraction: number;
  onDivider: (fraction: number) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      {other && <SwipeDivider fraction={dividerFraction} onFraction={onDivider} />}
      <section className="compare-panel" aria-labelledby="compare-heading" data-testid="compare-panel">
        <h2 id="compare-heading">{t('compare.title', { name })}</h2>
        {other ? (
          <>
            <BeforeAfterTable
              before={current}
              after={other}
              beforeLabel={t('compare.current')}
              afterLabel={name}
              rows={['coverage', 'served', 'unserved', 'schools', 'village-coverage', 'other-coverage']}
              testIdPrefix="compare"
              difference
            />
            <p className="hint">{t('compare.hint')}</p>
          </>
        ) : (
          <p className="hint">{t('compare.loading')}</p>
        )}
        <button type="button" onClick={onClose} data-testid="compare-close">
          {t('compare.close')}
        </button>
      </section>
    </>
  );
}
