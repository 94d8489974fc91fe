import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { haversineCoordsM } from '../distance/haversine.ts';
import type { InputWarning } from '../errors.ts';
import type { LngLat } from '../types.ts';
import { localMetres, projectOnSegment, toX, toY, type LocalMetres } from './local-metres.ts';
import type { RoadGraph } from './road-graph.ts';

/**
 * Roads of some classes (arterials) that pedestrians may walk along but not cross, except at
 * crossings.
 */
export interface BarrierOptions {
  /** Road classes that cannot be crossed (default `['arterial']`). */
  classes?: readonly string[];
  /** Marked crossings: each opens the nearest node on a barrier road within `crossingSnapM`. */
  crossings?: readonly LngLat[];
  /** How far a marked crossing may be from its node (default 25 m). */
  crossingSnapM?: number;
  /** Also open every Nth junction along each barrier road, counted from its start (N ≥ 1). */
  everyNthJunction?: number;
}

/**
 * The graph pedestrians search. Without a barrier it is the road graph itself (one state per
 * node, one walk edge per road edge).
 *
 * The barrier model is the sidewalk model: a barrier road has two sides, and each side is a walk
 * edge of its own. At a node the incident roads, sorted by angle, are divided into sectors by the
 * barrier roads; each sector is a state, so a street on the north side of an arterial reaches the
 * arterial's north sidewalk but not its south one or the street opposite. Walking along either
 * sidewalk is free; crossing means changing sector, which only a crossing node allows (there all
 * sectors are one state). A node with at most one barrier road (where an arterial ends) is one
 * state: the pedestrian walks round the end. Two arterials meeting make four corners.
 */
export interface WalkNetwork {
  kind: 'walk-network';
  graph: RoadGraph;
  /** Null: every road can be crossed anywhere its graph allows. */
  barrier: { classes: string[]; crossingNodes: Int32Array } | null;
  stateCount: number;
  stateNode: Int32Array;
  walkCount: number;
  /** A walk edge runs from the state at its road edge's `edgeFrom` to the state at `edgeTo`. */
  walkFrom: Int32Array;
  walkTo: Int32Array;
  walkRoadEdge: Int32Array;
  walkLengthM: Float64Array;
  /** Walk edges at state s: `stateWalk[stateStart[s] .. stateStart[s + 1])`. */
  stateStart: Int32Array;
  stateWalk: Int32Array;
  /** Road edge e's walk edges: `[2e]` its left side (or its only walk edge), `[2e + 1]` its right. */
  sideWalk: Int32Array;
  plane: LocalMetres;
  nodeX: Float64Array;
  nodeY: Float64Array;
  /** Road edges' boxes in `plane` metres, for snapping. */
  edgeIndex: Flatbush;
  /** Marked crossings that found no barrier node. */
  warnings: InputWarning[];
}

export interface WalkNetworkOptions {
  /** Null or absent: no barrier. */
  barrier?: BarrierOptions | null;
  /** Name of the crossings layer in warnings (default `crossings`). */
  crossingsSource?: string;
}

/** A point placed on a walk edge: `t` along its road edge from `edgeFrom`, `snapM` off the road. */
export interface Snap {
  walk: number;
  t: number;
  snapM: number;
}

