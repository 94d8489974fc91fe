import { createContext, useContext } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { rootReducer, initialRoot, type RootAction, type RootState } from './root.ts';
import type { UiState } from '../state/ui-state.ts';

/**
 * The app's one store: zustand holds the state and tells subscribers (React through
 * `useAppState`, the worker module, autosave) what changed; every change goes through
 * `rootReducer`, so the state only ever moves by actions that tests can replay in Node.
 */
export interface AppStore {
  getState(): RootState;
  dispatch(action: RootAction): void;
  subscribe(listener: (state: RootState, prev: RootState) => void): () => void;
  api: StoreApi<RootState>;
}

export function createAppStore(ui: UiState): AppStore {
  const api = createStore<RootState>()(() => initialRoot(ui));
  return {
    api,
    getState: api.getState,
    dispatch: (action) => api.setState(rootReducer(api.getState(), action), true),
    subscribe: api.subscribe,
  };
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
}

/** A part of the state; the component renders again when it changes (by identity). */
export function useAppState<T>(select: (state: RootState) => T): T {
  return useStore(useAppStore().api, select);
}

export const useDispatch = (): AppStore['dispatch'] => useAppStore().dispatch;
