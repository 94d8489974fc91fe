import type { ZoneFigures } from '../../core/index.ts';
import { useI18n } from '../i18n/i18n.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { useHub } from '../store/use-commands.ts';
import { NumberField } from './NumberField.tsx';
import { ZoningCompareTable } from './ZoningCompareTable.tsx';
import { downloadBlob } from '../export/plan-export.ts';
import { designedZonesCollection } from '../export/zones-export.ts';

const MAX_UTILISATION_BOUNDS = { min: 0.5, max: 2, integer: false };

/**
 * Attendance zones (学区): the official zones evaluated (each zone's pupils against its school's
 * seats, the pupils beyond the walking standard, the full zones beside zones with room), zones
 * designed for the plan, hand edits of the design on the map with undo, and the two compared
 * figure by figure. Heavy work is the workers'; this shows what they answer.
 */
export function ZonesSection({ radiusM }: { radiusM: number }) {
  const { t, n, pct } = useI18n();
  const hub = useHub();
  const dispatch = useDispatch();
  const zones = useAppState((s) => s.zones);
  const hasZones = useAppState((s) => (s.data.district?.zones.features.length ?? 0) > 0);
  const showOfficial = useAppState((s) => s.layers.layers.zones.visible);
  const proposals = useAppState((s) => (s.whatIf.active ? s.whatIf.sites.length : (s.recommend.result?.proposals.length ?? 0)));
  const official = zones.official.status === 'done' ? zones.official.result : null;
  const design = zones.design.result;
  const update = design?.update ?? null;
  const setSettings = (settings: Partial<typeof zones.settings>) => dispatch({ type: 'zones', action: { type: 'set-settings', settings } });

  return (
    <details className="zones" data-testid="zones">
      <summary>{t('zones.title')}</summary>
      <p className="hint">{t('zones.hint')}</p>
      {hasZones ? (
        <label className="checkbox">
          <input type="checkbox" data-testid="zones-show-official" checked={showOfficial} onChange={() => dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: 'zones' } })} />
          {t('zones.showOfficial')}
        </label>
      ) : (
        <p className="hint" data-testid="zones-none">
          {t('zones.none')}
        </p>
      )}
      {zones.official.status === 'failed' && (
        <p className="error" role="alert" data-testid="zones-official-error">
          {zones.official.error}
        </p>
      )}
      {official && official.summary.overCapacityNextToRoom.length > 0 && (
        <p className="warning" data-testid="zones-crowded">
          {t('zones.crowded', { n: n(official.summary.overCapacityNextToRoom.length) })}{' '}
          {official.summary.overCapacityNextToRoom
            .slice(0, 5)
            .map((c) => t('zones.crowdedZone', { zone: c.zone, pupils: n(c.pupilsAboveSeats), next: c.neighboursWithRoom.map((r) => r.zone).join(', ') }))
            .join('; ')}
        </p>
      )}

      <div className="form-grid">
        <label htmlFor="zones-plan">{t('zones.plan')}</label>
        <select id="zones-plan" data-testid="zones-plan" value={zones.settings.plan} onChange={(e) => setSettings({ plan: e.target.value as 'today' | 'proposals' })}>
          <option value="today">{t('zones.planToday')}</option>
          <option value="proposals" disabled={proposals === 0}>
            {t('zones.planProposals', { n: n(proposals) })}
          </option>
        </select>
        <label htmlFor="zones-mode">{t('zones.mode')}</label>
        <select id="zones-mode" data-testid="zones-mode" value={zones.settings.mode} onChange={(e) => setSettings({ mode: e.target.value as 'fast' | 'exact' })}>
          <option value="fast">{t('zones.modeFast')}</option>
          <option value="exact">{t('zones.modeExact')}</option>
        </select>
        <label htmlFor="zones-max-utilisation">{t('zones.maxUtilisation')}</label>
        <NumberField value={zones.settings.maxUtilisation} bounds={MAX_UTILISATION_BOUNDS} step={0.05} testId="zones-max-utilisation" onValue={(maxUtilisation) => setSettings({ maxUtilisation })} />
      </div>
      <div className="button-row wrap">
        <button type="button" className="primary" data-testid="zones-design" disabled={zones.design.status === 'running'} onClick={() => hub.designZones()}>
          {zones.design.status === 'running' ? t('zones.designing', { pct: Math.round(100 * zones.design.progress) }) : t('zones.design')}
        </button>
        {design && (
          <>
            <button type="button" data-testid="zones-edit" aria-pressed={zones.editing} onClick={() => dispatch({ type: 'zones', action: { type: 'set-editing', on: !zones.editing } })}>
              {zones.editing ? t('zones.editDone') : t('zones.edit')}
            </button>
            <button
              type="button"
              data-testid="zones-swipe"
              aria-pressed={zones.swipe}
              disabled={!official}
              onClick={() => dispatch({ type: 'zones', action: { type: 'set-swipe', on: !zones.swipe } })}
            >
              {t('zones.swipe')}
            </button>
            <button
              type="button"
              data-testid="zones-download"
              onClick={() => downloadBlob('designed-zones.geojson', new Blob([JSON.stringify(designedZonesCollection(design.outlines, design.update.zones))], { type: 'application/geo+json' }))}
            >
              {t('zones.download')}
            </button>
            <button type="button" data-testid="zones-undo" disabled={!update || update.undoSteps === 0 || zones.pending} onClick={() => hub.zoneUndo()}>
              {t('zones.undo')}
            </button>
          </>
        )}
      </div>
      {zones.design.status === 'failed' && (
        <p className="error" role="alert" data-testid="zones-design-error">
          {zones.design.error}
        </p>
      )}
      {zones.editing && <p className="hint">{t('zones.editHint')}</p>}
      {design && (
        <p data-testid="zones-design-summary" data-pending={zones.pending ? 'yes' : 'no'}>
          {t(design.view.design.solver === 'lp' ? 'zones.designedExact' : 'zones.designedFast', {
            s: design.view.design.seconds.toFixed(1),
            placed: n(update!.totals.zonedPupils),
            unplaced: n(update!.totals.unzonedPupils),
          })}
          {design.view.design.gapPct !== null && ` ${t('zones.gap', { gap: design.view.design.gapPct.toFixed(2) })}`}
          {design.settings.plan === 'proposals' && ` ${t('zones.withProposals')}`}
        </p>
      )}
      {update && (update.check.overCapacity.length > 0 || update.check.detached.length > 0 || update.check.notAllowed.length > 0) && (
        <ul className="warnings" data-testid="zones-check">
          {update.check.overCapacity.length > 0 && <li>{t('zones.checkOver', { schools: update.check.overCapacity.map((o) => `${o.school} (${n(o.pupils)} / ${n(o.limit)})`).join(', ') })}</li>}
          {update.check.detached.length > 0 && <li>{t('zones.checkDetached', { schools: update.check.detached.map((d) => `${d.school} (${d.pieces})`).join(', ') })}</li>}
          {update.check.notAllowed.length > 0 && <li>{t('zones.checkNotAllowed', { n: n(update.check.notAllowed.length) })}</li>}
        </ul>
      )}
      {(official || update) && <ZoningCompareTable official={official?.totals ?? null} designed={update?.totals ?? null} radiusM={radiusM} testIdPrefix="zones" />}
      {official && <ZoneTable title={t('zones.officialTable')} zones={official.zones} testId="zones-official-table" />}
      {update && <ZoneTable title={t('zones.designedTable')} zones={update.zones} testId="zones-designed-table" />}
    </details>
  );
}

