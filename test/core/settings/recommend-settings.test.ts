import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECOMMEND_SETTINGS,
  InputError,
  RECOMMEND_BOUNDS,
  RECOMMEND_MODELS,
  readNumber,
  recommendOptionsOf,
  validateRecommendSettings,
} from '../../../src/core/index.ts';

describe('recommend settings', () => {
  it('has the defaults the app starts from', () => {
    expect(DEFAULT_RECOMMEND_SETTINGS).toEqual({ model: 'cmclp', p: 8, targetPct: 90, candidateSpacingM: 250, solver: 'heuristic', iterations: 2, timeLimitS: 30 });
    expect(RECOMMEND_MODELS).toEqual(['cmclp', 'mclp', 'lscp', 'pmedian', 'pcenter']);
    expect(validateRecommendSettings(DEFAULT_RECOMMEND_SETTINGS)).toEqual(DEFAULT_RECOMMEND_SETTINGS);
    expect(validateRecommendSettings(DEFAULT_RECOMMEND_SETTINGS)).not.toBe(DEFAULT_RECOMMEND_SETTINGS);
  });

  it('bounds each number as the form reads it', () => {
    expect(readNumber('500', RECOMMEND_BOUNDS.p)).toEqual({ ok: true, value: 500 });
    expect(readNumber('501', RECOMMEND_BOUNDS.p)).toEqual({ ok: false, error: 'must be between 1 and 500' });
    expect(readNumber('2.5', RECOMMEND_BOUNDS.p)).toEqual({ ok: false, error: 'must be a whole number' });
    expect(readNumber('0', RECOMMEND_BOUNDS.iterations)).toEqual({ ok: true, value: 0 });
    expect(readNumber('99.5', RECOMMEND_BOUNDS.targetPct)).toEqual({ ok: true, value: 99.5 });
    expect(readNumber('49', RECOMMEND_BOUNDS.candidateSpacingM)).toEqual({ ok: false, error: 'must be between 50 and 5,000' });
    expect(readNumber('3601', RECOMMEND_BOUNDS.timeLimitS)).toEqual({ ok: false, error: 'must be between 1 and 3,600' });
  });

  it('refuses a missing or wrong field, naming it: there are no defaults in validation', () => {
    const d = DEFAULT_RECOMMEND_SETTINGS;
    const bad = (patch: Record<string, unknown>) => () => validateRecommendSettings({ ...d, ...patch });
    const cases: [() => unknown, string][] = [
      [bad({ model: 'cpmedian' }), "recommend.model: must be one of cmclp, mclp, lscp, pmedian, pcenter, got 'cpmedian'"],
      [bad({ p: 0 }), 'recommend.p: must be between 1 and 500, got 0'],
      [bad({ p: 2.5 }), 'recommend.p: must be a whole number, got 2.5'],
      [bad({ p: '8' }), "recommend.p: must be a number, got '8'"],
      [bad({ targetPct: 0.9 }), 'recommend.targetPct: must be between 1 and 100, got 0.9'],
      [bad({ candidateSpacingM: 10 }), 'recommend.candidateSpacingM: must be between 50 and 5,000, got 10'],
      [bad({ solver: 'milp' }), "recommend.solver: must be one of heuristic, exact, got 'milp'"],
      [bad({ iterations: 51 }), 'recommend.iterations: must be between 0 and 50, got 51'],
      [bad({ timeLimitS: 0 }), 'recommend.timeLimitS: must be between 1 and 3,600, got 0'],
      [bad({ timeLimitS: undefined }), 'recommend.timeLimitS: is missing'],
      [() => validateRecommendSettings([], 'scenario.recommend'), 'scenario.recommend: must be an object, got an array'],
    ];
    for (const [run, message] of cases) {
      expect(run, message).toThrow(InputError);
      expect(run).toThrow(message);
    }
    for (const key of Object.keys(d)) {
      const { [key]: _dropped, ...rest } = d as unknown as Record<string, unknown>;
      expect(() => validateRecommendSettings(rest)).toThrow(`recommend.${key}: is missing`);
    }
  });

  it('drops unknown fields and takes nothing from __proto__', () => {
    const parsed = JSON.parse(
      '{"model":"lscp","p":3,"targetPct":85,"candidateSpacingM":300,"solver":"exact","iterations":0,"timeLimitS":60,' +
        '"locked":[],"__proto__":{"polluted":1,"model":"mclp"}}',
    );
    const out = validateRecommendSettings(parsed);
    expect(out).toEqual({ model: 'lscp', p: 3, targetPct: 85, candidateSpacingM: 300, solver: 'exact', iterations: 0, timeLimitS: 60 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns the settings into the optimizer options: the LSCP target as a share', () => {
    expect(recommendOptionsOf(DEFAULT_RECOMMEND_SETTINGS)).toEqual({
      model: 'cmclp',
      p: 8,
      target: 0.9,
      candidateSpacingM: 250,
      solver: 'heuristic',
      iterations: 2,
      timeLimitS: 30,
    });
    expect(recommendOptionsOf({ ...DEFAULT_RECOMMEND_SETTINGS, model: 'lscp', targetPct: 100 }).target).toBe(1);
    expect(recommendOptionsOf({ ...DEFAULT_RECOMMEND_SETTINGS, targetPct: 75 }).target).toBe(0.75);
  });
});
