import { FACILITY_TYPES, type FacilityType } from '../../core/schema.ts';

export const LAYER_IDS = ['population', 'access', 'shortfall', 'villages', 'catchments', 'utilisation', 'facilities', 'proposals', 'roads', 'boundary', 'zones', 'designedZones'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export interface LayerSetting {
  visible: boolean;
  /** 0..1 */
  opacity: number;
}

export interface MapLayersState {
  layers: Record<LayerId, LayerSetting>;
  /** Which facility types are drawn. */
  facilityTypes: Record<FacilityType, boolean>;
  /** Which facility types have their catchment drawn. */
  catchmentTypes: Record<FacilityType, boolean>;
}

export type MapLayersAction =
  | { type: 'toggle-layer'; layer: LayerId }
  | { type: 'set-opacity'; layer: LayerId; opacity: number }
  | { type: 'toggle-facility-type'; facilityType: FacilityType }
  | { type: 'toggle-catchment-type'; facilityType: FacilityType };

const allTypes = (on: (t: FacilityType) => boolean) =>
  Object.fromEntries(FACILITY_TYPES.map((t) => [t, on(t)])) as Record<FacilityType, boolean>;

export const initialMapLayers: MapLayersState = {
  layers: {
    population: { visible: true, opacity: 0.75 },
    // Shown when asked for in step 3: it covers the population as the shortfall does.
    access: { visible: false, opacity: 0.85 },
    shortfall: { visible: true, opacity: 0.9 },
    villages: { visible: true, opacity: 1 },
    catchments: { visible: true, opacity: 0.6 },
    utilisation: { visible: true, opacity: 1 },
    facilities: { visible: true, opacity: 1 },
    proposals: { visible: true, opacity: 1 },
    roads: { visible: true, opacity: 0.8 },
    boundary: { visible: true, opacity: 1 },
    // Official zones are drawn when asked for (the zones section shows them); a design is drawn as soon as there is one.
    zones: { visible: false, opacity: 1 },
    designedZones: { visible: true, opacity: 0.5 },
  },
  facilityTypes: allTypes(() => true),
  // Primary catchments are the Zhengzhou method's first question; others on demand.
  catchmentTypes: allTypes((t) => t === 'primary'),
};

/** Pure updater: (state, action) → state. */
export function mapLayersReducer(state: MapLayersState, action: MapLayersAction): MapLayersState {
  switch (action.type) {
    case 'toggle-layer': {
      const current = state.layers[action.layer];
      return { ...state, layers: { ...state.layers, [action.layer]: { ...current, visible: !current.visible } } };
    }
    case 'set-opacity': {
      const opacity = Math.min(1, Math.max(0, Number.isFinite(action.opacity) ? action.opacity : 1));
      const current = state.layers[action.layer];
      return { ...state, layers: { ...state.layers, [action.layer]: { ...current, opacity } } };
    }
    case 'toggle-facility-type':
      return {
        ...state,
        facilityTypes: { ...state.facilityTypes, [action.facilityType]: !state.facilityTypes[action.facilityType] },
      };
    case 'toggle-catchment-type':
      return {
        ...state,
        catchmentTypes: { ...state.catchmentTypes, [action.facilityType]: !state.catchmentTypes[action.facilityType] },
      };
  }
}
