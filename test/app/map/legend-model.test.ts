import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../../src/app/i18n/i18n.ts';
import { legendSections } from '../../../src/app/map/legend-model.ts';
import { legendLayout, LEGEND } from '../../../src/app/export/map-image.ts';
import { newStore, workedDistrict, workedEvaluation } from '../store/fixture.ts';

const i18n = makeI18n('en');

describe('the legend model', () => {
  it('lists a section for every visible layer, and drops a layer switched off', () => {
    const store = newStore();
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: workedDistrict() } });
    const ids = () => legendSections(store.getState(), i18n).map((s) => s.id);
    // Before any analysis: the population and the things on the map.
    expect(ids()).toEqual(['density', 'features']);
    store.dispatch({ type: 'analysis', action: { type: 'started', runId: 1 } });
    store.dispatch({ type: 'analysis', action: { type: 'finished', runId: 1, result: workedEvaluation(), districtVersion: 1 } });
    expect(ids()).toEqual(['density', 'shortfall', 'utilisation', 'features']);
    store.dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: 'shortfall' } });
    store.dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: 'population' } });
    expect(ids()).toEqual(['utilisation', 'features']);
    const features = legendSections(store.getState(), i18n).find((s) => s.id === 'features')!.items.map((i) => i.label);
    expect(features).toContain('Catchment: Primary school');
    expect(features).toContain('District boundary');
    store.dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: 'boundary' } });
    expect(legendSections(store.getState(), i18n).find((s) => s.id === 'features')!.items.map((i) => i.label)).not.toContain('District boundary');
  });

  it('names the official zones when they are drawn, and not before', () => {
    const store = newStore();
    const zone = { type: 'Feature', properties: { zone: 'Z1', school: null }, geometry: { type: 'Polygon', coordinates: [[[113.64, 34.74], [113.66, 34.74], [113.66, 34.78], [113.64, 34.74]]] } };
    store.dispatch({ type: 'data', action: { type: 'district-loaded', district: { ...workedDistrict(), zones: { type: 'FeatureCollection', features: [zone] } as ReturnType<typeof workedDistrict>['zones'] } } });
    const labels = () => legendSections(store.getState(), i18n).find((s) => s.id === 'features')!.items.map((i) => i.label);
    expect(labels()).not.toContain('Official attendance zone');
    store.dispatch({ type: 'layers', action: { type: 'toggle-layer', layer: 'zones' } });
    expect(labels()).toContain('Official attendance zone');
  });
});

describe('the exported legend layout', () => {
  const section = (id: string, items: number) => ({ id, title: id, items: Array.from({ length: items }, (_, k) => ({ mark: { kind: 'fill' as const, colour: [k, k, k] }, label: `${id}${k}` })) });
  it('stacks sections in one column while they fit', () => {
    const layout = legendLayout([section('a', 2), section('b', 3)], 1000);
    const top = LEGEND.pad + LEGEND.heading;
    expect(layout.rows.map((r) => [r.kind, r.x, r.y])).toEqual([
      ['title', LEGEND.pad, top],
      ['item', LEGEND.pad, top + LEGEND.title],
      ['item', LEGEND.pad, top + LEGEND.title + LEGEND.row],
      ['title', LEGEND.pad, top + LEGEND.title + 2 * LEGEND.row],
      ['item', LEGEND.pad, top + 2 * LEGEND.title + 2 * LEGEND.row],
      ['item', LEGEND.pad, top + 2 * LEGEND.title + 3 * LEGEND.row],
      ['item', LEGEND.pad, top + 2 * LEGEND.title + 4 * LEGEND.row],
    ]);
    expect(layout.height).toBe(top + 2 * LEGEND.title + 5 * LEGEND.row + LEGEND.pad);
  });

  it('carries a section that would not fit to the next column, whole', () => {
    // Room for the heading, one title and four rows: the second section starts a column.
    const top = LEGEND.pad + LEGEND.heading;
    const layout = legendLayout([section('a', 4), section('b', 2)], top + LEGEND.title + 4 * LEGEND.row + LEGEND.pad + 5);
    const b = layout.rows.find((r) => r.kind === 'title' && r.text === 'b')!;
    expect([b.x, b.y]).toEqual([LEGEND.pad + LEGEND.column, top]);
    expect(layout.width).toBe(2 * LEGEND.pad + 2 * LEGEND.column - 10);
  });
});
