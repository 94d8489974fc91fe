import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Proposal } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';

export const PROPOSAL_COLOUR: [number, number, number] = [20, 20, 20];

const position = (p: Proposal): [number, number] => [p.lngLat[0], p.lngLat[1]];

/** Proposed sites: their catchment ring, a white disc with a dark rim, and the rank in it. */
export function proposalsLayers(proposals: Proposal[], radiusM: number, setting: LayerSetting) {
  const common = { data: proposals, visible: setting.visible, opacity: setting.opacity, getPosition: position };
  return [
    new ScatterplotLayer<Proposal>({
      ...common,
      id: 'proposal-catchments',
      radiusUnits: 'meters',
      getRadius: radiusM,
      filled: true,
      getFillColor: [...PROPOSAL_COLOUR, 18],
      stroked: true,
      getLineColor: [...PROPOSAL_COLOUR, 220],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      updateTriggers: { getRadius: [radiusM] },
    }),
    new ScatterplotLayer<Proposal>({
      ...common,
      id: 'proposals',
      radiusUnits: 'pixels',
      getRadius: 11,
      filled: true,
      getFillColor: [255, 255, 255, 255],
      stroked: true,
      getLineColor: [...PROPOSAL_COLOUR, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      pickable: true,
    }),
    new TextLayer<Proposal>({
      ...common,
      id: 'proposal-ranks',
      getText: (p) => String(p.rank),
      getSize: 13,
      getColor: [...PROPOSAL_COLOUR, 255],
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789',
    }),
  ];
}
