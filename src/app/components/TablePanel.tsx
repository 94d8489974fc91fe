import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { downloadBlob } from '../export/plan-export.ts';
import { useI18n, type I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { FEATURE_LAYERS, selectTable } from '../tables/tables.ts';
import { TABLE_IDS, tableCsv, viewRows, type CellValue, type Table, type TableColumn, type TableRow } from '../tables/table-model.ts';
import type { RootAction } from '../store/root.ts';

const ROW_PX = 26;
const EMPTY: Table = { id: 'features', columns: [], rows: [] };

function labelOf({ t }: I18n, c: TableColumn): string {
  return 'key' in c.label ? t(c.label.key) : c.label.text;
}

/** A value as the table shows it: numbers in the locale's format, shares as percentages, status in words. */
function shown(i18n: I18n, c: TableColumn, v: CellValue): string {
  if (v === null || v === '') return '—';
  switch (c.kind) {
    case 'number':
      return typeof v === 'number' ? (Number.isInteger(v) || Math.abs(v) >= 100 ? i18n.n(v) : v.toLocaleString(i18n.locale, { maximumFractionDigits: 2 })) : String(v);
    case 'percent':
      return typeof v === 'number' ? i18n.pct(v) : String(v);
    case 'boolean':
      return v === true ? '✓' : '—';
    case 'status':
      return i18n.t(`util.${String(v)}` as MessageKey);
    case 'text':
      return String(v);
  }
}

/** Goes to a row on the map: its point at street zoom, or its bounds framed. */
export function goToRow(row: TableRow, zoom: number | undefined): RootAction | null {
  if (!row.place) return null;
  if ('lngLat' in row.place) return { type: 'ui', action: { type: 'request-view', request: { kind: 'view', view: { center: row.place.lngLat, zoom: Math.max(zoom ?? 0, 15), bearing: 0, pitch: 0 } } } };
  return { type: 'ui', action: { type: 'request-view', request: { kind: 'fit', bounds: row.place.bounds } } };
}

/**
 * The planner's tables in a drawer under the map: the facilities of the analysed type, the urban
 * villages and the proposed sites of the plan shown, and any loaded layer's features. Sort by a
 * column, filter by text, download what is shown as CSV; only the rows in view are rendered. A
 * row chosen here is highlighted on the map and the map flies to it; a thing clicked on the map
 * selects its row.
 */
export function TablePanel() {
  const i18n = useI18n();
  const { t, n } = i18n;
  const dispatch = useDispatch();
  const tables = useAppState((s) => s.ui.tables);
  const selection = useAppState((s) => s.ui.selection);
  const zoom = useAppState((s) => s.ui.view?.zoom);
  const tab = tables.tab;
  const view = tables.views[tab];
  // Nothing is built while the drawer is closed: a city's population table is large.
  const table = useAppState((s) => (s.ui.tables.open ? selectTable(s, tab) : EMPTY));
  const rows = useMemo(() => viewRows(table, view, i18n.locale), [table, view, i18n.locale]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 12 });
  const selectedIndex = selection?.table === tab ? rows.findIndex((r) => r.id === selection.id) : -1;

  // A selection made on the map scrolls its row into view.
  useEffect(() => {
    if (selectedIndex >= 0) virtual.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtual]);

  const choose = (row: TableRow) => {
    dispatch({ type: 'ui', action: { type: 'select', selection: { table: tab, id: row.id } } });
    const go = goToRow(row, zoom);
    if (go) dispatch(go);
  };
  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(rows[index]);
    } else if (step !== 0 && rows[index + step]) {
      e.preventDefault();
      virtual.scrollToIndex(index + step);
      choose(rows[index + step]);
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${index + step}"]`)?.focus());
    }
  };
  const sortBy = (key: string) =>
    dispatch({ type: 'ui', action: { type: 'tables-view', tab, view: { sortKey: key, descending: view.sortKey === key ? !view.descending : false } } });
  const columns = table.columns;
  const template = `repeat(${Math.max(1, columns.length)}, minmax(90px, 1fr))`;

  if (!tables.open) return null;
  return (
    <section className="table-panel" aria-labelledby="tables-heading" data-testid="table-panel">
      <header className="table-head">
        <h2 id="tables-heading">{t('table.title')}</h2>
        <div role="tablist" aria-label={t('table.title')} className="tabs">
          {TABLE_IDS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={id === tab}
              data-testid={`table-tab-${id}`}
              onClick={() => dispatch({ type: 'ui', action: { type: 'tables-tab', tab: id } })}
            >
              {t(`table.tab.${id}` as MessageKey)}
            </button>
          ))}
        </div>
        {tab === 'features' && (
          <select aria-label={t('table.layer')} data-testid="table-layer" value={tables.layer} onChange={(e) => dispatch({ type: 'ui', action: { type: 'tables-layer', layer: e.target.value as (typeof FEATURE_LAYERS)[number] } })}>
            {FEATURE_LAYERS.map((l) => (
              <option key={l} value={l}>
                {t(`datalayer.${l}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
        <input
          type="search"
          placeholder={t('table.filter')}
          aria-label={t('table.filter')}
          data-testid="table-filter"
          value={view.filter}
          onChange={(e) => dispatch({ type: 'ui', action: { type: 'tables-view', tab, view: { filter: e.target.value } } })}
        />
        <span className="hint" data-testid="table-count">
          {t('table.count', { shown: n(rows.length), total: n(table.rows.length) })}
        </span>
        <button
          type="button"
          data-testid="table-csv"
          disabled={rows.length === 0}
          onClick={() => {
            const csv = tableCsv(columns, rows, (c) => labelOf(i18n, c), (c, v) => (c.kind === 'status' && v !== null ? shown(i18n, c, v) : v));
            downloadBlob(`catchmap-${tab === 'features' ? tables.layer : tab}.csv`, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
          }}
        >
          {t('table.csv')}
        </button>
        <button type="button" aria-label={t('table.close')} title={t('table.close')} data-testid="table-close" onClick={() => dispatch({ type: 'ui', action: { type: 'tables-open', open: false } })}>
          ×
        </button>
      </header>
      <div className="table-grid" role="table" aria-rowcount={rows.length + 1} data-testid={`table-${tab}`}>
        <div role="row" className="table-row table-header" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div key={c.key} role="columnheader" aria-sort={view.sortKey === c.key ? (view.descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" data-testid={`table-sort-${c.key}`} onClick={() => sortBy(c.key)}>
                {labelOf(i18n, c)}
                {view.sortKey === c.key ? (view.descending ? ' ▼' : ' ▲') : ''}
              </button>
            </div>
          ))}
        </div>
        <div className="table-body" ref={scroller}>
          {rows.length === 0 && <p className="hint">{t('table.empty')}</p>}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index];
              const selected = item.index === selectedIndex;
              return (
                <div
                  key={row.id + item.index}
                  role="row"
                  tabIndex={0}
                  aria-selected={selected}
                  data-index={item.index}
                  data-row-id={row.id}
                  className={`table-row${selected ? ' selected' : ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_PX }}
                  onClick={() => choose(row)}
                  onKeyDown={(e) => onRowKey(e, item.index)}
                >
                  {columns.map((c) => (
                    <div key={c.key} role="cell" className={c.kind === 'text' || c.kind === 'status' ? undefined : 'num'}>
                      {shown(i18n, c, row.values[c.key] ?? null)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