export function walkNetwork(graph: RoadGraph, options: WalkNetworkOptions = {}): WalkNetwork {
  const g = graph;
  const plane = localMetres(g.nodeLng, g.nodeLat);
  const nodeX = Float64Array.from(g.nodeLng, (lng) => toX(plane, lng));
  const nodeY = Float64Array.from(g.nodeLat, (lat) => toY(plane, lat));
  const warnings: InputWarning[] = [];
  const barrierOpts = options.barrier ?? null;
  const barrierClasses = barrierOpts ? [...(barrierOpts.classes ?? ['arterial'])] : [];
  const isBarrierClass = g.classNames.map((c) => barrierClasses.includes(c));
  const isBarrier = (e: number) => isBarrierClass[g.edgeClass[e]];

  const crossing = new Uint8Array(g.nodeCount);
  if (barrierOpts) {
    markCrossings(g, barrierOpts, isBarrier, nodeX, nodeY, plane, crossing, warnings, options.crossingsSource ?? 'crossings');
  }

  // States: one per sector between barrier roads at a node; one where at most one barrier road
  // meets it, or at a crossing.
  const barrierDegree = new Int32Array(g.nodeCount);
  for (let e = 0; e < g.edgeCount; e++) {
    if (!isBarrier(e)) continue;
    barrierDegree[g.edgeFrom[e]]++;
    barrierDegree[g.edgeTo[e]]++;
  }
  const firstState = new Int32Array(g.nodeCount + 1);
  for (let v = 0; v < g.nodeCount; v++) {
    const sectors = barrierDegree[v] >= 2 && !crossing[v] ? barrierDegree[v] : 1;
    firstState[v + 1] = firstState[v] + sectors;
  }
  const stateCount = firstState[g.nodeCount];
  const stateNode = new Int32Array(stateCount);
  for (let v = 0; v < g.nodeCount; v++) stateNode.fill(v, firstState[v], firstState[v + 1]);

  // For every adjacency slot (an edge at one of its nodes): the state counter-clockwise of the
  // edge (`ccw`) and clockwise of it (`cw`); equal unless the edge is a barrier road.
  const slotCount = g.adjStart[g.nodeCount];
  const ccw = new Int32Array(slotCount);
  const cw = new Int32Array(slotCount);
  const fromSlot = new Int32Array(g.edgeCount).fill(-1);
  const toSlot = new Int32Array(g.edgeCount);
  const order: number[] = [];
  const angles: number[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    const lo = g.adjStart[v];
    const hi = g.adjStart[v + 1];
    for (let k = lo; k < hi; k++) {
      const e = g.adjEdge[k];
      if (g.edgeFrom[e] === v && fromSlot[e] < 0) fromSlot[e] = k;
      else toSlot[e] = k;
    }
    const sectors = firstState[v + 1] - firstState[v];
    if (sectors === 1) {
      ccw.fill(firstState[v], lo, hi);
      cw.fill(firstState[v], lo, hi);
      continue;
    }
    order.length = 0;
    angles.length = 0;
    for (let k = lo; k < hi; k++) {
      const e = g.adjEdge[k];
      const w = g.edgeFrom[e] === v ? g.edgeTo[e] : g.edgeFrom[e];
      order.push(k);
      angles[k - lo] = Math.atan2(nodeY[w] - nodeY[v], nodeX[w] - nodeX[v]);
    }
    order.sort((a, b) => angles[a - lo] - angles[b - lo] || a - b);
    const start = order.findIndex((k) => isBarrier(g.adjEdge[k]));
    let sector = -1;
    for (let i = 0; i < order.length; i++) {
      const k = order[(start + i) % order.length];
      if (isBarrier(g.adjEdge[k])) {
        sector++;
        ccw[k] = firstState[v] + sector;
        cw[k] = firstState[v] + ((sector - 1 + sectors) % sectors);
      } else {
        ccw[k] = cw[k] = firstState[v] + sector;
      }
    }
  }

  // Walk edges. Travelling from→to, the left side is counter-clockwise of the edge at `from`
  // and clockwise of it at `to`.
  const wFrom: number[] = [];
  const wTo: number[] = [];
  const wEdge: number[] = [];
  const sideWalk = new Int32Array(2 * g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) {
    const a = fromSlot[e];
    const b = toSlot[e];
    sideWalk[2 * e] = sideWalk[2 * e + 1] = wFrom.length;
    wFrom.push(ccw[a]);
    wTo.push(cw[b]);
    wEdge.push(e);
    if (cw[a] !== ccw[a] || ccw[b] !== cw[b]) {
      sideWalk[2 * e + 1] = wFrom.length;
      wFrom.push(cw[a]);
      wTo.push(ccw[b]);
      wEdge.push(e);
    }
  }
  const walkCount = wFrom.length;
  const walkFrom = Int32Array.from(wFrom);
  const walkTo = Int32Array.from(wTo);
  const walkRoadEdge = Int32Array.from(wEdge);
  const walkLengthM = Float64Array.from(wEdge, (e) => g.edgeLengthM[e]);
  const stateStart = new Int32Array(stateCount + 1);
  for (let w = 0; w < walkCount; w++) {
    stateStart[walkFrom[w] + 1]++;
    stateStart[walkTo[w] + 1]++;
  }
  for (let s = 0; s < stateCount; s++) stateStart[s + 1] += stateStart[s];
  const fill = stateStart.slice(0, stateCount);
  const stateWalk = new Int32Array(2 * walkCount);
  for (let w = 0; w < walkCount; w++) {
    stateWalk[fill[walkFrom[w]]++] = w;
    stateWalk[fill[walkTo[w]]++] = w;
  }

  const edgeIndex = new Flatbush(g.edgeCount);
  for (let e = 0; e < g.edgeCount; e++) {
    const a = g.edgeFrom[e];
    const b = g.edgeTo[e];
    edgeIndex.add(Math.min(nodeX[a], nodeX[b]), Math.min(nodeY[a], nodeY[b]), Math.max(nodeX[a], nodeX[b]), Math.max(nodeY[a], nodeY[b]));
  }
  edgeIndex.finish();

  const crossingNodes: number[] = [];
  for (let v = 0; v < g.nodeCount; v++) if (crossing[v]) crossingNodes.push(v);
  return {
    kind: 'walk-network',
    graph: g,
    barrier: barrierOpts ? { classes: barrierClasses, crossingNodes: Int32Array.from(crossingNodes) } : null,
    stateCount,
    stateNode,
    walkCount,
    walkFrom,
    walkTo,
    walkRoadEdge,
    walkLengthM,
    stateStart,
    stateWalk,
    sideWalk,
    plane,
    nodeX,
    nodeY,
    edgeIndex,
    warnings,
  };
}

