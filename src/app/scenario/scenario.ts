import { validateAnalysisSettings, validateRecommendSettings, type AnalysisSettings, type RecommendSettings } from '../../core/index.ts';
import type { EditorSite } from '../whatif/whatif-state.ts';
import type { DistrictLayer } from '../data/district-data.ts';

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
  recommend: RecommendSettings;
  /** Proposed sites as edited (or recommended) when saved. */
  sites: EditorSite[];
  view: MapViewState | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A view the map can go to: a place on Earth, a zoom the map has, a bearing and a tilt it allows. */
function readView(view: unknown, fail: (what: string) => never): MapViewState {
  const shape = 'view must be null or { center: [lon, lat], zoom, bearing, pitch }';
  if (!isRecord(view) || !Array.isArray(view.center) || view.center.length !== 2) fail(shape);
  const v = view as Record<string, unknown>;
  const [lng, lat] = v.center as unknown[];
  const within = (x: unknown, lo: number, hi: number): x is number => finite(x) && x >= lo && x <= hi;
  if (!within(lng, -180, 180) || !within(lat, -85.05, 85.05)) fail(`view.center must be [lon −180…180, lat −85…85], got [${String(lng)}, ${String(lat)}]`);
  if (!within(v.zoom, 0, 24)) fail(`view.zoom must be between 0 and 24, got ${String(v.zoom)}`);
  const bearing = v.bearing === undefined ? 0 : v.bearing;
  const pitch = v.pitch === undefined ? 0 : v.pitch;
  if (!within(bearing, -360, 360)) fail(`view.bearing must be between −360 and 360, got ${String(bearing)}`);
  if (!within(pitch, 0, 85)) fail(`view.pitch must be between 0 and 85, got ${String(pitch)}`);
  return { center: [lng as number, lat as number], zoom: v.zoom as number, bearing: bearing as number, pitch: pitch as number };
}

/** Reads a scenario, naming the first thing that is wrong; JSON keys that could reach prototypes are dropped. */
export function parseScenario(text: string, file: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : v));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (!isRecord(value) || value.format !== SCENARIO_FORMAT) fail('not a Catchmap scenario (no "format": "catchmap-scenario")');
  const v = value as Record<string, unknown>;
  if (v.version !== SCENARIO_VERSION) fail(`scenario version ${String(v.version)} is not supported (expected ${SCENARIO_VERSION})`);
  const checked = <T,>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err));
    }
  };
  // Scenarios saved before the settings record was shared with the engine named the preset `presetId`.
  const a = v.analysis;
  const analysisIn = isRecord(a) && a.preset === undefined && typeof a.presetId === 'string' ? { ...a, preset: a.presetId } : a;
  const analysis = checked(() => validateAnalysisSettings(analysisIn, 'analysis'));
  const recommend = checked(() => validateRecommendSettings(v.recommend, 'recommend'));
  if (!Array.isArray(v.sites)) fail('sites must be a list');
  (v.sites as unknown[]).forEach((s, i) => {
    if (!isRecord(s) || typeof s.id !== 'string' || !Array.isArray(s.lngLat) || !finite(s.lngLat[0]) || !finite(s.lngLat[1]) || !finite(s.seats) || s.seats <= 0) {
      fail(`sites[${i}] needs an id, lngLat [lon, lat] and seats > 0`);
    }
  });
  const view = v.view === null || v.view === undefined ? null : readView(v.view, fail);
  const data = isRecord(v.data) ? v.data : {};
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    name: typeof v.name === 'string' ? v.name : file,
    savedAt: typeof v.savedAt === 'string' ? v.savedAt : '',
    data: {
      demoLayers: Array.isArray(data.demoLayers) ? (data.demoLayers.filter((l) => typeof l === 'string') as DistrictLayer[]) : [],
      files: Array.isArray(data.files) ? data.files.filter((f): f is string => typeof f === 'string') : [],
    },
    analysis,
    recommend,
    sites: (v.sites as EditorSite[]).map((s) => ({ id: s.id, lngLat: [s.lngLat[0], s.lngLat[1]], seats: s.seats, classes: s.classes ?? null, locked: s.locked === true })),
    view,
  };
}

/** Base64url of UTF-8 JSON: a scenario in a URL parameter. */
export function encodeScenario(scenario: Scenario): string {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeScenario(param: string): Scenario {
  let text: string;
  try {
    const binary = atob(param.replace(/-/g, '+').replace(/_/g, '/'));
    text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    throw new Error('share link: the scenario parameter is damaged');
  }
  return parseScenario(text, 'share link');
}

/** The layers a scenario came from that are not here now: loaded files the browser no longer has. */
export function missingFiles(scenario: Scenario, loadedFiles: readonly string[]): string[] {
  return scenario.data.files.filter((f) => !loadedFiles.includes(f));
}
