import { useEffect, useLayoutEffect, useRef } from 'react';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { LngLat } from '../../core/index.ts';
import type { MapViewState } from '../scenario/scenario.ts';
import type { ViewRequest } from '../state/ui-state.ts';
import { extentOf } from '../data/workspace.ts';

const WORLD: [number, number, number, number] = [-170, -60, 170, 75];
import { STYLE_LAYER_GROUPS, localStyle, updateDistrictSources, withDistrict, type BasemapData } from './district-style.ts';
import { LOCAL_BASEMAP, basemapName, sameBasemap, withoutKey, type BasemapChoice } from './basemap/choice.ts';
import { basemapStyle } from './basemap/styles.ts';
import type { LayerSetting } from '../state/map-layers.ts';
import { publishMapHooks, setMapReady } from './test-hooks.ts';
import { LayerHold } from './layer-hold.ts';
import { OverlayLayers } from './overlay-layers.ts';
import { useI18n } from '../i18n/i18n.ts';

setWorkerUrl(maplibreWorkerUrl);

/** Direct editing of proposed sites on the map (the what-if mode). */
export interface SiteEditing<Site extends { id: string; lngLat: LngLat } = { id: string; lngLat: LngLat }> {
  onAdd(lngLat: LngLat): void;
  onSelect(id: string): void;
  /** A locked site stays where it is: a press on it selects it and the map does not pan. */
  canDrag(id: string): boolean;
  onDragStart(id: string): void;
  onDrag(id: string, lngLat: LngLat): void;
  /** `before`: the site list when the drag began, for one undo step per drag. */
  onDragEnd(before: Site[]): void;
  sites(): Site[];
}

/** Hand editing of attendance zones: a box dragged from one zone (picked on `layerId`) into another. */
export interface ZoneDragging {
  layerId: string;
  /** The box while it is dragged ([west, south, east, north]); null when it is let go. */
  onBox(box: [number, number, number, number] | null): void;
  /** Let go: the box, the zone it started in and the one it ended in (a feature's `school`; null: none). */
  onDrop(box: [number, number, number, number], from: string | null, to: string | null): void;
}

/** What the app may ask of the map directly: a still at a chosen resolution, and screen → lon/lat. */
export interface MapApi {
  /** With `frame`, the still shows those bounds (west, south, east, north) whatever the view; the view is kept. */
  capture(pixelRatio: number, frame?: [number, number, number, number]): Promise<{ layers: HTMLCanvasElement[]; metresPerPixel: number; bearing: number }>;
  unproject(x: number, y: number): LngLat;
}

export interface MapViewProps {
  /** Filled once the map exists. */
  apiRef: { current: MapApi | null };
  /** Reports the view after every move (for scenarios and share links). */
  onViewChange: (view: MapViewState) => void;
  /** A view to go to (an opened scenario); a new object moves the map. */
  viewRequest: ViewRequest | null;
  /** Set while proposed sites can be added by clicking and moved by dragging. */
  editing: SiteEditing | null;
  /** Set while attendance zones are edited by dragging boxes of cells between them. */
  zoneDragging?: ZoneDragging | null;
  /** Drawn by the basemap style; a new object (a loaded file) updates the sources in place. */
  basemap: BasemapData;
  deckLayers: Layer[];
  /** An edit awaits its answer: new layers wait for it (at most HOLD_LAYERS_MS) to be drawn with it. */
  answerPending: boolean;
  /** Visibility and opacity of what the style draws: roads, the boundary, facility names. */
  styleLayers: StyleLayerSettings;
  /** The basemap: the local offline style, a PMTiles file, Tianditu or a style/tile URL. */
  basemapChoice: BasemapChoice;
  onHover: (info: PickingInfo) => void;
  /** A click on the map outside editing: what is under it (null: nothing), to select its row. */
  onPick?: (info: PickingInfo | null) => void;
  /** Set while a line or shape is drawn: each click is a vertex (and a double click does not zoom). */
  onDrawPoint?: ((lngLat: LngLat) => void) | null;
  /** Called when a basemap other than the local style, or its tiles, fail; the map has gone back to the local style. */
  onBasemapError: (message: string) => void;
  /** Whether any layer on the map is the synthetic demo's (the attribution says so). */
  synthetic: boolean;
}

