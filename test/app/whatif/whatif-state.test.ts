import { describe, expect, it } from 'vitest';
import type { Evaluation, WhatIfUpdate } from '../../../src/core/index.ts';
import { applyUpdate, initialWhatIf, whatIfReducer, type EditorSite, type WhatIfState } from '../../../src/app/whatif/whatif-state.ts';
import { initialAnalysis } from '../../../src/app/analysis/analysis-state.ts';

const site = (id: string, lng: number): EditorSite => ({ id, lngLat: [lng, 34.7], seats: 900, classes: 20, locked: false });

function started(): WhatIfState {
  const s = whatIfReducer(initialWhatIf, { type: 'start', basis: initialAnalysis.params, sites: [] });
  return whatIfReducer(s, { type: 'started', evaluation: { summary: {}, facilities: [], cells: [1, 2, 3], warnings: [] } as unknown as Evaluation });
}

describe('what-if editor state', () => {
  it('undoes and redoes edits, a whole drag as one step', () => {
    let s = whatIfReducer(started(), { type: 'commit', sites: [site('P1', 113.6)] });
    expect(s.nextNumber).toBe(2);
    const beforeDrag = s.sites;
    s = whatIfReducer(s, { type: 'drag', id: 'P1', lngLat: [113.61, 34.7] });
    s = whatIfReducer(s, { type: 'drag', id: 'P1', lngLat: [113.62, 34.7] });
    s = whatIfReducer(s, { type: 'drag-end', before: beforeDrag });
    expect(s.sites[0].lngLat).toEqual([113.62, 34.7]);
    expect(s.undo).toHaveLength(2);
    s = whatIfReducer(s, { type: 'undo' });
    expect(s.sites).toBe(beforeDrag);
    s = whatIfReducer(s, { type: 'undo' });
    expect(s.sites).toEqual([]);
    expect(whatIfReducer(s, { type: 'undo' })).toBe(s);
    s = whatIfReducer(s, { type: 'redo' });
    expect(s.sites).toBe(beforeDrag);
    s = whatIfReducer(s, { type: 'commit', sites: [] });
    expect(s.redo).toEqual([]);
  });

  it('leaves no history for a press that did not move a site', () => {
    const s = whatIfReducer(started(), { type: 'commit', sites: [site('P1', 113.6)] });
    expect(whatIfReducer(s, { type: 'drag-end', before: s.sites })).toBe(s);
  });

  it('applies updates in order and ignores an older one', () => {
    const base = started();
    const update = (revision: number, value: number): WhatIfUpdate =>
      ({ revision, summary: { coveragePct: value }, facilities: [], cells: [{ index: 1, cell: value }] }) as unknown as WhatIfUpdate;
    let s = whatIfReducer(base, { type: 'update', update: update(1, 10) });
    expect(s.evaluation!.cells).toEqual([1, 10, 3]);
    expect(base.evaluation!.cells).toEqual([1, 2, 3]);
    s = whatIfReducer(s, { type: 'update', update: update(0, 99) });
    expect(s.evaluation!.summary.coveragePct).toBe(10);
    expect(applyUpdate(s.evaluation!, update(2, 5)).cells).toEqual([1, 5, 3]);
  });
});
