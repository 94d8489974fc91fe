import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { costMatrixRule, matchCostMatrix, parseCostMatrix, readCostMatrix } from '../../../src/core/io/cost-matrix.ts';

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

describe('compact cost matrix (readCostMatrix)', () => {
  const R_CSV = 'from_id,to_id,travel_time\na,x,5.8\na,y,47\nb,x,12\n';

  it('keeps each id once and the pairs in file order with their lines', () => {
    const m = readCostMatrix(R_CSV, 'tm.csv');
    // R accessibility's column names are found by themselves.
    expect(m.columns).toEqual({ origin: 'from_id', destination: 'to_id', cost: 'travel_time' });
    expect(m.originIds).toEqual(['a', 'b']);
    expect(m.destinationIds).toEqual(['x', 'y']);
    expect([...m.matrix.origins]).toEqual([0, 0, 1]);
    expect([...m.matrix.destinations]).toEqual([0, 1, 0]);
    expect([...m.matrix.costs]).toEqual([5.8, 47, 12]);
    expect([...m.lines]).toEqual([2, 3, 4]);
  });

  it('reads gzip-compressed bytes as they are', () => {
    const m = readCostMatrix(gzipSync(new TextEncoder().encode(R_CSV)), 'tm.csv.gz');
    expect([...m.matrix.costs]).toEqual([5.8, 47, 12]);
    expect(() => readCostMatrix(Uint8Array.from([0x1f, 0x8b, 1, 2, 3]), 'bad.csv.gz')).toThrow('bad.csv.gz: not a valid gzip file');
  });

  it('refuses a gzip that inflates past the text limit (a gzip bomb) while inflating', () => {
    // 2 MB of zeros compress to about 2 kB; the limit is 1 MB of text.
    const bomb = gzipSync(new Uint8Array(2_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => readCostMatrix(bomb, 'bomb.csv.gz', {}, { textBytes: 1_000_000 })).toThrow(
      'bomb.csv.gz: it inflates to more than 1,000,000 bytes of text (limit text-bytes = 1,000,000; raise it with --limit text-bytes=N)',
    );
    expect(() => readCostMatrix('origin,destination,cost,a,b\n', 'wide.csv', {}, { csvColumns: 4 })).toThrow('wide.csv: the header has 5 columns (limit csv-columns = 4');
  });

  it('reads quoted fields (delimiters, quotes and line breaks inside), other delimiters, blank lines', () => {
    const text = 'student,school,time,message\r\n2,S1,83,"Walk to A, then ""B""\nthen C"\r\n\r\n4,S1,18,plain\r\n';
    const m = readCostMatrix(text, 'j.csv', { origin: 'student', destination: 'school', cost: 'time' });
    expect(m.originIds).toEqual(['2', '4']);
    expect([...m.matrix.costs]).toEqual([83, 18]);
    // The quoted field spans lines 2–3; the blank line is 4; the next record is on line 5.
    expect([...m.lines]).toEqual([2, 5]);
    expect([...readCostMatrix('origin;destination;cost\na;x;1\n', 's.csv').matrix.costs]).toEqual([1]);
    expect([...readCostMatrix('origin\tdestination\tcost\na\tx\t2\n', 't.tsv').matrix.costs]).toEqual([2]);
  });

  it('reads costs as Number() does, whatever their form', () => {
    const forms = ['0.1', '5.8', '47', '123456789012345', '1234567890123456', '0.30000000000000004', '1e3', ' 7 ', '"8.25"', '.5', '5.', '+2', '0'];
    const text = 'origin,destination,cost\n' + forms.map((f, k) => `o,d${k},${f}`).join('\n') + '\n';
    const expected = forms.map((f) => Number(f.replace(/"/g, '').trim()));
    expect([...readCostMatrix(text, 'forms.csv').matrix.costs]).toEqual(expected);
  });

  it('keeps thousands of ids apart, each once, in order of appearance', () => {
    // 3,000 origins × 3 destinations; each id plain, quoted, and with blanks around it.
    const rows: string[] = [];
    for (let k = 0; k < 3000; k++) rows.push(`id${k},x,1`, `"id${k}","y",2`, ` id${k} ,z,3`);
    const m = readCostMatrix('origin,destination,cost\n' + rows.join('\n'), 'many.csv');
    expect(m.originIds).toHaveLength(3000);
    expect(m.originIds[2999]).toBe('id2999');
    expect(m.destinationIds).toEqual(['x', 'y', 'z']);
    expect([...m.matrix.origins.subarray(0, 6)]).toEqual([0, 0, 0, 1, 1, 1]);
    expect(m.matrix.origins[8999]).toBe(2999);
  });

  it('names the line of every problem', () => {
    expect(() => readCostMatrix('from_id,to_id,travel_time\na,x,1\na,y,-2\n', 'tm.csv')).toThrow('tm.csv: line 3: travel_time must not be negative, got -2');
    expect(() => readCostMatrix('from_id,to_id,travel_time\na,x,1,9\n', 'tm.csv')).toThrow('tm.csv: line 2: 4 fields, but the header has 3');
    expect(() => readCostMatrix('from_id,to_id,travel_time\na,x,"1\n', 'tm.csv')).toThrow('tm.csv: line 2: a quoted field is not closed');
    expect(() => readCostMatrix('from_id,to_id,minutes\na,x,1\n', 'tm.csv')).toThrow("tm.csv: missing column 'cost' (header: from_id, to_id, minutes)");
    expect(() => readCostMatrix('from_id,to_id,minutes\na,x,1\n', 'tm.csv', { cost: 'min' })).toThrow("missing column 'min'");
    // The earliest line that repeats a pair, whichever origin comes first.
    expect(() => readCostMatrix('origin,destination,cost\nb,x,1\na,x,1\na,x,2\nb,x,3\n', 'm.csv')).toThrow('m.csv: line 4: a → x appears twice');
  });

  it('matches the ids to demand and supply rows, naming the line of one they lack', () => {
    const m = readCostMatrix(R_CSV, 'tm.csv');
    const { matrix, originRows, destinationRows } = matchCostMatrix(m, { ids: ['z', 'b', 'a'], name: 'cells.csv' }, { ids: ['y', 'x'], name: 'jobs.csv' });
    expect([...originRows]).toEqual([2, 1]);
    expect([...destinationRows]).toEqual([1, 0]);
    expect(matrix.originCount).toBe(3);
    expect([...matrix.origins]).toEqual([2, 2, 1]);
    expect([...matrix.destinations]).toEqual([1, 0, 1]);
    expect(() => matchCostMatrix(m, { ids: ['a'], name: 'cells.csv' }, { ids: ['x', 'y'], name: 'jobs.csv' })).toThrow(
      "tm.csv: line 4: from_id 'b' is not an id in cells.csv",
    );
    expect(() => matchCostMatrix(m, { ids: ['a', 'b'], name: 'cells.csv' }, { ids: ['q'], name: 'jobs.csv' })).toThrow(
      "tm.csv: line 2: to_id 'x' is not an id in jobs.csv (and 1 more to_id value not there: y)",
    );
  });
});
