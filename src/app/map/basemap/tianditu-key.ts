/**
 * The user's Tianditu key, kept in this browser only (localStorage): never in the app's state that
 * is saved with scenarios or share links, never sent anywhere but to Tianditu's tile servers.
 */
const STORAGE_KEY = 'catchmap.tiandituKey';

export function storedTiandituKey(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeTiandituKey(key: string | null): void {
  try {
    if (key) localStorage.setItem(STORAGE_KEY, key);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the key lasts this session only.
  }
}
