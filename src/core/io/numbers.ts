/**
 * Decimal notation as files write numbers: sign, digits, fraction, exponent ("-12.5", "1.2E+03").
 * Not hex ("0x10"), binary, octal, "Infinity" or separators, which `Number()` would all accept.
 */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Powers of ten a double holds exactly (10²² is the last). */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Digits whose value a double holds exactly, with room to spare (10¹⁵ < 2⁵³). */
const EXACT_DIGITS = 15;

/** The number a file's text cell holds (surrounding spaces allowed), or NaN when it is not decimal notation. */
export function decimalNumber(text: string): number {
  // Plain decimal text is recognised by a scan of its characters, several times faster than trim
  // and the pattern, which millions of coordinates pay; anything else takes the pattern.
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 0x2d;
  if (negative || c === 0x2b) c = text.charCodeAt(++i);
  let digits = 0;
  let mantissa = 0;
  let fraction = 0;
  for (; isDigit(c); c = text.charCodeAt(++i)) {
    digits++;
    mantissa = mantissa * 10 + (c - 0x30);
  }
  if (c === 0x2e) {
    for (c = text.charCodeAt(++i); isDigit(c); c = text.charCodeAt(++i)) {
      digits++;
      fraction++;
      mantissa = mantissa * 10 + (c - 0x30);
    }
  }
  let exponent = false;
  if (digits > 0 && (c === 0x65 || c === 0x45)) {
    exponent = true;
    c = text.charCodeAt(++i);
    if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
    let exponentDigits = 0;
    for (; isDigit(c); c = text.charCodeAt(++i)) exponentDigits++;
    if (exponentDigits === 0) digits = 0;
  }
  if (digits > 0 && i === text.length) {
    // Up to 15 digits the mantissa and the power of ten are exact doubles, and one correctly
    // rounded division gives the correctly rounded value, as Number() does, at a fraction of its cost.
    if (!exponent && digits <= EXACT_DIGITS) {
      const value = fraction === 0 ? mantissa : mantissa / EXACT_POWERS[fraction];
      return negative ? -value : value;
    }
    return Number(text);
  }
  const t = text.trim();
  return DECIMAL_TEXT.test(t) ? Number(t) : NaN;
}
