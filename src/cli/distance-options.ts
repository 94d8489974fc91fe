import {
  DEFAULT_MAX_SNAP_M,
  InputError,
  networkDistance,
  readCrossingPoints,
  readNumber,
  type InputWarning,
  type LngLat,
  type NetworkDistance,
} from '../core/index.ts';
import type { LoadOptions } from '../core/io/index.ts';
import type { LayerChoice } from './mapping-options.ts';
import { readFeatureCollection } from './read-file.ts';

/** The options `evaluate` and `solve` accept for walking-network distance. */
export const DISTANCE_OPTIONS = {
  distance: { type: 'string' },
  roads: { type: 'string' },
  'no-cross': { type: 'string' },
  crossings: { type: 'string' },
  'cross-every': { type: 'string' },
  'snap-m': { type: 'string' },
  'join-m': { type: 'string' },
} as const;

export const DISTANCE_OPTIONS_USAGE = `  --distance KIND     straight (great-circle, the default) or network (walking along --roads)
  --roads FILE        road lines with a \`class\` (arterial, secondary, local); crossings are
                      shared vertices
  --no-cross CLASS    roads of this class (e.g. arterial; several: a,b) are walked along but
                      crossed only at crossings
  --crossings FILE    points with a \`crossing\` property (OSM style) where they may be crossed
  --cross-every N     also let them be crossed at every Nth junction along each road
  --snap-m M          points farther than M metres from every road are unreachable (default ${DEFAULT_MAX_SNAP_M})
  --join-m M          road ends closer than M metres are joined (default 2)`;

type DistanceValues = { [K in keyof typeof DISTANCE_OPTIONS]?: string };

/** A non-negative number (or a whole number ≥ 1) in decimal notation, like every number the CLI reads. */
function metres(name: string, raw: string | undefined, usage: (m: string) => Error, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const read = readNumber(raw, { min: integer ? 1 : 0, max: Number.MAX_VALUE, integer });
  if (!read.ok) throw usage(`--${name} must be a ${integer ? 'whole number ≥ 1' : 'number ≥ 0'}, got '${raw}'`);
  return read.value;
}

/**
 * Reads `--distance network --roads FILE …` into a network distance (built by the engine's
 * `networkDistance`), or null for straight-line distance. Network options without
 * `--distance network` are a usage error, not ignored. `roadsChoice`: the user's field mapping
 * for the roads (`--field class=COLUMN`).
 */
export async function readNetworkDistance(
  values: DistanceValues,
  load: LoadOptions,
  usage: (message: string) => Error,
  roadsChoice?: LayerChoice,
): Promise<NetworkDistance | null> {
  const kind = values.distance ?? 'straight';
  if (kind !== 'straight' && kind !== 'network') throw usage(`--distance must be straight or network, got '${kind}'`);
  const networkOnly = (['roads', 'no-cross', 'crossings', 'cross-every', 'snap-m', 'join-m'] as const).filter((k) => values[k] !== undefined);
  if (kind === 'straight') {
    if (networkOnly.length > 0) throw usage(`--${networkOnly[0]} needs --distance network`);
    return null;
  }
  if (!values.roads) throw usage('--distance network needs --roads FILE');
  if ((values.crossings !== undefined || values['cross-every'] !== undefined) && values['no-cross'] === undefined) {
    throw usage('--crossings and --cross-every need --no-cross CLASS');
  }
  const maxSnapM = metres('snap-m', values['snap-m'], usage) ?? DEFAULT_MAX_SNAP_M;
  const joinToleranceM = metres('join-m', values['join-m'], usage);
  const everyNthJunction = metres('cross-every', values['cross-every'], usage, true);
  const noCross = values['no-cross']?.split(',').map((c) => c.trim()).filter((c) => c !== '');

  // File-reading warnings first (roads, then crossings), then the network's own.
  const fileWarnings: InputWarning[] = [];
  const roads = await readFeatureCollection(values.roads, load, roadsChoice, usage);
  fileWarnings.push(...roads.loaded.warnings);
  let crossings: LngLat[] | undefined;
  if (values.crossings !== undefined) {
    const layer = await readFeatureCollection(values.crossings, load);
    const read = readCrossingPoints(layer.collection, values.crossings);
    fileWarnings.push(...layer.loaded.warnings, ...read.warnings);
    crossings = read.points;
  }
  let built: NetworkDistance;
  try {
    built = networkDistance(roads.collection, {
      roadsSource: values.roads,
      noCross,
      crossings,
      crossingsSource: values.crossings,
      everyNthJunction,
      maxSnapM,
      joinToleranceM,
    });
  } catch (err) {
    // The engine names its option; on the command line it is --no-cross.
    if (err instanceof InputError && err.source === 'noCross') throw usage(`--no-cross ${err.reason.replace(/got '[^']*'$/, `got '${values['no-cross']}'`)}`);
    throw err;
  }
  return {
    ...built,
    warnings: (demandName, sources) => [...fileWarnings, ...built.warnings(demandName, sources)],
  };
}
