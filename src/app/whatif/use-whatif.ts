import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { LngLat, ProposedSite } from '../../core/index.ts';
import type { EngineClient } from '../../worker/client.ts';
import { engineOptionsOf, type AnalysisParams } from '../analysis/analysis-state.ts';
import { initialWhatIf, whatIfReducer, type EditorSite } from './whatif-state.ts';

const plain = ({ locked: _locked, ...site }: EditorSite): ProposedSite => site;

/**
 * Live editing of proposed sites in its own worker. Every change of the site list (an add, a
 * drag step, undo, redo) is sent as the whole list; the engine re-queries only the sites that
 * moved. While an answer is on its way, newer lists wait and only the latest is sent.
 */
export function useWhatIf(engine: EngineClient | null) {
  const [state, dispatch] = useReducer(whatIfReducer, initialWhatIf);
  const sentRef = useRef<EditorSite[] | null>(null);
  const busyRef = useRef(false);
  const [, setTick] = useState(0);

  useEffect(() => {
    if (!engine || state.status !== 'starting' || !state.basis) return;
    let live = true;
    const sites = state.sites;
    busyRef.current = true;
    engine.startWhatIf(engineOptionsOf(state.basis), sites.map(plain)).then(
      (evaluation) => {
        if (!live) return;
        sentRef.current = sites;
        dispatch({ type: 'started', evaluation });
      },
      (err: unknown) => live && dispatch({ type: 'failed', error: err instanceof Error ? err.message : String(err) }),
    ).finally(() => {
      busyRef.current = false;
      setTick((t) => t + 1);
    });
    return () => {
      live = false;
    };
    // The sites at the start go with it; later changes are synced once it is ready.
  }, [engine, state.status, state.basis]);

  useEffect(() => {
    if (!engine || state.status !== 'ready' || busyRef.current || sentRef.current === state.sites) return;
    const sites = state.sites;
    busyRef.current = true;
    engine
      .whatIfSetSites(sites.map(plain))
      .then(
        (update) => dispatch({ type: 'update', update }),
        (err: unknown) => dispatch({ type: 'failed', error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        sentRef.current = sites;
        busyRef.current = false;
        setTick((t) => t + 1);
      });
  });

  const start = useCallback((basis: AnalysisParams, sites: EditorSite[]) => dispatch({ type: 'start', basis, sites }), []);
  const stop = useCallback(() => dispatch({ type: 'stop' }), []);

  /** A new site at the standard size: the size cap, at most 24 classes for schools. */
  const add = useCallback(
    (lngLat: LngLat) => {
      const standard = state.evaluation?.summary.standard;
      if (!standard) return;
      const classes = standard.classSize ? Math.max(1, Math.min(24, Math.floor(standard.maxSchoolSeats / standard.classSize))) : null;
      const seats = classes !== null && standard.classSize ? classes * standard.classSize : standard.maxSchoolSeats;
      const id = `P${state.nextNumber}`;
      dispatch({ type: 'commit', sites: [...state.sites, { id, lngLat, seats, classes, locked: false }] });
      dispatch({ type: 'select', id });
    },
    [state.evaluation, state.nextNumber, state.sites],
  );

  const change = useCallback(
    (id: string, patch: Partial<EditorSite>) => dispatch({ type: 'commit', sites: state.sites.map((s) => (s.id === id ? { ...s, ...patch } : s)) }),
    [state.sites],
  );
  const remove = useCallback(
    (id: string) => {
      dispatch({ type: 'commit', sites: state.sites.filter((s) => s.id !== id) });
      dispatch({ type: 'select', id: null });
    },
    [state.sites],
  );
  const replaceAll = useCallback((sites: EditorSite[]) => dispatch({ type: 'commit', sites }), []);

  const dragStartRef = useRef<EditorSite[] | null>(null);
  const dragStart = useCallback(
    (id: string) => {
      dragStartRef.current = state.sites;
      dispatch({ type: 'select', id });
    },
    [state.sites],
  );
  const drag = useCallback((id: string, lngLat: LngLat) => dispatch({ type: 'drag', id, lngLat }), []);
  const dragEnd = useCallback(() => {
    if (dragStartRef.current) dispatch({ type: 'drag-end', before: dragStartRef.current });
    dragStartRef.current = null;
  }, []);

  const synced = state.status === 'ready' && !busyRef.current && sentRef.current === state.sites;

  return {
    state,
    synced,
    start,
    stop,
    add,
    change,
    remove,
    replaceAll,
    dragStart,
    drag,
    dragEnd,
    undo: useCallback(() => dispatch({ type: 'undo' }), []),
    redo: useCallback(() => dispatch({ type: 'redo' }), []),
    select: useCallback((id: string | null) => dispatch({ type: 'select', id }), []),
  };
}

export type WhatIfController = ReturnType<typeof useWhatIf>;
