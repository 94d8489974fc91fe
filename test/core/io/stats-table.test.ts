import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { readStatsTable } from '../../../src/core/io/stats-table.ts';
import { sheetExtent } from '../../../src/core/io/xlsx.ts';
import { sheetXml, xlsxBytes } from '../../fixtures/registration/xlsx.ts';

async function refusal(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
  } catch (err) {
    if (err instanceof InputError) return `${err.source}: ${err.reason}`;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** Sets the uncompressed size every zip header (local and central) declares for `name` to `size`: a zip bomb that lies. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const [nameAt, sizeAt] = sig === 0x04034b50 ? [i + 30, i + 22] : sig === 0x02014b50 ? [i + 46, i + 24] : [-1, -1];
    if (nameAt < 0) continue;
    const length = view.getUint16(sig === 0x04034b50 ? i + 26 : i + 28, true);
    if (length === encoded.length && encoded.every((b, k) => out[nameAt + k] === b)) view.setUint32(sizeAt, size, true);
  }
  return out;
}

const COMMUNITY = [
  ['二七区 2023 年社区人口统计表'],
  ['社区名称', '常住人口', '户籍人口', '流动人口'],
  ['建设路社区', 1000, 700, 300],
  [null],
  ['幸福里', 500, null, 100],
];

