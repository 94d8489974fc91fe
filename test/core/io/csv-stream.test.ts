import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { streamedText } from '../../../src/core/io/csv.ts';

const enc = new TextEncoder();
const rowsOf = (pieces: Iterable<string>) => [...pieces].flatMap((p) => Papa.parse<string[]>(p, { skipEmptyLines: false }).data);

describe('a large CSV read in pieces of whole rows', () => {
  // Quoted cells with line breaks and doubled quotes, CRLF line ends, Chinese text.
  const rows = Array.from({ length: 300 }, (_, i) => [`r${i}`, `"note ${i}\r\nsecond line, with ""quotes"""`, `名称${i}`]);
  const text = 'id,note,name\r\n' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  const expected = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' }).data;

  it('cuts only at line breaks outside quotes: the pieces parse to the rows of the whole', () => {
    for (const size of [1, 7, 100, 1000, 1 << 20]) {
      const { first, pieces } = streamedText(enc.encode(text), 'big.csv', undefined, size);
      const all = [...pieces];
      expect(all[0]).toBe(first);
      if (size < 1000) expect(all.length).toBeGreaterThan(10);
      expect(rowsOf(all).filter((r) => !(r.length === 1 && r[0] === '')), `pieces of ${size} bytes`).toEqual(expected);
      // No piece keeps the CR of the line break it was cut at.
      expect(all.every((p) => !p.endsWith('\r'))).toBe(true);
    }
  });

  it('skips a UTF-8 BOM, falls back to GBK when the first piece is not UTF-8, refuses UTF-16', () => {
    const bom = streamedText(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode('a,b\n1,2\n')]), 'b.csv', undefined, 1);
    expect([...bom.pieces]).toEqual(['a,b', '1,2']);
    expect(bom.encoding).toBe('utf-8');
    // 村 in GBK is B4 E5.
    const gbk = streamedText(Uint8Array.from([...enc.encode('name\n'), 0xb4, 0xe5, 0x0a]), 'g.csv', undefined, 100);
    expect(gbk.encoding).toBe('gbk');
    expect([...gbk.pieces]).toEqual(['name\n村\n']);
    expect(gbk.warnings.map((w) => w.reason)).toEqual(['not valid UTF-8; read as GBK (Chinese Windows encoding)']);
    expect(() => streamedText(Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), 'u.csv', undefined)).toThrow('u.csv: a UTF-16 CSV this large cannot be read; save it as UTF-8');
    const bad = streamedText(Uint8Array.from([...enc.encode('a\n1\n'), 0xff, 0x0a]), 'x.csv', 'utf-8', 1);
    expect(() => [...bad.pieces]).toThrow('x.csv: the bytes from 4 are not valid utf-8 text');
  });
});