/** The longest a moved site waits to be drawn with its answer (which takes 5-50 ms for a city). */
const HOLD_LAYERS_MS = 150;

/** How near (px) a press must be to a proposed site's centre to take it: its drawn radius and a little. */
const SITE_HIT_PX = 14;

/** The layer panel's settings of the layers the basemap style draws (roads, boundary, facility names). */
export type StyleLayerSettings = Record<keyof typeof STYLE_LAYER_GROUPS, LayerSetting>;

/** What of deck.gl's Deck (kept private by MapLibreOverlay) the map needs after a resize. */
interface DeckInternals {
  getCanvasContext(): unknown;
  _onCanvasContextResize(context: unknown, options: { syncDrawingBuffer: boolean }): void;
}

/**
 * Interleaved, deck.gl draws into the map's canvas, which MapLibre resizes. When the map's box
 * moves as well as shrinks (the top strip appears), deck.gl keeps the old drawing-buffer height and
 * lays its frame (and the map's, sharing the GL state) off by the difference; telling it the
 * canvas's size as MapLibre set it puts both back.
 */
function mirrorCanvasSize(overlay: MapLibreOverlay) {
  const deck = (overlay as unknown as { _deck?: DeckInternals })._deck;
  const context = deck?.getCanvasContext();
  if (deck && context) deck._onCanvasContextResize(context, { syncDrawingBuffer: true });
}

/** Every style goes in with the district's layers, the analysis slot and the labels (see withDistrict). */
function setBasemapStyle(map: MapLibreMap, style: StyleSpecification | string, data: BasemapData) {
  map.setStyle(style, { transformStyle: (_previous, next) => withDistrict(next, data) });
}

function applyStyleLayerSettings(map: MapLibreMap, settings: StyleLayerSettings) {
  for (const group of Object.keys(STYLE_LAYER_GROUPS) as (keyof typeof STYLE_LAYER_GROUPS)[]) {
    const ids = STYLE_LAYER_GROUPS[group];
    const setting = settings[group];
    for (const id of ids) {
      const layer = map.getLayer(id);
      if (!layer) continue;
      map.setLayoutProperty(id, 'visibility', setting.visible ? 'visible' : 'none');
      map.setPaintProperty(id, layer.type === 'symbol' ? 'text-opacity' : 'line-opacity', setting.opacity);
    }
  }
}

/**
 * Room to leave around bounds being framed: the side panels cover the map's edges, so the data go
 * between them (where the window leaves enough room between them).
 */
function framePadding(container: HTMLElement) {
  const map = container.getBoundingClientRect();
  const left = document.querySelector('.left-column > .panel:not(.collapsed)')?.getBoundingClientRect();
  const right = document.querySelector('.panel-right:not(.collapsed)')?.getBoundingClientRect();
  const padding = { top: 60, bottom: 60, left: left ? left.right - map.left + 24 : 60, right: right ? map.right - right.left + 24 : 60 };
  return map.width - padding.left - padding.right > 200 ? padding : 60;
}

