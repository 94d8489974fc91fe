import { FACILITY_TYPES, PRESETS } from '../../core/index.ts';
import type { AnalysisParams } from '../analysis/analysis-state.ts';
import type { RecommendParams } from '../analysis/recommend-state.ts';
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
  analysis: AnalysisParams;
  recommend: RecommendParams;
  /** Proposed sites as edited (or recommended) when saved. */
  sites: EditorSite[];
  view: MapViewState | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

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
  const a = v.analysis;
  if (!isRecord(a) || !FACILITY_TYPES.includes(a.type as never)) fail('analysis.type must be one of ' + FACILITY_TYPES.join(', '));
  const analysis = a as Record<string, unknown>;
  if (!PRESETS.some((p) => p.id === analysis.presetId)) fail(`analysis.presetId '${String(analysis.presetId)}' is not a known preset`);
  if (!finite(analysis.growthFactor) || analysis.growthFactor < 0) fail('analysis.growthFactor must be a number ≥ 0');
  if (!['straight', 'network', 'network-no-arterial'].includes(String(analysis.distance))) fail('analysis.distance must be straight, network or network-no-arterial');
  if (!isRecord(analysis.overrides)) fail('analysis.overrides must be an object');
  for (const [k, n] of Object.entries(analysis.overrides as Record<string, unknown>)) {
    if (!['radiusM', 'usersPer1000', 'classSize', 'maxSchoolSeats'].includes(k) || !finite(n) || n < 0) fail(`analysis.overrides.${k} is not a usable standard value`);
  }
  if (!isRecord(v.recommend)) fail('recommend must be an object');
  if (!Array.isArray(v.sites)) fail('sites must be a list');
  (v.sites as unknown[]).forEach((s, i) => {
    if (!isRecord(s) || typeof s.id !== 'string' || !Array.isArray(s.lngLat) || !finite(s.lngLat[0]) || !finite(s.lngLat[1]) || !finite(s.seats) || s.seats <= 0) {
      fail(`sites[${i}] needs an id, lngLat [lon, lat] and seats > 0`);
    }
  });
  const view = v.view;
  if (view !== null && (!isRecord(view) || !Array.isArray(view.center) || !finite(view.center[0]) || !finite(view.center[1]) || !finite(view.zoom))) {
    fail('view must be null or { center: [lon, lat], zoom, bearing, pitch }');
  }
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
    analysis: analysis as unknown as AnalysisParams,
    recommend: v.recommend as unknown as RecommendParams,
    sites: (v.sites as EditorSite[]).map((s) => ({ id: s.id, lngLat: [s.lngLat[0], s.lngLat[1]], seats: s.seats, classes: s.classes ?? null, locked: s.locked === true })),
    view: view === null ? null : (view as unknown as MapViewState),
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
