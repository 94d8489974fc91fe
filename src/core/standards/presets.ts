import { FACILITY_TYPES, type FacilityType } from '../schema.ts';
import { InputError } from '../errors.ts';
import { STANDARD_KEYS, standardValueError } from '../settings/bounds.ts';

/** The editable numbers of one facility type's standard. */
export interface StandardValues {
  /** Service radius in metres (straight line unless a network distance rule is used). */
  radiusM: number;
  /**
   * Users per 1,000 residents: pupils for schools; for clinics, patient visits a day (clinic
   * capacity is patient visits a day, so demand and capacity share a unit).
   */
  usersPer1000: number;
  /** Pupils per class; null for clinics, which have no classes. */
  classSize: number | null;
  /**
   * Capacity of one new facility of standard size: the school size cap in seats, or for clinics
   * the patient visits a day of a standard facility. Used to turn a shortfall into a count.
   */
  maxSchoolSeats: number;
}

export type StandardKey = keyof StandardValues;

/** One facility type's standard with the source of every value, shown in the UI. */
export interface FacilityStandard extends StandardValues {
  type: FacilityType;
  sources: Record<StandardKey, string>;
}

export interface StandardsPreset {
  id: string;
  name: string;
  description: string;
  standards: Record<FacilityType, FacilityStandard>;
}

const GB50099 = 'GB 50099-2011 §3.0.1 (class size)';
const HENAN_CAP = 'Henan 14th Five-Year Plan: new primary / junior schools ≤ 2,000 pupils';
const LIFE_CIRCLE_5 = 'GB 50180-2018 5-minute life circle (300 m)';
const LIFE_CIRCLE_10 = 'GB 50180-2018 10-minute life circle (≈ 500 m)';
const LIFE_CIRCLE_15 = 'GB 50180-2018 15-minute life circle (800–1,000 m)';
// Clinic demand: no standard publishes visits per resident; about 7 community-level visits per
// resident a year, split station 12 / centre 8 a day per 1,000 (the demo data assume the same).
const STATION_VISITS = 'estimate: 12 patient visits a day per 1,000 residents (≈ 4.4 a resident a year) (unconfirmed)';
const CENTRE_VISITS = 'estimate: 8 patient visits a day per 1,000 residents (≈ 2.9 a resident a year) (unconfirmed)';

function kindergarten(radiusSource: string): FacilityStandard {
  return {
    type: 'kindergarten',
    radiusM: 300,
    usersPer1000: 33,
    classSize: 30,
    maxSchoolSeats: 360,
    sources: {
      radiusM: radiusSource,
      usersPer1000: 'estimate: 3 age cohorts at the primary rate of 66 per 1,000 over 6 cohorts (unconfirmed)',
      classSize: 'estimate: mixed-age kindergarten class of 30 (small 25 / middle 30 / large 35) (unconfirmed)',
      maxSchoolSeats: 'estimate: 12 classes × 30, the usual largest kindergarten (unconfirmed)',
    },
  };
}

function clinics(stationRadiusM: number, stationRadiusSource: string): Pick<Record<FacilityType, FacilityStandard>, 'health_station' | 'health_centre'> {
  return {
    health_station: {
      type: 'health_station',
      radiusM: stationRadiusM,
      usersPer1000: 12,
      classSize: null,
      maxSchoolSeats: 100,
      sources: {
        radiusM: stationRadiusSource,
        usersPer1000: STATION_VISITS,
        classSize: 'not applicable to clinics',
        maxSchoolSeats: 'estimate: one station per 5,000–10,000 residents × 12 visits per 1,000 a day ≈ 60–120 visits a day (unconfirmed)',
      },
    },
    health_centre: {
      type: 'health_centre',
      radiusM: 1000,
      usersPer1000: 8,
      classSize: null,
      maxSchoolSeats: 600,
      sources: {
        radiusM: LIFE_CIRCLE_15,
        usersPer1000: CENTRE_VISITS,
        classSize: 'not applicable to clinics',
        maxSchoolSeats: 'estimate: one centre per 30,000–100,000 residents × 8 visits per 1,000 a day ≈ 240–800 visits a day (unconfirmed)',
      },
    },
  };
}