export function MapView({ apiRef, onViewChange, viewRequest, editing, zoneDragging = null, basemap, deckLayers, answerPending, styleLayers, basemapChoice, onHover, onPick, onDrawPoint, onBasemapError, synthetic }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const overlayLayersRef = useRef<OverlayLayers | null>(null);
  const layersRef = useRef<Layer[]>(deckLayers);
  /** Set by a move until the app hands over the layers built for the new view. */
  const layersPendingRef = useRef(false);
  const publishReadyRef = useRef<() => void>(() => {});
  /** The basemap shown (or being built); every other than the local style falls back to it on an error. */
  const activeBasemapRef = useRef<BasemapChoice>(LOCAL_BASEMAP);
  /** Counts basemap changes, so a style built too late for its choice is not applied. */
  const styleRequestRef = useRef(0);
  const propsRef = useRef({ styleLayers, onHover, onPick, onDrawPoint, onBasemapError, basemap, editing, zoneDragging, onViewChange });
  propsRef.current = { styleLayers, onHover, onPick, onDrawPoint, onBasemapError, basemap, editing, zoneDragging, onViewChange };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const data = propsRef.current.basemap;
    // An empty district (nothing loaded yet) opens on the whole world.
    const map = new MapLibreMap({
      container,
      style: localStyle(data),
      bounds: extentOf(data.boundary) ?? WORLD,
      fitBoundsOptions: { padding: 40 },
      // Added below, in the app's language, with the zoom buttons.
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');

    let mapIdle = false;
    let deckLoaded = false;
    // Ready: the map is still, every deck.gl layer has loaded and is in the style, and the layers
    // are those the app built for the view now shown (a move makes the app build them again:
    // symbols scale by zoom).
    const publishReady = (drawn?: string[]) => setMapReady(mapIdle && deckLoaded && !layersPendingRef.current && !overlayLayers.pending, drawn);
    publishReadyRef.current = () => publishReady();
    // Interleaved: deck.gl draws into the map's own canvas, its analysis layers in the style's
    // analysis slot (under every name), so labels stay readable over the analysis.
    const overlay = new MapLibreOverlay({
      interleaved: true,
      layers: layersRef.current,
      _pickable: !propsRef.current.editing,
      onHover: (info) => propsRef.current.onHover(info),
      onAfterRender: () => {
        deckLoaded = layersRef.current.length > 0 && layersRef.current.every((l) => l.isLoaded);
        publishReady(layersRef.current.map((l) => l.id));
      },
    });
    map.addControl(overlay);
    const overlayLayers = new OverlayLayers(map, overlay, layersRef.current);
    map.on('styledata', () => overlayLayers.styleChanged());
    map.on('sourcedata', () => overlayLayers.place());
    map.on('resize', () => mirrorCanvasSize(overlay));
    map.on('idle', () => {
      // Layers put into the style only now make another frame, after which the map is idle again.
      if (overlayLayers.place()) return;
      mapIdle = true;
      publishReady();
    });
    map.on('moveend', () => {
      layersPendingRef.current = true;
      const c = map.getCenter();
      propsRef.current.onViewChange({ center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() });
    });
    map.on('movestart', () => {
      mapIdle = false;
      setMapReady(false);
    });

    map.on('style.load', () => applyStyleLayerSettings(map, propsRef.current.styleLayers));
    map.on('error', (event) => {
      const active = activeBasemapRef.current;
      if (active.kind === 'local') return;
      activeBasemapRef.current = LOCAL_BASEMAP;
      styleRequestRef.current++;
      setBasemapStyle(map, localStyle(propsRef.current.basemap), propsRef.current.basemap);
      propsRef.current.onBasemapError(withoutKey(`${basemapName(active)}: ${event.error?.message ?? 'the style or its tiles could not be loaded'}`));
    });

    // Editing: a press on a proposed site drags it (the map does not pan); a click elsewhere adds one.
    // The site under the pointer is found on the CPU from the few sites' screen positions: a GPU
    // pick waits for every layer of the frame to finish drawing (seconds for a city in software GL).
    const siteAt = (x: number, y: number): string | null => {
      let best: string | null = null;
      let bestPx = SITE_HIT_PX;
      for (const site of propsRef.current.editing?.sites() ?? []) {
        const p = map.project([site.lngLat[0], site.lngLat[1]]);
        const d = Math.hypot(p.x - x, p.y - y);
        if (d <= bestPx) {
          best = site.id;
          bestPx = d;
        }
      }
      return best;
    };
    let dragging: string | null = null;
    let dragged = false;
    let before: { id: string; lngLat: LngLat }[] = [];
    // Zone editing: the zone under a point, and the box from where the drag began.
    const zoneAt = (x: number, y: number, layerId: string): string | null => {
      const picked = overlay.pickObject({ x, y, radius: 0, layerIds: [layerId] }) as { object?: { properties?: { school?: unknown } } } | null;
      const school = picked?.object?.properties?.school;
      return typeof school === 'string' ? school : null;
    };
    let zoneStart: { lngLat: LngLat; from: string | null } | null = null;
    const boxOf = (a: LngLat, b: LngLat): [number, number, number, number] => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
    map.on('mousedown', (e) => {
      const zones = propsRef.current.zoneDragging;
      if (zones && !propsRef.current.editing) {
        e.preventDefault();
        zoneStart = { lngLat: [e.lngLat.lng, e.lngLat.lat], from: zoneAt(e.point.x, e.point.y, zones.layerId) };
        return;
      }
      const edit = propsRef.current.editing;
      const id = edit ? siteAt(e.point.x, e.point.y) : null;
      if (!edit || !id) return;
      e.preventDefault();
      dragged = false;
      if (!edit.canDrag(id)) {
        edit.onSelect(id);
        return;
      }
      dragging = id;
      before = edit.sites();
      edit.onDragStart(id);
    });
    map.on('mousemove', (e) => {
      if (zoneStart) {
        propsRef.current.zoneDragging?.onBox(boxOf(zoneStart.lngLat, [e.lngLat.lng, e.lngLat.lat]));
        return;
      }
      if (!dragging) return;
      dragged = true;
      propsRef.current.editing?.onDrag(dragging, [e.lngLat.lng, e.lngLat.lat]);
    });
    map.on('mouseup', (e) => {
      const zones = propsRef.current.zoneDragging;
      if (zoneStart && zones) {
        const start = zoneStart;
        zoneStart = null;
        zones.onDrop(boxOf(start.lngLat, [e.lngLat.lng, e.lngLat.lat]), start.from, zoneAt(e.point.x, e.point.y, zones.layerId));
        return;
      }
      zoneStart = null;
      if (!dragging) return;
      propsRef.current.editing?.onDragEnd(before);
      dragging = null;
    });
    map.on('click', (e) => {
      if (propsRef.current.zoneDragging) return;
      const draw = propsRef.current.onDrawPoint;
      if (draw) {
        draw([e.lngLat.lng, e.lngLat.lat]);
        return;
      }
      const edit = propsRef.current.editing;
      if (!edit) {
        propsRef.current.onPick?.(overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 3 }));
        return;
      }
      if (dragged) {
        dragged = false;
        return;
      }
      const id = siteAt(e.point.x, e.point.y);
      if (id) edit.onSelect(id);
      else edit.onAdd([e.lngLat.lng, e.lngLat.lat]);
    });

    apiRef.current = {
      unproject(x, y) {
        const p = map.unproject([x, y]);
        return [p.lng, p.lat];
      },
      async capture(pixelRatio, frame) {
        const copy = (source: HTMLCanvasElement) => {
          const c = document.createElement('canvas');
          c.width = source.width;
          c.height = source.height;
          c.getContext('2d')!.drawImage(source, 0, 0);
          return c;
        };
        const previous = map.getPixelRatio();
        const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
        if (frame) map.fitBounds(frame, { padding: 40, bearing: 0, pitch: 0, animate: false });
        // deck.gl draws inside the map's frames, so the map's idle frame holds everything.
        const rendered = new Promise<void>((resolve) => map.once('idle', () => resolve()));
        map.setPixelRatio(pixelRatio);
        map.triggerRepaint();
        await rendered;
        const layers = [copy(map.getCanvas())];
        map.setPixelRatio(previous);
        const lat = map.getCenter().lat;
        const metresPerPixel = (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
        const bearing = map.getBearing();
        if (frame) map.jumpTo(camera);
        return { layers, metresPerPixel, bearing };
      },
    };
    mapRef.current = map;
    overlayRef.current = overlay;
    overlayLayersRef.current = overlayLayers;
    publishMapHooks(map, () => extentOf(propsRef.current.basemap.boundary) ?? WORLD);
    return () => {
      overlayRef.current = null;
      overlayLayersRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map?.isStyleLoaded()) return;
    updateDistrictSources(map, basemap);
  }, [basemap]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !viewRequest) return;
    if (viewRequest.kind === 'view') map.jumpTo(viewRequest.view);
    else map.fitBounds(viewRequest.bounds, { padding: framePadding(map.getContainer()), bearing: 0, pitch: 0, maxZoom: 16, animate: false });
  }, [viewRequest]);

  const holdRef = useRef<LayerHold<Layer[]> | null>(null);
  // Before paint, so the next frame draws exactly the layers that `layersRef` reports as drawn.
  useLayoutEffect(() => {
    holdRef.current ??= new LayerHold((layers) => {
      layersRef.current = layers;
      layersPendingRef.current = false;
      overlayLayersRef.current?.set(layers);
      publishReadyRef.current();
    }, HOLD_LAYERS_MS);
    holdRef.current.offer(deckLayers, answerPending);
    // Held: the map is not ready until the layers for the state shown are drawn.
    if (holdRef.current.holding) {
      layersPendingRef.current = true;
      publishReadyRef.current();
    }
  }, [deckLayers, answerPending]);
  useEffect(() => () => holdRef.current?.dispose(), []);

  useEffect(() => {
    const map = mapRef.current;
    if (map?.isStyleLoaded()) applyStyleLayerSettings(map, styleLayers);
  }, [styleLayers]);

  // While sites are edited deck.gl picks nothing: its pick on every press and pointer move reads the
  // frame back from the GPU, which waits for a whole city's layers to be drawn (seconds in software
  // GL). Sites under the pointer are found on the CPU (`siteAt`); tooltips pause until editing ends.
  const editingSites = Boolean(editing);
  useEffect(() => {
    overlayRef.current?.setProps({ _pickable: !editingSites });
  }, [editingSites]);

  // While drawing, two quick clicks are two vertices, not a zoom.
  const drawing = Boolean(onDrawPoint);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  }, [drawing]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || sameBasemap(basemapChoice, activeBasemapRef.current)) return;
    activeBasemapRef.current = basemapChoice;
    const request = ++styleRequestRef.current;
    // Built asynchronously (a PMTiles archive's header is read first); a later choice wins.
    basemapStyle(basemapChoice, propsRef.current.basemap).then(
      (style) => {
        if (request === styleRequestRef.current) setBasemapStyle(map, style, propsRef.current.basemap);
      },
      (err: unknown) => {
        if (request !== styleRequestRef.current) return;
        activeBasemapRef.current = LOCAL_BASEMAP;
        setBasemapStyle(map, localStyle(propsRef.current.basemap), propsRef.current.basemap);
        propsRef.current.onBasemapError(withoutKey(`${basemapName(basemapChoice)}: ${err instanceof Error ? err.message : String(err)}`));
      },
    );
  }, [basemapChoice]);

  // The zoom and compass buttons and the attribution, in the app's language (MapLibre words its
  // controls once, in English, so they are made again when the language changes). Bottom right,
  // the buttons moved left of the right-hand panel by styles.css (--panel-right-width), so no panel
  // ever covers them.
  const { t } = useI18n();
  useEffect(() => {
    const container = containerRef.current;
    const map = mapRef.current;
    if (!container || !map) return;
    const attribution = new AttributionControl({ compact: false, customAttribution: synthetic ? t('map.attributionText') : 'Catchmap' });
    const navigation = new NavigationControl({ showCompass: true });
    // Bottom controls stack upwards in the order added: the buttons sit above the attribution.
    map.addControl(attribution, 'bottom-right');
    map.addControl(navigation, 'bottom-right');
    const name = (selector: string, text: string) =>
      container.querySelectorAll<HTMLElement>(selector).forEach((el) => {
        el.title = text;
        el.setAttribute('aria-label', text);
      });
    name('.maplibregl-ctrl-zoom-in', t('map.zoomIn'));
    name('.maplibregl-ctrl-zoom-out', t('map.zoomOut'));
    name('.maplibregl-ctrl-compass', t('map.resetBearing'));
    name('.maplibregl-ctrl-attrib-button', t('map.attribution'));
    container.querySelector('canvas.maplibregl-canvas')?.setAttribute('aria-label', t('map.canvas'));
    return () => {
      if (mapRef.current !== map) return; // the map itself is gone
      map.removeControl(navigation);
      map.removeControl(attribution);
    };
  }, [t, synthetic]);

  return <div ref={containerRef} className={editing || drawing ? 'map editing' : 'map'} data-testid="map" />;
}
