import type { Layer } from '@deck.gl/core';

/** What `OverlayLayers` needs of the map. */
export interface StyleState {
  isStyleLoaded(): boolean | void;
  getLayer(id: string): unknown;
}

/** What `OverlayLayers` needs of deck.gl's MapLibreOverlay. */
export interface LayersOverlay {
  setProps(props: { layers: Layer[] }): void;
}

/**
 * The style layer deck.gl's overlay draws `layer` in (as @deck.gl/maplibre 9.4 names it; not
 * exported there). Were the name to change, a layer would look missing and be handed over once
 * more, a frame too many: never a layer left out.
 */
export function overlayGroupId(layer: Layer): string {
  const beforeId = (layer.props as { beforeId?: string }).beforeId;
  return beforeId ? `deck-maplibre-layer-group-before:${beforeId}` : 'deck-maplibre-layer-group-last';
}

/**
 * Hands deck.gl layers to an interleaved MapLibreOverlay and makes sure they reach the map.
 * The overlay puts its layers into the style (one style layer per `beforeId`) only while
 * `map.isStyleLoaded()`, and that is false while any source is loading: layers handed over then,
 * or a style that changed then, stay out of the map, undrawn, until the style next changes.
 * Here they are handed over again once the sources have loaded.
 */
export class OverlayLayers {
  /** The overlay's layers may be missing from the style; the overlay starts before the style loads. */
  private unplaced = true;

  constructor(
    private readonly map: StyleState,
    private readonly overlay: LayersOverlay,
    private layers: Layer[],
  ) {}

  /** New layers for the overlay. */
  set(layers: Layer[]): void {
    this.layers = layers;
    this.overlay.setProps({ layers });
    this.unplaced = !this.map.isStyleLoaded();
  }

  /** To be called on the map's `styledata`: a style changed while sources load loses the layers. */
  styleChanged(): void {
    if (!this.map.isStyleLoaded()) this.unplaced = true;
  }

  /**
   * Puts the layers left out into the style, if the style has loaded by now (on the map's
   * `sourcedata` and `idle`). True when some were missing: the map has a frame to draw again (a
   * frame of a whole city costs a second of software GL, so none is asked for needlessly).
   */
  place(): boolean {
    if (!this.unplaced || !this.map.isStyleLoaded()) return false;
    this.unplaced = false;
    if (this.layers.every((layer) => this.map.getLayer(overlayGroupId(layer)) !== undefined)) return false;
    this.overlay.setProps({ layers: this.layers });
    return true;
  }

  /** Whether some layers may still be missing from the map. */
  get pending(): boolean {
    return this.unplaced;
  }
}
