import { createSelector } from 'reselect';
import type { Feature, Point } from 'geojson';
import type { Layer } from '@deck.gl/core';
import { ANALYSIS_SLOT, VILLAGE_OUTLINES } from './district-style.ts';
import { symbolScale } from './symbol-scale.ts';
import {
  FACILITY_TYPES,
  findPreset,
  DEFAULT_PRESET_ID,
  type Evaluation,
  type FacilityProperties,
  type FacilityResult,
  type FacilityType,
  type PopulationGrid,
} from '../../core/index.ts';
import type { RootState } from '../store/root.ts';
import { selectMarkers, selectShownEvaluation } from '../store/selectors.ts';
import { populationLayer, toCellData, type CellDatum } from './layers/population-layer.ts';
import { shortfallLayer, toShortfallData, type ShortfallDatum } from './layers/shortfall-layer.ts';
import { gridBitmapLayer, gridDensityImage, gridShortfallImage, gridUnserved, type GridImage } from './layers/population-grid-layer.ts';
import { villagesLayer } from './layers/villages-layer.ts';
import { accessByFeature, accessClasses, accessLayers, gridAccessImage, toAccessData, type AccessLayerData } from './layers/access-layer.ts';
import { currentAccess } from '../analysis/analysis-state.ts';
import { searchPinLayers, selectionLayers } from './layers/selection-layer.ts';
import { drawLayers } from './layers/draw-layer.ts';
import { selectSelectedRow } from '../tables/tables.ts';
import { catchmentsLayer, isochronesLayer } from './layers/catchments-layer.ts';
import { utilisationLayer } from './layers/utilisation-layer.ts';
import { facilitiesLayer } from './layers/facilities-layer.ts';
import { proposalsLayers, siteMarkers, type SiteMarker } from './layers/proposals-layer.ts';
import { compareSides, type CompareSide } from './layers/compare-clip.ts';
import type { MapLayersState } from '../state/map-layers.ts';
import { designedZoneFeatures, designedZonesLayer, officialZonesLayer, zoneDragLayer } from './layers/zones-layer.ts';

const DEFAULT_RADIUS_M = Object.fromEntries(
  FACILITY_TYPES.map((t) => [t, findPreset(DEFAULT_PRESET_ID).standards[t].radiusM]),
) as Record<FacilityType, number>;

/** One plan as drawn: cells short of places, halos on existing facilities, proposed sites. */
interface PlanData {
  shortfall: ShortfallDatum[];
  /** A raster population: unserved users per pixel and their image, in place of `shortfall`. */
  shortfallGrid: { grid: PopulationGrid; unserved: Float32Array; image: GridImage } | null;
  existing: FacilityResult[];
  markers: SiteMarker[];
  radiusM: number;
}

export const selectCells = createSelector([(s: RootState) => s.data.district?.population], (population): CellDatum[] =>
  population ? toCellData(population.features) : [],
);

export const selectGrid = (s: RootState): PopulationGrid | undefined => s.data.district?.populationGrid;

const selectDensityImage = createSelector([selectGrid], (grid) => (grid ? gridDensityImage(grid) : null));

function shortfallOf(cells: CellDatum[], grid: PopulationGrid | undefined, result: Evaluation): Pick<PlanData, 'shortfall' | 'shortfallGrid'> {
  if (!grid) return { shortfall: toShortfallData(cells, result.cells), shortfallGrid: null };
  const unserved = gridUnserved(grid, result.cells);
  return { shortfall: [], shortfallGrid: { grid, unserved, image: gridShortfallImage(grid, unserved) } };
}

/** Today's accessibility measure as drawn: classes over its values, per drawn cell or raster pixel. */
export const selectAccessLayer = createSelector(
  [selectCells, selectGrid, (s: RootState) => currentAccess(s.analysis), (s: RootState) => s.analysis.result],
  (cells, grid, access, result): AccessLayerData | null => {
    if (!access || !result || result.cells.length !== access.values.length) return null;
    const byFeature = accessByFeature(result.cells, access.values);
    const classes = accessClasses(access.values, access.higherIsBetter);
    if (grid) return { access, classes, byFeature, cells: [], grid: { grid, image: gridAccessImage(grid, byFeature, classes) } };
    return { access, classes, byFeature, cells: toAccessData(cells, byFeature), grid: null };
  },
);

const selectFacilities = (s: RootState) => (s.data.district?.facilities.features ?? []) as Feature<Point, FacilityProperties>[];

/** Each type's catchment radius: the analysed type's as set, the others the preset's. */
export const selectRadiusM = createSelector([selectShownEvaluation], (result): Record<FacilityType, number> =>
  result ? { ...DEFAULT_RADIUS_M, [result.summary.type]: result.summary.standard.radiusM } : DEFAULT_RADIUS_M,
);

export const selectPlan = createSelector([selectCells, selectGrid, selectShownEvaluation, selectMarkers], (cells, grid, result, markers): PlanData | null => {
  if (!result) return null;
  // Proposals are sized to the pupils they take, so a utilisation halo would say nothing about them.
  const proposed = new Set(markers.map((m) => m.id));
  return {
    ...shortfallOf(cells, grid, result),
    existing: result.facilities.filter((f) => !proposed.has(f.id)),
    markers,
    radiusM: result.summary.standard.radiusM,
  };
});

