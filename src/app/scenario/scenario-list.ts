import { useCallback, useEffect, useRef, useState } from 'react';
import { get, set } from 'idb-keyval';
import type { Scenario } from './scenario.ts';

const LIST_KEY = 'catchmap.scenarios';

export interface SavedScenario {
  id: string;
  scenario: Scenario;
}

/** Pure edits of the saved list, so they can be tested without a browser. */
export const scenarioListEdits = {
  add: (list: SavedScenario[], scenario: Scenario, id: string): SavedScenario[] => [...list, { id, scenario }],
  rename: (list: SavedScenario[], id: string, name: string): SavedScenario[] =>
    list.map((s) => (s.id === id ? { ...s, scenario: { ...s.scenario, name } } : s)),
  duplicate: (list: SavedScenario[], id: string, newId: string, copyName: (name: string) => string): SavedScenario[] => {
    const i = list.findIndex((s) => s.id === id);
    if (i < 0) return list;
    const copy = { id: newId, scenario: { ...list[i].scenario, name: copyName(list[i].scenario.name) } };
    return [...list.slice(0, i + 1), copy, ...list.slice(i + 1)];
  },
  remove: (list: SavedScenario[], id: string): SavedScenario[] => list.filter((s) => s.id !== id),
};

const newId = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The scenarios saved in this browser (IndexedDB), with rename, duplicate and delete. */
export function useScenarioList(onErrorNow: (message: string) => void) {
  const [list, setList] = useState<SavedScenario[]>([]);
  // The latest callback, without reading the list again each time it changes.
  const onErrorRef = useRef(onErrorNow);
  onErrorRef.current = onErrorNow;
  const onError = useCallback((message: string) => onErrorRef.current(message), []);
  useEffect(() => {
    get<SavedScenario[]>(LIST_KEY).then(
      (saved) => setList(Array.isArray(saved) ? saved : []),
      (err: unknown) => onError(`saved scenarios could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, [onError]);
  const change = useCallback(
    (edit: (list: SavedScenario[]) => SavedScenario[]) =>
      setList((current) => {
        const next = edit(current);
        set(LIST_KEY, next).catch((err: unknown) => onError(`saving the scenario list failed: ${err instanceof Error ? err.message : String(err)}`));
        return next;
      }),
    [onError],
  );
  return {
    list,
    save: (scenario: Scenario) => change((l) => scenarioListEdits.add(l, scenario, newId())),
    rename: (id: string, name: string) => change((l) => scenarioListEdits.rename(l, id, name)),
    duplicate: (id: string, copyName: (name: string) => string) => change((l) => scenarioListEdits.duplicate(l, id, newId(), copyName)),
    remove: (id: string) => change((l) => scenarioListEdits.remove(l, id)),
  };
}
