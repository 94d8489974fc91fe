import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { ProposedSite } from '../../core/index.ts';
import type { LegendRow } from '../export/map-image.ts';

/**
 * What end-to-end tests read from the page: whether the map and every deck.gl layer have drawn,
 * and where a coordinate lands on screen. Plain data and functions, no app state.
 */
export interface CatchmapTestHooks {
  ready: boolean;
  /** Ids of the deck.gl layers in the last drawn frame. */
  drawnLayerIds: string[];
  /** Frames deck.gl has drawn, so a test can wait for the frame after its action. */
  frames: number;
  project(lngLat: [number, number]): [number, number];
  styleLayerIds(): string[];
  /** Every layer the map draws, in order, deck.gl's groups (`deck-maplibre-layer-group-before:<id>`) included. */
  layerOrder(): string[];
  jumpTo(lngLat: [number, number], zoom: number): void;
  fitDistrict(): void;
  /** The proposed sites of the what-if editor, as sent to the engine. */
  whatIfSites(): ProposedSite[];
  /** Where the last exported PNG drew its legend (CSS px): tests read its marks there. */
  exportLegend?: { x: number; y: number; rows: LegendRow[] };
}

declare global {
  interface Window {
    __catchmap?: CatchmapTestHooks;
  }
}

export function publishMapHooks(map: MapLibreMap, districtBounds: () => LngLatBoundsLike): void {
  window.__catchmap = {
    ready: false,
    drawnLayerIds: [],
    frames: 0,
    project(lngLat) {
      const p = map.project(lngLat);
      const rect = map.getContainer().getBoundingClientRect();
      return [rect.left + p.x, rect.top + p.y];
    },
    styleLayerIds: () => map.getStyle().layers.map((l) => l.id),
    layerOrder: () => map.getLayersOrder(),
    jumpTo: (lngLat, zoom) => map.jumpTo({ center: lngLat, zoom }),
    fitDistrict: () => map.fitBounds(districtBounds(), { padding: 40, animate: false }),
    whatIfSites: () => [],
  };
}

export function setMapReady(ready: boolean, drawnLayerIds?: string[]): void {
  if (!window.__catchmap) return;
  window.__catchmap.ready = ready;
  if (drawnLayerIds) {
    window.__catchmap.drawnLayerIds = drawnLayerIds;
    window.__catchmap.frames++;
  }
}

/** Lets the what-if editor publish its sites for tests. */
export function publishWhatIfSites(sites: () => ProposedSite[]): void {
  if (window.__catchmap) window.__catchmap.whatIfSites = sites;
}

/** Lets the PNG export say where it drew its legend. */
export function publishExportLegend(legend: NonNullable<CatchmapTestHooks['exportLegend']>): void {
  if (window.__catchmap) window.__catchmap.exportLegend = legend;
}
