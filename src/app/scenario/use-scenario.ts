import { useEffect, useRef } from 'react';
import { get, set } from 'idb-keyval';
import { decodeScenario, parseScenario, type Scenario } from './scenario.ts';

const AUTOSAVE_KEY = 'catchmap.autosave';
const AUTOSAVE_DELAY_MS = 400;

/** Where a scenario to restore on start comes from: a share link wins over the autosave. */
export type RestoreSource = 'link' | 'autosave';

/**
 * Restores the work in progress once the app is ready (from a share link's `scenario`
 * parameter, else the autosave in IndexedDB), then autosaves every change, so a reload, a crash
 * or a closed tab loses nothing.
 */
export function useScenarioPersistence(
  ready: boolean,
  scenario: Scenario,
  onRestore: (scenario: Scenario, source: RestoreSource) => void,
  onError: (message: string) => void,
) {
  const restoredRef = useRef(false);
  const callbacks = useRef({ onRestore, onError });
  callbacks.current = { onRestore, onError };

  useEffect(() => {
    if (!ready || restoredRef.current) return;
    const param = new URLSearchParams(window.location.search).get('scenario');
    void (async () => {
      try {
        if (param) callbacks.current.onRestore(decodeScenario(param), 'link');
        else {
          const saved = await get<Scenario>(AUTOSAVE_KEY);
          // Checked like an opened file: an autosave from an older version must not break the start.
          if (saved) callbacks.current.onRestore(parseScenario(JSON.stringify(saved), 'autosave'), 'autosave');
        }
      } catch (err) {
        callbacks.current.onError(err instanceof Error ? err.message : String(err));
      } finally {
        restoredRef.current = true;
      }
    })();
  }, [ready]);

  useEffect(() => {
    if (!restoredRef.current) return;
    const timer = setTimeout(() => {
      set(AUTOSAVE_KEY, scenario).catch((err: unknown) => callbacks.current.onError(`autosave failed: ${err instanceof Error ? err.message : String(err)}`));
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [scenario]);
}
