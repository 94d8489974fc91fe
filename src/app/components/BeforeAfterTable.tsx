import { isSchoolType, type EvaluationSummary } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import { en, type MessageKey } from '../i18n/messages.ts';

const LABEL_KEYS = en;

export type ComparisonRow =
  | 'coverage'
  | 'served'
  | 'unserved'
  | 'schools'
  | 'village-coverage'
  | 'other-coverage'
  | 'village-served'
  | 'other-served'
  | 'ratio';

const ALL_ROWS: ComparisonRow[] = ['coverage', 'served', 'unserved', 'schools', 'village-coverage', 'village-served', 'other-served', 'ratio'];

const PERCENT_ROWS = new Set<ComparisonRow>(['coverage', 'served', 'village-coverage', 'other-coverage', 'village-served', 'other-served']);

function numeric(s: EvaluationSummary, row: ComparisonRow): number | null {
  switch (row) {
    case 'coverage':
      return s.coveragePct;
    case 'served':
      return s.servedPct;
    case 'unserved':
      return s.unservedPupils;
    case 'schools':
      return s.schoolsNeeded;
    case 'village-coverage':
      return s.equity.villageCoveragePct;
    case 'other-coverage':
      return s.equity.otherCoveragePct;
    case 'village-served':
      return s.equity.villageServedPct;
    case 'other-served':
      return s.equity.otherServedPct;
    case 'ratio':
      return s.equity.ratio;
  }
}

const LABELS: Record<ComparisonRow, MessageKey> = {
  coverage: 'ba.coverage',
  served: 'ba.served',
  unserved: 'ba.unserved',
  schools: 'ba.schools',
  'village-coverage': 'ba.villageCoverage',
  'other-coverage': 'ba.otherCoverage',
  'village-served': 'ba.villageServed',
  'other-served': 'ba.otherServed',
  ratio: 'ba.ratio',
};

/**
 * Today against a plan (proposals, hand edits): coverage, service, shortfall and the
 * urban-village gap. Without `after`, today's column alone. Every row, the header included, has
 * one cell per column (a label cell, then today, the plan and the difference when shown), so the
 * headers stay over their values on screen and in print. Rows are worded for the analysed type
 * (schools, or facilities for clinics). Test ids: `${prefix}-before-${row}` and
 * `${prefix}-after-${row}` (no prefix: `before-${row}`).
 */
export function BeforeAfterTable({
  before,
  after,
  beforeLabel,
  afterLabel,
  rows = ALL_ROWS,
  testIdPrefix,
  difference = false,
}: {
  before: EvaluationSummary;
  after: EvaluationSummary | null;
  beforeLabel?: string;
  afterLabel?: MessageKey | string;
  /** A third column: after − before (percentage points for shares). */
  difference?: boolean;
  rows?: ComparisonRow[];
  testIdPrefix?: string;
}) {
  const { t, n, pct } = useI18n();
  const value = (s: EvaluationSummary, row: ComparisonRow): string => {
    const v = numeric(s, row);
    if (v === null) return '—';
    return PERCENT_ROWS.has(row) ? pct(v) : row === 'ratio' ? v.toFixed(2) : n(v);
  };
  const delta = (row: ComparisonRow): string => {
    const a = numeric(before, row);
    const b = after ? numeric(after, row) : null;
    if (a === null || b === null) return '—';
    const d = b - a;
    const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
    const size = Math.abs(d);
    return PERCENT_ROWS.has(row) ? t('distance.points', { sign, n: size.toFixed(1) }) : row === 'ratio' ? `${sign}${size.toFixed(2)}` : `${sign}${n(size)}`;
  };
  const label = (key: MessageKey | string | undefined, fallback: MessageKey) => (key === undefined ? t(fallback) : key in LABEL_KEYS ? t(key as MessageKey) : key);
  const school = isSchoolType(before.type);
  const rowLabel = (row: ComparisonRow): string => t(row === 'schools' && !school ? 'ba.facilities' : LABELS[row]);
  const id = (column: 'before' | 'after' | 'difference', row: ComparisonRow) => (testIdPrefix ? `${testIdPrefix}-${column}-${row}` : `${column}-${row}`);
  return (
    <table className="summary before-after" data-testid={testIdPrefix ? `${testIdPrefix}-before-after` : 'before-after'}>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t('ba.measure')}</span>
          </th>
          <th scope="col">{beforeLabel ?? t('ba.today')}</th>
          {after && <th scope="col">{label(afterLabel, 'ba.proposed')}</th>}
          {after && difference && (
            <th scope="col">
              <abbr title={t('ba.difference')}>Δ</abbr>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{rowLabel(row)}</th>
            <td data-testid={id('before', row)}>{value(before, row)}</td>
            {after && <td data-testid={id('after', row)}>{value(after, row)}</td>}
            {after && difference && <td data-testid={id('difference', row)}>{delta(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
