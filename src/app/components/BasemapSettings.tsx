import { useState } from 'react';
import { useI18n } from '../i18n/i18n.ts';

/** Offline by default; an online MapLibre style URL is used only if the user gives one. */
export function BasemapSettings({
  styleUrl,
  onChange,
}: {
  styleUrl: string | null;
  onChange: (url: string | null) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(styleUrl ?? '');
  const [error, setError] = useState<string | null>(null);

  function apply() {
    const text = draft.trim();
    if (text === '') return onChange(null);
    try {
      const url = new URL(text);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(t('basemap.onlyHttp'));
      setError(null);
      onChange(url.href);
    } catch (err) {
      setError(t('basemap.badUrl', { error: err instanceof Error ? err.message : String(err) }));
    }
  }

  return (
    <section className="panel-section" aria-labelledby="basemap-heading">
      <h2 id="basemap-heading">{t('basemap.title')}</h2>
      <p className="hint">{styleUrl ? t('basemap.hintOnline') : t('basemap.hintLocal')}</p>
      <form
        className="basemap-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <input
          type="url"
          placeholder="https://…/style.json"
          value={draft}
          aria-label={t('basemap.url')}
          data-testid="basemap-url"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" data-testid="basemap-apply">{t('basemap.apply')}</button>
        {styleUrl && (
          <button type="button" onClick={() => { setDraft(''); onChange(null); }}>
            {t('basemap.useLocal')}
          </button>
        )}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
