import { useI18n } from '../i18n/i18n.ts';

/**
 * The swipe divider over the map: one thing drawn to its left, another to its right. Dragged with
 * the pointer or moved with the arrow keys; `labels` name the two sides at its top.
 */
export function SwipeDivider({ fraction, onFraction, labels }: { fraction: number; onFraction: (fraction: number) => void; labels?: [string, string] }) {
  const { t } = useI18n();
  return (
    <div
      className="compare-divider"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('compare.divider')}
      aria-valuenow={Math.round(fraction * 100)}
      tabIndex={0}
      data-testid="compare-divider"
      style={{ left: `${fraction * 100}%` }}
      onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) onFraction(Math.min(0.95, Math.max(0.05, e.clientX / window.innerWidth)));
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onFraction(Math.max(0.05, fraction - 0.05));
        if (e.key === 'ArrowRight') onFraction(Math.min(0.95, fraction + 0.05));
      }}
    >
      {labels && (
        <>
          <span className="swipe-label left">{labels[0]}</span>
          <span className="swipe-label right">{labels[1]}</span>
        </>
      )}
    </div>
  );
}
