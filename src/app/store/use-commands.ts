import { createContext, useContext, useEffect } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { command, commandForKey, keyName, type CommandId } from './commands.ts';
import { useAppState, useAppStore } from './store.ts';
import type { WorkerHub } from './workers.ts';

export const HubContext = createContext<WorkerHub | null>(null);

export function useHub(): WorkerHub {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('useHub outside <HubContext.Provider>');
  return hub;
}

/** A command as a button needs it: its label now, whether it can run, and running it. */
export function useCommand(id: CommandId): { label: string; enabled: boolean; run: () => void } {
  const store = useAppStore();
  const hub = useHub();
  const { t } = useI18n();
  const c = command(id);
  const label = useAppState(c.label);
  const enabled = useAppState(c.enabled);
  return { label: t(label), enabled, run: () => c.enabled(store.getState()) && c.run({ store, hub }) };
}

/** The key bindings of every command, on the window; keys typed into a field stay the field's. */
export function useCommandKeys(): void {
  const store = useAppStore();
  const hub = useHub();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      // A dialog handles its own keys (Esc closes it).
      if (target?.closest('[role="dialog"]')) return;
      const found = commandForKey(store.getState(), keyName(e));
      if (!found) return;
      e.preventDefault();
      found.run({ store, hub });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, hub]);
}
