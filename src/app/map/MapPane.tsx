import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { MapView, type MapApi, type SiteEditing, type ZoneDragging } from './MapView.tsx';
import { deckLayersOf } from './plan-layers.ts';
import { layerInputsSelector } from './layer-inputs.ts';
import { describePick } from './describe-pick.ts';
import { cellShortfallPick, gridPick } from './grid-pick.ts';
import { selectionOfPick } from '../tables/pick-selection.ts';
import { publishWhatIfSites } from './test-hooks.ts';
import { useAppState, useAppStore, useDispatch } from '../store/store.ts';
import { selectEditing } from '../store/selectors.ts';
import { useHub } from '../store/use-commands.ts';
import { useI18n } from '../i18n/i18n.ts';
import { plainSite, whatIfSynced, type EditorSite } from '../whatif/whatif-state.ts';
import { siteProblem } from '../whatif/site-check.ts';
import type { MapViewState } from '../scenario/scenario.ts';
import { LOCAL_BASEMAP } from './basemap/choice.ts';
import type { LngLat } from '../../core/index.ts';

/** The map's handle (capture, screen → lon/lat), for exports and the compare divider. */
export const MapApiContext = createContext<{ current: MapApi | null }>({ current: null });
export const useMapApi = () => useContext(MapApiContext);

