import {
  DEFAULT_ACCESS_SETTINGS,
  DEFAULT_ANALYSIS_SETTINGS,
  DEFAULT_RECOMMEND_SETTINGS,
  InputError,
  parseJson,
  STANDARD_BOUNDS,
  validateAccessSettings,
  validateAnalysisSettings,
  validateRecommendSettings,
  type AccessSettings,
  type AnalysisSettings,
  type RecommendSettings,
} from '../../core/index.ts';
import type { EditorSite } from '../whatif/whatif-state.ts';
import { DISTRICT_LAYERS, type DistrictLayer } from '../data/district-data.ts';

export const SCENARIO_FORMAT = 'catchmap-scenario';
export const SCENARIO_VERSION = 1;

export interface MapViewState {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

/**
 * Everything a planner set up, without the data itself: which files the layers came from, the
 * analysis and optimizer parameters, the proposed sites and the view. Saved as
 * `.catchmap.json`, autosaved, and (without the data references) carried by share links.
 */
export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  version: typeof SCENARIO_VERSION;
  name: string;
  savedAt: string;
  /** Layers still the demo's, and the files the others were loaded from. */
  data: { demoLayers: DistrictLayer[]; files: string[] };
  analysis: AnalysisSettings;
  /** The accessibility measure of step 3 (scenarios saved before it had one open with the default). */
  access: AccessSettings;
  recommend: RecommendSettings;
  /** Proposed sites as edited (or recommended) when saved. */
  sites: EditorSite[];
  view: MapViewState | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const own = (r: Record<string, unknown>, key: string): unknown => (Object.prototype.hasOwnProperty.call(r, key) ? r[key] : undefined);

/** The most a scenario may hold; beyond these it is not a planner's work but damage or an attack. */
export const SCENARIO_LIMITS = {
  /** Characters of the file or the decoded link. */
  chars: 4_000_000,
  sites: 2_000,
  /** Characters of the name, a site id, a file name. */
  text: 200,
  files: 100,
} as const;

/**
 * A part the scenario could not use, and why: shown as a notice, never applied. `part` is its
 * path: 'analysis', 'recommend.p', 'sites[3]', 'view', 'name'.
 */
export interface Dropped {
  part: string;
  reason: string;
}

class PartError extends Error {}
const bad = (what: string): never => {
  throw new PartError(what);
};
/** "view.zoom must be …" → { part: 'view', reason: the whole text }: the part is the path's first step (or site). */
const dropOf = (text: string): Dropped => ({ part: /^(sites\[\d+\]|recommend\.\w+|[a-z]+)/i.exec(text)?.[1] ?? 'scenario', reason: text });
const shown = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : Array.isArray(v) ? 'a list' : isRecord(v) ? 'an object' : String(v));

/** A view the map can go to: a place on Earth, a zoom the map has, a bearing and a tilt it allows. */
function readView(view: unknown): MapViewState {
  if (!isRecord(view)) return bad(`view must be null or { center: [lon, lat], zoom, bearing, pitch }, got ${shown(view)}`);
  const center = own(view, 'center');
  if (!Array.isArray(center) || center.length !== 2) return bad('view.center must be [lon, lat]');
  const [lng, lat] = center as unknown[];
  const within = (x: unknown, lo: number, hi: number): x is number => finite(x) && x >= lo && x <= hi;
  if (!within(lng, -180, 180) || !within(lat, -85, 85)) return bad(`view.center must be [lon −180…180, lat −85…85], got [${shown(lng)}, ${shown(lat)}]`);
  const zoom = own(view, 'zoom');
  if (!within(zoom, 0, 24)) return bad(`view.zoom must be between 0 and 24, got ${shown(zoom)}`);
  // Left out is level and north-up; null is not a number.
  const bearing = own(view, 'bearing') === undefined ? 0 : own(view, 'bearing');
  const pitch = own(view, 'pitch') === undefined ? 0 : own(view, 'pitch');
  if (!within(bearing, -360, 360)) return bad(`view.bearing must be between −360 and 360, got ${shown(bearing)}`);
  if (!within(pitch, 0, 85)) return bad(`view.pitch must be between 0 and 85, got ${shown(pitch)}`);
  return { center: [lng, lat], zoom, bearing, pitch };
}

