import { describe, expect, it } from 'vitest';
import { getStandard } from '../../../src/core/index.ts';
import { COMMANDS, commandForKey, keyName } from '../../../src/app/store/commands.ts';
import { analysedStore } from './fixture.ts';
import { en } from '../../../src/app/i18n/messages.ts';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  keyName({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('command registry', () => {
  it('names key presses the way bindings are written', () => {
    expect(press('z', { ctrlKey: true })).toBe('mod+z');
    expect(press('Z', { metaKey: true, shiftKey: true })).toBe('mod+shift+z');
    expect(press('Delete')).toBe('delete');
    expect(press('ArrowRight')).toBe('arrowright');
  });

  it('labels every command in both languages and never has two commands on one key at once', () => {
    const store = analysedStore();
    for (const c of COMMANDS) expect(en[c.label(store.getState())]).toBeTruthy();
    // Esc and Backspace serve drawing and, at other times, the presentation and site editing: in
    // each of these situations at most one enabled command may hold a key.
    const editing = analysedStore();
    editing.dispatch({ type: 'edit-start' });
    editing.dispatch({ type: 'whatif', action: { type: 'add-site', lngLat: [113.65, 34.77], standard: getStandard('zhengzhou-2035', 'primary') } });
    const presenting = analysedStore();
    presenting.dispatch({ type: 'ui', action: { type: 'present', on: true } });
    const drawing = analysedStore();
    drawing.dispatch({ type: 'ui', action: { type: 'draw-start', mode: 'exclusion' } });
    for (const p of [[113.6, 34.7], [113.61, 34.7], [113.61, 34.71]] as [number, number][]) drawing.dispatch({ type: 'ui', action: { type: 'draw-point', lngLat: p } });
    for (const s of [store, editing, presenting, drawing].map((x) => x.getState())) {
      const keys = COMMANDS.filter((c) => c.enabled(s)).flatMap((c) => ('keys' in c ? [...c.keys] : []));
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(commandForKey(drawing.getState(), 'enter')?.id).toBe('draw-finish');
    expect(commandForKey(drawing.getState(), 'backspace')?.id).toBe('draw-undo');
    expect(commandForKey(drawing.getState(), 'escape')?.id).toBe('draw-cancel');
  });

  it('deletes the selected site by key, but never a locked one, and only while editing', () => {
    const store = analysedStore();
    expect(commandForKey(store.getState(), 'delete')).toBeNull();
    store.dispatch({ type: 'edit-start' });
    store.dispatch({ type: 'whatif', action: { type: 'add-site', lngLat: [113.65, 34.77], standard: getStandard('zhengzhou-2035', 'primary') } });
    expect(commandForKey(store.getState(), 'delete')?.id).toBe('delete-site');
    store.dispatch({ type: 'whatif', action: { type: 'change-site', id: 'P1', patch: { locked: true } } });
    expect(commandForKey(store.getState(), 'delete')).toBeNull();
    expect(commandForKey(store.getState(), 'mod+z')?.id).toBe('undo');
  });

  it('steps through the presentation only while presenting', () => {
    const store = analysedStore();
    expect(commandForKey(store.getState(), 'arrowright')).toBeNull();
    expect(commandForKey(store.getState(), 'escape')).toBeNull();
    store.dispatch({ type: 'ui', action: { type: 'present', on: true } });
    expect(commandForKey(store.getState(), 'escape')?.id).toBe('present-exit');
    // No proposed sites: nothing to step through.
    expect(commandForKey(store.getState(), 'arrowright')).toBeNull();
  });
});
