import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { haversineCoordsM } from '../distance/haversine.ts';
import { InputError, type InputWarning } from '../errors.ts';
import { featureLabel, featuresOf, isLngLatPair } from '../input/features.ts';
import { localMetres, projectOnSegment, toX, toY } from './local-metres.ts';

export interface RoadGraphOptions {
  /** Name of the roads layer in warnings and errors (default `roads`). */
  source?: string;
  /**
   * Vertices closer than this join into one node, and a dangling road end this close to another
   * road's segment is joined onto it (default 2 m): digitised ends often miss by a metre.
   */
  joinToleranceM?: number;
  /** Property holding the road class (default `class`); roads without one are `unclassified`. */
  classProperty?: string;
}

/** Connected parts of the network, largest first. */
export interface RoadComponents {
  count: number;
  nodeCounts: number[];
  edgeCounts: number[];
  lengthsM: number[];
}

/**
 * A walking graph: one edge per straight road segment (so snapping to an edge is snapping to a
 * segment), nodes where roads share (or nearly share) vertices, adjacency in compressed rows.
 * Only typed arrays, numbers and strings: it can be posted from a Web Worker or kept in one.
 */
export interface RoadGraph {
  kind: 'road-graph';
  source: string;
  joinToleranceM: number;
  nodeCount: number;
  nodeLng: Float64Array;
  nodeLat: Float64Array;
  edgeCount: number;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthM: Float64Array;
  /** Index into `classNames`. */
  edgeClass: Uint16Array;
  classNames: string[];
  /** Road feature each edge came from; a road's edges are consecutive, in order along it. */
  edgeRoad: Int32Array;
  /** Road labels (the `id` property, or `feature N`), by feature index. */
  roadIds: string[];
  /** Edges incident to node v: `adjEdge[adjStart[v] .. adjStart[v + 1])`. */
  adjStart: Int32Array;
  adjEdge: Int32Array;
  /** Component of each node, numbered as in `components` (0 = largest). */
  componentOfNode: Int32Array;
  components: RoadComponents;
  warnings: InputWarning[];
}

/** The node at the other end of edge `e` from `v`. */
export const otherEnd = (g: RoadGraph, e: number, v: number): number => (g.edgeFrom[e] === v ? g.edgeTo[e] : g.edgeFrom[e]);

/**
 * Builds the walking graph from road LineStrings (and MultiLineStrings). Equal vertices are one
 * node; so are vertices within `joinToleranceM` (greedily: the first vertex claims its neighbours,
 * so tolerances never chain along a dense line); a dangling end near another road's segment is
 * joined by splitting that segment. Other geometries are skipped with a warning.
 */
