import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { costMatrixRule, parseCostMatrix } from '../../../src/core/io/cost-matrix.ts';

const CSV = 'origin,destination,cost\nd1,s1,10\nd1,s2,30\nd2,s1,25\nd2,s2,5\nd3,s2,12\n';

describe('cost matrix CSV', () => {
  it('reads the long table; absent pairs are unreachable', () => {
    const m = parseCostMatrix(CSV, 'm.csv');
    const rule = costMatrixRule(m, ['d1', 'd2', 'd3'], ['s1', 's2']);
    expect(rule.kind).toBe('matrix');
    const r = rule.reach({ id: 's2' }, Infinity);
    expect([...r.indices]).toEqual([1, 2, 0]);
    expect([...r.distancesM]).toEqual([5, 12, 30]);
    expect([...rule.reach({ id: 's1' }, 20).indices]).toEqual([0]);
    expect([...rule.reach({ id: 's1' }, Infinity).indices]).toEqual([0, 1]); // d3 has no s1 cost
  });

  it('accepts rows running site → demand', () => {
    const m = parseCostMatrix('origin,destination,cost\ns1,d1,4\ns1,d2,8\n', 'm.csv');
    const rule = costMatrixRule(m, ['d1', 'd2'], ['s1']);
    expect([...rule.reach({ id: 's1' }, Infinity).distancesM]).toEqual([4, 8]);
  });

  it('maps other column names', () => {
    const m = parseCostMatrix('distance,name,DestinationName\n1.5,Store_1,T1\n', 'sf.csv', { origin: 'DestinationName', destination: 'name', cost: 'distance' });
    expect(m.costs.get('T1')?.get('Store_1')).toBe(1.5);
  });

  it('names the line of a missing cell', () => {
    expect(() => parseCostMatrix('origin,destination,cost\nd1,s1,10\nd1,s2,\n', 'm.csv')).toThrow('m.csv: line 3: missing cost for d1 → s2');
    expect(() => parseCostMatrix('origin,destination,cost\n,s1,10\n', 'm.csv')).toThrow('m.csv: line 2: missing origin');
  });

  it('names the line of a non-numeric or negative cost', () => {
    expect(() => parseCostMatrix('origin,destination,cost\nd1,s1,10\nd2,s1,ten\n', 'm.csv')).toThrow("m.csv: line 3: cost 'ten' is not a number");
    expect(() => parseCostMatrix('origin,destination,cost\nd1,s1,-3\n', 'm.csv')).toThrow('line 2: cost must not be negative');
  });

  it('rejects a missing column, an empty table and repeated pairs', () => {
    expect(() => parseCostMatrix('from,to,cost\na,b,1\n', 'm.csv')).toThrow("missing column 'origin' (header: from, to, cost)");
    expect(() => parseCostMatrix('origin,destination,cost\n', 'm.csv')).toThrow('no rows after the header');
    expect(() => parseCostMatrix('origin,destination,cost\nd1,s1,1\nd1,s1,2\n', 'm.csv')).toThrow('line 3: d1 → s1 appears twice');
  });

  it('reports ids the matrix does not know', () => {
    const m = parseCostMatrix(CSV, 'm.csv');
    const err = (() => {
      try {
        costMatrixRule(m, ['d1', 'd9'], ['s1']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).reason).toBe('no costs for 1 demand point(s): d9');
    expect(() => costMatrixRule(m, ['d1'], ['s1', 'sX'])).toThrow('no costs for 1 site(s): sX');
  });
});