/** Built-in presets; values and sources from the planning-standards facts sheet. */
export const PRESETS: readonly StandardsPreset[] = [
  {
    id: 'zhengzhou-2035',
    name: 'Zhengzhou 2025–2035 (draft)',
    description: 'Zhengzhou education facility layout plan: 66 primary pupils per 1,000 residents, 500 m / 1,000 m radii.',
    standards: {
      kindergarten: kindergarten('Zhengzhou practice following the 5-minute life circle (300 m)'),
      primary: {
        type: 'primary',
        radiusM: 500,
        usersPer1000: 66,
        classSize: 45,
        maxSchoolSeats: 2000,
        sources: {
          radiusM: 'Zhengzhou layout plan 2014–2030: primary school radius 500 m',
          usersPer1000: 'Zhengzhou 2025–2035 draft plan target, as reported: 66 per 1,000',
          classSize: `${GB50099}; Zhengzhou cap 45`,
          maxSchoolSeats: HENAN_CAP,
        },
      },
      junior: {
        type: 'junior',
        radiusM: 1000,
        usersPer1000: 36,
        classSize: 50,
        maxSchoolSeats: 2000,
        sources: {
          radiusM: 'Zhengzhou layout plan 2014–2030: junior middle school radius 1,000 m',
          usersPer1000: 'estimate: 33–38 per 1,000 from the 0–14 share of 16.2 % (Zhengzhou 2019) (unconfirmed)',
          classSize: `${GB50099}; Zhengzhou cap 50`,
          maxSchoolSeats: HENAN_CAP,
        },
      },
      ...clinics(500, 'estimate: 10-minute walk; standards give 300–1,000 m (unconfirmed)'),
    },
  },
  {
    id: 'gb50180-2018',
    name: 'GB 50180-2018 (national)',
    description: 'National urban residential area planning standard: life-circle radii; rates typical of national practice.',
    standards: {
      kindergarten: kindergarten(LIFE_CIRCLE_5),
      primary: {
        type: 'primary',
        radiusM: 500,
        usersPer1000: 70,
        classSize: 45,
        maxSchoolSeats: 2000,
        sources: {
          radiusM: LIFE_CIRCLE_10,
          usersPer1000: 'typical national range 65–70 per 1,000; upper value (estimate)',
          classSize: GB50099,
          maxSchoolSeats: `${HENAN_CAP} (no national cap; unconfirmed)`,
        },
      },
      junior: {
        type: 'junior',
        radiusM: 1000,
        usersPer1000: 35,
        classSize: 50,
        maxSchoolSeats: 2000,
        sources: {
          radiusM: LIFE_CIRCLE_15,
          usersPer1000: 'estimate: 33–38 per 1,000 from a 0–14 share of about 16 % (unconfirmed)',
          classSize: GB50099,
          maxSchoolSeats: `${HENAN_CAP} (no national cap; unconfirmed)`,
        },
      },
      ...clinics(300, LIFE_CIRCLE_5),
    },
  },
];

export const DEFAULT_PRESET_ID = 'zhengzhou-2035';

export function presetIds(): string[] {
  return PRESETS.map((p) => p.id);
}

export function findPreset(id: string): StandardsPreset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new InputError('preset', `unknown preset '${id}'; known: ${presetIds().join(', ')}`);
  return preset;
}

/**
 * The standard for one facility type from a preset, with user overrides applied. An overridden
 * value's source says so, so the UI never shows a user's number as if it were the plan's.
 * Overrides must lie within STANDARD_BOUNDS; a class size may be null only for clinics.
 */
export function getStandard(
  presetId: string,
  type: FacilityType,
  overrides: Partial<StandardValues> = {},
): FacilityStandard {
  if (!FACILITY_TYPES.includes(type)) throw new InputError('type', `unknown facility type '${String(type)}'`);
  const base = findPreset(presetId).standards[type];
  const standard: FacilityStandard = { ...base, sources: { ...base.sources } };
  for (const key of STANDARD_KEYS) {
    const value = overrides[key];
    if (value === undefined) continue;
    const error = standardValueError(key, value, base[key]);
    if (error !== null) throw new InputError(key, error);
    (standard as Record<StandardKey, number | null>)[key] = value;
    standard.sources[key] = `user value (preset: ${base[key] ?? 'none'})`;
  }
  return standard;
}

/**
 * The size of one facility of standard size: for schools whole classes, ⌊maxSchoolSeats ÷
 * classSize⌋ classes of classSize (primary in zhengzhou-2035: ⌊2000 ÷ 45⌋ = 44 classes, 1,980
 * seats), at least one class; for clinics maxSchoolSeats visits a day and no classes. A new site
 * placed by hand starts at this size, and a facility whose capacity is assumed gets it.
 */
export function standardSiteSize(standard: Pick<StandardValues, 'classSize' | 'maxSchoolSeats'>): { seats: number; classes: number | null } {
  if (!standard.classSize) return { seats: standard.maxSchoolSeats, classes: null };
  const classes = Math.max(1, Math.floor(standard.maxSchoolSeats / standard.classSize));
  return { seats: classes * standard.classSize, classes };
}