/** A saved scenario's plan, drawn right of the swipe divider. */
export const selectComparePlan = createSelector([selectCells, selectGrid, (s: RootState) => s.ui.compare], (cells, grid, compare): PlanData | null => {
  if (!compare?.evaluation) return null;
  const other = compare.evaluation;
  const sites = new Set(compare.saved.scenario.sites.map((site) => site.id));
  return {
    ...shortfallOf(cells, grid, other),
    existing: other.facilities.filter((f) => !sites.has(f.id)),
    markers: siteMarkers(compare.saved.scenario.sites, other, null),
    radiusM: other.summary.standard.radiusM,
  };
});

const selectDesignedZones = createSelector(
  [(s: RootState) => s.zones.design.result?.outlines, (s: RootState) => s.zones.design.result?.view.colours],
  (outlines, colours) => (outlines && colours ? designedZoneFeatures(outlines, colours) : []),
);

/**
 * `layer` drawn just before the style layer `beforeId`. The prop is read by MapLibreOverlay
 * (interleaved) and is not among deck.gl's layer props.
 */
function before(beforeId: string) {
  return (layer: Layer): Layer => layer.clone({ beforeId } as Partial<Layer['props']>);
}

function planLayers(plan: PlanData | null, layers: MapLayersState, side: CompareSide | undefined, scale = 1) {
  if (!plan) return { shortfall: [], utilisation: [], proposals: [] };
  return {
    shortfall: plan.shortfallGrid
      ? [gridBitmapLayer('shortfall-grid', plan.shortfallGrid.grid, plan.shortfallGrid.image, layers.layers.shortfall, side)]
      : shortfallLayer(plan.shortfall, layers.layers.shortfall, side),
    utilisation: [utilisationLayer(plan.existing, layers.layers.utilisation, side, scale)],
    proposals: plan.markers.length > 0 ? proposalsLayers(plan.markers, plan.radiusM, layers.layers.proposals, side) : [],
  };
}

/**
 * Every deck.gl layer of the map, from the state alone, in drawing order. With a comparison
 * open, `splitLng` (the divider's longitude) clips the current plan to its left and the saved
 * one to its right.
 */
export function deckLayersOf(s: RootState, splitLng: number | null): Layer[] {
  const district = s.data.district;
  if (!district) return [];
  const { layers } = s;
  const compare = selectComparePlan(s);
  const sides = compare && splitLng !== null ? compareSides(splitLng) : null;
  const scale = symbolScale(s.ui.view?.zoom);
  const a = planLayers(selectPlan(s), layers, sides?.left, scale);
  const b = sides ? planLayers(compare, layers, sides.right, scale) : planLayers(null, layers, undefined);
  // Zones swiped (no scenario compared): the official outlines left of the divider, the design right of it.
  const zoneSides = !compare && s.zones.swipe && splitLng !== null ? compareSides(splitLng) : null;
  const facilities = selectFacilities(s);
  const iso = s.ui.isochrones;
  const access = layers.layers.access.visible ? selectAccessLayer(s) : null;
  // Under the villages' outlines (drawn by the map's style); then the analysis over them.
  const underOutlines: Layer[] = [
    ...populationLayer(selectCells(s), layers.layers.population),
    ...(district.populationGrid ? [gridBitmapLayer('population-grid', district.populationGrid, selectDensityImage(s)!, layers.layers.population)] : []),
    ...(access ? accessLayers(access, layers.layers.access) : []),
    ...a.shortfall,
    ...b.shortfall,
    villagesLayer(district.villages.features, layers.layers.villages),
  ];
  const analysis: Layer[] = [
    // Walking distance: the analysed type's catchments are drawn as the streets reached, not circles.
    catchmentsLayer(iso ? facilities.filter((f) => f.properties.type !== iso.type) : facilities, layers.catchmentTypes, selectRadiusM(s), layers.layers.catchments),
    ...(iso && layers.catchmentTypes[iso.type] ? [isochronesLayer(iso.shapes, iso.type, layers.layers.catchments)] : []),
    ...(district.zones.features.length > 0 ? [officialZonesLayer(district.zones, zoneSides ? { ...layers.layers.zones, visible: true } : layers.layers.zones, zoneSides?.left)] : []),
    ...(s.zones.design.result ? [designedZonesLayer(selectDesignedZones(s), layers.layers.designedZones, zoneSides?.right)] : []),
    ...a.utilisation,
    ...b.utilisation,
  ];
  // The analysis goes under the names; symbols and what the planner is working on stay on top.
  return [
    ...underOutlines.map(before(VILLAGE_OUTLINES)),
    ...analysis.map(before(ANALYSIS_SLOT)),
    facilitiesLayer(facilities, layers.facilityTypes, layers.layers.facilities, scale),
    ...a.proposals,
    ...b.proposals,
    ...selectionLayers(selectSelectedRow(s)),
    ...searchPinLayers(s.ui.searchPin),
    ...drawLayers(s.ui.draw),
    ...(s.zones.dragBox ? [zoneDragLayer(s.zones.dragBox)] : []),
  ];
}
