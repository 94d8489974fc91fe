import FlatQueue from 'flatqueue';
import type { ZoneDesignProblem } from './design-problem.ts';

/** Seats are compared with this slack (pupils), so a school filled to the seat is not "over" by float noise. */
const SEAT_EPS = 1e-7;

/**
 * A zoning being built: each cell's school (-1: none) and each school's pupils. The repair steps
 * below change it in place; each keeps the rules the earlier ones established.
 */
export interface ZoneState {
  cellSchool: Int32Array;
  load: Float64Array;
  limits: Float64Array;
}

export function emptyState(problem: ZoneDesignProblem, limits: Float64Array): ZoneState {
  return { cellSchool: new Int32Array(problem.cells.length).fill(-1), load: new Float64Array(problem.schools.length), limits };
}

/** The pair of cell c to school s, or -1 when c may not go to s. */
export function pairOf(problem: ZoneDesignProblem, c: number, s: number): number {
  for (let k = problem.pairStart[c]; k < problem.pairStart[c + 1]; k++) if (problem.pairSchool[k] === s) return k;
  return -1;
}

function assign(problem: ZoneDesignProblem, state: ZoneState, c: number, s: number): void {
  const old = state.cellSchool[c];
  const w = problem.cells[c].users;
  if (old >= 0) state.load[old] -= w;
  state.cellSchool[c] = s;
  if (s >= 0) state.load[s] += w;
}

/** Each cell to the school carrying most of it in the LP, or to none when the unplaced share is larger (ties: the nearer school). */
export function roundShares(problem: ZoneDesignProblem, state: ZoneState, pairShare: Float64Array): void {
  for (let c = 0; c < problem.cells.length; c++) {
    if (!(problem.cells[c].users > 0)) continue;
    let best = -1;
    let carried = 0;
    for (let k = problem.pairStart[c]; k < problem.pairStart[c + 1]; k++) {
      carried += pairShare[k];
      if (best < 0 || pairShare[k] > pairShare[best]) best = k;
    }
    if (best >= 0 && pairShare[best] > 0 && pairShare[best] >= 1 - carried) assign(problem, state, c, problem.pairSchool[best]);
  }
}

/**
 * Schools above their limit give up cells until they fit, one at a time: a cell holding at least
 * the excess that a touching zone with room may take, moved there (least added walking); else the
 * smallest such cell, let go; else the farthest cell, let go; the school's anchor last. A cell
 * whose going would cut its zone in two is not moved or chosen for its size.
 */
export function evictOverCapacity(problem: ZoneDesignProblem, state: ZoneState): void {
  const members = membersOf(problem, state);
  const distance = (c: number, s: number) => {
    const k = pairOf(problem, c, s);
    return k < 0 ? Infinity : problem.pairDistanceM[k];
  };
  for (let s = 0; s < problem.schools.length; s++) {
    while (state.load[s] > state.limits[s] + SEAT_EPS) {
      const excess = state.load[s] - state.limits[s];
      let best: { c: number; to: number; rank: number; key: number } | null = null;
      // A zone in pieces already (before keepConnected) cannot stay one: then connection is not asked.
      const whole = staysConnected(problem, state, s, members[s], -1, -1);
      for (const c of members[s]) {
        const w = problem.cells[c].users;
        if (!(w > 0)) continue;
        let to = -1;
        let toD = Infinity;
        for (let k = problem.neighbourStart[c]; k < problem.neighbourStart[c + 1]; k++) {
          const z = state.cellSchool[problem.neighbours[k]];
          if (z < 0 || z === s || state.load[z] + w > state.limits[z] + SEAT_EPS) continue;
          const d = distance(c, z);
          if (d < toD || (d === toD && z < to)) {
            to = z;
            toD = d;
          }
        }
        const enough = w >= excess - SEAT_EPS;
        // Lower rank first; within a rank the lower key, then the lower cell. The anchor goes last.
        const rank = c === problem.anchors[s] ? 3 : enough && to >= 0 ? 0 : enough ? 1 : 2;
        const key = rank === 0 ? w * (toD - distance(c, s)) : rank === 1 ? w : rank === 2 ? -distance(c, s) : 0;
        if (best && (rank > best.rank || (rank === best.rank && key >= best.key))) continue;
        if (rank < 2 && whole && !staysConnected(problem, state, s, members[s], c, -1)) continue;
        best = { c, to: rank === 0 ? to : -1, rank, key };
      }
      if (!best) break;
      move(problem, state, members, best.c, best.to);
    }
  }
}