/** One proposed site: an id, a place, seats (and classes) within what a school can have. */
function readSite(site: unknown, i: number): EditorSite {
  const where = `sites[${i}]`;
  if (!isRecord(site)) return bad(`${where} must be an object, got ${shown(site)}`);
  const id = own(site, 'id');
  if (typeof id !== 'string' || id === '' || id.length > SCENARIO_LIMITS.text) return bad(`${where}.id must be text of 1–${SCENARIO_LIMITS.text} characters, got ${shown(id)}`);
  const lngLat = own(site, 'lngLat');
  if (!Array.isArray(lngLat) || lngLat.length !== 2 || !finite(lngLat[0]) || !finite(lngLat[1]) || Math.abs(lngLat[0]) > 180 || Math.abs(lngLat[1]) > 90) {
    return bad(`${where}.lngLat must be [lon −180…180, lat −90…90]`);
  }
  const seats = own(site, 'seats');
  if (!finite(seats) || seats <= 0 || seats > STANDARD_BOUNDS.maxSchoolSeats.max) return bad(`${where}.seats must be above 0 and at most ${STANDARD_BOUNDS.maxSchoolSeats.max}, got ${shown(seats)}`);
  const classes = own(site, 'classes') ?? null;
  if (classes !== null && !(Number.isInteger(classes) && (classes as number) >= 1 && (classes as number) <= STANDARD_BOUNDS.maxSchoolSeats.max)) {
    return bad(`${where}.classes must be null or a whole number of at least 1, got ${shown(classes)}`);
  }
  return { id, lngLat: [lngLat[0], lngLat[1]], seats, classes: classes as number | null, locked: own(site, 'locked') === true };
}

/** The optimizer's settings field by field: a bad field is dropped (the default stays), the rest kept. */
function readRecommend(value: unknown, drop: (what: string) => void): RecommendSettings {
  // Only one field is bad at a time here: the rest of the probe record holds defaults.
  if (!isRecord(value)) {
    drop(`recommend must be an object, got ${shown(value)}`);
    return { ...DEFAULT_RECOMMEND_SETTINGS };
  }
  const out: RecommendSettings = { ...DEFAULT_RECOMMEND_SETTINGS };
  const fields = Object.keys(DEFAULT_RECOMMEND_SETTINGS) as (keyof RecommendSettings)[];
  for (const key of fields) {
    if (own(value, key) === undefined) continue;
    // The same validators as a whole record, asked about one field at a time.
    const probe = { ...DEFAULT_RECOMMEND_SETTINGS, [key]: own(value, key) };
    try {
      (out as unknown as Record<string, unknown>)[key] = validateRecommendSettings(probe, 'recommend')[key];
    } catch (err) {
      drop(err instanceof InputError ? `${err.source}: ${err.reason}` : String(err));
    }
  }
  return out;
}

/** A scenario and the parts of it that could not be used (each said in a notice, none applied). */
export interface ReadScenario {
  scenario: Scenario;
  dropped: Dropped[];
}

/**
 * Reads a scenario field by field: a file that is not a Catchmap scenario is refused (an Error
 * naming the file), but within one each part is checked alone — the analysis, each optimizer
 * setting, each site, the view, the name and data references — and a part that is wrong, or past
 * SCENARIO_LIMITS, is dropped and listed in `dropped` while the rest is kept. Unknown fields are
 * ignored; JSON keys that could reach prototypes are dropped.
 */
