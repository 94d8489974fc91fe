import { describe, expect, it } from 'vitest';
import { FACILITY_TYPES, getStandard, PRESETS, findPreset, standardSiteSize } from '../../../src/core/index.ts';

describe('standards presets', () => {
  it('carries the Zhengzhou primary standard', () => {
    const s = getStandard('zhengzhou-2035', 'primary');
    expect([s.radiusM, s.usersPer1000, s.classSize, s.maxSchoolSeats]).toEqual([500, 66, 45, 2000]);
    const j = getStandard('zhengzhou-2035', 'junior');
    expect([j.radiusM, j.classSize]).toEqual([1000, 50]);
    expect(j.usersPer1000).toBeGreaterThanOrEqual(33);
    expect(j.usersPer1000).toBeLessThanOrEqual(38);
    expect(j.sources.usersPer1000).toMatch(/estimate|unconfirmed/);
    expect(getStandard('zhengzhou-2035', 'kindergarten').radiusM).toBe(300);
  });

  it('has both named presets, every type, and a source for every value', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(expect.arrayContaining(['zhengzhou-2035', 'gb50180-2018']));
    for (const preset of PRESETS) {
      for (const type of FACILITY_TYPES) {
        const s = preset.standards[type];
        expect(s.type).toBe(type);
        for (const key of ['radiusM', 'usersPer1000', 'classSize', 'maxSchoolSeats'] as const) {
          expect(s.sources[key].length, `${preset.id} ${type} ${key}`).toBeGreaterThan(5);
        }
        expect(s.radiusM).toBeGreaterThan(0);
        expect(s.maxSchoolSeats).toBeGreaterThan(0);
      }
      expect(preset.standards.health_station.classSize).toBeNull();
    }
  });

  it('applies overrides without touching the preset, and says the value is the user’s', () => {
    const s = getStandard('zhengzhou-2035', 'primary', { radiusM: 800, usersPer1000: 70 });
    expect(s.radiusM).toBe(800);
    expect(s.usersPer1000).toBe(70);
    expect(s.sources.radiusM).toMatch(/user value \(preset: 500\)/);
    expect(s.sources.classSize).toMatch(/GB 50099/);
    expect(findPreset('zhengzhou-2035').standards.primary.radiusM).toBe(500);
  });

  it('rejects unknown presets and non-positive values', () => {
    expect(() => getStandard('nope', 'primary')).toThrow(/unknown preset 'nope'.*zhengzhou-2035/);
    // The checks are STANDARD_BOUNDS, the same rule the settings validator and the CLI apply.
    expect(() => getStandard('zhengzhou-2035', 'primary', { radiusM: -5 })).toThrow('radiusM: must be between 10 and 20,000, got -5');
    expect(() => getStandard('zhengzhou-2035', 'primary', { classSize: 12.5 })).toThrow('classSize: must be a whole number, got 12.5');
    expect(() => getStandard('zhengzhou-2035', 'primary', { usersPer1000: 1001 })).toThrow('usersPer1000: must be between 0 and 1,000, got 1001');
    // A class size of null only where the preset has none (clinics).
    expect(() => getStandard('zhengzhou-2035', 'primary', { classSize: null })).toThrow(/classSize: must be a number \(only clinics/);
    const clinic = getStandard('zhengzhou-2035', 'health_station', { classSize: null });
    expect([clinic.classSize, clinic.sources.classSize]).toEqual([null, 'user value (preset: none)']);
    expect(() => getStandard('zhengzhou-2035', 'primary', { classSize: NaN })).toThrow(/classSize/);
    expect(getStandard('zhengzhou-2035', 'primary', { usersPer1000: 0 }).usersPer1000).toBe(0);
  });

  it('standardSiteSize: whole classes under the size cap for schools, the cap for clinics', () => {
    // ⌊2000 / 45⌋ = 44 classes of 45 = 1,980 seats.
    expect(standardSiteSize(getStandard('zhengzhou-2035', 'primary'))).toEqual({ seats: 1980, classes: 44 });
    // ⌊360 / 30⌋ = 12 classes of 30 = 360.
    expect(standardSiteSize(getStandard('zhengzhou-2035', 'kindergarten'))).toEqual({ seats: 360, classes: 12 });
    expect(standardSiteSize({ classSize: 50, maxSchoolSeats: 1999 })).toEqual({ seats: 1950, classes: 39 });
    // At least one class even when a class is larger than the cap.
    expect(standardSiteSize({ classSize: 45, maxSchoolSeats: 30 })).toEqual({ seats: 45, classes: 1 });
    const station = getStandard('zhengzhou-2035', 'health_station');
    expect(standardSiteSize(station)).toEqual({ seats: station.maxSchoolSeats, classes: null });
  });
});
