import type { EvaluationSummary } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';

export type ComparisonRow = 'coverage' | 'served' | 'unserved' | 'schools' | 'village-coverage' | 'village-served' | 'other-served' | 'ratio';

const ALL_ROWS: ComparisonRow[] = ['coverage', 'served', 'unserved', 'schools', 'village-coverage', 'village-served', 'other-served', 'ratio'];

const LABELS: Record<ComparisonRow, MessageKey> = {
  coverage: 'ba.coverage',
  served: 'ba.served',
  unserved: 'ba.unserved',
  schools: 'ba.schools',
  'village-coverage': 'ba.villageCoverage',
  'village-served': 'ba.villageServed',
  'other-served': 'ba.otherServed',
  ratio: 'ba.ratio',
};

/**
 * Today against a plan (proposals, hand edits): coverage, service, shortfall and the
 * urban-village gap. Without `after`, today's column alone. Test ids: `${prefix}-before-${row}`
 * and `${prefix}-after-${row}` (no prefix: `before-${row}`).
 */
export function BeforeAfterTable({
  before,
  after,
  afterLabel,
  rows = ALL_ROWS,
  testIdPrefix,
}: {
  before: EvaluationSummary;
  after: EvaluationSummary | null;
  afterLabel?: MessageKey;
  rows?: ComparisonRow[];
  testIdPrefix?: string;
}) {
  const { t, n, pct } = useI18n();
  const value = (s: EvaluationSummary, row: ComparisonRow): string => {
    switch (row) {
      case 'coverage':
        return pct(s.coveragePct);
      case 'served':
        return pct(s.servedPct);
      case 'unserved':
        return n(s.unservedPupils);
      case 'schools':
        return n(s.schoolsNeeded);
      case 'village-coverage':
        return pct(s.equity.villageCoveragePct);
      case 'village-served':
        return pct(s.equity.villageServedPct);
      case 'other-served':
        return pct(s.equity.otherServedPct);
      case 'ratio':
        return s.equity.ratio?.toFixed(2) ?? '—';
    }
  };
  const id = (column: 'before' | 'after', row: ComparisonRow) => (testIdPrefix ? `${testIdPrefix}-${column}-${row}` : `${column}-${row}`);
  return (
    <table className="summary before-after" data-testid={testIdPrefix ? `${testIdPrefix}-before-after` : 'before-after'}>
      {after && (
        <thead>
          <tr>
            <th />
            <th scope="col">{t('ba.today')}</th>
            <th scope="col">{t(afterLabel ?? 'ba.proposed')}</th>
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{t(LABELS[row])}</th>
            <td data-testid={id('before', row)}>{value(before, row)}</td>
            {after && <td data-testid={id('after', row)}>{value(after, row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
