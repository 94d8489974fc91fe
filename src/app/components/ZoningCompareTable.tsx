import type { ZoningTotals } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** Rows of the comparison, in the order a planner reads them. */
const TOTAL_ROWS: { key: keyof ZoningTotals; label: MessageKey; kind: 'count' | 'ratio' }[] = [
  { key: 'zones', label: 'zones.row.zones', kind: 'count' },
  { key: 'zonedPupils', label: 'zones.row.zoned', kind: 'count' },
  { key: 'unzonedPupils', label: 'zones.row.unzoned', kind: 'count' },
  { key: 'pupilsWithoutSchool', label: 'zones.row.withoutSchool', kind: 'count' },
  { key: 'pupilsAboveSeats', label: 'zones.row.aboveSeats', kind: 'count' },
  { key: 'overCapacitySchools', label: 'zones.row.overCapacity', kind: 'count' },
  { key: 'maxUtilisation', label: 'zones.row.maxUtilisation', kind: 'ratio' },
  { key: 'beyondRadiusPupils', label: 'zones.row.beyond', kind: 'count' },
];

/** Official and designed zones side by side, figure by figure: the zones section and the printed report draw the same table. */
export function ZoningCompareTable({ official, designed, radiusM, testIdPrefix }: { official: ZoningTotals | null; designed: ZoningTotals | null; radiusM: number; testIdPrefix: string }) {
  const { t, n, pct } = useI18n();
  const value = (totals: ZoningTotals | null, row: (typeof TOTAL_ROWS)[number]) => {
    if (!totals) return '—';
    const v = totals[row.key];
    return row.kind === 'ratio' ? (v === null ? '—' : pct(100 * (v as number))) : n(v as number);
  };
  return (
    <table className="summary compare" data-testid={`${testIdPrefix}-compare`}>
      <thead>
        <tr>
          <th />
          <th scope="col">{t('zones.official')}</th>
          <th scope="col">{t('zones.designed')}</th>
        </tr>
      </thead>
      <tbody>
        {TOTAL_ROWS.map((row) => (
          <tr key={row.key}>
            <th scope="row">{t(row.label, { radius: n(radiusM) })}</th>
            <td data-testid={`${testIdPrefix}-official-${row.key}`}>{value(official, row)}</td>
            <td data-testid={`${testIdPrefix}-designed-${row.key}`}>{value(designed, row)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
