import { BeforeAfterTable } from './BeforeAfterTable.tsx';
import { CommandButton } from './CommandButton.tsx';
import { NumberField } from './NumberField.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { whatIfSynced, type WhatIfAction } from '../whatif/whatif-state.ts';

/** Classes (schools) or capacity (clinics) of one hand-placed site. */
const SIZE_BOUNDS = { classes: { min: 1, max: 200, integer: true }, seats: { min: 1, max: 100_000, integer: true } };

/** Hand editing of proposed sites with live numbers from the engine. */
export function WhatIfPanel() {
  const { t, n } = useI18n();
  const state = useAppState((s) => s.whatIf);
  const today = useAppState((s) => s.analysis.result?.summary ?? null);
  const synced = whatIfSynced(state);
  const rootDispatch = useDispatch();
  const dispatch = (action: WhatIfAction) => rootDispatch({ type: 'whatif', action });
  const live = state.evaluation?.summary ?? null;
  const classSize = live?.standard.classSize ?? null;
  const school = live ? classSize !== null : true;
  const served = new Map(state.evaluation?.facilities.map((f) => [f.id, f.allocated]) ?? []);

  return (
    <div className="whatif" data-testid="whatif-panel" data-synced={synced ? 'yes' : 'no'}>
      <h3>{t('whatif.title')}</h3>
      {!state.active ? (
        <CommandButton id="edit-start" testId="whatif-start" />
      ) : (
        <>
          <p className="hint">{t('whatif.hint')}</p>
          <div className="button-row">
            <CommandButton id="undo" testId="whatif-undo" />
            <CommandButton id="redo" testId="whatif-redo" />
            <CommandButton id="edit-stop" testId="whatif-stop" />
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
                  <tr key={site.id} className={site.id === state.selectedId ? 'selected' : undefined} onClick={() => dispatch({ type: 'select', id: site.id })}>
                    <td>{site.id}</td>
                    <td>
                      {site.locked ? (
                        <span data-testid={`whatif-size-${site.id}`}>{n(school ? (site.classes ?? 1) : site.seats)}</span>
                      ) : (
                        <NumberField
                          value={school ? (site.classes ?? 1) : site.seats}
                          bounds={school ? SIZE_BOUNDS.classes : SIZE_BOUNDS.seats}
                          label={t('whatif.classesOf', { id: site.id })}
                          testId={`whatif-size-${site.id}`}
                          onValue={(v) =>
                            live && dispatch({ type: 'change-site', id: site.id, patch: school ? { classes: v, seats: v * (classSize ?? 1) } : { seats: v } })
                          }
                        />
                      )}
                    </td>
                    <td>{n(served.get(site.id) ?? 0)}</td>
                    <td>
                      <input
                        type="checkbox"
                        checked={site.locked}
                        aria-label={t('whatif.lockSite', { id: site.id })}
                        data-testid={`whatif-lock-${site.id}`}
                        onChange={() => dispatch({ type: 'change-site', id: site.id, patch: { locked: !site.locked } })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        disabled={site.locked}
                        aria-label={t('whatif.removeSite', { id: site.id })}
                        onClick={() => dispatch({ type: 'remove-site', id: site.id })}
                      >
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
          <CommandButton id="reoptimize" testId="whatif-reoptimize" title={t('whatif.reoptimizeHint')} />
        </>
      )}
    </div>
  );
}