export function buildRoadGraph(roads: unknown, options: RoadGraphOptions = {}): RoadGraph {
  const source = options.source ?? 'roads';
  const tol = options.joinToleranceM ?? 2;
  if (!Number.isFinite(tol) || tol < 0) throw new InputError(source, `join tolerance must be a number ≥ 0 m, got ${String(tol)}`);
  const classKey = options.classProperty ?? 'class';
  const warnings: InputWarning[] = [];
  const features = featuresOf(roads, source);

  // 1. Flat vertex arrays, one run per line part.
  const vLng: number[] = [];
  const vLat: number[] = [];
  const lineStart: number[] = [];
  const lineRoad: number[] = [];
  const roadIds: string[] = [];
  const roadClass: number[] = [];
  const classNames: string[] = [];
  const classIndex = new Map<string, number>();
  features.forEach((f, i) => {
    const label = featureLabel(f, i);
    roadIds.push(label);
    const raw = f.properties[classKey];
    const cls = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : 'unclassified';
    if (!classIndex.has(cls)) {
      classIndex.set(cls, classNames.length);
      classNames.push(cls);
    }
    roadClass.push(classIndex.get(cls)!);
    const g = f.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
      warnings.push({ source, feature: label, reason: `not a LineString (${g ? g.type : 'no geometry'}): skipped` });
      return;
    }
    const parts: unknown[] = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    if (!Array.isArray(parts) || !parts.every((p) => Array.isArray(p) && p.every(isLngLatPair))) {
      warnings.push({ source, feature: label, reason: 'has coordinates that are not [longitude, latitude] pairs: skipped' });
      return;
    }
    for (const part of parts as [number, number][][]) {
      if (part.length < 2) continue;
      lineStart.push(vLng.length);
      lineRoad.push(i);
      for (const [lng, lat] of part) {
        vLng.push(lng);
        vLat.push(lat);
      }
    }
  });
  lineStart.push(vLng.length);
  const lineCount = lineRoad.length;
  const vertexCount = vLng.length;
  if (lineCount === 0) throw new InputError(source, 'no roads: expected LineString features with at least two points');

  // 2. Join vertices into nodes through a KD-tree in local metres (never all pairs).
  const plane = localMetres(vLng, vLat);
  const vx = Float64Array.from(vLng, (lng) => toX(plane, lng));
  const vy = Float64Array.from(vLat, (lat) => toY(plane, lat));
  const kd = new KDBush(vertexCount, 64, Float64Array);
  for (let v = 0; v < vertexCount; v++) kd.add(vx[v], vy[v]);
  kd.finish();
  const nodeOfVertex = new Int32Array(vertexCount).fill(-1);
  const rawLng: number[] = [];
  const rawLat: number[] = [];
  const tol2 = tol * tol;
  for (let v = 0; v < vertexCount; v++) {
    if (nodeOfVertex[v] >= 0) continue;
    const node = rawLng.length;
    rawLng.push(vLng[v]);
    rawLat.push(vLat[v]);
    nodeOfVertex[v] = node;
    for (const w of kd.range(vx[v] - tol, vy[v] - tol, vx[v] + tol, vy[v] + tol)) {
      if (nodeOfVertex[w] >= 0) continue;
      const dx = vx[w] - vx[v];
      const dy = vy[w] - vy[v];
      if (dx * dx + dy * dy <= tol2) nodeOfVertex[w] = node;
    }
  }

  // 3. Segments between consecutive nodes; zero-length ones (joined vertices) vanish.
  const segFrom: number[] = [];
  const segTo: number[] = [];
  const segRoad: number[] = [];
  const endNodes: number[] = [];
  for (let l = 0; l < lineCount; l++) {
    const first = nodeOfVertex[lineStart[l]];
    const last = nodeOfVertex[lineStart[l + 1] - 1];
    endNodes.push(first, last);
    for (let v = lineStart[l]; v < lineStart[l + 1] - 1; v++) {
      const a = nodeOfVertex[v];
      const b = nodeOfVertex[v + 1];
      if (a === b) continue;
      segFrom.push(a);
      segTo.push(b);
      segRoad.push(lineRoad[l]);
    }
  }
  const segCount = segFrom.length;

  // 4. Dangling ends within the tolerance of another segment's interior split that segment.
  const degree = new Int32Array(rawLng.length);
  for (let s = 0; s < segCount; s++) {
    degree[segFrom[s]]++;
    degree[segTo[s]]++;
  }
  const nx = Float64Array.from(rawLng, (lng) => toX(plane, lng));
  const ny = Float64Array.from(rawLat, (lat) => toY(plane, lat));
  const splits = new Map<number, { t: number; node: number }[]>();
  if (tol > 0 && segCount > 0) {
    const fb = new Flatbush(segCount);
    for (let s = 0; s < segCount; s++) {
      const a = segFrom[s];
      const b = segTo[s];
      fb.add(Math.min(nx[a], nx[b]), Math.min(ny[a], ny[b]), Math.max(nx[a], nx[b]), Math.max(ny[a], ny[b]));
    }
    fb.finish();
    const done = new Set<number>();
    for (const n of endNodes) {
      if (degree[n] !== 1 || done.has(n)) continue;
      done.add(n);
      let best = -1;
      let bestT = 0;
      let bestD2 = tol2;
      for (const s of fb.search(nx[n] - tol, ny[n] - tol, nx[n] + tol, ny[n] + tol)) {
        const a = segFrom[s];
        const b = segTo[s];
        if (a === n || b === n) continue;
        const { t, d2 } = projectOnSegment(nx[n], ny[n], nx[a], ny[a], nx[b], ny[b]);
        if (t > 0 && t < 1 && (d2 < bestD2 || (d2 === bestD2 && best >= 0 && s < best))) {
          best = s;
          bestT = t;
          bestD2 = d2;
        }
      }
      if (best < 0) continue;
      const list = splits.get(best) ?? [];
      list.push({ t: bestT, node: n });
      splits.set(best, list);
    }
  }

  // 5. Edges, in road order, with nodes renumbered to those that carry an edge.
  const eFrom: number[] = [];
  const eTo: number[] = [];
  const eRoad: number[] = [];
  const push = (a: number, b: number, road: number) => {
    if (a === b) return;
    eFrom.push(a);
    eTo.push(b);
    eRoad.push(road);
  };
  for (let s = 0; s < segCount; s++) {
    const list = splits.get(s);
    if (!list) {
      push(segFrom[s], segTo[s], segRoad[s]);
      continue;
    }
    list.sort((p, q) => p.t - q.t || p.node - q.node);
    let prev = segFrom[s];
    for (const { node } of list) {
      push(prev, node, segRoad[s]);
      prev = node;
    }
    push(prev, segTo[s], segRoad[s]);
  }
  const edgeCount = eFrom.length;
  if (edgeCount === 0) throw new InputError(source, `no roads: every road is shorter than the ${tol} m join tolerance`);
  const renumber = new Int32Array(rawLng.length).fill(-1);
  let nodeCount = 0;
  for (let e = 0; e < edgeCount; e++) {
    for (const v of [eFrom[e], eTo[e]]) if (renumber[v] < 0) renumber[v] = nodeCount++;
  }
  const nodeLng = new Float64Array(nodeCount);
  const nodeLat = new Float64Array(nodeCount);
  renumber.forEach((to, from) => {
    if (to < 0) return;
    nodeLng[to] = rawLng[from];
    nodeLat[to] = rawLat[from];
  });
  const edgeFrom = Int32Array.from(eFrom, (v) => renumber[v]);
  const edgeTo = Int32Array.from(eTo, (v) => renumber[v]);
  const edgeLengthM = new Float64Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    edgeLengthM[e] = haversineCoordsM(nodeLng[edgeFrom[e]], nodeLat[edgeFrom[e]], nodeLng[edgeTo[e]], nodeLat[edgeTo[e]]);
  }
  const edgeRoad = Int32Array.from(eRoad);
  const edgeClass = Uint16Array.from(eRoad, (r) => roadClass[r]);

  // 6. Compressed adjacency: each edge listed at both its nodes.
  const adjStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    adjStart[edgeFrom[e] + 1]++;
    adjStart[edgeTo[e] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) adjStart[v + 1] += adjStart[v];
  const fill = adjStart.slice(0, nodeCount);
  const adjEdge = new Int32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    adjEdge[fill[edgeFrom[e]]++] = e;
    adjEdge[fill[edgeTo[e]]++] = e;
  }

  const graph: RoadGraph = {
    kind: 'road-graph',
    source,
    joinToleranceM: tol,
    nodeCount,
    nodeLng,
    nodeLat,
    edgeCount,
    edgeFrom,
    edgeTo,
    edgeLengthM,
    edgeClass,
    classNames,
    edgeRoad,
    roadIds,
    adjStart,
    adjEdge,
    componentOfNode: new Int32Array(nodeCount),
    components: { count: 0, nodeCounts: [], edgeCounts: [], lengthsM: [] },
    warnings,
  };
  labelComponents(graph);
  return graph;
}

