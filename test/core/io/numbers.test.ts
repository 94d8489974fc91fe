import { describe, expect, it } from 'vitest';
import { decimalNumber } from '../../../src/core/io/numbers.ts';
import { FeatureTable } from '../../../src/core/io/feature-table.ts';

/** The rule as documented, written independently: trimmed, decimal notation only, else NaN. */
function reference(text: string): number {
  const t = text.trim();
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
}

describe('decimalNumber', () => {
  it('reads decimal notation, by hand', () => {
    expect(decimalNumber('12')).toBe(12);
    expect(decimalNumber('-12.5')).toBe(-12.5);
    expect(decimalNumber('+.5')).toBe(0.5);
    expect(decimalNumber('7.')).toBe(7);
    expect(decimalNumber('1.2E+03')).toBe(1200);
    expect(decimalNumber('1e-3')).toBe(0.001);
    expect(decimalNumber(' 34.75\t')).toBe(34.75);
    expect(Object.is(decimalNumber('-0'), -0)).toBe(true);
  });

  it('refuses what is not decimal notation, by hand', () => {
    for (const t of ['', ' ', '.', '-', '+', 'e5', '.e5', '1e', '1e+', '1.2.3', '0x10', '0b11', '0o7', 'Infinity', '-Infinity', 'NaN', '1,200', '1 200', '１２', '12a', '--1', '+-1', '1e5.5', '\u00a0']) {
      expect(decimalNumber(t), JSON.stringify(t)).toBeNaN();
    }
  });

  it('agrees with the documented rule on tricky and random text', () => {
    const tricky = ['00012', '0.000', '1E5', '1e+05', '\u00a012\u00a0', '\ufeff12', '\n3\r\n', '12 ', ' -4e2 ', '9'.repeat(400), '1e400', '-.0e-0', '٣', '1_000'];
    const alphabet = '0123456789+-.eE x,\t';
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20000; k++) {
      let t = '';
      for (let n = Math.floor(random() * 8); n > 0; n--) t += alphabet[Math.floor(random() * alphabet.length)];
      tricky.push(t);
    }
    for (const t of tricky) expect(Object.is(decimalNumber(t), reference(t)), JSON.stringify(t)).toBe(true);
  });

  it('gives the correctly rounded value of long decimals, as Number() does (coordinates of 6–17 digits)', () => {
    let seed = 99;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts = ['113.500270', '34.600000', '-0.000', '0.1', '0.3', '123456789012345', '1234567890123456', '9007199254740993', '.000000000000001', '-999999999999999.9'];
    for (let k = 0; k < 50000; k++) {
      const length = 1 + Math.floor(random() * 18);
      let digits = '';
      for (let n = 0; n < length; n++) digits += String(Math.floor(random() * 10));
      const point = Math.floor(random() * (length + 1));
      const sign = ['', '-', '+'][Math.floor(random() * 3)];
      texts.push(`${sign}${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.$/, random() < 0.5 ? '.' : ''));
    }
    for (const t of texts) expect(Object.is(decimalNumber(t), reference(t)), t).toBe(true);
  });
});

describe('FeatureTable rows of a CSV', () => {
  it('gives back each row as it was added, whatever the values hold', () => {
    const keys = ['id', 'name', 'note', 'population'];
    const rows = [
      ['a', '', '', '1'],
      ['b', '村,"甲"', 'line\r\ntwo', '2.5e3'],
      ['c', '\ufeffbom', ' spaced ', ''],
      ['d', 'holds \u0000 the separator', 'x', '3'],
      ['', '', '', ''],
    ];
    const table = new FeatureTable(keys);
    rows.forEach((values, i) => table.add({ type: 'Point', coordinates: [113.6 + i, 34.7] }, values, `row ${i + 2}`));
    rows.forEach((values, i) => expect(table.properties(i)).toEqual({ id: values[0], name: values[1], note: values[2], population: values[3] }));
    expect(Object.keys(table.properties(4))).toEqual(keys);
  });
});