describe('readStatsTable: .xlsx workbooks', () => {
  it('reads the first sheet with Chinese headers, skipping the title row above the key column', async () => {
    const table = await readStatsTable(xlsxBytes({ '2023': COMMUNITY, 其他: [['x', 'y'], [1, 2]] }), 'pop.xlsx', { key: '社区名称' });
    expect(table).toMatchObject({
      format: 'xlsx',
      sheet: '2023',
      sheets: ['2023', '其他'],
      columns: ['社区名称', '常住人口', '户籍人口', '流动人口'],
      rows: [
        ['建设路社区', 1000, 700, 300],
        ['幸福里', 500, null, 100],
      ],
      // Row 4 is empty: left out; the data rows are rows 3 and 5 of the sheet.
      rowNumbers: [3, 5],
    });
  });

  it('reads text kept in the shared-strings table, as Excel writes it', async () => {
    const table = await readStatsTable(xlsxBytes({ '2023': COMMUNITY }, {}, true), 'pop.xlsx', { key: '社区名称' });
    expect(table.columns).toEqual(['社区名称', '常住人口', '户籍人口', '流动人口']);
    expect(table.rows).toEqual([
      ['建设路社区', 1000, 700, 300],
      ['幸福里', 500, null, 100],
    ]);
  });

  it('reads a chosen sheet, and names the sheets when the chosen one is missing', async () => {
    const bytes = xlsxBytes({ '2023': COMMUNITY, 其他: [['x', 'y'], [1, 2]] });
    expect((await readStatsTable(bytes, 'pop.xlsx', { sheet: '其他' })).rows).toEqual([[1, 2]]);
    expect(await refusal(() => readStatsTable(bytes, 'pop.xlsx', { sheet: '2022' }))).toBe('pop.xlsx: no sheet named "2022" (sheets: "2023", "其他")');
  });

  it('refuses a zip bomb: from the declared sizes, and while inflating one that lies about them', async () => {
    // A sheet of 2 MB of spaces: a few kB zipped.
    const padded = sheetXml([['a', 'b'], [1, 2]]).replace('<sheetData>', `<sheetData>${' '.repeat(2_000_000)}`);
    const bomb = xlsxBytes({ s: [] }, { s: padded });
    expect(bomb.length).toBeLessThan(50_000);
    expect(await refusal(() => readStatsTable(bomb, 'bomb.xlsx', { limits: { zipBytes: 1_000_000 } }))).toMatch(
      /^bomb\.xlsx: the zip's .* would inflate to 2,00\d,\d{3} bytes \(limit zip-bytes = 1,000,000; raise it with --limit zip-bytes=N\)$/,
    );
    const liar = declareSize(bomb, 'xl/worksheets/sheet1.xml', 1000);
    expect(await refusal(() => readStatsTable(liar, 'liar.xlsx'))).toBe(
      'liar.xlsx: xl/worksheets/sheet1.xml inflates to more than the 1,000 bytes its header declares (a damaged zip or a zip bomb); refused while inflating',
    );
  });

  it('refuses absurd dimensions before parsing: a cell at XFD1048576, a row 999,999,999', async () => {
    const wide = sheetXml([['a', 'b']]).replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>');
    expect(await refusal(() => readStatsTable(xlsxBytes({ s: [] }, { s: wide }), 'wide.xlsx'))).toBe(
      'wide.xlsx: the sheet xl/worksheets/sheet1.xml reaches column 16,384 (limit csv-columns = 2,000; raise it with --limit csv-columns=N)',
    );
    const deep = sheetXml([['a', 'b']]).replace('</sheetData>', "<row r='999999999'><c r='B999999999'><v>1</v></c></row></sheetData>");
    expect(await refusal(() => readStatsTable(xlsxBytes({ s: [] }, { s: deep }), 'deep.xlsx'))).toBe(
      'deep.xlsx: the sheet xl/worksheets/sheet1.xml reaches row 999,999,999 (limit features = 5,000,000; raise it with --limit features=N)',
    );
    // 1,000 columns × 100,000 rows = 10^8 cells, over 10 × a features limit of 5,000,000.
    const broad = sheetXml([['a', 'b']]).replace('</sheetData>', '<row r="100000"><c r="ALL100000"><v>1</v></c></row></sheetData>');
    expect(await refusal(() => readStatsTable(xlsxBytes({ s: [] }, { s: broad }), 'broad.xlsx'))).toBe(
      'broad.xlsx: the sheet xl/worksheets/sheet1.xml spans 100,000 rows × 1,000 columns = 100,000,000 cells, more than 10 × the features limit (limit features = 5,000,000; raise it with --limit features=N)',
    );
  });

  it('sheetExtent reads row and cell references in either quote style, with a namespace prefix', () => {
    // AB = 1 × 26 + 2 = 28.
    expect(sheetExtent('<x:row r="3"><x:c r="AB7" t="n"/></x:row><row r=\'9\'/>')).toEqual({ rows: 9, columns: 28 });
  });

  it('refuses a zip that is not a workbook, and a workbook cut short', async () => {
    const other = zipSync({ 'a.xml': strToU8('<a/>') });
    expect(await refusal(() => readStatsTable(other, 'other.xlsx'))).toBe('other.xlsx: not an Excel workbook (.xlsx): the zip has no xl/workbook.xml');
    const cut = xlsxBytes({ s: [['a', 'b']] }).slice(0, 200);
    expect(await refusal(() => readStatsTable(cut, 'cut.xlsx'))).toBe('cut.xlsx: not a readable .xlsx workbook: no end of central directory: the file is cut short or not a zip');
  });
});

describe('readStatsTable: CSV', () => {
  it('reads UTF-8 text with Chinese headers; a header named __proto__ is just a column', async () => {
    const table = await readStatsTable(new TextEncoder().encode('社区名称,户籍人口,__proto__\n建设路,700,x\n'), 'pop.csv');
    expect(table.columns).toEqual(['社区名称', '户籍人口', '__proto__']);
    expect(table.rows).toEqual([['建设路', '700', 'x']]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses --sheet for a text file, and a key column that is not there', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,2\n');
    expect(await refusal(() => readStatsTable(bytes, 'a.csv', { sheet: 'x' }))).toBe('a.csv: --sheet "x" is for Excel workbooks (.xlsx); this file is text');
    expect(await refusal(() => readStatsTable(bytes, 'a.csv', { key: '社区名称' }))).toBe('a.csv: no column "社区名称" in the first 50 rows; the first row holds: a, b');
  });
});
