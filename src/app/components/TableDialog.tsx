import { useEffect, useRef, useState } from 'react';
import type { FigureColumns } from '../../core/index.ts';
import type { TablePreview } from '../../worker/loader-api.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useModalFocus } from './use-modal-focus.ts';
import { FieldSelect } from './FieldSelect.tsx';

const FIGURES = ['population', 'registered', 'migrants'] as const;
/** Unmatched keys listed before "and N more". */
const SHOWN_KEYS = 30;

export interface TableChoice {
  key: string;
  boundaryField?: string;
  figures: FigureColumns;
  spread: 'cells' | 'boundaries';
}

/**
 * The join step for a statistics table without geometry (residents by community, CSV or Excel):
 * the sheet, the community boundaries (a file of polygons), the key column and the boundary
 * property, the figure columns and where they go. Every change joins again in the loader worker,
 * and the outcome — matched rows, each unmatched key on both sides, the totals — is shown before
 * the table becomes the population layer. Values are shown as text.
 */
export function TableDialog({
  preview,
  populationCells,
  error,
  onSheet,
  onBoundaries,
  onJoin,
  onConfirm,
  onDiscard,
}: {
  preview: TablePreview;
  /** Population cells loaded that the figures can be spread over (0: none, or a raster). */
  populationCells: number;
  error?: string;
  onSheet: (sheet: string) => void;
  onBoundaries: (file: File) => void;
  onJoin: (choice: TableChoice) => void;
  onConfirm: () => void;
  onDiscard: () => void;
}) {
  const { t, n } = useI18n();
  const modal = useModalFocus(onDiscard);
  const boundaryInput = useRef<HTMLInputElement>(null);
  const [key, setKey] = useState<string | null>(null);
  const [boundaryField, setBoundaryField] = useState('');
  const [figures, setFigures] = useState<FigureColumns>(preview.figures);
  const [spread, setSpread] = useState<TableChoice['spread']>(populationCells > 0 ? 'cells' : 'boundaries');
  // Until the user picks one, the key follows the suggestion (which improves once boundaries are in).
  const chosenKey = key ?? preview.key ?? '';
  const boundaries = preview.boundaries;
  useEffect(() => {
    if (!boundaries || chosenKey === '') return;
    onJoin({ key: chosenKey, ...(boundaryField ? { boundaryField } : {}), figures, spread });
    // onJoin is a new function each render; the join depends on the choices only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boundaries?.file, chosenKey, boundaryField, figures, spread]);
  const join = preview.join;
  const shownError = preview.error ?? error;
  const canAdd = join !== null && join.matched > 0 && !shownError;
  const keyList = (items: string[], total: number) => items.slice(0, SHOWN_KEYS).join(', ') + (total > SHOWN_KEYS ? ` … ${t('load.more', { n: n(total - SHOWN_KEYS) })}` : '');

  return (
    <div className="dialog-backdrop">
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="table-title" data-testid="table-dialog" tabIndex={-1} ref={modal.ref} onKeyDown={modal.onKeyDown}>
        <h2 id="table-title">{t('stats.title', { file: preview.file })}</h2>
        <p className="hint">{t('stats.hint')}</p>
        <p data-testid="table-read">{t('stats.read', { format: preview.format.toUpperCase(), rows: n(preview.rowCount), columns: preview.columns.join(', ') })}</p>
        {preview.sample.length > 0 && (
          <details>
            <summary>{t('stats.sample')}</summary>
            <table className="sample">
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
        <div className="form-grid">
          {preview.sheets.length > 1 && (
            <>
              <label htmlFor="table-sheet">{t('stats.sheet')}</label>
              <select id="table-sheet" data-testid="table-sheet" value={preview.sheet ?? ''} onChange={(e) => onSheet(e.target.value)}>
                {preview.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </>
          )}
          <span>{t('stats.boundaries')}</span>
          <span>
            <button type="button" data-testid="table-choose-boundaries" onClick={() => boundaryInput.current?.click()}>
              {t('stats.chooseBoundaries')}
            </button>
            {boundaries && (
              <small data-testid="table-boundaries" className="hint">
                {' '}
                {t('stats.boundariesRead', { file: boundaries.file, n: n(boundaries.features) })}
              </small>
            )}
            <input
              ref={boundaryInput}
              type="file"
              hidden
              data-testid="table-boundary-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) onBoundaries(file);
              }}
            />
          </span>
          <FieldSelect testId="table-key" label={t('stats.key')} fields={preview.columns} value={chosenKey} onChange={(v) => setKey(v)} required />
          {boundaries && (
            <>
              <label htmlFor="table-boundary-field">{t('stats.boundaryField')}</label>
              <select id="table-boundary-field" data-testid="table-boundary-field" value={boundaryField} onChange={(e) => setBoundaryField(e.target.value)}>
                <option value="">{join ? `${t('stats.boundaryFieldAuto')} (${join.boundaryField})` : t('stats.boundaryFieldAuto')}</option>
                {boundaries.fields.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </>
          )}
          {FIGURES.map((k) => (
            <FieldSelect
              key={k}
              testId={`table-figure-${k}`}
              label={t(`mapfield.${k}` as MessageKey)}
              fields={preview.columns}
              value={figures[k]}
              onChange={(v) => setFigures(({ [k]: _old, ...rest }) => (v ? { ...rest, [k]: v } : rest))}
            />
          ))}
          <label htmlFor="table-spread">{t('stats.spread')}</label>
          <select id="table-spread" data-testid="table-spread" value={spread} onChange={(e) => setSpread(e.target.value as TableChoice['spread'])}>
            <option value="cells" disabled={populationCells === 0}>
              {t('stats.spreadCells', { n: n(populationCells) })}
            </option>
            <option value="boundaries">{t('stats.spreadBoundaries')}</option>
          </select>
        </div>
        {!boundaries && <p className="hint">{t('stats.chooseFirst')}</p>}
        {join && (
          <div data-testid="table-join">
            <p data-testid="table-matched">{t('stats.matched', { matched: n(join.matched), rows: n(preview.rowCount), key: join.keyColumn, field: join.boundaryField })}</p>
            {join.matched > 0 && (
              <p data-testid="table-totals">
                {t('stats.totals', { population: n(join.totals.population) })}
                {join.totals.registered !== null && join.totals.migrants !== null && t('stats.groups', { registered: n(join.totals.registered), migrants: n(join.totals.migrants) })}
              </p>
            )}
            {join.unmatchedRowCount > 0 && (
              <p className="warning" data-testid="table-unmatched-rows">
                {t('stats.unmatchedRows', { n: n(join.unmatchedRowCount) })}: {keyList(join.unmatchedRows.map((r) => t('stats.rowKey', { key: r.key, row: r.row })), join.unmatchedRowCount)}
              </p>
            )}
            {join.unmatchedBoundaryCount > 0 && (
              <p className="warning" data-testid="table-unmatched-boundaries">
                {t('stats.unmatchedBoundaries', { n: n(join.unmatchedBoundaryCount) })}: {keyList(join.unmatchedBoundaries.map((b) => b.key || b.feature), join.unmatchedBoundaryCount)}
              </p>
            )}
            {join.cellsOutside > 0 && <p className="hint" data-testid="table-cells-outside">{t('stats.cellsOutside', { n: n(join.cellsOutside) })}</p>}
            {join.spread === 'cells' && join.communitiesWithoutCells.length > 0 && <p className="hint">{t('stats.withoutCells', { names: keyList(join.communitiesWithoutCells, join.communitiesWithoutCells.length) })}</p>}
          </div>
        )}
        {preview.warningCount > 0 && (
          <details data-testid="table-warnings">
            <summary>{t('load.warnings', { n: n(preview.warningCount) })}</summary>
            <ul className="warnings">
              {preview.warnings.map((w, i) => (
                <li key={i}>
                  {w.feature}: {w.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
        {shownError && (
          <p className="error" role="alert" data-testid="table-error">
            {shownError}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="primary" data-testid="table-add" disabled={!canAdd} onClick={onConfirm}>
            {t('stats.add')}
          </button>
          <button type="button" onClick={onDiscard} data-testid="table-discard">
            {t('load.discard')}
          </button>
        </div>
      </section>
    </div>
  );
}
