import type { Dispatch } from 'react';
import { FACILITY_TYPES } from '../../core/schema.ts';
import { FACILITY_STYLE, facilitySymbolDataUrl } from '../map/facility-style.ts';
import { LAYER_IDS, type LayerId, type MapLayersAction, type MapLayersState } from '../state/map-layers.ts';

const LAYER_LABELS: Record<LayerId, string> = {
  population: 'Residential population',
  shortfall: 'Shortfall (unserved)',
  villages: 'Urban villages',
  catchments: 'Catchments',
  utilisation: 'Utilisation',
  facilities: 'Facilities',
  proposals: 'Proposed sites',
  roads: 'Roads',
  boundary: 'District boundary',
};

export function LayerPanel({
  state,
  dispatch,
  radiusM,
}: {
  state: MapLayersState;
  dispatch: Dispatch<MapLayersAction>;
  radiusM: Record<(typeof FACILITY_TYPES)[number], number>;
}) {
  return (
    <section className="panel-section" aria-labelledby="layers-heading">
      <h2 id="layers-heading">Layers</h2>
      <ul className="layer-list">
        {LAYER_IDS.map((id) => {
          const setting = state.layers[id];
          return (
            <li key={id} className="layer-row">
              <label>
                <input
                  type="checkbox"
                  checked={setting.visible}
                  onChange={() => dispatch({ type: 'toggle-layer', layer: id })}
                  data-testid={`layer-toggle-${id}`}
                />
                {LAYER_LABELS[id]}
              </label>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={setting.opacity}
                aria-label={`${LAYER_LABELS[id]} opacity`}
                onChange={(e) => dispatch({ type: 'set-opacity', layer: id, opacity: Number(e.target.value) })}
              />
            </li>
          );
        })}
      </ul>
      <table className="type-table">
        <thead>
          <tr>
            <th scope="col">Facility type</th>
            <th scope="col">Shown</th>
            <th scope="col">Catchment</th>
          </tr>
        </thead>
        <tbody>
          {FACILITY_TYPES.map((t) => (
            <tr key={t}>
              <th scope="row">
                <img src={facilitySymbolDataUrl(t)} alt="" width={14} height={14} /> {FACILITY_STYLE[t].label}
              </th>
              <td>
                <input
                  type="checkbox"
                  checked={state.facilityTypes[t]}
                  aria-label={`Show ${FACILITY_STYLE[t].label}`}
                  data-testid={`facility-toggle-${t}`}
                  onChange={() => dispatch({ type: 'toggle-facility-type', facilityType: t })}
                />
              </td>
              <td>
                <label className="catchment-toggle">
                  <input
                    type="checkbox"
                    checked={state.catchmentTypes[t]}
                    data-testid={`catchment-toggle-${t}`}
                    onChange={() => dispatch({ type: 'toggle-catchment-type', facilityType: t })}
                  />
                  {radiusM[t].toLocaleString('en')} m
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
