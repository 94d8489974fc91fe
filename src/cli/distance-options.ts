import {
  buildRoadGraph,
  DEFAULT_MAX_SNAP_M,
  networkRule,
  readCrossingPoints,
  walkNetwork,
  type BarrierOptions,
  type InputWarning,
  type LngLat,
  type NetworkRule,
} from '../core/index.ts';
import type { LoadOptions } from '../core/io/index.ts';
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

/** The walking network chosen on the command line, built once. */
export interface NetworkDistance {
  /** One line for the report: the network and the barrier rule. */
  description: string;
  /** The distance-rule factory for `evaluate` / `buildProblem`. */
  rule(points: readonly LngLat[]): NetworkRule;
  /** Skipped roads and crossings, and points too far from every road (by the last rule built). */
  warnings(demandName: (index: number) => string, sources: { demand: string; sites: string }): InputWarning[];
}

function metres(name: string, raw: string | undefined, usage: (m: string) => Error, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && (!Number.isInteger(value) || value < 1))) {
    throw usage(`--${name} must be a ${integer ? 'whole number ≥ 1' : 'number ≥ 0'}, got '${raw}'`);
  }
  return value;
}

/**
 * Reads `--distance network --roads FILE …` into a network distance, or null for straight-line
 * distance. Network options without `--distance network` are a usage error, not ignored.
 */
export async function networkDistance(values: DistanceValues, load: LoadOptions, usage: (message: string) => Error): Promise<NetworkDistance | null> {
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

  const warnings: InputWarning[] = [];
  const roads = await readFeatureCollection(values.roads, load);
  warnings.push(...roads.loaded.warnings);
  const graph = buildRoadGraph(roads.collection, { source: values.roads, joinToleranceM });
  warnings.push(...graph.warnings);
  let barrier: BarrierOptions | null = null;
  const classes = (values['no-cross'] ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (values['no-cross'] !== undefined) {
    const unknown = classes.filter((c) => !graph.classNames.includes(c));
    if (classes.length === 0 || unknown.length > 0) {
      throw usage(`--no-cross must name road classes of ${values.roads} (${graph.classNames.join(', ')}), got '${values['no-cross']}'`);
    }
    let crossings: LngLat[] = [];
    if (values.crossings !== undefined) {
      const layer = await readFeatureCollection(values.crossings, load);
      const read = readCrossingPoints(layer.collection, values.crossings);
      warnings.push(...layer.loaded.warnings, ...read.warnings);
      crossings = read.points;
    }
    barrier = { classes, crossings, everyNthJunction };
  }
  const net = walkNetwork(graph, { barrier, crossingsSource: values.crossings });
  warnings.push(...net.warnings);

  const c = graph.components;
  const count = (n: number) => n.toLocaleString('en-US');
  const crossingText = barrier
    ? `; ${classes.join(', ')} crossed only at ${count(net.barrier?.crossingNodes.length ?? 0)} crossing${net.barrier?.crossingNodes.length === 1 ? '' : 's'}`
    : '';
  const description =
    `distance: walking network over ${values.roads} (${count(graph.edgeCount)} edges, ${count(c.count)} component${c.count === 1 ? '' : 's'}, ` +
    `largest ${count(c.nodeCounts[0] ?? 0)} of ${count(graph.nodeCount)} nodes), points up to ${maxSnapM} m off a road${crossingText}`;
  let last: NetworkRule | null = null;
  return {
    description,
    rule(points) {
      last = networkRule(net, points, { maxSnapM });
      return last;
    },
    warnings(demandName, sources) {
      return [...warnings, ...(last?.warnings(demandName, sources) ?? [])];
    },
  };
}
