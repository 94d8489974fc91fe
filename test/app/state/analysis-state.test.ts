import { describe, expect, it } from 'vitest';
import { analysisReducer, initialAnalysis } from '../../../src/app/analysis/analysis-state.ts';
import type { Evaluation } from '../../../src/core/index.ts';

describe('analysis state', () => {
  it('ignores progress and results from a run that has been superseded', () => {
    let s = analysisReducer(initialAnalysis, { type: 'started', runId: 1 });
    s = analysisReducer(s, { type: 'started', runId: 2 });
    const stale = { summary: { type: 'primary' } } as Evaluation;
    expect(analysisReducer(s, { type: 'finished', runId: 1, result: stale, districtVersion: 1 })).toBe(s);
    expect(analysisReducer(s, { type: 'progress', runId: 1, progress: 0.5, message: 'x' })).toBe(s);
    const done = analysisReducer(s, { type: 'finished', runId: 2, result: stale, districtVersion: 1 });
    expect(done.status).toBe('done');
    expect(done.result).toBe(stale);
  });

  it('drops edited standard values when the facility type or preset changes', () => {
    let s = analysisReducer(initialAnalysis, { type: 'set-override', key: 'radiusM', value: 800 });
    expect(s.settings.overrides).toEqual({ radiusM: 800 });
    s = analysisReducer(s, { type: 'set-type', facilityType: 'junior' });
    expect(s.settings.overrides).toEqual({});
    s = analysisReducer(s, { type: 'set-override', key: 'usersPer1000', value: 40 });
    s = analysisReducer(s, { type: 'set-override', key: 'usersPer1000', value: undefined });
    expect(s.settings.overrides).toEqual({});
  });
});