export function readScenario(text: string, file: string): ReadScenario {
  if (text.length > SCENARIO_LIMITS.chars) throw new Error(`${file}: the scenario is ${text.length.toLocaleString('en-US')} characters, more than a scenario holds (${SCENARIO_LIMITS.chars.toLocaleString('en-US')})`);
  let value: unknown;
  try {
    value = parseJson(text, file);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof InputError ? err.reason : String(err)})`);
  }
  if (!isRecord(value) || own(value, 'format') !== SCENARIO_FORMAT) throw new Error(`${file}: not a Catchmap scenario (no "format": "catchmap-scenario")`);
  const v = value;
  if (own(v, 'version') !== SCENARIO_VERSION) throw new Error(`${file}: scenario version ${shown(own(v, 'version'))} is not supported (expected ${SCENARIO_VERSION})`);
  const dropped: Dropped[] = [];
  const drop = (what: string) => dropped.push(dropOf(what));
  const part = <T,>(read: () => T, instead: T): T => {
    try {
      return read();
    } catch (err) {
      if (err instanceof PartError) drop(err.message);
      else if (err instanceof InputError) drop(`${err.source}: ${err.reason}`);
      else throw err;
      return instead;
    }
  };

  // Scenarios saved before the settings record was shared with the engine named the preset `presetId`.
  const a = own(v, 'analysis');
  const analysisIn = isRecord(a) && own(a, 'preset') === undefined && typeof own(a, 'presetId') === 'string' ? { ...a, preset: own(a, 'presetId') } : a;
  const analysis = part(() => validateAnalysisSettings(analysisIn, 'analysis'), { ...DEFAULT_ANALYSIS_SETTINGS });
  const rawAccess = own(v, 'access');
  const access = rawAccess === undefined ? { ...DEFAULT_ACCESS_SETTINGS } : part(() => validateAccessSettings(rawAccess, 'access'), { ...DEFAULT_ACCESS_SETTINGS });
  const recommend = readRecommend(own(v, 'recommend'), drop);

  const rawSites = own(v, 'sites') ?? [];
  const sites: EditorSite[] = [];
  if (!Array.isArray(rawSites)) drop(`sites must be a list, got ${shown(rawSites)}`);
  else {
    if (rawSites.length > SCENARIO_LIMITS.sites) drop(`sites: ${rawSites.length} sites, more than ${SCENARIO_LIMITS.sites}; the first ${SCENARIO_LIMITS.sites} kept`);
    rawSites.slice(0, SCENARIO_LIMITS.sites).forEach((s, i) => part(() => sites.push(readSite(s, i)), 0));
  }
  const rawView = own(v, 'view');
  const view = rawView === null || rawView === undefined ? null : part(() => readView(rawView), null);

  const rawName = own(v, 'name');
  const nameOk = typeof rawName === 'string' && rawName.length <= SCENARIO_LIMITS.text;
  if (rawName !== undefined && !nameOk) drop(`name must be text of at most ${SCENARIO_LIMITS.text} characters`);
  const savedAt = own(v, 'savedAt');
  const data = isRecord(own(v, 'data')) ? (own(v, 'data') as Record<string, unknown>) : {};
  const demoLayers = own(data, 'demoLayers');
  const files = own(data, 'files');
  const layerList = Array.isArray(demoLayers) ? demoLayers.filter((l): l is DistrictLayer => (DISTRICT_LAYERS as readonly unknown[]).includes(l)) : [];
  const fileList = Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.length <= SCENARIO_LIMITS.text).slice(0, SCENARIO_LIMITS.files) : [];
  return {
    scenario: {
      format: SCENARIO_FORMAT,
      version: SCENARIO_VERSION,
      name: nameOk ? rawName : file,
      savedAt: typeof savedAt === 'string' && savedAt.length <= 64 ? savedAt : '',
      data: { demoLayers: [...new Set(layerList)], files: fileList },
      analysis,
      access,
      recommend,
      sites,
      view,
    },
    dropped,
  };
}

/**
 * readScenario for callers that cannot say which parts were dropped (opening a file): a scenario
 * with any bad part is refused whole, naming the first, so nothing is applied unannounced.
 */
export function parseScenario(text: string, file: string): Scenario {
  return whole(readScenario(text, file), file);
}

function whole({ scenario, dropped }: ReadScenario, file: string): Scenario {
  if (dropped.length > 0) throw new Error(`${file}: ${dropped[0].reason}${dropped.length > 1 ? ` (and ${dropped.length - 1} more)` : ''}`);
  return scenario;
}

/** Base64url of UTF-8 JSON: a scenario in a URL parameter. */
export function encodeScenario(scenario: Scenario): string {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A share link's scenario parameter read as readScenario does (its parts checked one by one). */
export function readSharedScenario(param: string): ReadScenario {
  if (param.length > (SCENARIO_LIMITS.chars * 4) / 3 + 4) throw new Error('share link: the scenario parameter is too long to be a scenario');
  let text: string;
  try {
    const binary = atob(param.replace(/-/g, '+').replace(/_/g, '/'));
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    throw new Error('share link: the scenario parameter is damaged');
  }
  return readScenario(text, 'share link');
}



/** The layers a scenario came from that are not here now: loaded files the browser no longer has. */
export function missingFiles(scenario: Scenario, loadedFiles: readonly string[]): string[] {
  return scenario.data.files.filter((f) => !loadedFiles.includes(f));
}

/** A share link's scenario refused whole when any part is bad (see parseScenario). */
export function decodeScenario(param: string): Scenario {
  return whole(readSharedScenario(param), 'share link');
}
