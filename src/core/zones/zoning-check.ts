import type { ZoneDesignProblem } from './design-problem.ts';
import { pairOf } from './zone-repair.ts';

/** What breaks the zone rules in a zoning (a hand edit, or any assignment). Plain data; empty lists: none. */
export interface ZoningCheck {
  /** Schools above `maxUtilisation` × their seats. */
  overCapacity: { school: string; pupils: number; limit: number }[];
  /** Zones in more than one piece, with how many. */
  detached: { school: string; pieces: number }[];
  /** Cells given a school they may not go to (out of reach, or only across an arterial). */
  notAllowed: { cell: string; school: string }[];
}

/**
 * Checks a zoning given as each cell's school index (-1: none) against the design's rules: seats
 * (with `maxUtilisation`), one piece per zone (cells touching as the problem says), and the kept
 * pairs. What an editor shows after each move.
 */
export function checkZoning(problem: ZoneDesignProblem, cellSchool: Int32Array, maxUtilisation = 1): ZoningCheck {
  const pupils = new Float64Array(problem.schools.length);
  const notAllowed: ZoningCheck['notAllowed'] = [];
  cellSchool.forEach((s, c) => {
    if (s < 0) return;
    pupils[s] += problem.cells[c].users;
    if (pairOf(problem, c, s) < 0) notAllowed.push({ cell: problem.cells[c].id, school: problem.schools[s].id });
  });
  const overCapacity = problem.schools
    .map((school, s) => ({ school: school.id, pupils: pupils[s], limit: school.capacity * maxUtilisation }))
    .filter((o) => o.pupils > o.limit + 1e-7);
  const pieces = new Int32Array(problem.schools.length);
  const seen = new Uint8Array(cellSchool.length);
  for (let start = 0; start < cellSchool.length; start++) {
    const s = cellSchool[start];
    if (s < 0 || seen[start]) continue;
    pieces[s]++;
    seen[start] = 1;
    const stack = [start];
    while (stack.length > 0) {
      const c = stack.pop()!;
      for (let k = problem.neighbourStart[c]; k < problem.neighbourStart[c + 1]; k++) {
        const m = problem.neighbours[k];
        if (!seen[m] && cellSchool[m] === s) {
          seen[m] = 1;
          stack.push(m);
        }
      }
    }
  }
  const detached = problem.schools.map((school, s) => ({ school: school.id, pieces: pieces[s] })).filter((d) => d.pieces > 1);
  return { overCapacity, detached, notAllowed };
}
