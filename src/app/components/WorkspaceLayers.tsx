import { useMemo, useRef, useState } from 'react';
import { ACCEPTED_EXTENSIONS, type Role } from '../../core/index.ts';
import { workspaceLayers } from '../data/workspace.ts';
import type { DistrictLayer } from '../data/district-data.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useAppState, useDispatch } from '../store/store.ts';
import { useHub } from '../store/use-commands.ts';
import type { LayerId } from '../state/map-layers.ts';

/** The map layer that draws a district layer (land use belongs to the basemap). */
const MAP_LAYER: Partial<Record<DistrictLayer, LayerId>> = {
  population: 'population',
  villages: 'villages',
  facilities: 'facilities',
  roads: 'roads',
  boundary: 'boundary',
  zones: 'zones',
};
const ROLE: Record<DistrictLayer, Role> = { population: 'population', villages: 'villages', facilities: 'facilities', roads: 'roads', landuse: 'exclusions', boundary: 'boundary', zones: 'zones' };

/**
 * The workspace: every layer with where it came from, its features and extent; show or hide it,
 * zoom to it, replace it with a file, remove it. Start from an empty district, or go back to the demo.
 */
export function WorkspaceLayers() {
  const i18n = useI18n();
  const { t, n } = i18n;
  const hub = useHub();
  const dispatch = useDispatch();
  const district = useAppState((s) => s.data.district);
  const travelTimes = useAppState((s) => s.data.travelTimes);
  const visible = useAppState((s) => s.layers.layers);
  const layers = useMemo(() => (district ? workspaceLayers(district).filter((l) => l.origin !== 'empty') : []), [district]);
  const input = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<DistrictLayer | null>(null);
  const name = (layer: DistrictLayer) => t(`datalayer.${layer}` as MessageKey);
  return (
    <div className="workspace" data-testid="workspace">
      <h3>{t('workspace.title')}</h3>
      {layers.length === 0 && !travelTimes && <p className="hint">{t('workspace.none')}</p>}
      <ul className="workspace-layers">
        {layers.map((l) => {
          const mapLayer = MAP_LAYER[l.layer];
          return (
            <li key={l.layer} data-testid={`workspace-${l.layer}`} data-origin={l.origin}>
              <label>
                {mapLayer && (
                  <input
                    type="checkbox"
                    checked={visible[mapLayer].visible}
                    onChange={() => dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: mapLayer } })}
                  />
                )}
                <strong>{name(l.layer)}</strong>
              </label>{' '}
              <span className={l.origin === 'demo' ? 'origin demo' : 'origin'}>
                {l.origin === 'file' ? l.file : t(`workspace.origin.${l.origin}` as MessageKey)}
              </span>
              {' · '}
              {t(l.raster ? 'workspace.pixels' : 'workspace.features', { n: n(l.features) })}
              {l.apart && (
                <span className="warning" data-testid={`workspace-${l.layer}-apart`}>
                  {' · '}
                  {t('workspace.apart')}
                </span>
              )}
              <span className="button-row">
                <button
                  type="button"
                  disabled={!l.extent}
                  aria-label={t('workspace.zoom', { layer: name(l.layer) })}
                  title={t('workspace.zoom', { layer: name(l.layer) })}
                  onClick={() => l.extent && dispatch({ type: 'ui', action: { type: 'request-view', request: { kind: 'fit', bounds: l.extent } } })}
                >
                  ⤢
                </button>
                <button
                  type="button"
                  aria-label={t('workspace.replace', { layer: name(l.layer) })}
                  title={t('workspace.replace', { layer: name(l.layer) })}
                  onClick={() => {
                    setReplacing(l.layer);
                    input.current?.click();
                  }}
                >
                  ⇄
                </button>
                <button
                  type="button"
                  data-testid={`workspace-${l.layer}-remove`}
                  aria-label={t('workspace.remove', { layer: name(l.layer) })}
                  title={t('workspace.remove', { layer: name(l.layer) })}
                  onClick={() => dispatch({ type: 'data', action: { type: 'layer-removed', layer: l.layer } })}
                >
                  ×
                </button>
              </span>
            </li>
          );
        })}
        {travelTimes && (
          <li data-testid="workspace-travel-times" data-origin="file">
            <strong>{t('workspace.travelTimes')}</strong> <span className="origin">{travelTimes.file}</span>
            {' · '}
            {t('workspace.pairs', { n: n(travelTimes.matrix.matrix.costs.length) })}
            <span className="button-row">
              <button
                type="button"
                data-testid="workspace-travel-times-remove"
                aria-label={t('workspace.remove', { layer: t('workspace.travelTimes') })}
                title={t('workspace.remove', { layer: t('workspace.travelTimes') })}
                onClick={() => dispatch({ type: 'data', action: { type: 'matrix-removed' } })}
              >
                ×
              </button>
            </span>
          </li>
        )}
      </ul>
      <input
        ref={input}
        type="file"
        hidden
        accept={[...ACCEPTED_EXTENSIONS, '.zip'].join(',')}
        onChange={(e) => {
          if (e.target.files && replacing) hub.addFiles(e.target.files, ROLE[replacing]);
          e.target.value = '';
        }}
      />
      <div className="button-row wrap">
        <button type="button" data-testid="workspace-empty" onClick={() => dispatch({ type: 'data', action: { type: 'district-emptied' } })}>
          {t('workspace.emptyDistrict')}
        </button>
        {district?.demoLayers.length === 0 && (
          <button type="button" data-testid="workspace-demo" onClick={() => hub.loadDemo()}>
            {t('workspace.demoDistrict')}
          </button>
        )}
      </div>
    </div>
  );
}
