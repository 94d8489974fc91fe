import { describe, expect, it } from 'vitest';
import { initialZones, zonesReducer, type ZonesState } from '../../../src/app/analysis/zones-state.ts';
import { initialAnalysis } from '../../../src/app/analysis/analysis-state.ts';
import type { ZoneEditUpdate } from '../../../src/core/index.ts';
import type { ZoneDesignView } from '../../../src/worker/engine-api.ts';

const square = (w: number) => ({ type: 'Polygon' as const, coordinates: [[[w, 0], [w + 1, 0], [w + 1, 1], [w, 1], [w, 0]]] });
const update = (outlines: ZoneEditUpdate['outlines'], undoSteps: number): ZoneEditUpdate => ({
  changed: {},
  zones: [],
  totals: { zones: 2, zonedPupils: 10, unzonedPupils: 0, pupilsWithoutSchool: 0, pupilsAboveSeats: 0, beyondRadiusPupils: 0, overCapacitySchools: 0, maxUtilisation: 1 },
  check: { overCapacity: [], detached: [], notAllowed: [] },
  outlines,
  undoSteps,
});
const view = { design: {}, outlines: { A: square(0), B: square(1) }, colours: { A: 0, B: 1 }, update: update({}, 0) } as unknown as ZoneDesignView;
const run = (state: ZonesState, ...actions: Parameters<typeof zonesReducer>[1][]) => actions.reduce(zonesReducer, state);

describe('zones state', () => {
  it('keeps only the answer of the latest design run', () => {
    const s = run(initialZones, { type: 'design-started', runId: 1 }, { type: 'design-started', runId: 2 }, { type: 'design-done', runId: 1, basis: initialAnalysis.settings, view });
    expect(s.design.status).toBe('running');
    const done = zonesReducer(s, { type: 'design-done', runId: 2, basis: initialAnalysis.settings, view });
    expect(done.design.result?.outlines).toEqual(view.outlines);
  });

  it('patches the outlines an edit touched and keeps the others; editing needs a design', () => {
    expect(zonesReducer(initialZones, { type: 'set-editing', on: true }).editing).toBe(false);
    const designed = run(initialZones, { type: 'design-started', runId: 1 }, { type: 'design-done', runId: 1, basis: initialAnalysis.settings, view }, { type: 'set-editing', on: true });
    expect(designed.editing).toBe(true);
    const edited = run(designed, { type: 'edit-sent' }, { type: 'edited', update: update({ B: square(5) }, 1) });
    expect(edited.pending).toBe(false);
    expect(edited.design.result?.outlines).toEqual({ A: square(0), B: square(5) });
    expect(edited.design.result?.update.undoSteps).toBe(1);
    // Nothing to undo: the design stays as it was.
    expect(zonesReducer(edited, { type: 'edited', update: null }).design.result).toBe(edited.design.result);
  });
});
