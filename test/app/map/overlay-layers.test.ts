import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { OverlayLayers } from '../../../src/app/map/overlay-layers.ts';

/**
 * A map whose sources may be loading, and an overlay that, as deck.gl's interleaved
 * MapLibreOverlay does, puts the layers it is handed into the style only while the style has loaded.
 */
function mapAndOverlay() {
  const map = { loaded: false, isStyleLoaded: () => map.loaded };
  const overlay = {
    inStyle: [] as string[],
    handed: 0,
    setProps({ layers }: { layers: Layer[] }) {
      overlay.handed++;
      if (map.loaded) overlay.inStyle = layers.map((l) => l.id);
    },
  };
  return { map, overlay };
}

const layers = (...ids: string[]) => ids.map((id) => ({ id }) as Layer);

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
    placed.set(layers('density'));
    placed.styleChanged();
    expect(placed.pending).toBe(false);
    map.loaded = false;
    placed.styleChanged();
    expect(placed.pending).toBe(true);
    overlay.inStyle = [];
    map.loaded = true;
    expect(placed.place()).toBe(true);
    expect(overlay.inStyle).toEqual(['density']);
  });
});
