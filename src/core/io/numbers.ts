/**
 * Decimal notation as files write numbers: sign, digits, fraction, exponent ("-12.5", "1.2E+03").
 * Not hex ("0x10"), binary, octal, "Infinity" or separators, which `Number()` would all accept.
 */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The number a file's text cell holds (surrounding spaces allowed), or NaN when it is not decimal notation. */
export function decimalNumber(text: string): number {
  // Plain decimal text is recognised by a scan of its characters, several times faster than trim
  // and the pattern, which millions of coordinates pay; anything else takes the pattern.
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
  let digits = 0;
  for (; isDigit(c); c = text.charCodeAt(++i)) digits++;
  if (c === 0x2e) for (c = text.charCodeAt(++i); isDigit(c); c = text.charCodeAt(++i)) digits++;
  if (digits > 0 && (c === 0x65 || c === 0x45)) {
    c = text.charCodeAt(++i);
    if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
    let exponent = 0;
    for (; isDigit(c); c = text.charCodeAt(++i)) exponent++;
    if (exponent === 0) digits = 0;
  }
  if (digits > 0 && i === text.length) return Number(text);
  const t = text.trim();
  return DECIMAL_TEXT.test(t) ? Number(t) : NaN;
}
