import type { Snap, WalkNetwork } from './walk-network.ts';

/**
 * Bounded multi-source Dijkstra over a walk network's states, with a binary heap on typed arrays.
 * One instance is reused query after query: only the states a query touched are reset, so a
 * 300 m search in a city-wide network costs what it explores, not the network's size.
 */
export class NetworkSearch {
  readonly net: WalkNetwork;
  /** Shortest distance to each state found by the last `run` (Infinity where not reached). */
  readonly dist: Float64Array;
  /** States settled by the last `run`, nearest first: `settled[0 .. settledCount)`. */
  readonly settled: Int32Array;
  settledCount = 0;
  private readonly heapState: Int32Array;
  private readonly heapKey: Float64Array;
  private heapSize = 0;

  constructor(net: WalkNetwork) {
    this.net = net;
    this.dist = new Float64Array(net.stateCount).fill(Infinity);
    this.settled = new Int32Array(net.stateCount);
    // Each walk edge relaxes at most once from each end, plus the two sources.
    this.heapState = new Int32Array(2 * net.walkCount + 2);
    this.heapKey = new Float64Array(2 * net.walkCount + 2);
  }

  /** Searches out from a snapped point to `maxDistanceM`, the snap distance counted. */
  runFrom(snap: Snap, maxDistanceM: number): void {
    const len = this.net.walkLengthM[snap.walk];
    this.run(
      this.net.walkFrom[snap.walk],
      snap.snapM + snap.t * len,
      this.net.walkTo[snap.walk],
      snap.snapM + (1 - snap.t) * len,
      maxDistanceM,
    );
  }

  /** Dijkstra from two sources at given starting distances, settling states up to `maxDistanceM`. */
  run(sourceA: number, distA: number, sourceB: number, distB: number, maxDistanceM: number): void {
    const { dist, settled } = this;
    // Every state a run gives a distance to is settled before its heap empties.
    for (let i = 0; i < this.settledCount; i++) dist[settled[i]] = Infinity;
    this.settledCount = 0;
    const { walkFrom, walkTo, walkLengthM, stateStart, stateWalk } = this.net;
    if (distA <= maxDistanceM) this.relax(sourceA, distA);
    if (distB <= maxDistanceM) this.relax(sourceB, distB);
    while (this.heapSize > 0) {
      const key = this.heapKey[0];
      const u = this.pop();
      if (key > dist[u]) continue;
      settled[this.settledCount++] = u;
      for (let k = stateStart[u]; k < stateStart[u + 1]; k++) {
        const w = stateWalk[k];
        const v = walkFrom[w] === u ? walkTo[w] : walkFrom[w];
        const d = key + walkLengthM[w];
        if (d <= maxDistanceM && d < dist[v]) this.relax(v, d);
      }
    }
  }

  private relax(state: number, d: number): void {
    if (d >= this.dist[state]) return;
    this.dist[state] = d;
    const heapState = this.heapState;
    const heapKey = this.heapKey;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent] <= d) break;
      heapState[i] = heapState[parent];
      heapKey[i] = heapKey[parent];
      i = parent;
    }
    heapState[i] = state;
    heapKey[i] = d;
  }

  /** Removes the heap's top and returns its state (its key is read before). */
  private pop(): number {
    const heapState = this.heapState;
    const heapKey = this.heapKey;
    const top = heapState[0];
    const n = --this.heapSize;
    if (n > 0) {
      const lastState = heapState[n];
      const lastKey = heapKey[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && heapKey[child + 1] < heapKey[child]) child++;
        if (heapKey[child] >= lastKey) break;
        heapState[i] = heapState[child];
        heapKey[i] = heapKey[child];
        i = child;
      }
      heapState[i] = lastState;
      heapKey[i] = lastKey;
    }
    return top;
  }
}
