/**
 * Keys that could reach Object.prototype if a parsed object were ever merged into another. Every
 * loader drops them (JSON reviver, CSV headers, DBF fields), so no property object carries them.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}