/** Nodes where a barrier road may be crossed: marked points, then every Nth junction along each. */
function markCrossings(
  g: RoadGraph,
  opts: BarrierOptions,
  isBarrier: (e: number) => boolean,
  nodeX: Float64Array,
  nodeY: Float64Array,
  plane: LocalMetres,
  crossing: Uint8Array,
  warnings: InputWarning[],
  source: string,
): void {
  const onBarrier: number[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    for (let k = g.adjStart[v]; k < g.adjStart[v + 1]; k++) {
      if (isBarrier(g.adjEdge[k])) {
        onBarrier.push(v);
        break;
      }
    }
  }
  const points = opts.crossings ?? [];
  if (points.length > 0) {
    const maxM = opts.crossingSnapM ?? 25;
    const kd = onBarrier.length > 0 ? new KDBush(onBarrier.length, 64, Float64Array) : null;
    for (const v of onBarrier) kd?.add(nodeX[v], nodeY[v]);
    kd?.finish();
    points.forEach(([lng, lat], i) => {
      const x = toX(plane, lng);
      const y = toY(plane, lat);
      let best = -1;
      let bestM = maxM;
      for (const id of kd?.range(x - maxM * 1.01, y - maxM * 1.01, x + maxM * 1.01, y + maxM * 1.01) ?? []) {
        const v = onBarrier[id];
        const m = haversineCoordsM(lng, lat, g.nodeLng[v], g.nodeLat[v]);
        if (m < bestM || (m === bestM && best >= 0 && v < best)) {
          best = v;
          bestM = m;
        }
      }
      if (best >= 0) crossing[best] = 1;
      else warnings.push({ source, feature: `crossing ${i + 1}`, reason: `no node of a road that cannot be crossed within ${maxM} m: ignored` });
    });
  }
  const n = opts.everyNthJunction;
  if (n === undefined) return;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`everyNthJunction must be a whole number ≥ 1, got ${n}`);
  // A road's edges are consecutive and in order, so its junctions are met in order along it.
  let e = 0;
  while (e < g.edgeCount) {
    const road = g.edgeRoad[e];
    let count = 0;
    let prev = -1;
    for (; e < g.edgeCount && g.edgeRoad[e] === road; e++) {
      if (!isBarrier(e)) continue;
      for (const v of [g.edgeFrom[e], g.edgeTo[e]]) {
        if (v === prev) continue;
        prev = v;
        if (g.adjStart[v + 1] - g.adjStart[v] >= 3 && ++count % n === 0) crossing[v] = 1;
      }
    }
  }
}

/**
 * The nearest road edge to a point within `maxSnapM` (haversine from the point to its foot on the
 * segment), placed on the walk edge of the side the point lies on; null when none is that close.
 */
export function snapPoint(net: WalkNetwork, lng: number, lat: number, maxSnapM: number): Snap | null {
  const g = net.graph;
  const { nodeX, nodeY } = net;
  const x = toX(net.plane, lng);
  const y = toY(net.plane, lat);
  // The plane is within 0.3 % of haversine over a city; the margin keeps borderline edges in.
  const r = maxSnapM * 1.01 + 1;
  let best = -1;
  let bestT = 0;
  let bestD2 = Infinity;
  for (const e of net.edgeIndex.search(x - r, y - r, x + r, y + r)) {
    const a = g.edgeFrom[e];
    const b = g.edgeTo[e];
    const { t, d2 } = projectOnSegment(x, y, nodeX[a], nodeY[a], nodeX[b], nodeY[b]);
    if (d2 < bestD2 || (d2 === bestD2 && e < best)) {
      best = e;
      bestT = t;
      bestD2 = d2;
    }
  }
  if (best < 0) return null;
  const a = g.edgeFrom[best];
  const b = g.edgeTo[best];
  const footLng = g.nodeLng[a] + bestT * (g.nodeLng[b] - g.nodeLng[a]);
  const footLat = g.nodeLat[a] + bestT * (g.nodeLat[b] - g.nodeLat[a]);
  const snapM = haversineCoordsM(lng, lat, footLng, footLat);
  if (snapM > maxSnapM) return null;
  // Left of a→b when the cross product is positive; a point on the line takes the left side.
  const cross = (nodeX[b] - nodeX[a]) * (y - nodeY[a]) - (nodeY[b] - nodeY[a]) * (x - nodeX[a]);
  return { walk: net.sideWalk[2 * best + (cross >= 0 ? 0 : 1)], t: bestT, snapM };
}
