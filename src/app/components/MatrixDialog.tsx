import { useState } from 'react';
import type { CostColumns } from '../../core/index.ts';
import type { MatrixPreview } from '../../worker/loader-api.ts';
import { accessValueText } from '../analysis/access-text.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useModalFocus } from './use-modal-focus.ts';

const KEYS = ['origin', 'destination', 'cost'] as const;

/**
 * Confirms a travel-cost table: which column holds the origin ids, the destination ids and the
 * cost (found by name where the header says so; chosen here otherwise), with what was read. A
 * modal dialog like the layer dialog; values are shown as text.
 */
export function MatrixDialog({
  preview,
  error,
  onColumns,
  onConfirm,
  onDiscard,
}: {
  preview: MatrixPreview;
  error?: string;
  onColumns: (columns: CostColumns) => void;
  onConfirm: () => void;
  onDiscard: () => void;
}) {
  const i18n = useI18n();
  const { t, n } = i18n;
  const modal = useModalFocus(onDiscard);
  const [chosen, setChosen] = useState<Partial<CostColumns>>(preview.columns ?? {});
  const choose = (key: (typeof KEYS)[number], value: string) => {
    const next = { ...chosen, [key]: value || undefined };
    setChosen(next);
    const { origin, destination, cost } = next;
    if (origin && destination && cost && new Set([origin, destination, cost]).size === 3) onColumns({ origin, destination, cost });
  };
  const r = preview.read;
  return (
    <div className="dialog-backdrop">
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="matrix-title" data-testid="matrix-dialog" tabIndex={-1} ref={modal.ref} onKeyDown={modal.onKeyDown}>
        <h2 id="matrix-title">{t('matrix.title', { file: preview.file })}</h2>
        <p className="hint">{t('matrix.hint')}</p>
        <div className="form-grid">
          {KEYS.map((key) => (
            <label key={key} className="span2">
              <span>{t(`matrix.${key}`)}</span>{' '}
              <select value={chosen[key] ?? ''} data-testid={`matrix-${key}`} onChange={(e) => choose(key, e.target.value)}>
                <option value="">{t('load.none')}</option>
                {preview.fields.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        {r ? (
          <>
            <p data-testid="matrix-read">
              {t('matrix.read', { pairs: n(r.pairs), origins: n(r.origins), destinations: n(r.destinations), min: accessValueText(i18n, r.minCost), max: accessValueText(i18n, r.maxCost) })}
            </p>
            <table className="sample">
              <tbody>
                {r.sample.map((row, i) => (
                  <tr key={i}>
                    <td>{`${row.origin} → ${row.destination}: ${row.cost}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          !preview.error && <p className="hint">{t('matrix.choose')}</p>
        )}
        {(preview.error ?? error) && (
          <p className="error" role="alert" data-testid="matrix-error">
            {preview.error ?? error}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="primary" data-testid="matrix-use" disabled={!r} onClick={onConfirm}>
            {t('matrix.use')}
          </button>
          <button type="button" onClick={onDiscard} data-testid="matrix-discard">
            {t('load.discard')}
          </button>
        </div>
      </section>
    </div>
  );
}
