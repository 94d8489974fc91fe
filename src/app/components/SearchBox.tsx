import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Feature, Geometry } from 'geojson';
import { useI18n } from '../i18n/i18n.ts';
import { en, type MessageKey } from '../i18n/messages.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { selectMarkers } from '../store/selectors.ts';
import { COORDINATE_SYSTEMS, parseCoordinate, searchEntries, searchNames, type CoordinateSystem, type Pinyin, type SearchEntry } from '../search/search.ts';
import { goToRow } from './TablePanel.tsx';

/** pinyin-pro is loaded on the first search only: most sessions never need it. */
let pinyinLoad: Promise<Pinyin> | null = null;
function loadPinyin(): Promise<Pinyin> {
  pinyinLoad ??= import('pinyin-pro').then(({ pinyin }) => {
    const cache = new Map<string, string[]>();
    return (text: string) => {
      let found = cache.get(text);
      if (!found) {
        const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase().replace(/\s+/g, ''));
        found = [syllables.join(''), syllables.map((s) => s[0] ?? '').join('')];
        cache.set(text, found);
      }
      return found;
    };
  });
  return pinyinLoad;
}

/**
 * Search over what is loaded — facilities, villages, roads, proposed sites; by Chinese name, its
 * pinyin, English name or id — and coordinates (`113.65, 34.75`; GCJ-02 and BD-09 converted).
 * ↑ ↓ to move, Enter to go, Esc to clear. Going to a result frames it, and selects its row.
 */
export function SearchBox() {
  const { t } = useI18n();
  const dispatch = useDispatch();
  const listId = useId();
  const district = useAppState((s) => s.data.district);
  const markers = useAppState(selectMarkers);
  const analysedType = useAppState((s) => s.analysis.settings.type);
  const zoom = useAppState((s) => s.ui.view?.zoom);
  const [query, setQuery] = useState('');
  const [system, setSystem] = useState<CoordinateSystem>('wgs84');
  const [active, setActive] = useState(0);
  const [pinyin, setPinyin] = useState<Pinyin | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (query !== '' && !pinyin) void loadPinyin().then((p) => setPinyin(() => p));
  }, [query, pinyin]);

  const entries = useMemo(
    () =>
      district
        ? searchEntries(
            {
              facilities: district.facilities.features as Feature<Geometry | null>[],
              villages: district.villages.features as Feature<Geometry | null>[],
              roads: district.roads.features as Feature<Geometry | null>[],
            },
            markers,
            analysedType,
            (type) => (`facility.${type}` in en ? t(`facility.${type}` as MessageKey) : type),
          )
        : [],
    [district, markers, analysedType, t],
  );
  const results = useMemo((): SearchEntry[] => {
    const at = parseCoordinate(query, system);
    const coordinate: SearchEntry[] = at ? [{ kind: 'coordinate', label: `${at[0].toFixed(6)}, ${at[1].toFixed(6)}`, detail: system === 'wgs84' ? 'WGS84' : t(`search.converted.${system}` as MessageKey), place: { lngLat: at }, keys: [] }] : [];
    return [...coordinate, ...searchNames(entries, query, 12, pinyin ?? undefined)];
  }, [entries, query, system, pinyin, t]);

  const go = (entry: SearchEntry) => {
    const view = goToRow({ id: entry.label, values: {}, place: entry.place }, zoom);
    if (view) dispatch(view);
    dispatch({ type: 'ui', action: { type: 'select', selection: entry.row ?? null } });
    dispatch({ type: 'ui', action: { type: 'search-pin', lngLat: entry.kind === 'coordinate' && 'lngLat' in entry.place ? entry.place.lngLat : null } });
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
    } else if (e.key === 'Enter' && results[active]) {
      e.preventDefault();
      go(results[active]);
    } else if (e.key === 'Escape') {
      setQuery('');
      dispatch({ type: 'ui', action: { type: 'search-pin', lngLat: null } });
    }
  };
  const open = query.trim() !== '';
  return (
    <div className="search" data-testid="search">
      <div className="search-row">
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && results[active] ? `${listId}-${active}` : undefined}
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          data-testid="search-input"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
        <select aria-label={t('search.system')} title={t('search.system')} data-testid="search-system" value={system} onChange={(e) => setSystem(e.target.value as CoordinateSystem)}>
          {COORDINATE_SYSTEMS.map((c) => (
            <option key={c} value={c}>
              {t(`search.system.${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {open && (
        <ul id={listId} role="listbox" className="search-results" data-testid="search-results">
          {results.length === 0 && <li className="hint">{t('search.none')}</li>}
          {results.map((r, k) => (
            <li
              key={`${r.kind}-${r.label}-${k}`}
              id={`${listId}-${k}`}
              role="option"
              aria-selected={k === active}
              data-kind={r.kind}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(r)}
            >
              <span className="search-kind">{t(`search.kind.${r.kind}` as MessageKey)}</span> {r.label}
              {r.detail && <span className="hint"> · {r.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
