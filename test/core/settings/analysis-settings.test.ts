import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ANALYSIS_SETTINGS,
  DISTANCE_MODES,
  GROWTH_BOUNDS,
  InputError,
  readNumber,
  STANDARD_BOUNDS,
  STANDARD_KEYS,
  validateAnalysisSettings,
  type StandardValues,
} from '../../../src/core/index.ts';
import { FACILITY_TYPES, getStandard, PRESETS } from '../../../src/core/index.ts';

const radius = STANDARD_BOUNDS.radiusM;
const classSize = STANDARD_BOUNDS.classSize;

describe('readNumber', () => {
  it('reads decimal notation within the bounds, spaces around allowed', () => {
    expect(readNumber('800', radius)).toEqual({ ok: true, value: 800 });
    expect(readNumber(' 12 ', classSize)).toEqual({ ok: true, value: 12 });
    expect(readNumber('12.5', radius)).toEqual({ ok: true, value: 12.5 });
    expect(readNumber('+20000', radius)).toEqual({ ok: true, value: 20000 });
    expect(readNumber('.5', GROWTH_BOUNDS)).toEqual({ ok: true, value: 0.5 });
    expect(readNumber('1.', GROWTH_BOUNDS)).toEqual({ ok: true, value: 1 });
    expect(readNumber(0.01, GROWTH_BOUNDS)).toEqual({ ok: true, value: 0.01 });
    const zero = readNumber('-0', STANDARD_BOUNDS.usersPer1000);
    expect(zero.ok && Object.is(zero.value, 0)).toBe(true);
  });

  it('says what is wrong, in the exact words', () => {
    expect(readNumber('', radius)).toEqual({ ok: false, error: 'is empty' });
    expect(readNumber('  ', radius)).toEqual({ ok: false, error: 'is empty' });
    expect(readNumber('50800', radius)).toEqual({ ok: false, error: 'must be between 10 and 20,000' });
    expect(readNumber('-1', radius)).toEqual({ ok: false, error: 'must be between 10 and 20,000' });
    expect(readNumber('9.99', radius)).toEqual({ ok: false, error: 'must be between 10 and 20,000' });
    expect(readNumber('12.5', classSize)).toEqual({ ok: false, error: 'must be a whole number' });
    expect(readNumber('0', classSize)).toEqual({ ok: false, error: 'must be between 1 and 100' });
    expect(readNumber('0.001', GROWTH_BOUNDS)).toEqual({ ok: false, error: 'must be between 0.01 and 10' });
    for (const raw of ['1e3', '0x10', 'abc', 'Infinity', '-Infinity', 'NaN', '1,000', '12m', '1 2', '--1', '.']) {
      expect(readNumber(raw, radius), raw).toEqual({ ok: false, error: 'is not a number' });
    }
    expect(readNumber(NaN, radius)).toEqual({ ok: false, error: 'is not a number' });
    expect(readNumber(Infinity, radius)).toEqual({ ok: false, error: 'must be between 10 and 20,000' });
    // 400 digits are decimal notation, but no finite number.
    expect(readNumber('9'.repeat(400), radius)).toEqual({ ok: false, error: 'must be between 10 and 20,000' });
  });

  it('has bounds for every standard value, and every preset value lies within them', () => {
    expect([...STANDARD_KEYS]).toEqual(['radiusM', 'usersPer1000', 'classSize', 'maxSchoolSeats']);
    expect(Object.keys(STANDARD_BOUNDS).sort()).toEqual([...STANDARD_KEYS].sort());
    for (const preset of PRESETS) {
      for (const type of FACILITY_TYPES) {
        for (const key of STANDARD_KEYS) {
          const value = preset.standards[type][key];
          if (value === null) continue;
          expect(readNumber(value, STANDARD_BOUNDS[key]), `${preset.id} ${type} ${key}`).toEqual({ ok: true, value });
        }
      }
    }
  });
});