/**
 * Every zone one connected piece: each school keeps the piece holding its anchor cell (else its
 * piece with the most pupils; ties: the piece with the lowest cell) and lets the other pieces go.
 */
export function keepConnected(problem: ZoneDesignProblem, state: ZoneState): void {
  const n = problem.cells.length;
  const piece = new Int32Array(n).fill(-1);
  const pieces: { school: number; cells: number[]; pupils: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n; start++) {
    const s = state.cellSchool[start];
    if (s < 0 || piece[start] >= 0) continue;
    const p = { school: s, cells: [] as number[], pupils: 0 };
    piece[start] = pieces.length;
    stack.push(start);
    while (stack.length > 0) {
      const c = stack.pop()!;
      p.cells.push(c);
      p.pupils += problem.cells[c].users;
      for (let k = problem.neighbourStart[c]; k < problem.neighbourStart[c + 1]; k++) {
        const m = problem.neighbours[k];
        if (piece[m] < 0 && state.cellSchool[m] === s) {
          piece[m] = pieces.length;
          stack.push(m);
        }
      }
    }
    pieces.push(p);
  }
  const kept = new Int32Array(problem.schools.length).fill(-1);
  pieces.forEach((p, i) => {
    const anchor = problem.anchors[p.school];
    const current = kept[p.school];
    if (current < 0) kept[p.school] = i;
    else if (anchor >= 0 && piece[anchor] === i) kept[p.school] = i;
    else if (!(anchor >= 0 && piece[anchor] === current) && p.pupils > pieces[current].pupils) kept[p.school] = i;
  });
  pieces.forEach((p, i) => {
    if (kept[p.school] !== i) for (const c of p.cells) assign(problem, state, c, -1);
  });
}

/**
 * Grows the zones into the cells without a school, nearest pair first (a multi-source search over
 * touching cells): a cell joins a zone it touches (or, for an empty zone, the school's anchor cell)
 * when it may go to that school and the seats hold its pupils. Zones stay connected and within
 * their limits; what no zone can take stays without a school.
 */
export function growZones(problem: ZoneDesignProblem, state: ZoneState): void {
  const queue = new FlatQueue<number>();
  const { pairStart, pairSchool, pairDistanceM, neighbourStart, neighbours } = problem;
  const pairCell = new Int32Array(pairSchool.length);
  for (let c = 0; c < problem.cells.length; c++) for (let k = pairStart[c]; k < pairStart[c + 1]; k++) pairCell[k] = c;
  const offer = (c: number, s: number) => {
    const k = pairOf(problem, c, s);
    if (k >= 0) queue.push(k, pairDistanceM[k]);
  };
  const offerNeighbours = (c: number, s: number) => {
    for (let k = neighbourStart[c]; k < neighbourStart[c + 1]; k++) if (state.cellSchool[neighbours[k]] < 0) offer(neighbours[k], s);
  };
  const zoneSize = new Int32Array(problem.schools.length);
  state.cellSchool.forEach((s) => s >= 0 && zoneSize[s]++);
  state.cellSchool.forEach((s, c) => s >= 0 && offerNeighbours(c, s));
  problem.anchors.forEach((c, s) => c >= 0 && zoneSize[s] === 0 && state.cellSchool[c] < 0 && offer(c, s));
  while (queue.length > 0) {
    const k = queue.pop()!;
    const c = pairCell[k];
    const s = pairSchool[k];
    if (state.cellSchool[c] >= 0) continue;
    if (state.load[s] + problem.cells[c].users > state.limits[s] + SEAT_EPS) continue;
    // An empty zone may start only at its anchor.
    if (zoneSize[s] === 0 && problem.anchors[s] !== c) continue;
    assign(problem, state, c, s);
    zoneSize[s]++;
    offerNeighbours(c, s);
  }
}

