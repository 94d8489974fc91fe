import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Evaluation, LngLat, Proposal, ProposedSite } from '../../../core/index.ts';
import type { LayerSetting } from '../../state/map-layers.ts';
import { clipTo, type CompareSide } from './compare-clip.ts';

export const PROPOSAL_COLOUR: [number, number, number] = [20, 20, 20];
const SELECTED_COLOUR: [number, number, number] = [230, 159, 0];
const LOCKED_COLOUR: [number, number, number] = [0, 114, 178];

/** A proposed site as drawn: from the optimizer, or placed by hand in the what-if editor. */
export interface SiteMarker {
  id: string;
  rank: number;
  lngLat: LngLat;
  seats: number;
  classes: number | null;
  pupilsServed: number;
  pupilsInCatchment: number;
  locked: boolean;
  selected: boolean;
}

export const proposalMarkers = (proposals: Proposal[]): SiteMarker[] => proposals.map((p) => ({ ...p, locked: false, selected: false }));

/** Hand-placed sites as drawn, with the pupils the evaluation gave each. */
export function siteMarkers(
  sites: readonly (ProposedSite & { locked: boolean })[],
  evaluation: Evaluation,
  selectedId: string | null,
): SiteMarker[] {
  const byId = new Map(evaluation.facilities.map((f) => [f.id, f]));
  return sites.map((site, k) => ({
    id: site.id,
    rank: k + 1,
    lngLat: site.lngLat,
    seats: site.seats,
    classes: site.classes ?? null,
    pupilsServed: byId.get(site.id)?.allocated ?? 0,
    pupilsInCatchment: byId.get(site.id)?.usersInCatchment ?? 0,
    locked: site.locked,
    selected: site.id === selectedId,
  }));
}

const position = (p: SiteMarker): [number, number] => [p.lngLat[0], p.lngLat[1]];
const rim = (p: SiteMarker): [number, number, number, number] => [...(p.selected ? SELECTED_COLOUR : p.locked ? LOCKED_COLOUR : PROPOSAL_COLOUR), 255];

/** Proposed sites: their catchment ring, a white disc with a rim (orange when selected, blue when locked) and the rank in it. */
export function proposalsLayers(sites: SiteMarker[], radiusM: number, setting: LayerSetting, side?: CompareSide) {
  const common = { ...clipTo(side), data: sites, visible: setting.visible, opacity: setting.opacity, getPosition: position };
  const suffix = side?.suffix ?? '';
  return [
    new ScatterplotLayer<SiteMarker>({
      ...common,
      id: `proposal-catchments${suffix}`,
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
    new ScatterplotLayer<SiteMarker>({
      ...common,
      id: `proposals${suffix}`,
      radiusUnits: 'pixels',
      getRadius: (p) => (p.selected ? 13 : 11),
      filled: true,
      getFillColor: [255, 255, 255, 255],
      stroked: true,
      getLineColor: rim,
      lineWidthUnits: 'pixels',
      getLineWidth: (p) => (p.locked || p.selected ? 4 : 3),
      pickable: true,
    }),
    new TextLayer<SiteMarker>({
      ...common,
      id: `proposal-ranks${suffix}`,
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
