import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';

/** Asks before a command that throws work away; Esc or "Keep editing" leaves everything as it was. */
export function ConfirmDialog() {
  const { t, n } = useI18n();
  const confirm = useAppState((s) => s.ui.confirm);
  const dispatch = useDispatch();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!confirm) return;
    const before = document.activeElement as HTMLElement | null;
    keep.current?.focus();
    return () => before?.focus?.();
  }, [confirm]);
  if (!confirm) return null;
  const cancel = () => dispatch({ type: 'ui', action: { type: 'answered' } });
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-text"
        data-testid="confirm-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            cancel();
          }
        }}
      >
        <p id="confirm-text">{t('confirm.stopEditing', { n: n(confirm.sites) })}</p>
        <div className="button-row">
          <button type="button" data-testid="confirm-yes" onClick={() => dispatch({ type: 'edit-stop', confirmed: true })}>
            {t('confirm.discard')}
          </button>
          <button type="button" ref={keep} data-testid="confirm-no" onClick={cancel}>
            {t('confirm.keep')}
          </button>
        </div>
      </div>
    </div>
  );
}
