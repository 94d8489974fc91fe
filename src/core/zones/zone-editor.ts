import { InputError } from '../errors.ts';
import type { ZoneDesignProblem } from './design-problem.ts';
import { designFigures } from './design-zones.ts';
import type { ZoneFigures } from './zone-figures.ts';
import { zoneOutlines, type ZoneOutline } from './zone-outlines.ts';
import { zoningTotals, type ZoningTotals } from './zoning-totals.ts';
import { checkZoning, type ZoningCheck } from './zoning-check.ts';

/** What one hand edit (or its undoing) changed, and the zoning's figures after it. Plain data. */
export interface ZoneEditUpdate {
  /** The cells moved, each with its school now (a facility id, or null: in no zone). */
  changed: Record<string, string | null>;
  zones: ZoneFigures[];
  totals: ZoningTotals;
  /** What breaks the rules now: over capacity, zones in pieces, cells out of their school's reach. */
  check: ZoningCheck;
  /** The new outline of each zone the edit changed, by school id (null: no cell left). */
  outlines: Record<string, ZoneOutline | null>;
  /** Edits that can be undone. */
  undoSteps: number;
}

export interface ZoneEditor {
  /** Moves the cells of zone `from` (a school id; null: cells in no zone) whose point lies in `box` ([west, south, east, north]) to zone `to` (null: out of every zone). */
  moveBlock(box: readonly [number, number, number, number], from: string | null, to: string | null): ZoneEditUpdate;
  /** Moves the cells named to zone `to`. */
  moveCells(cellIds: readonly string[], to: string | null): ZoneEditUpdate;
  /** Takes back the last edit; null when there is none. */
  undo(): ZoneEditUpdate | null;
  /** Each cell's school now, by cell id. */
  assignment(): Record<string, string | null>;
  update(): ZoneEditUpdate;
}

/**
 * Hand editing of a zoning over a prepared design problem: blocks of cells move between zones,
 * each edit recomputes the figures (`designFigures`), the rule check (`checkZoning`) and the
 * outlines of the zones it touched only, and can be undone. An edit may break a rule; the check
 * says which, so the planner decides. `cellSchool`: each cell's school index (-1: none), copied.
 */
export function createZoneEditor(problem: ZoneDesignProblem, cellSchool: Int32Array, maxUtilisation = 1): ZoneEditor {
  const current = Int32Array.from(cellSchool);
  const history: { cells: Int32Array; before: Int32Array }[] = [];
  const schoolIndex = new Map(problem.schools.map((s, i) => [s.id, i]));
  const cellIndex = new Map(problem.cells.map((c, i) => [c.id, i]));
  const indexOf = (school: string | null, what: string): number => {
    if (school === null) return -1;
    const i = schoolIndex.get(school);
    if (i === undefined) throw new InputError(what, `no school '${school}' in the zoning`);
    return i;
  };
  const report = (cells: ArrayLike<number>, touched: Set<number>): ZoneEditUpdate => {
    const changed = Object.create(null) as Record<string, string | null>;
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      changed[problem.cells[c].id] = current[c] >= 0 ? problem.schools[current[c]].id : null;
    }
    // Only the touched zones are dissolved again: the others keep the outlines drawn.
    const masked = current.map((s) => (touched.has(s) ? s : -1));
    const all = touched.size > 0 ? zoneOutlines(problem, masked) : [];
    const outlines = Object.create(null) as Record<string, ZoneOutline | null>;
    for (const s of touched) if (s >= 0) outlines[problem.schools[s].id] = all[s];
    const zones = designFigures(problem, current);
    let unzoned = 0;
    current.forEach((s, c) => {
      if (s < 0) unzoned += problem.cells[c].users;
    });
    return { changed, zones, totals: zoningTotals(zones, unzoned), check: checkZoning(problem, current, maxUtilisation), outlines, undoSteps: history.length };
  };
  const apply = (cells: Int32Array, to: number): ZoneEditUpdate => {
    const before = cells.map((c) => current[c]);
    const touched = new Set<number>([to]);
    for (const s of before) touched.add(s);
    touched.delete(-1);
    for (const c of cells) current[c] = to;
    if (cells.length > 0) history.push({ cells, before });
    return report(cells, cells.length > 0 ? touched : new Set());
  };
  return {
    moveBlock(box, from, to) {
      const [w, s, e, n] = box;
      if (![w, s, e, n].every(Number.isFinite) || w > e || s > n) throw new InputError('box', `must be [west, south, east, north], got ${JSON.stringify(box)}`);
      const source = indexOf(from, 'from');
      const target = indexOf(to, 'to');
      const cells: number[] = [];
      if (source !== target) {
        problem.cells.forEach((cell, c) => {
          const [x, y] = cell.lngLat;
          if (current[c] === source && x >= w && x <= e && y >= s && y <= n) cells.push(c);
        });
      }
      return apply(Int32Array.from(cells), target);
    },
    moveCells(cellIds, to) {
      const target = indexOf(to, 'to');
      const cells = cellIds.map((id) => {
        const c = cellIndex.get(id);
        if (c === undefined) throw new InputError('cells', `no cell '${id}' in the zoning`);
        return c;
      });
      return apply(Int32Array.from(cells.filter((c) => current[c] !== target)), target);
    },
    undo() {
      const last = history.pop();
      if (!last) return null;
      const touched = new Set<number>();
      last.cells.forEach((c, k) => {
        touched.add(current[c]);
        touched.add(last.before[k]);
        current[c] = last.before[k];
      });
      touched.delete(-1);
      return report(last.cells, touched);
    },
    assignment() {
      const out = Object.create(null) as Record<string, string | null>;
      problem.cells.forEach((cell, c) => (out[cell.id] = current[c] >= 0 ? problem.schools[current[c]].id : null));
      return out;
    },
    update() {
      return report([], new Set());
    },
  };
}
