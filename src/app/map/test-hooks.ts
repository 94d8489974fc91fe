import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * What end-to-end tests read from the page: whether the map and every deck.gl layer have drawn,
 * and where a coordinate lands on screen. Plain data and functions, no app state.
 */
export interface CatchmapTestHooks {
  ready: boolean;
  project(lngLat: [number, number]): [number, number];
  styleLayerIds(): string[];
}

declare global {
  interface Window {
    __catchmap?: CatchmapTestHooks;
  }
}

export function publishMapHooks(map: MapLibreMap): void {
  window.__catchmap = {
    ready: false,
    project(lngLat) {
      const p = map.project(lngLat);
      const rect = map.getContainer().getBoundingClientRect();
      return [rect.left + p.x, rect.top + p.y];
    },
    styleLayerIds: () => map.getStyle().layers.map((l) => l.id),
  };
}

export function setMapReady(ready: boolean): void {
  if (window.__catchmap) window.__catchmap.ready = ready;
}
