/** Bad input: a file or a set of features that cannot be used. Named so the user can fix it. */
export class InputError extends Error {
  constructor(
    /** The file name or layer the input came from. */
    readonly source: string,
    /** What is wrong, specific enough to act on. */
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
    this.name = 'InputError';
  }
}

/** A feature that was skipped or repaired while the rest of its input was used. */
export interface InputWarning {
  source: string;
  /** The feature's id, or `row N` / `feature N` (1-based) when it has none. */
  feature: string;
  reason: string;
}

/** A warning as one line; control characters in its parts (a feature id with a newline) are escaped. */
export function formatWarning(w: InputWarning): string {
  return `${terminalSafe(w.source)}: ${terminalSafe(w.feature)}: ${terminalSafe(w.reason)}`;
}

/**
 * Text from a file made safe to print on one terminal line: control characters (newlines, escape
 * sequences, C1 controls) and bidirectional overrides are written as escapes (`\n`, `\u001b`), so
 * a value can neither forge an extra `error:` line nor drive the terminal.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** How many reasons a refusal lists before "and N more". */
export const REFUSAL_REASONS_SHOWN = 5;

/**
 * The refusal of a layer whose every feature was skipped, saying why: the first few skipped
 * features with their reasons, then how many more —
 * `no usable population features (all 7 skipped): c1: population is negative (-5); c2: …; and 2 more`.
 * `skipped` are the warnings of the skipped features (a trailing "; skipped" is dropped);
 * `total` is how many features there were.
 */
export function noUsableFeatures(source: string, what: string, skipped: readonly InputWarning[], total: number, shown = REFUSAL_REASONS_SHOWN): InputError {
  const listed = skipped.slice(0, shown).map((w) => `${w.feature}: ${w.reason.replace(/; skipped$/, '')}`);
  const more = skipped.length - listed.length;
  const reasons = listed.length === 0 ? '' : `: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  return new InputError(source, `no usable ${what} (all ${total} skipped)${reasons}`);
}
