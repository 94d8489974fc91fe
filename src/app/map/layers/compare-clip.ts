import { ClipExtension } from '@deck.gl/extensions';

/** One side of the compare swipe: layers clipped to the lon/lat box west or east of the divider. */
export interface CompareSide {
  /** Appended to layer ids so both sides' layers coexist. */
  suffix: string;
  clipBounds: [number, number, number, number];
}

const clip = new ClipExtension();

/** Layer props that clip to the side, or nothing outside compare mode. */
export function clipTo(side: CompareSide | undefined) {
  return side ? { extensions: [clip], clipBounds: side.clipBounds } : {};
}

/** West and east of a meridian (the swipe divider on a north-up map). */
export function compareSides(splitLng: number): { left: CompareSide; right: CompareSide } {
  return {
    left: { suffix: '', clipBounds: [-180, -90, splitLng, 90] },
    right: { suffix: '-b', clipBounds: [splitLng, -90, 180, 90] },
  };
}
