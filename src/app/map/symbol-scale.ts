/** From this zoom (streets) facility symbols and halos are drawn at full size. */
export const FULL_SYMBOL_ZOOM = 14;
/** At this zoom and out (a district on one screen) they are drawn at `MIN_SYMBOL_SCALE`. */
export const SMALL_SYMBOL_ZOOM = 11;
export const MIN_SYMBOL_SCALE = 0.5;

/**
 * How much of their full size symbols are drawn at a zoom: smaller when zoomed out, where sixty
 * schools and their halos would otherwise pile on top of each other and of the data. In quarter
 * steps of zoom, so the layers change only when the look does.
 */
export function symbolScale(zoom: number | undefined): number {
  if (zoom === undefined) return 1;
  const z = Math.round(zoom * 4) / 4;
  const t = Math.min(1, Math.max(0, (z - SMALL_SYMBOL_ZOOM) / (FULL_SYMBOL_ZOOM - SMALL_SYMBOL_ZOOM)));
  return MIN_SYMBOL_SCALE + (1 - MIN_SYMBOL_SCALE) * t;
}
