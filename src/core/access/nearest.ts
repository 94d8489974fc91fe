import { groupPairs } from './od-matrix.ts';
import type { OdMatrix } from './od-matrix.ts';

/**
 * Cost to the closest n opportunities (R accessibility `cost_to_closest`). Active, per origin i:
 * sort its destinations holding opportunities (O_j > 0) by cost; the answer is the cost at which
 * their running total of O_j first reaches n — for n = 1 the cost to the nearest destination with
 * any. Passive, per destination j: the same over the origins reaching it, with their population
 * (pass it as `amounts`) — the cost within which n people live. Pairs costing more than
 * `maxCost` do not count. Where n is never reached the cost is Infinity (R: `Inf`). Ties in cost
 * cannot change the answer: the running total is only read at the cost where it reaches n.
 */
export function costToClosest(matrix: OdMatrix, n: number, amounts: Float64Array, passive = false, maxCost = Infinity): Float64Array {
  const { origins, destinations, costs } = matrix;
  const from = passive ? destinations : origins;
  const to = passive ? origins : destinations;
  const groupCount = passive ? matrix.destinationCount : matrix.originCount;
  const { offsets, pairs } = groupPairs(from, groupCount);
  const result = new Float64Array(groupCount).fill(Infinity);
  const byCost = (a: number, b: number) => costs[a] - costs[b];
  for (let g = 0; g < groupCount; g++) {
    // Only pairs that hold something and are within maxCost can add to the total.
    let kept = offsets[g];
    for (let k = offsets[g]; k < offsets[g + 1]; k++) {
      const p = pairs[k];
      if (amounts[to[p]] > 0 && costs[p] <= maxCost) pairs[kept++] = p;
    }
    const group = pairs.subarray(offsets[g], kept);
    group.sort(byCost);
    let total = 0;
    for (const p of group) {
      total += amounts[to[p]];
      if (total >= n) {
        result[g] = costs[p];
        break;
      }
    }
  }
  return result;
}
