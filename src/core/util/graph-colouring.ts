/**
 * Colours for the nodes of a graph (`neighbours[i]`: the nodes touching node i) so that touching
 * nodes differ: greedy, most-connected first (ties by index), each taking the lowest colour its
 * coloured neighbours leave. Deterministic; at most the largest degree + 1 colours.
 */
export function greedyColouring(neighbours: readonly (readonly number[])[]): number[] {
  const order = neighbours.map((_, i) => i).sort((a, b) => neighbours[b].length - neighbours[a].length || a - b);
  const colour = neighbours.map(() => -1);
  for (const i of order) {
    const used = new Set<number>();
    for (const j of neighbours[i]) if (colour[j] >= 0) used.add(colour[j]);
    let c = 0;
    while (used.has(c)) c++;
    colour[i] = c;
  }
  return colour;
}
