import type { MessageKey } from '../i18n/messages.ts';
import type { RootState } from './root.ts';
import type { AppStore } from './store.ts';
import type { WorkerHub } from './workers.ts';
import { selectMarkers, selectPlanBounds, selectShowProposals } from './selectors.ts';
import { drawnPolygon, isArea, minPoints } from '../draw/draw-state.ts';

export interface CommandContext {
  store: AppStore;
  hub: WorkerHub;
}

/**
 * One thing a user can do, wherever it is offered: a button, a key, a menu. The label is a
 * message key (both languages), `keys` are bindings such as `mod+z` (Ctrl, or ⌘ on a Mac).
 */
export interface Command {
  id: string;
  label: (s: RootState) => MessageKey;
  keys?: string[];
  enabled: (s: RootState) => boolean;
  run: (ctx: CommandContext) => void;
}

const editingOn = (s: RootState) => s.whatIf.active && !s.ui.present;
const selectedSite = (s: RootState) => s.whatIf.sites.find((site) => site.id === s.whatIf.selectedId) ?? null;
const ready = (s: RootState) => s.data.readyVersion > 0;

export const COMMANDS = [
  {
    id: 'undo',
    label: () => 'whatif.undo',
    keys: ['mod+z'],
    enabled: (s) => editingOn(s) && s.whatIf.undo.length > 0,
    run: ({ store }) => store.dispatch({ type: 'whatif', action: { type: 'undo' } }),
  },
  {
    id: 'redo',
    label: () => 'whatif.redo',
    keys: ['mod+shift+z', 'mod+y'],
    enabled: (s) => editingOn(s) && s.whatIf.redo.length > 0,
    run: ({ store }) => store.dispatch({ type: 'whatif', action: { type: 'redo' } }),
  },
  {
    id: 'delete-site',
    label: () => 'whatif.remove',
    keys: ['delete', 'backspace'],
    enabled: (s) => editingOn(s) && selectedSite(s) !== null && !selectedSite(s)!.locked,
    run: ({ store }) => {
      const id = store.getState().whatIf.selectedId;
      if (id) store.dispatch({ type: 'whatif', action: { type: 'remove-site', id } });
    },
  },
  {
    id: 'edit-start',
    label: (s) => (selectShowProposals(s) ? 'whatif.startFromProposals' : 'whatif.start'),
    enabled: (s) => ready(s) && s.analysis.result !== null && !s.whatIf.active,
    run: ({ store }) => store.dispatch({ type: 'edit-start' }),
  },
  {
    id: 'edit-stop',
    label: () => 'whatif.stop',
    enabled: (s) => s.whatIf.active,
    run: ({ store }) => store.dispatch({ type: 'edit-stop', confirmed: false }),
  },
  {
    id: 'reoptimize',
    label: () => 'whatif.reoptimize',
    enabled: (s) => s.whatIf.status === 'ready' && !s.ui.reoptimizing,
    run: ({ hub }) => void hub.reoptimize(),
  },
  {
    id: 'recommend-run',
    label: () => 'rec.run',
    enabled: (s) => ready(s) && s.recommend.status !== 'running' && s.recommend.curve.status !== 'running',
    run: ({ hub }) => hub.runRecommend(),
  },
  {
    id: 'recommend-cancel',
    label: () => 'rec.cancel',
    enabled: (s) => s.recommend.status === 'running',
    run: ({ hub }) => hub.cancelRecommend(),
  },
  {
    id: 'curve-run',
    label: () => 'curve.run',
    enabled: (s) => ready(s) && s.recommend.status !== 'running' && s.recommend.curve.status !== 'running' && s.recommend.settings.model !== 'lscp',
    run: ({ hub }) => hub.runCurve(),
  },
  {
    id: 'curve-cancel',
    label: () => 'curve.cancel',
    enabled: (s) => s.recommend.curve.status === 'running',
    run: ({ hub }) => hub.cancelCurve(),
  },
  {
    id: 'present',
    label: () => 'present.start',
    enabled: (s) => !s.ui.present && s.analysis.result !== null,
    run: ({ store }) => {
      store.dispatch({ type: 'ui', action: { type: 'present', on: true } });
      store.dispatch({ type: 'present-step', index: -1 });
      // Full screen where the browser allows it; the presentation works in a window too.
      document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
  },
  {
    id: 'present-exit',
    label: () => 'present.exit',
    keys: ['escape'],
    enabled: (s) => s.ui.present,
    run: ({ store }) => {
      store.dispatch({ type: 'ui', action: { type: 'present', on: false } });
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
  },
  {
    id: 'present-next',
    label: () => 'present.next',
    keys: ['arrowright'],
    enabled: (s) => s.ui.present && selectMarkers(s).length > 0,
    run: ({ store }) => {
      const s = store.getState();
      const next = s.ui.presentIndex + 1;
      store.dispatch({ type: 'present-step', index: next >= selectMarkers(s).length ? -1 : next });
    },
  },
  {
    id: 'present-previous',
    label: () => 'present.previous',
    keys: ['arrowleft'],
    enabled: (s) => s.ui.present && selectMarkers(s).length > 0,
    run: ({ store }) => {
      const s = store.getState();
      const previous = s.ui.presentIndex - 1;
      store.dispatch({ type: 'present-step', index: previous < -1 ? selectMarkers(s).length - 1 : previous });
    },
  },
  {
    id: 'tables',
    label: (s) => (s.ui.tables.open ? 'table.hide' : 'table.show'),
    enabled: (s) => s.data.district !== null && !s.ui.present,
    run: ({ store }) => store.dispatch({ type: 'ui', action: { type: 'tables-open', open: !store.getState().ui.tables.open } }),
  },
  {
    id: 'draw-finish',
    label: () => 'draw.finish',
    keys: ['enter'],
    enabled: (s) => s.ui.draw !== null && s.ui.draw.points.length >= minPoints(s.ui.draw.mode) && isArea(s.ui.draw.mode) && !s.ui.draw.mode.startsWith('measure'),
    run: ({ store }) => {
      const draw = store.getState().ui.draw;
      const shape = draw ? drawnPolygon(draw.points) : null;
      if (!draw || !shape || (draw.mode !== 'exclusion' && draw.mode !== 'candidate')) return;
      store.dispatch({ type: 'data', action: { type: 'zone-drawn', kind: draw.mode, polygon: shape.geometry } });
      store.dispatch({ type: 'ui', action: { type: 'draw-end' } });
    },
  },
  {
    id: 'draw-undo',
    label: () => 'draw.undo',
    keys: ['backspace'],
    enabled: (s) => (s.ui.draw?.points.length ?? 0) > 0,
    run: ({ store }) => store.dispatch({ type: 'ui', action: { type: 'draw-undo' } }),
  },
  {
    id: 'draw-cancel',
    label: (s) => (s.ui.draw?.mode.startsWith('measure') ? 'draw.done' : 'draw.cancel'),
    keys: ['escape'],
    enabled: (s) => s.ui.draw !== null && !s.ui.present,
    run: ({ store }) => store.dispatch({ type: 'ui', action: { type: 'draw-end' } }),
  },
  {
    id: 'zoom-to-data',
    label: () => 'view.zoomToData',
    enabled: (s) => s.data.district !== null,
    run: ({ store }) => {
      const bounds = selectPlanBounds(store.getState());
      if (bounds) store.dispatch({ type: 'ui', action: { type: 'request-view', request: { kind: 'fit', bounds } } });
    },
  },
] as const satisfies readonly Command[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const command = (id: CommandId): Command => COMMANDS.find((c) => c.id === id)!;

/** `mod+shift+z` style name of a key press; `mod` is Ctrl, or ⌘ on a Mac. */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.altKey) parts.push('alt');
  if (e.shiftKey) parts.push('shift');
  parts.push(e.key.toLowerCase());
  return parts.join('+');
}

/** The enabled command bound to a key, if any. */
export function commandForKey(s: RootState, key: string): Command | null {
  return COMMANDS.find((c) => 'keys' in c && (c.keys as readonly string[]).includes(key) && c.enabled(s)) ?? null;
}
