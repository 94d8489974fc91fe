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

export function formatWarning(w: InputWarning): string {
  return `${w.source}: ${w.feature}: ${w.reason}`;
}
