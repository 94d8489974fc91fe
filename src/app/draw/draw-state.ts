import { area, length, lineString, polygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';

/** What the pointer draws: a measured line or area, or a zone the analysis uses. */
export const DRAW_MODES = ['measure-distance', 'measure-area', 'exclusion', 'candidate'] as const;
export type DrawMode = (typeof DRAW_MODES)[number];

export interface DrawState {
  mode: DrawMode;
  /** The vertices clicked so far, in order. */
  points: [number, number][];
}

/** Whether a mode draws a closed shape (an area or a zone) rather than a line. */
export const isArea = (mode: DrawMode): boolean => mode !== 'measure-distance';

/** The least vertices a mode's shape needs. */
export const minPoints = (mode: DrawMode): number => (isArea(mode) ? 3 : 2);

/** Length of the line through the points, metres (geodesic); 0 with fewer than two. */
export function lineLengthM(points: readonly [number, number][]): number {
  return points.length < 2 ? 0 : length(lineString(points.map((p) => [...p])), { units: 'kilometers' }) * 1000;
}

/** The closed ring of the points, or null with fewer than three. */
export function drawnPolygon(points: readonly [number, number][]): Feature<Polygon> | null {
  if (points.length < 3) return null;
  const ring = points.map((p) => [p[0], p[1]]);
  ring.push([points[0][0], points[0][1]]);
  return polygon([ring]);
}

/** Area of the polygon through the points, m² (geodesic); 0 with fewer than three. */
export function polygonAreaM2(points: readonly [number, number][]): number {
  const shape = drawnPolygon(points);
  return shape ? area(shape) : 0;
}

/** A length for people: metres below 1 km, else km to 0.01. */
export function lengthText(m: number, locale: string): string {
  // Rounded before the unit is chosen: 999.6 m is "1 km", never "1,000 m".
  const metres = Math.round(m);
  return metres < 1000 ? `${metres.toLocaleString(locale)} m` : `${(m / 1000).toLocaleString(locale, { maximumFractionDigits: 2 })} km`;
}

/** An area for people: m² below a hectare, hectares below 1 km², else km². */
export function areaText(m2: number, locale: string): string {
  if (m2 < 10_000) return `${Math.round(m2).toLocaleString(locale)} m²`;
  if (m2 < 1_000_000) return `${(m2 / 10_000).toLocaleString(locale, { maximumFractionDigits: 2 })} ha`;
  return `${(m2 / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 2 })} km²`;
}