describe('validateAnalysisSettings', () => {
  const good = {
    type: 'junior',
    preset: 'gb50180-2018',
    overrides: { radiusM: 800, classSize: 40 },
    growthFactor: 1.2,
    distance: 'network',
    registration: { admission: 'registered-first', migrantShareOutsideVillages: 0.25 },
  };

  it('returns a fresh copy of a good record', () => {
    const out = validateAnalysisSettings(good);
    expect(out).toEqual(good);
    expect(out).not.toBe(good);
    expect(out.overrides).not.toBe(good.overrides);
    expect(validateAnalysisSettings(DEFAULT_ANALYSIS_SETTINGS)).toEqual({
      type: 'primary',
      preset: 'zhengzhou-2035',
      overrides: {},
      growthFactor: 1,
      distance: 'straight',
      registration: { admission: 'proportional' },
    });
    expect(DISTANCE_MODES).toEqual(['straight', 'network', 'network-no-arterial']);
  });

  it('names the path of each bad field, with the rule and the value', () => {
    const bad = (patch: Record<string, unknown>, where?: string) => () => validateAnalysisSettings({ ...good, ...patch }, where);
    const cases: [() => unknown, string][] = [
      [bad({ type: 'hospital' }), "analysis.type: must be one of kindergarten, primary, junior, health_station, health_centre, got 'hospital'"],
      [bad({ preset: 'mars' }), "analysis.preset: unknown preset 'mars'; known: zhengzhou-2035, gb50180-2018"],
      [bad({ preset: 7 }), 'analysis.preset: unknown preset 7; known: zhengzhou-2035, gb50180-2018'],
      [bad({ overrides: [] }), 'analysis.overrides: must be an object, got an array'],
      [bad({ overrides: { radiusM: 50800 } }), 'analysis.overrides.radiusM: must be between 10 and 20,000, got 50800'],
      [bad({ overrides: { radiusM: '800' } }), "analysis.overrides.radiusM: must be a number, got '800'"],
      [bad({ overrides: { usersPer1000: -1 } }), 'analysis.overrides.usersPer1000: must be between 0 and 1,000, got -1'],
      [bad({ overrides: { classSize: 40.5 } }), 'analysis.overrides.classSize: must be a whole number, got 40.5'],
      [bad({ overrides: { classSize: null } }), 'analysis.overrides.classSize: must be a number (only clinics, which have no classes, take null), got null'],
      [bad({ overrides: { maxSchoolSeats: NaN } }), 'analysis.overrides.maxSchoolSeats: is not a number, got NaN'],
      [bad({ growthFactor: 0 }), 'analysis.growthFactor: must be between 0.01 and 10, got 0'],
      [bad({ growthFactor: Infinity }), 'analysis.growthFactor: must be between 0.01 and 10, got Infinity'],
      [bad({ growthFactor: '1.2' }), "analysis.growthFactor: must be a number, got '1.2'"],
      [bad({ distance: 'drive' }), "analysis.distance: must be one of straight, network, network-no-arterial, got 'drive'"],
      [bad({ distance: undefined }), 'analysis.distance: is missing'],
      [bad({ overrides: { radiusM: 5 } }, 'scenario.analysis'), 'scenario.analysis.overrides.radiusM: must be between 10 and 20,000, got 5'],
      [() => validateAnalysisSettings(null), 'analysis: must be an object, got null'],
      [() => validateAnalysisSettings('primary', 'link'), "link: must be an object, got 'primary'"],
    ];
    for (const [run, message] of cases) {
      expect(run, message).toThrow(InputError);
      expect(run).toThrow(message);
    }
    // Each field is required: no silent defaults for a record that lost one.
    for (const key of ['type', 'preset', 'overrides', 'growthFactor', 'distance']) {
      const { [key]: _dropped, ...rest } = good as Record<string, unknown>;
      expect(() => validateAnalysisSettings(rest)).toThrow(`analysis.${key}: is missing`);
    }
  });

  it('lets a clinic have no class size, as its preset has none', () => {
    const clinic = validateAnalysisSettings({ ...good, type: 'health_station', overrides: { classSize: null } });
    expect(clinic.overrides).toEqual({ classSize: null });
  });

  it('drops unknown fields and unknown overrides', () => {
    const out = validateAnalysisSettings({ ...good, colour: 'red', overrides: { radiusM: 800, seats: 5, toString: 3 } });
    expect(out).toEqual({ ...good, overrides: { radiusM: 800 } });
    expect(Object.keys(out)).toEqual(['type', 'preset', 'overrides', 'growthFactor', 'distance', 'registration']);
  });

  it('reads the registration part: absent (an older scenario) is the default, a bad one is named', () => {
    const { registration: _absent, ...older } = good;
    expect(validateAnalysisSettings(older).registration).toEqual({ admission: 'proportional' });
    expect(validateAnalysisSettings({ ...good, registration: { admission: 'proportional' } }).registration).toEqual({ admission: 'proportional' });
    expect(() => validateAnalysisSettings({ ...good, registration: { admission: 'hukou' } })).toThrow('analysis.registration.admission');
    expect(() => validateAnalysisSettings({ ...good, registration: { admission: 'proportional', migrantShareOutsideVillages: 1.5 } })).toThrow('analysis.registration.migrantShareOutsideVillages');
    expect(() => validateAnalysisSettings({ ...good, registration: 'yes' })).toThrow('analysis.registration: must be an object');
  });

  it('takes nothing from __proto__ keys or prototypes, and pollutes nothing', () => {
    const parsed = JSON.parse(
      '{"type":"primary","preset":"zhengzhou-2035","growthFactor":1,"distance":"straight",' +
        '"__proto__":{"polluted":1,"type":"junior"},"constructor":{"prototype":{"polluted":2}},' +
        '"overrides":{"__proto__":{"polluted":3,"radiusM":5},"radiusM":600},' +
        '"registration":{"__proto__":{"polluted":4,"migrantShareOutsideVillages":0.5},"admission":"proportional"}}',
    );
    const out = validateAnalysisSettings(parsed);
    expect(out).toEqual({ type: 'primary', preset: 'zhengzhou-2035', overrides: { radiusM: 600 }, growthFactor: 1, distance: 'straight', registration: { admission: 'proportional' } });
    expect(Object.keys(out)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(out.overrides)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Fields inherited from a prototype are not fields of the record.
    const inherited = Object.create({ type: 'primary' }) as Record<string, unknown>;
    Object.assign(inherited, { preset: 'zhengzhou-2035', overrides: {}, growthFactor: 1, distance: 'straight' });
    expect(() => validateAnalysisSettings(inherited)).toThrow('analysis.type: is missing');
  });

  it('gives getStandard and the validator one rule: the same values refused for the same reason', () => {
    const reasonOf = (run: () => unknown): string | null => {
      try {
        run();
        return null;
      } catch (err) {
        return (err as InputError).reason;
      }
    };
    const overrides: Partial<StandardValues>[] = [
      { radiusM: 10 },
      { radiusM: 9.5 },
      { classSize: 100 },
      { classSize: 101 },
      { classSize: null },
      { usersPer1000: 0 },
      { maxSchoolSeats: 1.5 },
      { maxSchoolSeats: 20000 },
    ];
    const reasons = overrides.map((o) => {
      const standard = reasonOf(() => getStandard(good.preset, 'junior', o));
      expect(reasonOf(() => validateAnalysisSettings({ ...good, overrides: o })), JSON.stringify(o)).toBe(standard);
      return standard;
    });
    expect(reasons).toEqual([
      null,
      'must be between 10 and 20,000, got 9.5',
      null,
      'must be between 1 and 100, got 101',
      'must be a number (only clinics, which have no classes, take null), got null',
      null,
      'must be a whole number, got 1.5',
      null,
    ]);
  });
});
