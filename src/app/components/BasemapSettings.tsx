import { useState } from 'react';

/** Offline by default; an online MapLibre style URL is used only if the user gives one. */
export function BasemapSettings({
  styleUrl,
  onChange,
}: {
  styleUrl: string | null;
  onChange: (url: string | null) => void;
}) {
  const [draft, setDraft] = useState(styleUrl ?? '');
  const [error, setError] = useState<string | null>(null);

  function apply() {
    const text = draft.trim();
    if (text === '') return onChange(null);
    try {
      const url = new URL(text);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('only http and https URLs');
      setError(null);
      onChange(url.href);
    } catch (err) {
      setError(`Not a usable style URL: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return (
    <section className="panel-section" aria-labelledby="basemap-heading">
      <h2 id="basemap-heading">Basemap</h2>
      <p className="hint">Local offline style{styleUrl ? '' : ' (in use)'}. For an online basemap, paste a MapLibre style URL.</p>
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
          aria-label="MapLibre style URL"
          data-testid="basemap-url"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" data-testid="basemap-apply">Apply</button>
        {styleUrl && (
          <button type="button" onClick={() => { setDraft(''); onChange(null); }}>
            Use local
          </button>
        )}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
