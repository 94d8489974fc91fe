import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';

export type { Notice } from '../state/ui-state.ts';

/** Messages above the map (in the top strip), each with Dismiss and, where it can be taken back, Undo. */
export function Notices() {
  const { t } = useI18n();
  const notices = useAppState((s) => s.ui.notices);
  const dispatch = useDispatch();
  if (notices.length === 0) return null;
  const dismiss = (id: number) => dispatch({ type: 'ui', action: { type: 'dismiss', id } });
  return (
    <div className="notice-list" data-testid="notices">
      {notices.map((n) => {
        const translated = Object.fromEntries(Object.entries(n.keyVars ?? {}).map(([k, key]) => [k, t(key)]));
        return (
          <div key={n.id} className="notice" role="status">
            <span>{t(n.key, { ...n.vars, ...translated })}</span>
            {n.undo && (
              <button
                type="button"
                data-testid="notice-undo"
                onClick={() => {
                  dispatch(n.undo!);
                  dismiss(n.id);
                }}
              >
                {t('notice.undo')}
              </button>
            )}
            <button type="button" aria-label={t('notice.dismiss')} onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
