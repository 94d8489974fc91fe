import { FACILITY_TYPES, type FacilityType } from '../../core/index.ts';
import { accessUnitText, accessValueText } from '../analysis/access-text.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { RootState } from '../store/root.ts';
import { selectMarkers, selectShownEvaluation } from '../store/selectors.ts';
import { DENSITY_BREAKS_PER_KM2, DENSITY_COLOURS } from './colour-ramp.ts';
import { FACILITY_STYLE } from './facility-style.ts';
import { accessClassColour, NO_ACCESS_COLOUR } from './layers/access-layer.ts';
import { PROPOSAL_COLOUR } from './layers/proposals-layer.ts';
import { SHORTFALL_BREAKS, SHORTFALL_COLOURS, SHORTFALL_DOT_SHARE } from './layers/shortfall-layer.ts';
import { UTILISATION_RINGS } from './layers/utilisation-layer.ts';
import { VILLAGE_FILL, VILLAGE_OUTLINE } from './layers/villages-layer.ts';
import { DESIGNED_ZONE_OUTLINE, OFFICIAL_ZONE_OUTLINE, ZONE_FILLS } from './layers/zones-layer.ts';
import { selectAccessLayer } from './plan-layers.ts';

type Colour = readonly number[];

/**
 * How an entry is drawn: a swatch, an outlined area, a ring, a dot (of a radius, default 6 px), a
 * utilisation halo (a ring of a width on a white plate), a facility's symbol, a line.
 */
export type LegendMark =
  | { kind: 'fill'; colour: Colour }
  | { kind: 'outline'; colour: Colour; fill: Colour }
  | { kind: 'ring'; colour: Colour }
  | { kind: 'dot'; colour: Colour; radiusPx?: number }
  | { kind: 'halo'; colour: Colour; widthPx: number }
  | { kind: 'symbol'; type: FacilityType }
  | { kind: 'line'; colour: Colour; dashed: boolean };

export interface LegendItem {
  mark: LegendMark;
  label: string;
}

export interface LegendSection {
  id: string;
  title: string;
  items: LegendItem[];
}

/** "a – b" for class k of ascending lower bounds, "≥ a" for the last. */
function ranges(breaks: readonly number[], text: (v: number) => string): string[] {
  return breaks.map((lo, k) => (breaks[k + 1] === undefined ? `≥ ${text(lo)}` : `${text(lo)} – ${text(breaks[k + 1])}`));
}

/**
 * The legend of what the map shows now: one section for every visible layer — population density,
 * accessibility, shortfall, utilisation halos, urban villages, each facility type drawn, catchments,
 * proposed sites, the boundary — in drawing order. The one model behind the panel's legend, the
 * presentation's and the exported PNG's.
 */
export function legendSections(s: RootState, i18n: I18n): LegendSection[] {
  const { t, n } = i18n;
  const layers = s.layers.layers;
  const shown = selectShownEvaluation(s);
  const sections: LegendSection[] = [];
  if (!s.data.district) return sections;
  if (layers.population.visible) {
    const labels = ranges(DENSITY_BREAKS_PER_KM2, n);
    sections.push({ id: 'density', title: t('legend.density'), items: DENSITY_COLOURS.map((colour, k) => ({ mark: { kind: 'fill', colour }, label: labels[k] })) });
  }
  const access = layers.access.visible ? selectAccessLayer(s) : null;
  if (access) {
    const { breaks, higherIsBetter } = access.classes;
    const labels = ranges(breaks, (v) => accessValueText(i18n, v));
    const classes = breaks.map((_, k) => k);
    const best = higherIsBetter ? [...classes].reverse() : classes;
    sections.push({
      id: 'access',
      title: t('access.legend', { method: t(`access.method.${access.access.settings.method}`), unit: accessUnitText(i18n, access.access) }),
      items: [...best.map((k) => ({ mark: { kind: 'fill' as const, colour: accessClassColour(k, access.classes) }, label: labels[k] })), { mark: { kind: 'fill', colour: NO_ACCESS_COLOUR }, label: t('access.legendNone') }],
    });
  }
  if (shown && layers.shortfall.visible) {
    const labels = ranges(SHORTFALL_BREAKS, n);
    // The dots grow by class as on the map (there a share of the cell, here of a 16 px box).
    sections.push({ id: 'shortfall', title: t('legend.unserved'), items: SHORTFALL_COLOURS.map((colour, k) => ({ mark: { kind: 'dot', colour, radiusPx: 8 * SHORTFALL_DOT_SHARE[k] }, label: labels[k] })) });
  }
  if (shown && layers.utilisation.visible) {
    const statuses = Object.keys(UTILISATION_RINGS) as (keyof typeof UTILISATION_RINGS)[];
    sections.push({ id: 'utilisation', title: t('legend.utilisation'), items: statuses.map((status) => ({ mark: { kind: 'halo', ...UTILISATION_RINGS[status] }, label: t(`util.${status}`) })) });
  }
  const features: LegendItem[] = [];
  if (layers.villages.visible && s.data.district.villages.features.length > 0) features.push({ mark: { kind: 'outline', colour: VILLAGE_OUTLINE, fill: VILLAGE_FILL }, label: t('legend.village') });
  if (layers.facilities.visible) {
    const present = new Set(s.data.district.facilities.features.map((f) => f.properties.type));
    for (const type of FACILITY_TYPES) if (s.layers.facilityTypes[type] && present.has(type)) features.push({ mark: { kind: 'symbol', type }, label: t(`facility.${type}` as MessageKey) });
  }
  if (layers.catchments.visible) {
    for (const type of FACILITY_TYPES) if (s.layers.catchmentTypes[type]) features.push({ mark: { kind: 'ring', colour: FACILITY_STYLE[type].colour }, label: t('legend.catchmentOf', { type: t(`facility.${type}` as MessageKey) }) });
  }
  if (layers.proposals.visible && selectMarkers(s).length > 0) features.push({ mark: { kind: 'ring', colour: PROPOSAL_COLOUR }, label: t('legend.proposal') });
  if (layers.boundary.visible) features.push({ mark: { kind: 'line', colour: [40, 40, 40], dashed: true }, label: t('legend.boundary') });
  if ((layers.zones.visible || s.zones.swipe) && s.data.district.zones.features.length > 0) features.push({ mark: { kind: 'line', colour: OFFICIAL_ZONE_OUTLINE, dashed: false }, label: t('legend.officialZone') });
  if (layers.designedZones.visible && s.zones.design.result) features.push({ mark: { kind: 'outline', colour: DESIGNED_ZONE_OUTLINE, fill: [...ZONE_FILLS[0], Math.round(200 * layers.designedZones.opacity)] }, label: t('legend.designedZone') });
  if (features.length > 0) sections.push({ id: 'features', title: t('legend.features'), items: features });
  return sections;
}
