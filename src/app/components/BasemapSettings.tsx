import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { LOCAL_BASEMAP, basemapOffset, knownTileOffset, type BasemapChoice } from '../map/basemap/choice.ts';
import { isPmtilesName, pmtilesChoice } from '../map/basemap/pmtiles.ts';
import { isTiandituKey } from '../map/basemap/tianditu.ts';
import { storeTiandituKey, storedTiandituKey } from '../map/basemap/tianditu-key.ts';

type Preset = BasemapChoice['kind'];
const PRESETS: Preset[] = ['local', 'pmtiles', 'tianditu', 'url'];
const EXT = '.pmtiles';

/**
 * The basemap presets: the local offline style (the default, and where every other falls back to),
 * a PMTiles file (offline tiles), Tianditu (with the user's key, kept in this browser only) and a
 * MapLibre style or raster tile URL. A basemap in GCJ-02 (or BD-09) coordinates is flagged.
 */
export function BasemapSettings() {
  const { t } = useI18n();
  const dispatch = useDispatch();
  const basemap = useAppState((s) => s.ui.basemap);
  const choose = (choice: BasemapChoice) => dispatch({ type: 'ui', action: { type: 'set-basemap', basemap: choice } });

  const [preset, setPreset] = useState<Preset>(basemap.kind);
  // A fallback to the local style (or a file dropped on the map) shows here too.
  useEffect(() => setPreset(basemap.kind), [basemap]);
  const [url, setUrl] = useState(basemap.kind === 'url' ? basemap.url : '');
  const [gcj02, setGcj02] = useState(basemap.kind === 'url' && basemap.gcj02);
  const [pmtilesUrl, setPmtilesUrl] = useState('');
  const [key, setKey] = useState(storedTiandituKey);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const urlInput = useRef<HTMLInputElement>(null);

  const pick = (next: Preset) => {
    setPreset(next);
    setError(null);
    if (next === 'local') choose(LOCAL_BASEMAP);
    if (next === 'url') urlInput.current?.focus();
  };

  const httpUrl = (text: string): string => {
    const parsed = new URL(text.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(t('basemap.onlyHttp'));
    // Keep a template's braces as typed ({z} is not %7Bz%7D).
    return text.trim();
  };
  const applyUrl = () => {
    try {
      const href = httpUrl(url);
      setError(null);
      choose({ kind: 'url', url: href, gcj02 });
    } catch (err) {
      setError(t('basemap.badUrl', { error: err instanceof Error ? err.message : String(err) }));
    }
  };
  const applyPmtilesUrl = () => {
    try {
      const href = httpUrl(pmtilesUrl);
      setError(null);
      choose({ kind: 'pmtiles', name: href.split('/').pop() || href, source: href });
    } catch (err) {
      setError(t('basemap.badUrl', { error: err instanceof Error ? err.message : String(err) }));
    }
  };
  const applyTianditu = () => {
    const k = key.trim();
    if (k === '') return setError(t('basemap.noKey'));
    setError(null);
    storeTiandituKey(k);
    choose({ kind: 'tianditu', key: k });
  };

  const offset = basemapOffset(basemap);
  // Flagged while typing, before the URL is applied.
  const draftOffset = url ? knownTileOffset(url) : null;

  return (
    <section className="panel-section" aria-labelledby="basemap-heading" data-testid="basemap-settings">
      <h2 id="basemap-heading">{t('basemap.title')}</h2>
      <p className="hint" data-testid="basemap-in-use">
        {t(`basemap.inUse.${basemap.kind}`, { name: basemap.kind === 'pmtiles' ? basemap.name : basemap.kind === 'url' ? basemap.url : '' })}
      </p>
      <div role="radiogroup" aria-labelledby="basemap-heading">
        {PRESETS.map((p) => (
          <label key={p} style={{ display: 'block' }}>
            <input type="radio" name="basemap-preset" value={p} checked={preset === p} onChange={() => pick(p)} data-testid={`basemap-preset-${p}`} />{' '}
            {t(`basemap.preset.${p}`, { ext: EXT })}
          </label>
        ))}
      </div>

      {preset === 'local' && <p className="hint">{t('basemap.hintLocal')}</p>}

      {preset === 'pmtiles' && (
        <div>
          <p className="hint">{t('basemap.pmtilesHint', { ext: EXT })}</p>
          <input
            ref={fileInput}
            type="file"
            accept={EXT}
            hidden
            data-testid="basemap-pmtiles-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              if (!isPmtilesName(file.name)) return setError(t('basemap.notPmtiles', { file: file.name, ext: EXT }));
              setError(null);
              choose(pmtilesChoice(file));
            }}
          />
          <div className="basemap-form">
            <button type="button" onClick={() => fileInput.current?.click()} data-testid="basemap-pmtiles-pick">
              {t('basemap.pmtilesPick', { ext: EXT })}
            </button>
          </div>
          <form
            className="basemap-form"
            onSubmit={(e) => {
              e.preventDefault();
              applyPmtilesUrl();
            }}
          >
            <input type="url" placeholder={`https://…/area${EXT}`} value={pmtilesUrl} aria-label={t('basemap.pmtilesUrl', { ext: EXT })} onChange={(e) => setPmtilesUrl(e.target.value)} />
            <button type="submit">{t('basemap.open')}</button>
          </form>
        </div>
      )}

      {preset === 'tianditu' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            applyTianditu();
          }}
        >
          <p className="hint">{t('basemap.tiandituHint')}</p>
          <div className="basemap-form">
            <input
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={key}
              placeholder="tk"
              aria-label={t('basemap.tiandituKey')}
              data-testid="basemap-tianditu-key"
              onChange={(e) => setKey(e.target.value)}
            />
            <button type="submit" data-testid="basemap-tianditu-apply">{t('basemap.useTianditu')}</button>
            {storedTiandituKey() !== '' && (
              <button
                type="button"
                onClick={() => {
                  storeTiandituKey(null);
                  setKey('');
                  if (basemap.kind === 'tianditu') choose(LOCAL_BASEMAP);
                }}
              >
                {t('basemap.forgetKey')}
              </button>
            )}
          </div>
          {key.trim() !== '' && !isTiandituKey(key) && <p className="hint">{t('basemap.oddKey')}</p>}
        </form>
      )}

      {/* Always here (also with another preset chosen): pasting a URL and Apply is the quickest way. */}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          applyUrl();
        }}
      >
        {preset === 'url' && <p className="hint">{t('basemap.urlHint', { style: '…/style.json', template: '…/{z}/{x}/{y}.png' })}</p>}
        <div className="basemap-form">
          <input ref={urlInput} type="url" placeholder="https://…/style.json" value={url} aria-label={t('basemap.url')} data-testid="basemap-url" onChange={(e) => setUrl(e.target.value)} />
          <button type="submit" data-testid="basemap-apply">{t('basemap.apply')}</button>
        </div>
        <label style={{ display: 'block' }}>
          <input type="checkbox" checked={gcj02 || draftOffset !== null} disabled={draftOffset !== null} onChange={(e) => setGcj02(e.target.checked)} data-testid="basemap-gcj02" />{' '}
          {t('basemap.gcj02Tick')}
        </label>
      </form>

      {offset && (
        <p className="warning" role="status" data-testid="basemap-offset-warning">
          {t(offset === 'bd09' ? 'basemap.offsetBd09' : 'basemap.offsetGcj02')}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