/** Each school's cells, ascending. */
function membersOf(problem: ZoneDesignProblem, state: ZoneState): number[][] {
  const out: number[][] = problem.schools.map(() => []);
  state.cellSchool.forEach((s, c) => s >= 0 && out[s].push(c));
  return out;
}

/** Moves cell c to school s (-1: none), keeping `members` in step. */
function move(problem: ZoneDesignProblem, state: ZoneState, members: number[][], c: number, s: number): void {
  const old = state.cellSchool[c];
  if (old >= 0) members[old].splice(members[old].indexOf(c), 1);
  if (s >= 0) members[s].push(c);
  assign(problem, state, c, s);
}

/** Does zone `s` (its cells `zone`) stay one piece with `removed` taken out and `added` (-1: none) put in? */
function staysConnected(problem: ZoneDesignProblem, state: ZoneState, s: number, zone: readonly number[], removed: number, added: number): boolean {
  const inZone = (c: number) => c !== removed && (c === added || state.cellSchool[c] === s);
  const size = zone.length - (removed >= 0 && state.cellSchool[removed] === s ? 1 : 0) + (added >= 0 && state.cellSchool[added] !== s ? 1 : 0);
  if (size <= 1) return true;
  const start = added >= 0 ? added : zone.find((c) => c !== removed)!;
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const c = stack.pop()!;
    for (let k = problem.neighbourStart[c]; k < problem.neighbourStart[c + 1]; k++) {
      const m = problem.neighbours[k];
      if (!seen.has(m) && inZone(m)) {
        seen.add(m);
        stack.push(m);
      }
    }
  }
  return seen.size === size;
}

function touches(problem: ZoneDesignProblem, state: ZoneState, c: number, s: number): boolean {
  for (let k = problem.neighbourStart[c]; k < problem.neighbourStart[c + 1]; k++) if (state.cellSchool[problem.neighbours[k]] === s) return true;
  return false;
}

/**
 * Places cells the zones could not take by one ejection each: a cell joins a full zone it touches
 * when that zone hands one of its other cells (never its school's anchor) to a third zone the
 * handed cell touches and has room in; both zones stay one piece. Among the ways, the one adding
 * the least walking. Each success places the cell's pupils, so passes end.
 */
export function placeByEjection(problem: ZoneDesignProblem, state: ZoneState): void {
  const { pairStart, pairSchool, pairDistanceM, neighbourStart, neighbours, cells } = problem;
  const members = membersOf(problem, state);
  const distance = (c: number, s: number) => {
    const k = pairOf(problem, c, s);
    return k < 0 ? Infinity : pairDistanceM[k];
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let c = 0; c < cells.length; c++) {
      const w = cells[c].users;
      if (state.cellSchool[c] >= 0 || !(w > 0)) continue;
      const options: { cost: number; s1: number; b: number; s2: number }[] = [];
      for (let k = pairStart[c]; k < pairStart[c + 1]; k++) {
        const s1 = pairSchool[k];
        if (!touches(problem, state, c, s1)) continue;
        const deficit = state.load[s1] + w - state.limits[s1];
        if (deficit <= SEAT_EPS) {
          options.push({ cost: w * pairDistanceM[k], s1, b: -1, s2: -1 });
          continue;
        }
        for (const b of members[s1]) {
          if (b === problem.anchors[s1] || cells[b].users < deficit - SEAT_EPS) continue;
          for (let j = neighbourStart[b]; j < neighbourStart[b + 1]; j++) {
            const s2 = state.cellSchool[neighbours[j]];
            if (s2 < 0 || s2 === s1 || state.load[s2] + cells[b].users > state.limits[s2] + SEAT_EPS) continue;
            const d2 = distance(b, s2);
            if (d2 === Infinity) continue;
            options.push({ cost: w * pairDistanceM[k] + cells[b].users * (d2 - distance(b, s1)), s1, b, s2 });
          }
        }
      }
      options.sort((x, y) => x.cost - y.cost || x.s1 - y.s1 || x.b - y.b || x.s2 - y.s2);
      const chosen = options.find((o) => staysConnected(problem, state, o.s1, members[o.s1], o.b, c));
      if (!chosen) continue;
      if (chosen.b >= 0) move(problem, state, members, chosen.b, chosen.s2);
      move(problem, state, members, c, chosen.s1);
      changed = true;
    }
  }
}