/** The map, drawn from the store: basemap, deck.gl layers, the view asked for, site editing. */
export function MapPane() {
  const store = useAppStore();
  const dispatch = useDispatch();
  const apiRef = useMapApi();
  const i18n = useI18n();
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  const district = useAppState((s) => s.data.district);
  const layers = useAppState((s) => s.layers);
  const compare = useAppState((s) => s.ui.compare);
  const divider = useAppState((s) => s.ui.dividerFraction);
  const viewRequest = useAppState((s) => s.ui.viewRequest);
  const basemapChoice = useAppState((s) => s.ui.basemap);
  const draw = useAppState((s) => s.ui.draw);
  const zones = useAppState((s) => s.zones);
  const [selectLayerInputs] = useState(layerInputsSelector);
  const layerInputs = useAppState(selectLayerInputs);
  const zoneEditing = useAppState((s) => s.zones.editing && !s.ui.present);
  const hub = useHub();
  const editable = useAppState((s) => selectEditing(s) && !s.ui.present);
  const answerPending = useAppState((s) => s.whatIf.active && s.whatIf.status === 'ready' && !whatIfSynced(s.whatIf));
  const synthetic = useAppState((s) => (s.data.district?.demoLayers.length ?? 0) > 0);
  const drawing = draw !== null && !editable;

  const splitLng = compare?.evaluation || (!compare && zones.swipe) ? (apiRef.current?.unproject(divider * window.innerWidth, window.innerHeight / 2)[0] ?? null) : null;
  const deckLayers = useMemo(
    () => deckLayersOf(store.getState(), splitLng),
    // The layers depend on exactly these parts of the state (and on the view through the divider).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, layerInputs, splitLng],
  );
  const { roads, boundary, facilities, villages } = layers.layers;
  const styleLayers = useMemo(() => ({ roads, boundary, facilities, villages }), [roads, boundary, facilities, villages]);
  const basemap = useMemo(
    () => (district ? { boundary: district.boundary, roads: district.roads, landuse: district.landuse, villages: district.villages, facilities: district.facilities } : null),
    [district],
  );

  const editing = useMemo(
    (): SiteEditing<EditorSite> | null =>
      editable
        ? {
            onAdd: (lngLat) => {
              const state = store.getState();
              const standard = state.whatIf.evaluation?.summary.standard;
              if (!standard) return;
              dispatch({ type: 'whatif', action: { type: 'add-site', lngLat, standard } });
              const problem = state.data.district ? siteProblem(state.data.district, lngLat) : null;
              if (problem) dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'whatif.siteOn', keyVars: { place: `whatif.siteOn.${problem}` } } } });
            },
            onSelect: (id) => dispatch({ type: 'whatif', action: { type: 'select', id } }),
            canDrag: (id) => !store.getState().whatIf.sites.some((s) => s.id === id && s.locked),
            onDragStart: (id) => dispatch({ type: 'whatif', action: { type: 'select', id } }),
            onDrag: (id, lngLat) => dispatch({ type: 'whatif', action: { type: 'drag', id, lngLat } }),
            onDragEnd: (before) => dispatch({ type: 'whatif', action: { type: 'drag-end', before } }),
            sites: () => store.getState().whatIf.sites,
          }
        : null,
    [editable, store, dispatch],
  );
  // The map picks nothing while sites are edited (see MapView), so a tooltip shown before would stay stale.
  useEffect(() => {
    if (editable) dispatch({ type: 'ui', action: { type: 'tooltip', tooltip: null } });
  }, [editable, dispatch]);

  const zoneDragging = useMemo(
    (): ZoneDragging | null =>
      zoneEditing
        ? {
            layerId: 'designed-zones',
            onBox: (box) => dispatch({ type: 'zones', action: { type: 'drag-box', box } }),
            onDrop: (box, from, to) => {
              dispatch({ type: 'zones', action: { type: 'drag-box', box: null } });
              if (from !== to) hub.zoneMoveBlock(box, from, to);
            },
          }
        : null,
    [zoneEditing, dispatch, hub],
  );

  const onHover = useCallback(
    (info: PickingInfo) => {
      const state = store.getState();
      const pixel = gridPick(state, info) ?? cellShortfallPick(state, info);
      const lines = pixel
        ? describePick(pixel.layerId, pixel.object, i18nRef.current, state.analysis.settings.type)
        : describePick(info.layer?.id, info.object, i18nRef.current, state.analysis.settings.type);
      dispatch({ type: 'ui', action: { type: 'tooltip', tooltip: lines ? { x: info.x, y: info.y, lines } : null } });
    },
    [dispatch, store],
  );
  const onPick = useCallback(
    (info: PickingInfo | null) => {
      const picked = info ? selectionOfPick(info.layer?.id, info.object, store.getState().analysis.settings.type) : null;
      dispatch({ type: 'ui', action: { type: 'select', selection: picked?.selection ?? null, ...(picked?.layer ? { layer: picked.layer } : {}) } });
    },
    [dispatch, store],
  );
  const onDrawPoint = useCallback((lngLat: LngLat) => dispatch({ type: 'ui', action: { type: 'draw-point', lngLat: [lngLat[0], lngLat[1]] } }), [dispatch]);
  const onBasemapError = useCallback(
    (message: string) => {
      dispatch({ type: 'ui', action: { type: 'set-basemap', basemap: LOCAL_BASEMAP } });
      dispatch({ type: 'ui', action: { type: 'notify', notice: { key: 'notice.basemapFailed', vars: { message } } } });
    },
    [dispatch],
  );
  const onViewChange = useCallback((v: MapViewState) => dispatch({ type: 'ui', action: { type: 'view-changed', view: v } }), [dispatch]);

  // The map (and with it the test hooks) exists once the district has loaded.
  const mapShown = district !== null;
  useEffect(() => publishWhatIfSites(() => store.getState().whatIf.sites.map(plainSite)), [mapShown, store]);

  if (!basemap) return null;
  return (
    <MapView
      apiRef={apiRef}
      onViewChange={onViewChange}
      viewRequest={viewRequest}
      editing={editing}
      zoneDragging={zoneDragging}
      basemap={basemap}
      deckLayers={deckLayers}
      answerPending={answerPending}
      styleLayers={styleLayers}
      basemapChoice={basemapChoice}
      onHover={onHover}
      onPick={onPick}
      onDrawPoint={drawing ? onDrawPoint : null}
      onBasemapError={onBasemapError}
      synthetic={synthetic}
    />
  );
}
