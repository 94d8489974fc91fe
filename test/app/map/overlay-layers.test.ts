import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { OverlayLayers, overlayGroupId } from '../../../src/app/map/overlay-layers.ts';

/**
 * A map whose sources may be loading, and an overlay that, as deck.gl's interleaved
 * MapLibreOverlay does, puts the layers it is handed into the style (a group per `beforeId`) only
 * while the style has loaded.
 */
function mapAndOverlay() {
  const map = { loaded: false, groups: new Set<string>(), isStyleLoaded: () => map.loaded, getLayer: (id: string) => (map.groups.has(id) ? { id } : undefined) };
  const overlay = {
    inStyle: [] as string[],
    handed: 0,
    setProps({ layers }: { layers: Layer[] }) {
      overlay.handed++;
      if (!map.loaded) return;
      overlay.inStyle = layers.map((l) => l.id);
      map.groups = new Set(layers.map((l) => groupOf[l.id]));
    },
  };
  return { map, overlay };
}

/** Where each test layer is drawn, as deck.gl 9.4 names its groups. */
const groupOf: Record<string, string> = {
  density: 'deck-maplibre-layer-group-before:village-outlines',
  villages: 'deck-maplibre-layer-group-before:village-outlines',
  catchments: 'deck-maplibre-layer-group-before:analysis-slot',
  sites: 'deck-maplibre-layer-group-last',
};
const beforeIdOf: Record<string, string | undefined> = { density: 'village-outlines', villages: 'village-outlines', catchments: 'analysis-slot', sites: undefined };
const layers = (...ids: string[]) => ids.map((id) => ({ id, props: { beforeId: beforeIdOf[id] } }) as unknown as Layer);

describe('OverlayLayers', () => {
  it('puts the first layers into the style once the sources have loaded', () => {
    const { map, overlay } = mapAndOverlay();
    const placed = new OverlayLayers(map, overlay, layers('density', 'villages'));
    expect(placed.pending).toBe(true);
    expect(placed.place()).toBe(false);
    expect(overlay.inStyle).toEqual([]);
    map.loaded = true;
    expect(placed.place()).toBe(true);
    expect(overlay.inStyle).toEqual(['density', 'villages']);
    expect(placed.pending).toBe(false);
    // Nothing more to place: no more frames asked for.
    expect(placed.place()).toBe(false);
    expect(overlay.handed).toBe(1);
  });

  it('hands layers set while a source loads over again, the latest ones', () => {
    const { map, overlay } = mapAndOverlay();
    map.loaded = true;
    const placed = new OverlayLayers(map, overlay, []);
    placed.set(layers('density'));
    expect(placed.pending).toBe(false);
    expect(overlay.inStyle).toEqual(['density']);
    map.loaded = false;
    placed.set(layers('density', 'villages'));
    placed.set(layers('density', 'villages', 'catchments'));
    expect(placed.pending).toBe(true);
    expect(overlay.inStyle).toEqual(['density']);
    map.loaded = true;
    expect(placed.place()).toBe(true);
    expect(overlay.inStyle).toEqual(['density', 'villages', 'catchments']);
  });

  it('places layers again after the style changed while a source was loading, not after a change once loaded', () => {
    const { map, overlay } = mapAndOverlay();
    map.loaded = true;
    const placed = new OverlayLayers(map, overlay, []);
    placed.set(layers('density', 'sites'));
    placed.styleChanged();
    expect(placed.pending).toBe(false);
    map.loaded = false;
    placed.styleChanged();
    expect(placed.pending).toBe(true);
    // A new style without deck.gl's groups.
    map.groups = new Set();
    map.loaded = true;
    expect(placed.place()).toBe(true);
    expect([...map.groups]).toEqual(['deck-maplibre-layer-group-before:village-outlines', 'deck-maplibre-layer-group-last']);
  });

  it('asks for no frame when every group is in the style after all', () => {
    const { map, overlay } = mapAndOverlay();
    map.loaded = true;
    const placed = new OverlayLayers(map, overlay, []);
    placed.set(layers('density', 'catchments'));
    map.loaded = false;
    // Handed over while a source loads, the groups being there already (the same beforeIds as before).
    placed.set(layers('villages', 'catchments'));
    expect(placed.pending).toBe(true);
    map.loaded = true;
    expect(placed.place()).toBe(false);
    expect(placed.pending).toBe(false);
    expect(overlay.handed).toBe(2);
  });

  it('names the groups as the installed deck.gl does', async () => {
    // Not among the package's exports: read from its file.
    const utils = (await import('../../../node_modules/@deck.gl/maplibre/dist/layer-utils.js')) as { getMapLibreLayerGroupId(layer: Layer): string };
    const all = layers('density', 'catchments', 'sites');
    expect(all.map(overlayGroupId)).toEqual(all.map(utils.getMapLibreLayerGroupId));
    expect(all.map(overlayGroupId)).toEqual([groupOf.density, groupOf.catchments, groupOf.sites]);
  });
});