/** Breadth-first labelling of connected components, then renumbered largest (most nodes) first. */
function labelComponents(g: RoadGraph): void {
  const label = g.componentOfNode.fill(-1);
  const queue = new Int32Array(g.nodeCount);
  const sizes: number[] = [];
  for (let start = 0; start < g.nodeCount; start++) {
    if (label[start] >= 0) continue;
    const c = sizes.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    label[start] = c;
    while (head < tail) {
      const v = queue[head++];
      for (let k = g.adjStart[v]; k < g.adjStart[v + 1]; k++) {
        const w = otherEnd(g, g.adjEdge[k], v);
        if (label[w] < 0) {
          label[w] = c;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  const order = sizes.map((_, c) => c).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Int32Array(sizes.length);
  order.forEach((c, r) => (rank[c] = r));
  for (let v = 0; v < g.nodeCount; v++) label[v] = rank[label[v]];
  const edgeCounts = new Array<number>(sizes.length).fill(0);
  const lengthsM = new Array<number>(sizes.length).fill(0);
  for (let e = 0; e < g.edgeCount; e++) {
    const c = label[g.edgeFrom[e]];
    edgeCounts[c]++;
    lengthsM[c] += g.edgeLengthM[e];
  }
  g.components = { count: sizes.length, nodeCounts: order.map((c) => sizes[c]), edgeCounts, lengthsM };
}
