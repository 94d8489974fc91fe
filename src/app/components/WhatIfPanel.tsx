import type { EvaluationSummary } from '../../core/index.ts';
import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import type { WhatIfController } from '../whatif/use-whatif.ts';
import { useI18n } from '../i18n/i18n.ts';

/** Hand editing of proposed sites with live numbers from the engine. */
export function WhatIfPanel({
  whatIf,
  today,
  canStart,
  hasProposals,
  onStart,
  onReoptimize,
  reoptimizing,
}: {
  whatIf: WhatIfController;
  /** Today's summary, to show what the edited sites change. */
  today: EvaluationSummary | null;
  canStart: boolean;
  hasProposals: boolean;
  onStart: () => void;
  onReoptimize: () => void;
  reoptimizing: boolean;
}) {
  const { t, n } = useI18n();
  const { state } = whatIf;
  const live = state.evaluation?.summary ?? null;
  const school = live ? live.standard.classSize !== null : true;
  const served = new Map(state.evaluation?.facilities.map((f) => [f.id, f.allocated]) ?? []);

  return (
    <div className="whatif" data-testid="whatif-panel" data-synced={whatIf.synced ? 'yes' : 'no'}>
      <h3>{t('whatif.title')}</h3>
      {!state.active ? (
        <button type="button" disabled={!canStart} onClick={onStart} data-testid="whatif-start">
          {hasProposals ? t('whatif.startFromProposals') : t('whatif.start')}
        </button>
      ) : (
        <>
          <p className="hint">{t('whatif.hint')}</p>
          <div className="button-row">
            <button type="button" onClick={whatIf.undo} disabled={state.undo.length === 0} data-testid="whatif-undo">
              {t('whatif.undo')}
            </button>
            <button type="button" onClick={whatIf.redo} disabled={state.redo.length === 0} data-testid="whatif-redo">
              {t('whatif.redo')}
            </button>
            <button type="button" onClick={whatIf.stop} data-testid="whatif-stop">
              {t('whatif.stop')}
            </button>
          </div>
          {state.status === 'starting' && <p className="hint">{t('whatif.starting')}</p>}
          {state.error && <p className="error" role="alert">{state.error}</p>}
          {state.sites.length === 0 ? (
            <p className="hint">{t('whatif.none')}</p>
          ) : (
            <table className="proposals" data-testid="whatif-sites">
              <thead>
                <tr>
                  <th scope="col">{t('whatif.site')}</th>
                  <th scope="col">{school ? t('whatif.classes') : t('whatif.capacity')}</th>
                  <th scope="col">{t('whatif.served')}</th>
                  <th scope="col">{t('whatif.lock')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('whatif.remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.sites.map((site) => (
                  <tr key={site.id} className={site.id === state.selectedId ? 'selected' : undefined} onClick={() => whatIf.select(site.id)}>
                    <td>{site.id}</td>
                    <td>
                      <input
                        type="number"
                        min={1}
                        step={1}
                        value={school ? (site.classes ?? 1) : site.seats}
                        aria-label={t('whatif.classesOf', { id: site.id })}
                        data-testid={`whatif-size-${site.id}`}
                        onChange={(e) => {
                          const v = e.target.valueAsNumber;
                          if (!Number.isInteger(v) || v < 1 || !live) return;
                          whatIf.change(site.id, school ? { classes: v, seats: v * (live.standard.classSize ?? 1) } : { seats: v });
                        }}
                      />
                    </td>
                    <td>{n(served.get(site.id) ?? 0)}</td>
                    <td>
                      <input
                        type="checkbox"
                        checked={site.locked}
                        aria-label={t('whatif.lockSite', { id: site.id })}
                        data-testid={`whatif-lock-${site.id}`}
                        onChange={() => whatIf.change(site.id, { locked: !site.locked })}
                      />
                    </td>
                    <td>
                      <button type="button" aria-label={t('whatif.removeSite', { id: site.id })} onClick={() => whatIf.remove(site.id)}>
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {live && today && (
            <div data-testid="whatif-summary">
              <BeforeAfterTable
                before={today}
                after={live}
                afterLabel="whatif.live"
                rows={['coverage', 'served', 'unserved', 'schools', 'village-served', 'other-served']}
                testIdPrefix="whatif"
              />
            </div>
          )}
          <button type="button" onClick={onReoptimize} disabled={reoptimizing || state.status !== 'ready'} data-testid="whatif-reoptimize" title={t('whatif.reoptimizeHint')}>
            {t('whatif.reoptimize')}
          </button>
        </>
      )}
    </div>
  );
}
