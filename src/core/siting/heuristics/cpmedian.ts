import { listsFromDense } from '../demand-lists.ts';
import { pMedianHeuristic } from './pmedian.ts';

export interface CapacitatedInstance {
  /** Demand-major n × m costs; Infinity where unreachable. */
  cost: Float64Array;
  /** Demand of each point (what fills capacity). */
  demand: Float64Array;
  capacity: Float64Array;
  nSites: number;
  swappable: Uint8Array;
  fixed: Int32Array;
  p: number;
  /** Cost of assigning u to j counts demand × distance (true) or distance only. */
  weightedCost: boolean;
}

export interface CapacitatedSolution {
  open: number[];
  /** Site per demand point, -1 if none could take it. */
  assign: Int32Array;
  objective: number;
}

/**
 * Capacitated p-median heuristic: p-median sites as a start, then alternate (Cooper-style)
 * between a regret-greedy single-source assignment improved by shift and swap moves, and moving
 * each median to the member of its cluster that serves the cluster most cheaply.
 */
export function capacitatedPMedianHeuristic(inst: CapacitatedInstance, seed = 1): CapacitatedSolution {
  const { cost, demand, capacity, nSites: m } = inst;
  const n = demand.length;
  const unit = (u: number, j: number): number => (inst.weightedCost ? cost[u * m + j] * demand[u] : cost[u * m + j]);
  const start = pMedianHeuristic(
    { lists: listsFromDense(cost, n, m), weights: inst.weightedCost ? demand : new Float64Array(n).fill(1), nSites: m, swappable: inst.swappable, fixed: inst.fixed, p: inst.p },
    { seed, starts: 2 },
  );
  let best = assignAndImprove([...start.sites]);
  for (let round = 0; round < 20; round++) {
    const moved = relocate(best);
    if (!moved) break;
    const next = assignAndImprove(moved);
    if (next.objective >= best.objective - 1e-9) break;
    best = next;
  }
  return best;

  function assignAndImprove(open: number[]): CapacitatedSolution {
    const sites = [...inst.fixed, ...open];
    const left = new Float64Array(m);
    for (const j of sites) left[j] = Number.isFinite(capacity[j]) ? capacity[j] : Infinity;
    const assign = new Int32Array(n).fill(-1);
    // Regret greedy: place first the point that would lose most by missing its best site.
    const pending = new Set<number>();
    for (let u = 0; u < n; u++) if (demand[u] > 0) pending.add(u);
    while (pending.size > 0) {
      let pickU = -1;
      let pickJ = -1;
      let pickRegret = -Infinity;
      for (const u of pending) {
        let b1 = Infinity;
        let b2 = Infinity;
        let j1 = -1;
        for (const j of sites) {
          if (left[j] < demand[u] || cost[u * m + j] === Infinity) continue;
          const c = unit(u, j);
          if (c < b1) {
            b2 = b1;
            b1 = c;
            j1 = j;
          } else if (c < b2) b2 = c;
        }
        const regret = j1 < 0 ? Infinity : b2 - b1;
        if (regret > pickRegret) {
          pickRegret = regret;
          pickU = u;
          pickJ = j1;
        }
      }
      pending.delete(pickU);
      if (pickJ < 0) continue;
      assign[pickU] = pickJ;
      left[pickJ] -= demand[pickU];
    }
    // Shift and swap moves until none improves.
    for (let improved = true; improved; ) {
      improved = false;
      for (let u = 0; u < n; u++) {
        const a = assign[u];
        if (a < 0) continue;
        for (const j of sites) {
          if (j === a || left[j] < demand[u] || cost[u * m + j] === Infinity) continue;
          if (unit(u, j) < unit(u, a) - 1e-9) {
            left[a] += demand[u];
            left[j] -= demand[u];
            assign[u] = j;
            improved = true;
            break;
          }
        }
      }
      for (let u = 0; u < n; u++) {
        for (let v = u + 1; v < n; v++) {
          const a = assign[u];
          const b = assign[v];
          if (a < 0 || b < 0 || a === b || cost[u * m + b] === Infinity || cost[v * m + a] === Infinity) continue;
          if (left[b] + demand[v] < demand[u] || left[a] + demand[u] < demand[v]) continue;
          if (unit(u, b) + unit(v, a) < unit(u, a) + unit(v, b) - 1e-9) {
            left[a] += demand[u] - demand[v];
            left[b] += demand[v] - demand[u];
            assign[u] = b;
            assign[v] = a;
            improved = true;
          }
        }
      }
    }
    let objective = 0;
    for (let u = 0; u < n; u++) {
      if (assign[u] >= 0) objective += unit(u, assign[u]);
      else if (demand[u] > 0) objective = Infinity;
    }
    return { open, assign, objective };
  }

  /** Moves each median to the closed site serving its cluster most cheaply with room for it; null if none moves. */
  function relocate(sol: CapacitatedSolution): number[] | null {
    const open = [...sol.open];
    let moved = false;
    open.forEach((r, k) => {
      const members: number[] = [];
      let load = 0;
      for (let u = 0; u < n; u++) {
        if (sol.assign[u] === r) {
          members.push(u);
          load += demand[u];
        }
      }
      let bestJ = r;
      let bestCost = members.reduce((s, u) => s + unit(u, r), 0);
      for (let j = 0; j < m; j++) {
        if (!inst.swappable[j] || open.includes(j) || capacity[j] < load) continue;
        let c = 0;
        for (const u of members) c += unit(u, j);
        if (c < bestCost - 1e-9) {
          bestCost = c;
          bestJ = j;
        }
      }
      if (bestJ !== r) {
        open[k] = bestJ;
        moved = true;
      }
    });
    return moved ? open : null;
  }
}
