import { readNumber, type NumberBounds } from '../core/index.ts';
import { UsageError } from './cli.ts';

/** A number typed on the command line, read by the engine's rule (decimal notation, within `bounds`); absent: undefined. */
export function numberOption(name: string, raw: string | undefined, bounds: NumberBounds): number | undefined {
  if (raw === undefined) return undefined;
  const read = readNumber(raw, bounds);
  if (!read.ok) throw new UsageError(`--${name} ${read.error}, got '${raw}'`);
  return read.value;
}
