import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { featuresOf } from '../../../src/core/input/features.ts';
import { joinStatsTable, suggestKeyColumn } from '../../../src/core/io/stats-table-join.ts';
import { normaliseJoinKey } from '../../../src/core/io/stats-table-keys.ts';
import type { StatsTable } from '../../../src/core/io/stats-table.ts';
import type { TableCell } from '../../../src/core/io/xlsx.ts';

const table = (columns: string[], rows: TableCell[][]): StatsTable => ({
  file: 'pop.xlsx',
  format: 'xlsx',
  sheet: 'Sheet1',
  sheets: ['Sheet1'],
  columns,
  rows,
  rowNumbers: rows.map((_, i) => i + 2),
  warnings: [],
});
const boundaries = (...props: Record<string, unknown>[]) =>
  featuresOf({ type: 'FeatureCollection', features: props.map((properties) => ({ type: 'Feature', properties, geometry: null })) }, 'communities.geojson');

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return `${err.source}: ${err.reason}`;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('normaliseJoinKey', () => {
  it('full-width as half-width, whitespace out, one level suffix off', () => {
    expect(normaliseJoinKey('第１２社区')).toBe('第12');
    expect(normaliseJoinKey(' 幸福里　社区居委会 ')).toBe('幸福里');
    expect(normaliseJoinKey('建设路街道办事处')).toBe('建设路');
    expect(normaliseJoinKey('王庄村委会')).toBe('王庄');
    expect(normaliseJoinKey('ＡＢＣ')).toBe('abc');
    // Nothing left without the suffix: kept.
    expect(normaliseJoinKey('社区')).toBe('社区');
    expect(normaliseJoinKey(410103001)).toBe('410103001');
  });
});

describe('joinStatsTable', () => {
  const communities = boundaries(
    { id: 'c1', name: '建设路社区', code: '410103001' },
    { id: 'c2', name: '第12社区', code: '410103002' },
    { id: 'c3', name: '幸福里社区居委会', code: '410103003' },
    { id: 'c4', name: '南湖社区', code: '410103004' },
  );

  it('matches keys only equal after normalising (full-width digits, 社区 suffix, whitespace), naming the unmatched on both sides', () => {
    // 建设路 ~ 建设路社区; 第１２社区 ~ 第12社区; " 幸福里 " ~ 幸福里社区居委会; 东风 and 合计 match nothing; 南湖社区 is named by no row.
    const t = table(['社区名称', '常住人口'], [['建设路', 1000], ['第１２社区', 800], [' 幸福里 ', 500], ['东风', 300], ['合计', 2600]]);
    const join = joinStatsTable(t, '社区名称', communities, 'communities.geojson');
    expect(join.boundaryField).toBe('name');
    expect(join.matched.map((m) => [m.row, m.feature, m.key, m.boundaryKey])).toEqual([
      [0, 0, '建设路', '建设路社区'],
      [1, 1, '第１２社区', '第12社区'],
      [2, 2, '幸福里', '幸福里社区居委会'],
    ]);
    expect(join.unmatchedRows).toEqual([
      { key: '东风', row: 5 },
      { key: '合计', row: 6 },
    ]);
    expect(join.unmatchedBoundaries).toEqual([{ key: '南湖社区', feature: 'c4' }]);
  });

  it('matches codes: spreadsheet numbers against text; the field is the one matching most', () => {
    const t = table(['社区代码', '常住人口'], [[410103004, 100], [410103001, 200]]);
    const join = joinStatsTable(t, '社区代码', communities, 'communities.geojson');
    expect(join.boundaryField).toBe('code');
    expect(join.matched.map((m) => m.boundaryKey)).toEqual(['410103004', '410103001']);
  });

  it('refuses duplicate keys on either side, naming each occurrence', () => {
    const t = table(['社区名称'], [['建设路'], ['建设路社区'], ['南湖']]);
    expect(refusal(() => joinStatsTable(t, '社区名称', communities, 'communities.geojson'))).toBe('pop.xlsx: duplicate keys in 社区名称: 建设路 (row 2), 建设路社区 (row 3)');
    const twice = boundaries({ id: 'a', name: '南湖' }, { id: 'b', name: '南湖社区' });
    expect(refusal(() => joinStatsTable(table(['社区名称'], [['南湖']]), '社区名称', twice, 'communities.geojson'))).toBe(
      'communities.geojson: duplicate keys in name: 南湖 (a), 南湖社区 (b)',
    );
  });

  it('refuses a key column the table lacks, a boundary field the layer lacks, and keys nothing matches', () => {
    const t = table(['社区名称'], [['东风']]);
    expect(refusal(() => joinStatsTable(t, '名称', communities, 'communities.geojson'))).toBe('pop.xlsx: no column "名称"; the columns are: 社区名称');
    expect(refusal(() => joinStatsTable(t, '社区名称', communities, 'communities.geojson', 'NAME'))).toBe(
      'communities.geojson: no property "NAME"; the properties are: id, name, code',
    );
    expect(refusal(() => joinStatsTable(t, '社区名称', communities, 'communities.geojson'))).toBe(
      'communities.geojson: no property matches any 社区名称 of pop.xlsx (e.g. "东风"); the properties are: id, name, code; choose one with --boundary-key',
    );
  });
});

describe('suggestKeyColumn', () => {
  const t = table(['序号', '社区名称', '社区代码', '常住人口'], [
    [1, '建设路', '410102001', 100],
    [2, '大学路', '410102002', 200],
    [3, '淮河路', '410102003', 300],
  ]);
  it('without boundaries, the column named like a key (社区代码 before 社区名称), not the running number', () => {
    expect(suggestKeyColumn(t)).toBe('社区代码');
  });
  it('with boundaries, the column whose values match the most of theirs', () => {
    // The boundaries carry names only (two of three match after normalising): 社区名称 wins over 社区代码 (0 hits).
    expect(suggestKeyColumn(t, boundaries({ NAME: '建设路社区' }, { NAME: '大学路居委会' }, { NAME: '其他' }))).toBe('社区名称');
    // Codes (as numbers) match 社区代码; the running number 1..3 matches the boundaries' FID 1..3 as often (3 each): the named column wins the tie.
    expect(suggestKeyColumn(t, boundaries({ FID: 1, CODE: 410102001 }, { FID: 2, CODE: 410102002 }, { FID: 3, CODE: 410102003 }))).toBe('社区代码');
  });
  it('a table whose columns are named nothing like a key: the first column, then by matches', () => {
    const u = table(['A', 'B'], [['x', 'p'], ['y', 'q']]);
    expect(suggestKeyColumn(u)).toBe('A');
    expect(suggestKeyColumn(u, boundaries({ n: 'q' }))).toBe('B');
  });
});
