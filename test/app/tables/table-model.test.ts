import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { tableCsv, viewRows, type Table } from '../../../src/app/tables/table-model.ts';

const table: Table = {
  id: 'facilities',
  columns: [
    { key: 'name', kind: 'text', label: { text: 'Name' } },
    { key: 'utilisation', kind: 'percent', label: { text: 'Utilisation' } },
  ],
  rows: [
    { id: 'a', values: { name: 'No. 10 School', utilisation: 80 }, place: null },
    { id: 'b', values: { name: 'No. 9 School', utilisation: null }, place: null },
    { id: 'c', values: { name: 'ＡＢＣ学校', utilisation: 95.5 }, place: null },
    { id: 'd', values: { name: 'No. 2 School', utilisation: 80 }, place: null },
  ],
};
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('viewRows', () => {
  it('sorts numbers as numbers, ties in table order, empty values last both ways', () => {
    expect(ids(viewRows(table, { sortKey: 'utilisation', descending: true, filter: '' }, 'en'))).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(viewRows(table, { sortKey: 'utilisation', descending: false, filter: '' }, 'en'))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('sorts text with the digits in it as numbers: No. 2 < No. 9 < No. 10 (full-width ＡＢＣ sorts as ABC)', () => {
    expect(ids(viewRows(table, { sortKey: 'name', descending: false, filter: '' }, 'en'))).toEqual(['c', 'd', 'b', 'a']);
  });

  it('filters on any value or the id, whatever the case or the width of the letters', () => {
    expect(ids(viewRows(table, { sortKey: null, descending: false, filter: 'abc' }, 'en'))).toEqual(['c']);
    expect(ids(viewRows(table, { sortKey: null, descending: false, filter: 'no. 9' }, 'en'))).toEqual(['b']);
    expect(ids(viewRows(table, { sortKey: null, descending: false, filter: '95.5' }, 'en'))).toEqual(['c']);
    expect(ids(viewRows(table, { sortKey: null, descending: false, filter: '  ' }, 'en'))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('tableCsv', () => {
  it('writes the labels and the rows shown; formulas are neutralised, numbers rounded to two decimals', () => {
    const rows = [
      { id: 'x', values: { name: '=HYPERLINK("http://evil")', utilisation: 33.33333 }, place: null },
      { id: 'y', values: { name: 'Plain, with comma', utilisation: null }, place: null },
    ];
    const parsed = Papa.parse<string[]>(tableCsv(table.columns, rows, (c) => ('text' in c.label ? c.label.text : c.key))).data;
    expect(parsed).toEqual([
      ['Name', 'Utilisation'],
      ["'=HYPERLINK(\"http://evil\")", '33.33'],
      ['Plain, with comma', ''],
    ]);
  });
});
