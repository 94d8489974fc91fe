import type { Dispatch } from 'react';
import { FACILITY_TYPES, type FacilityType } from '../../core/schema.ts';
import { facilitySymbolDataUrl } from '../map/facility-style.ts';
import { LAYER_IDS, type MapLayersAction, type MapLayersState } from '../state/map-layers.ts';
import { useI18n } from '../i18n/i18n.ts';

export function LayerPanel({
  state,
  dispatch,
  radiusM,
}: {
  state: MapLayersState;
  dispatch: Dispatch<MapLayersAction>;
  radiusM: Record<FacilityType, number>;
}) {
  const { t, n } = useI18n();
  return (
    <section className="panel-section" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{t('layers.title')}</h2>
      <ul className="layer-list">
        {LAYER_IDS.map((id) => {
          const setting = state.layers[id];
          const label = t(`layer.${id}`);
          return (
            <li key={id} className="layer-row">
              <label>
                <input
                  type="checkbox"
                  checked={setting.visible}
                  onChange={() => dispatch({ type: 'toggle-layer', layer: id })}
                  data-testid={`layer-toggle-${id}`}
                />
                {label}
              </label>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={setting.opacity}
                aria-label={t('layers.opacity', { layer: label })}
                onChange={(e) => dispatch({ type: 'set-opacity', layer: id, opacity: Number(e.target.value) })}
              />
            </li>
          );
        })}
      </ul>
      <table className="type-table">
        <thead>
          <tr>
            <th scope="col">{t('layers.type')}</th>
            <th scope="col">{t('layers.shown')}</th>
            <th scope="col">{t('layers.catchment')}</th>
          </tr>
        </thead>
        <tbody>
          {FACILITY_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">
                <img src={facilitySymbolDataUrl(type)} alt="" width={14} height={14} /> {t(`facility.${type}`)}
              </th>
              <td>
                <input
                  type="checkbox"
                  checked={state.facilityTypes[type]}
                  aria-label={t('layers.show', { type: t(`facility.${type}`) })}
                  data-testid={`facility-toggle-${type}`}
                  onChange={() => dispatch({ type: 'toggle-facility-type', facilityType: type })}
                />
              </td>
              <td>
                <label className="catchment-toggle">
                  <input
                    type="checkbox"
                    checked={state.catchmentTypes[type]}
                    data-testid={`catchment-toggle-${type}`}
                    onChange={() => dispatch({ type: 'toggle-catchment-type', facilityType: type })}
                  />
                  {n(radiusM[type])} m
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