/**
 * Shortens walks at the zones' edges: a cell moves to a touching zone whose school is nearer,
 * when that school has room and its own zone stays one piece without it (a school's anchor
 * stays). Nearest gain first in each pass; passes until none moves.
 */
export function shortenWalks(problem: ZoneDesignProblem, state: ZoneState): void {
  const { neighbourStart, neighbours, cells } = problem;
  const members = membersOf(problem, state);
  let changed = true;
  while (changed) {
    changed = false;
    for (let c = 0; c < cells.length; c++) {
      const a = state.cellSchool[c];
      const w = cells[c].users;
      if (a < 0 || !(w > 0) || problem.anchors[a] === c) continue;
      const here = problem.pairDistanceM[pairOf(problem, c, a)];
      let best = -1;
      let bestD = here;
      for (let k = neighbourStart[c]; k < neighbourStart[c + 1]; k++) {
        const b = state.cellSchool[neighbours[k]];
        if (b < 0 || b === a || state.load[b] + w > state.limits[b] + SEAT_EPS) continue;
        const p = pairOf(problem, c, b);
        if (p < 0) continue;
        const d = problem.pairDistanceM[p];
        if (d < bestD - 1e-9 || (d === bestD && best >= 0 && b < best)) {
          best = b;
          bestD = d;
        }
      }
      if (best < 0 || !staysConnected(problem, state, a, members[a], c, -1)) continue;
      move(problem, state, members, c, best);
      changed = true;
    }
  }
}

/**
 * Trades places at the zones' edges: a cell without a school takes the place of a cell of a zone
 * it touches (never the school's anchor) when that places more pupils, or as many with less
 * walking, within the seats and with the zone still one piece; the cell let go is then without a
 * school. Passes until no trade is made (each raises the pupils placed or lowers the walking).
 */
export function tradePlaces(problem: ZoneDesignProblem, state: ZoneState): void {
  const { pairStart, pairSchool, pairDistanceM, cells } = problem;
  const members = membersOf(problem, state);
  let changed = true;
  while (changed) {
    changed = false;
    for (let c = 0; c < cells.length; c++) {
      const w = cells[c].users;
      if (state.cellSchool[c] >= 0 || !(w > 0)) continue;
      let best: { s: number; b: number; gain: number; saving: number } | null = null;
      for (let k = pairStart[c]; k < pairStart[c + 1]; k++) {
        const s = pairSchool[k];
        if (!touches(problem, state, c, s)) continue;
        for (const b of members[s]) {
          const wb = cells[b].users;
          if (b === problem.anchors[s] || state.load[s] - wb + w > state.limits[s] + SEAT_EPS) continue;
          const gain = w - wb;
          const saving = wb * problem.pairDistanceM[pairOf(problem, b, s)] - w * pairDistanceM[k];
          const better = gain > SEAT_EPS || (gain >= -SEAT_EPS && saving > 1e-6);
          if (!better || (best && (gain < best.gain - SEAT_EPS || (Math.abs(gain - best.gain) <= SEAT_EPS && saving <= best.saving)))) continue;
          if (!staysConnected(problem, state, s, members[s], b, c)) continue;
          best = { s, b, gain, saving };
        }
      }
      if (!best) continue;
      move(problem, state, members, best.b, -1);
      move(problem, state, members, c, best.s);
      changed = true;
    }
  }
}
