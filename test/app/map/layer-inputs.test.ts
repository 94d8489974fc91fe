import { describe, expect, it } from 'vitest';
import { layerInputsSelector } from '../../../src/app/map/layer-inputs.ts';
import { initialRoot, type RootState } from '../../../src/app/store/root.ts';
import { initialUi } from '../../../src/app/state/ui-state.ts';

describe("the map layers' inputs", () => {
  const start: RootState = initialRoot(initialUi('en', false, false));

  it('stay the same list through progress messages of the analysis and the recommendation', () => {
    const select = layerInputsSelector();
    const before = select(start);
    const running: RootState = {
      ...start,
      analysis: { ...start.analysis, progress: 0.4, message: 'finding catchments' },
      recommend: { ...start.recommend, progress: 0.21, message: 'generating candidate sites' },
    };
    expect(select(running)).toBe(before);
  });

  it('change with what the layers draw: a recommendation, its view, an analysis result, the what-if editor', () => {
    const changed: RootState[] = [
      { ...start, recommend: { ...start.recommend, view: 'before' } },
      { ...start, analysis: { ...start.analysis, status: 'done' } },
      { ...start, whatIf: { ...start.whatIf, active: true } },
      { ...start, ui: { ...start.ui, view: { center: [113.6, 34.75], zoom: 12, bearing: 0, pitch: 0 } } },
    ];
    for (const s of changed) {
      const select = layerInputsSelector();
      const before = select(start);
      expect(select(s)).not.toBe(before);
    }
  });
});
