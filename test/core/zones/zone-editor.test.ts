import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createZoneEditor, designZones, prepareZoneDesign, type ZoneDesignProblem, type ZoneEditUpdate } from '../../../src/core/index.ts';

const IN = join(import.meta.dirname, '..', '..', 'fixtures', 'zones', 'design');
const read = (name: string): unknown => JSON.parse(readFileSync(join(IN, `${name}.geojson`), 'utf8'));

/*
 * The 'row' fixture (see design-zones.test.ts): cells r0…r4 of 0.001° in a row on the equator
 * (r_i from lon 10.000 + 0.001 i), 66 pupils each, and 'far' out of reach; S1 (198 seats) stands
 * in r0, S2 (66 seats) in r3. Designed: S1 {r0, r1, r2}, S2 {r3}; r4 and far in no zone.
 */
async function editorOf(): Promise<{ problem: ZoneDesignProblem; cellSchool: Int32Array }> {
  const problem = prepareZoneDesign({ population: read('row-population'), facilities: read('row-schools') }, { type: 'primary' });
  const design = await designZones(problem, { mode: 'fast' });
  const index = new Map(problem.schools.map((s, i) => [s.id, i]));
  return { problem, cellSchool: Int32Array.from(problem.cells.map((c) => (design.assignment[c.id] === null ? -1 : index.get(design.assignment[c.id]!)!))) };
}
const pupilsOf = (u: ZoneEditUpdate) => Object.fromEntries(u.zones.map((z) => [z.id, Math.round(z.pupils)]));
// A box around a cell's centre: r_i's centre is at lon 10.0005 + 0.001 i, lat 0.0005.
const around = (i: number): [number, number, number, number] => [10.0004 + 0.001 * i, 0.0004, 10.0006 + 0.001 * i, 0.0006];

describe('createZoneEditor', () => {
  it('moves a block from one zone to another: figures, the rule check and the two outlines follow', async () => {
    const { problem, cellSchool } = await editorOf();
    const editor = createZoneEditor(problem, cellSchool);
    const start = editor.update();
    expect(pupilsOf(start)).toEqual({ S1: 198, S2: 66 });
    // r4 and far: 132 pupils in no zone; nobody above seats.
    expect(start.totals).toMatchObject({ zonedPupils: 264, unzonedPupils: 132, pupilsAboveSeats: 0, overCapacitySchools: 0 });

    // r2 (S1) dragged into S2: S2 holds 132 pupils for 66 seats.
    const moved = editor.moveBlock(around(2), 'S1', 'S2');
    expect(moved.changed).toEqual({ r2: 'S2' });
    expect(pupilsOf(moved)).toEqual({ S1: 132, S2: 132 });
    expect(moved.totals).toMatchObject({ pupilsAboveSeats: 66, overCapacitySchools: 1, maxUtilisation: 2 });
    expect(moved.check.overCapacity.map((o) => [o.school, Math.round(o.pupils), o.limit])).toEqual([['S2', 132, 66]]);
    expect(moved.check.detached).toEqual([]);
    // Only the zones touched are dissolved again: S1 is r0–r1 (0.002° wide), S2 r2–r3.
    expect(Object.keys(moved.outlines).sort()).toEqual(['S1', 'S2']);
    const width = (g: unknown) => {
      const xs = (g as { coordinates: number[][][] }).coordinates[0].map((p) => p[0]);
      return [Math.min(...xs), Math.max(...xs)];
    };
    expect(width(moved.outlines.S1)).toEqual([10, 10.002]);
    expect(width(moved.outlines.S2)).toEqual([10.002, 10.004]);
    expect(moved.undoSteps).toBe(1);
  });

  it('says when an edit cuts a zone in two, and a box takes only the cells of the zone it starts in', async () => {
    const { problem, cellSchool } = await editorOf();
    const editor = createZoneEditor(problem, cellSchool);
    // A box over r1…r3 from S1: r1 and r2 move (r3 is S2's already).
    expect(editor.moveBlock([10.0014, 0.0004, 10.0036, 0.0006], 'S1', 'S2').changed).toEqual({ r1: 'S2', r2: 'S2' });
    editor.undo();
    // r1 alone to S2: S1 is r0 + r2 and S2 is r1 + r3, each in two pieces.
    const cut = editor.moveBlock(around(1), 'S1', 'S2');
    expect(cut.check.detached).toEqual([
      { school: 'S1', pieces: 2 },
      { school: 'S2', pieces: 2 },
    ]);
  });

  it('puts unzoned cells into a zone, names cells out of reach, and undoes edit by edit', async () => {
    const { problem, cellSchool } = await editorOf();
    const editor = createZoneEditor(problem, cellSchool);
    expect(editor.undo()).toBeNull();
    // 'far' (5.5 km from S2) into S2: allowed by hand, but out of reach.
    const far = editor.moveCells(['far'], 'S2');
    expect(far.check.notAllowed).toEqual([{ cell: 'far', school: 'S2' }]);
    const r4 = editor.moveBlock(around(4), null, 'S2');
    expect(r4.changed).toEqual({ r4: 'S2' });
    expect(r4.totals.unzonedPupils).toBe(0);
    expect(r4.undoSteps).toBe(2);
    expect(editor.undo()!.changed).toEqual({ r4: null });
    const back = editor.undo()!;
    expect(back.changed).toEqual({ far: null });
    expect(back.undoSteps).toBe(0);
    expect(editor.assignment()).toEqual({ r0: 'S1', r1: 'S1', r2: 'S1', r3: 'S2', r4: null, far: null });
  });

  it('refuses a school or cell the zoning does not have, naming it', async () => {
    const { problem, cellSchool } = await editorOf();
    const editor = createZoneEditor(problem, cellSchool);
    expect(() => editor.moveBlock(around(1), 'S1', 'S9')).toThrow("no school 'S9' in the zoning");
    expect(() => editor.moveCells(['r9'], 'S1')).toThrow("no cell 'r9' in the zoning");
  });
});
