import type { RootState } from '../store/root.ts';

/**
 * The parts of the state the map's deck.gl layers are built from (`deckLayersOf` reads no other),
 * without the analysis' and the recommendation's progress: every progress message would otherwise
 * build the layers and draw the whole map again, and a city's frames in software WebGL then take
 * the CPU from the worker doing the work (a city's Recommend: ≈ 9 s of the GPU's threads during
 * its 13 s of candidate sites).
 */
const inputsOf = (s: RootState): readonly unknown[] => [
  s.data.district,
  s.layers,
  s.analysis.result,
  s.analysis.settings,
  s.analysis.status,
  s.analysis.runId,
  s.analysis.access,
  s.recommend.result,
  s.recommend.basis,
  s.recommend.view,
  s.whatIf,
  s.zones,
  s.ui.isochrones,
  s.ui.compare,
  s.ui.view,
  s.ui.selection,
  s.ui.tables.layer,
  s.ui.searchPin,
  s.ui.draw,
];

/** A selector of those parts that returns the same list while none of them changed, so a store subscriber re-renders only for them. */
export function layerInputsSelector(): (s: RootState) => readonly unknown[] {
  let last: readonly unknown[] = [];
  return (s) => {
    const next = inputsOf(s);
    return next.length === last.length && next.every((v, i) => v === last[i]) ? last : (last = next);
  };
}
