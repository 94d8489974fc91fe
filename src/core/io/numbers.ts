/**
 * Decimal notation as files write numbers: sign, digits, fraction, exponent ("-12.5", "1.2E+03").
 * Not hex ("0x10"), binary, octal, "Infinity" or separators, which `Number()` would all accept.
 */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a file's text cell holds (surrounding spaces allowed), or NaN when it is not decimal notation. */
export function decimalNumber(text: string): number {
  const t = text.trim();
  return DECIMAL_TEXT.test(t) ? Number(t) : NaN;
}
