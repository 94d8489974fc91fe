/** Shared engine types. Coordinates are WGS84 [longitude, latitude] in degrees (RFC 7946). */

export type LngLat = readonly [lng: number, lat: number];

/** What a distance rule needs to know about a site: matrix rules use `id`, geometric rules `lngLat`. */
export interface SiteRef {
  id: string;
  lngLat?: LngLat;
}

/** Demand points reachable from one site, nearest first. */
export interface Reach {
  /** Indices into the demand array the rule was built over. */
  indices: Int32Array;
  /** Distance to each of them, in metres (or the matrix's cost unit). */
  distancesM: Float64Array;
}

/**
 * How far a demand point is from a site. Built once over a fixed array of demand points; the
 * straight-line (geodesic) rule uses a spatial index, a walking-network rule or a cost matrix can
 * replace it without the models changing.
 */
export interface DistanceRule {
  readonly kind: 'geodesic' | 'network' | 'matrix';
  /** Number of demand points the rule was built over. */
  readonly demandCount: number;
  /** All demand points within `maxDistanceM` of `site`, sorted by distance ascending. */
  reach(site: SiteRef, maxDistanceM: number): Reach;
}

/** Reports progress 0..1; return value ignored. */
export type ProgressCallback = (fraction: number, message?: string) => void;

/** Lets long computations stop early; checked between units of work. */
export interface CancelToken {
  readonly cancelled: boolean;
}

/**
 * The reach of many sites at once, in compressed rows: site s reaches the demand points
 * `indices[offsets[s] .. offsets[s + 1])` at `distancesM` of the same rows. Within a site the rows
 * are in the rule's own (deterministic) order; consumers that need an order impose it. Typed
 * arrays, so a million cells cost no per-pair objects.
 */
export interface ReachTable {
  offsets: Int32Array;
  indices: Int32Array;
  distancesM: Float64Array;
}

/** A distance rule that can answer for every site in one pass. */
export interface BatchDistanceRule extends DistanceRule {
  reachAll(sites: readonly SiteRef[], maxDistanceM: number): ReachTable;
}
