import { describe, expect, it } from 'vitest';
import type { Evaluation, WhatIfUpdate } from '../../../src/core/index.ts';
import { applyUpdate, initialWhatIf, whatIfReducer, type EditorSite, type WhatIfState } from '../../../src/app/whatif/whatif-state.ts';
import { DEFAULT_ANALYSIS_SETTINGS, getStandard, standardSiteSize, type FacilityStandard } from '../../../src/core/index.ts';

const site = (id: string, lng: number): EditorSite => ({ id, lngLat: [lng, 34.7], seats: 900, classes: 20, locked: false });

function started(): WhatIfState {
  const s = whatIfReducer(initialWhatIf, { type: 'start', basis: DEFAULT_ANALYSIS_SETTINGS, sites: [] });
  return whatIfReducer(s, { type: 'started', session: s.session, sites: [], evaluation: { summary: {}, facilities: [], cells: [1, 2, 3], warnings: [] } as unknown as Evaluation });
}

describe('what-if editor state', () => {
  it('undoes and redoes edits, a whole drag as one step', () => {
    let s = whatIfReducer(started(), { type: 'replace-sites', sites: [site('P1', 113.6)] });
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
    s = whatIfReducer(s, { type: 'replace-sites', sites: [] });
    expect(s.redo).toEqual([]);
  });

  it('leaves no history for a press that did not move a site', () => {
    const s = whatIfReducer(started(), { type: 'replace-sites', sites: [site('P1', 113.6)] });
    expect(whatIfReducer(s, { type: 'drag-end', before: s.sites })).toBe(s);
  });

  it('applies updates in order and ignores an older one', () => {
    const base = started();
    const update = (revision: number, value: number): WhatIfUpdate =>
      ({ revision, summary: { coveragePct: value }, facilities: [], cells: [{ index: 1, cell: value }] }) as unknown as WhatIfUpdate;
    let s = whatIfReducer(base, { type: 'update', session: base.session, sites: [], update: update(1, 10) });
    expect(s.evaluation!.cells).toEqual([1, 10, 3]);
    expect(base.evaluation!.cells).toEqual([1, 2, 3]);
    s = whatIfReducer(s, { type: 'update', session: base.session, sites: [], update: update(0, 99) });
    expect(s.evaluation!.summary.coveragePct).toBe(10);
    expect(applyUpdate(s.evaluation!, update(2, 5)).cells).toEqual([1, 5, 3]);
  });

  it('ignores the answer to an earlier session', () => {
    const base = started();
    const restarted = whatIfReducer(base, { type: 'start', basis: DEFAULT_ANALYSIS_SETTINGS, sites: [] });
    const late = { summary: {}, facilities: [], cells: [], warnings: [] } as unknown as Evaluation;
    expect(whatIfReducer(restarted, { type: 'started', session: base.session, sites: [], evaluation: late })).toBe(restarted);
  });

  it('keeps a locked site where it is: no drag, no removal, no resize until it is unlocked', () => {
    let s = whatIfReducer(started(), { type: 'replace-sites', sites: [{ ...site('P1', 113.6), locked: true }, site('P2', 113.7)] });
    expect(whatIfReducer(s, { type: 'drag', id: 'P1', lngLat: [113.65, 34.7] })).toBe(s);
    expect(whatIfReducer(s, { type: 'remove-site', id: 'P1' })).toBe(s);
    expect(whatIfReducer(s, { type: 'change-site', id: 'P1', patch: { seats: 45, classes: 1 } })).toBe(s);
    expect(whatIfReducer(s, { type: 'remove-site', id: 'P2' }).sites.map((x) => x.id)).toEqual(['P1']);
    s = whatIfReducer(s, { type: 'change-site', id: 'P1', patch: { locked: false } });
    expect(whatIfReducer(s, { type: 'remove-site', id: 'P1' }).sites.map((x) => x.id)).toEqual(['P2']);
  });

  it('places a new school at the size cap in whole classes, not at 24 classes', () => {
    // Zhengzhou primary: cap 2,000 seats, 45 a class → ⌊2000 / 45⌋ = 44 classes, 44 × 45 = 1,980 seats.
    expect(standardSiteSize(getStandard('zhengzhou-2035', 'primary'))).toEqual({ seats: 1980, classes: 44 });
    const clinic: FacilityStandard = { ...getStandard('zhengzhou-2035', 'health_station'), classSize: null, maxSchoolSeats: 300 };
    expect(standardSiteSize(clinic)).toEqual({ seats: 300, classes: null });
    const s = whatIfReducer(started(), { type: 'add-site', lngLat: [113.6, 34.7], standard: getStandard('zhengzhou-2035', 'primary') });
    expect(s.sites).toEqual([{ id: 'P1', lngLat: [113.6, 34.7], seats: 1980, classes: 44, locked: false }]);
    expect(s.selectedId).toBe('P1');
  });
});
