import { InputError, type InputWarning } from '../errors.ts';
import type { DistanceMode } from '../settings/analysis-settings.ts';
import type { LngLat } from '../types.ts';
import { DEFAULT_MAX_SNAP_M, networkRule, type NetworkRule } from './network-rule.ts';
import { buildRoadGraph, type RoadGraph } from './road-graph.ts';
import { walkNetwork, type BarrierOptions, type WalkNetwork } from './walk-network.ts';

/** How to walk a road layer: which road classes cannot be crossed, where they can, how far points may be off a road. */
export interface NetworkDistanceOptions {
  /** Name of the roads layer in the description, warnings and errors (a file name in the CLI). */
  roadsSource: string;
  /**
   * Road classes walked along but crossed only at crossings (e.g. `['arterial']`); each must be a
   * class of the layer. Absent: every road can be crossed where its graph allows.
   */
  noCross?: readonly string[];
  /** Marked crossings (only with `noCross`). */
  crossings?: readonly LngLat[];
  /** Name of the crossings layer in warnings (default `crossings`). */
  crossingsSource?: string;
  /** Also let the barrier roads be crossed at every Nth junction along each (only with `noCross`). */
  everyNthJunction?: number;
  /** Points farther than this from every road are unreachable (default DEFAULT_MAX_SNAP_M). */
  maxSnapM?: number;
  /** Road ends closer than this are joined (default 2 m). */
  joinToleranceM?: number;
}

/** A walking network built once from a road layer, and the distance rules over it. */
export interface NetworkDistance {
  /** One line for a report: the network and the barrier rule. */
  description: string;
  network: WalkNetwork;
  /** The distance-rule factory for `evaluate` / `buildProblem`; remembers the last rule for `warnings`. */
  rule(points: readonly LngLat[]): NetworkRule;
  /** Skipped roads, unmatched crossings, and points too far from every road (by the last rule built). */
  warnings(demandName: (index: number) => string, sources: { demand: string; sites: string }): InputWarning[];
}

function checkOption(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  const ok = Number.isFinite(value) && (integer ? Number.isInteger(value) && value >= 1 : value >= 0);
  if (!ok) throw new InputError(name, `must be a ${integer ? 'whole number ≥ 1' : 'number ≥ 0'}, got ${String(value)}`);
}

const count = (n: number) => n.toLocaleString('en-US');

function fromGraph(graph: RoadGraph, options: NetworkDistanceOptions): NetworkDistance {
  const maxSnapM = options.maxSnapM ?? DEFAULT_MAX_SNAP_M;
  const warnings: InputWarning[] = [...graph.warnings];
  let barrier: BarrierOptions | null = null;
  const classes = options.noCross ? [...options.noCross] : [];
  if (options.noCross !== undefined) {
    const unknown = classes.filter((c) => !graph.classNames.includes(c));
    if (classes.length === 0 || unknown.length > 0) {
      throw new InputError(
        'noCross',
        `must name road classes of ${options.roadsSource} (${graph.classNames.join(', ')}), got '${classes.join(',')}'`,
      );
    }
    barrier = { classes, crossings: options.crossings ?? [], everyNthJunction: options.everyNthJunction };
  } else if (options.crossings !== undefined || options.everyNthJunction !== undefined) {
    throw new InputError('noCross', 'crossings and every-Nth-junction crossings need road classes that cannot be crossed');
  }
  const net = walkNetwork(graph, { barrier, crossingsSource: options.crossingsSource });
  warnings.push(...net.warnings);

  const c = graph.components;
  const crossingCount = net.barrier?.crossingNodes.length ?? 0;
  const crossingText = barrier ? `; ${classes.join(', ')} crossed only at ${count(crossingCount)} crossing${crossingCount === 1 ? '' : 's'}` : '';
  const description =
    `distance: walking network over ${options.roadsSource} (${count(graph.edgeCount)} edges, ${count(c.count)} component${c.count === 1 ? '' : 's'}, ` +
    `largest ${count(c.nodeCounts[0] ?? 0)} of ${count(graph.nodeCount)} nodes), points up to ${maxSnapM} m off a road${crossingText}`;
  let last: NetworkRule | null = null;
  return {
    description,
    network: net,
    rule(points) {
      last = networkRule(net, points, { maxSnapM });
      return last;
    },
    warnings(demandName, sources) {
      return [...warnings, ...(last?.warnings(demandName, sources) ?? [])];
    },
  };
}

/**
 * Builds a walking network from a parsed road layer (LineStrings with a `class`): the road graph,
 * the barrier roads that can only be crossed at crossings, and a one-line description. Throws an
 * InputError for an unusable layer, a `noCross` class the layer does not have, or a bad number.
 */
export function networkDistance(roads: unknown, options: NetworkDistanceOptions): NetworkDistance {
  checkOption('maxSnapM', options.maxSnapM, false);
  checkOption('joinToleranceM', options.joinToleranceM, false);
  checkOption('everyNthJunction', options.everyNthJunction, true);
  const graph = buildRoadGraph(roads, { source: options.roadsSource, joinToleranceM: options.joinToleranceM });
  return fromGraph(graph, options);
}

/**
 * The app's named modes: `network` walks every street and crosses wherever streets meet;
 * `network-no-arterial` walks along arterial roads but not across them (no marked crossings: only
 * round an arterial's end). A road layer without arterial roads cannot give the second: an
 * InputError says so rather than the barrier silently doing nothing.
 */
export function networkDistanceForMode(roads: unknown, mode: Exclude<DistanceMode, 'straight'>, roadsSource = 'roads'): NetworkDistance {
  const graph = buildRoadGraph(roads, { source: roadsSource });
  if (mode === 'network') return fromGraph(graph, { roadsSource });
  if (!graph.classNames.includes('arterial')) {
    throw new InputError(
      roadsSource,
      `walking without crossing arterial roads needs roads of class 'arterial'; this layer has ${graph.classNames.join(', ')}`,
    );
  }
  return fromGraph(graph, { roadsSource, noCross: ['arterial'] });
}
