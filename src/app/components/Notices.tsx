import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** Kept as a message key, so it follows a change of language. */
export interface Notice {
  id: number;
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  const { t } = useI18n();
  if (notices.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className="notice" role="status">
          <span>{t(n.key, n.vars)}</span>
          <button type="button" aria-label={t('notice.dismiss')} onClick={() => onDismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