/** Per-zone figures, the fullest first. */
function ZoneTable({ title, zones, testId }: { title: string; zones: ZoneFigures[]; testId: string }) {
  const { t, n, pct } = useI18n();
  const rows = [...zones].sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || (a.id < b.id ? -1 : 1));
  return (
    <details data-testid={testId}>
      <summary>{title}</summary>
      <table className="summary">
        <thead>
          <tr>
            <th scope="col">{t('zones.col.zone')}</th>
            <th scope="col">{t('zones.col.pupils')}</th>
            <th scope="col">{t('zones.col.seats')}</th>
            <th scope="col">{t('zones.col.utilisation')}</th>
            <th scope="col">{t('zones.col.beyond')}</th>
            <th scope="col">{t('zones.col.village')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((z) => (
            <tr key={z.id}>
              <th scope="row">{z.school && z.school !== z.id ? `${z.id} (${z.school})` : z.id}</th>
              <td data-testid={`${testId}-${z.id}-pupils`}>{n(z.pupils)}</td>
              <td>{z.seats === null ? '—' : n(z.seats)}</td>
              <td>{z.utilisation === null ? '—' : pct(100 * z.utilisation)}</td>
              <td>{z.beyondRadiusPupils === null ? '—' : n(z.beyondRadiusPupils)}</td>
              <td>{z.villageShare === null ? '—' : pct(100 * z.villageShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
