import { GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { pointOnFeature } from '@turf/turf';
import type { DistrictData } from '../data/district-data.ts';
import { LABEL_FONT_STACK, labelFontFaces } from './basemap/fonts.ts';
import { VILLAGE_OUTLINE } from './layers/villages-layer.ts';

/**
 * The layers the basemap draws: land use, roads and boundary, and the names of the villages and
 * facilities (those two are drawn by deck.gl; the basemap only labels them, so they are optional).
 */
export type BasemapData = Pick<DistrictData, 'boundary' | 'roads' | 'landuse'> & Partial<Pick<DistrictData, 'villages' | 'facilities'>>;

/**
 * The offline basemap: a background, land use, roads and the district boundary, all from the
 * district's own GeoJSON, and labels (road, urban-village and facility names, Chinese and Latin)
 * drawn from a font shipped with the app (see basemap/fonts.ts). Nothing is fetched from the network.
 */
export const BACKGROUND_COLOUR = '#f2efe9';

/** The zoom from which each kind of name is shown. */
export const LABEL_MIN_ZOOM = { villages: 12, roads: 14, facilities: 15 } as const;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** One point inside each village polygon, where its name goes (one label a village, not one a tile). */
export function villageLabelPoints(villages: FeatureCollection<Polygon | MultiPolygon> | undefined): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const village of villages?.features ?? []) {
    if (!village.geometry) continue;
    try {
      const point = pointOnFeature(village as Feature<Polygon | MultiPolygon>);
      features.push({ type: 'Feature', properties: village.properties ?? {}, geometry: point.geometry });
    } catch {
      // A degenerate polygon has no point inside: it goes unlabelled.
    }
  }
  return { type: 'FeatureCollection', features };
}

export function districtSources(data: BasemapData): Record<string, SourceSpecification> {
  return {
    'district-boundary': { type: 'geojson', data: data.boundary },
    'district-roads': { type: 'geojson', data: data.roads },
    'district-landuse': { type: 'geojson', data: data.landuse },
    'district-villages': { type: 'geojson', data: data.villages ?? EMPTY },
    'district-village-labels': { type: 'geojson', data: villageLabelPoints(data.villages) },
    'district-facility-labels': { type: 'geojson', data: data.facilities ?? EMPTY },
  };
}

/** The features' own names: the Chinese `name`, and `name_en` (pinyin or English) when it says something else. */
const hasBoth: ExpressionSpecification = ['all', ['has', 'name'], ['has', 'name_en'], ['!=', ['to-string', ['get', 'name']], ['to-string', ['get', 'name_en']]]];
const firstName: ExpressionSpecification = ['to-string', ['coalesce', ['get', 'name'], ['get', 'name_en'], '']];
/** Two lines: the name, and under it, smaller, the Latin name. */
const twoLineName: ExpressionSpecification = ['format', firstName, {}, ['case', hasBoth, ['concat', '\n', ['to-string', ['get', 'name_en']]], ''], { 'font-scale': 0.82 }];
/** One line, for names along a road. */
const oneLineName: ExpressionSpecification = ['case', hasBoth, ['concat', firstName, '  ', ['to-string', ['get', 'name_en']]], firstName];

export const LABEL_LAYERS: LayerSpecification[] = [
  {
    id: 'labels-roads',
    type: 'symbol',
    source: 'district-roads',
    minzoom: LABEL_MIN_ZOOM.roads,
    filter: ['any', ['has', 'name'], ['has', 'name_en']],
    layout: {
      'symbol-placement': 'line',
      // Arterials are named first where names would collide.
      'symbol-sort-key': ['match', ['get', 'class'], 'arterial', 0, 'secondary', 1, 2],
      'symbol-spacing': 320,
      'text-field': oneLineName,
      'text-font': LABEL_FONT_STACK,
      'text-size': ['interpolate', ['linear'], ['zoom'], 14, 11, 17, 14],
      'text-max-angle': 30,
      'text-padding': 4,
      'text-rotation-alignment': 'map',
      'text-pitch-alignment': 'viewport',
    },
    paint: { 'text-color': '#4a4a4a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-halo-blur': 0.3 },
  },
  {
    id: 'labels-villages',
    type: 'symbol',
    source: 'district-village-labels',
    minzoom: LABEL_MIN_ZOOM.villages,
    layout: {
      // The most populous villages are named first.
      'symbol-sort-key': ['-', 0, ['to-number', ['coalesce', ['get', 'population'], 0]]],
      'text-field': twoLineName,
      'text-font': LABEL_FONT_STACK,
      'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 16, 15],
      'text-max-width': 8,
      'text-padding': 3,
    },
    // The villages' own hue (the deck.gl outline, magenta), darker for legible text.
    paint: { 'text-color': '#8e0152', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.8, 'text-halo-blur': 0.3 },
  },
  {
    id: 'labels-facilities',
    type: 'symbol',
    source: 'district-facility-labels',
    minzoom: LABEL_MIN_ZOOM.facilities,
    layout: {
      // The largest facilities are named first.
      'symbol-sort-key': ['-', 0, ['to-number', ['coalesce', ['get', 'capacity'], 0]]],
      'text-field': twoLineName,
      'text-font': LABEL_FONT_STACK,
      'text-size': ['interpolate', ['linear'], ['zoom'], 15, 11, 18, 13],
      // Beside the facility's symbol (drawn by deck.gl), on whichever side is free.
      'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
      'text-radial-offset': 1.1,
      'text-justify': 'auto',
      'text-max-width': 9,
      'text-padding': 2,
    },
    paint: { 'text-color': '#1f1f1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6, 'text-halo-blur': 0.3 },
  },
];

export const DISTRICT_LAYERS: LayerSpecification[] = [
  {
    id: 'landuse-fill',
    type: 'fill',
    source: 'district-landuse',
    paint: {
      'fill-color': [
        'match',
        ['get', 'class'],
        'park', '#cfe8c3',
        'water', '#aad3df',
        'rail', '#d9d3cc',
        'industry', '#e3dce8',
        'exclusion', '#e6d3d3',
        '#e0e0e0',
      ],
    },
  },
  {
    id: 'roads-local',
    type: 'line',
    source: 'district-roads',
    filter: ['==', ['get', 'class'], 'local'],
    paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 16, 5], 'line-opacity': 0.8 },
  },
  {
    id: 'roads-secondary',
    type: 'line',
    source: 'district-roads',
    filter: ['==', ['get', 'class'], 'secondary'],
    paint: { 'line-color': '#fdfdfd', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1.2, 16, 8], 'line-opacity': 0.8 },
  },
  {
    id: 'roads-arterial',
    type: 'line',
    source: 'district-roads',
    filter: ['==', ['get', 'class'], 'arterial'],
    paint: { 'line-color': '#f7c873', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 2, 16, 12], 'line-opacity': 0.8 },
  },
  {
    id: 'district-boundary-line',
    type: 'line',
    source: 'district-boundary',
    paint: { 'line-color': '#333333', 'line-width': 2.5, 'line-dasharray': [4, 2] },
  },
];

/**
 * Where deck.gl draws the analysis (catchments, halos; density, shortfall and the villages' fill
 * before the villages' outlines): over the basemap, the roads and the boundary, under every name
 * (the basemap's annotation tiles and the labels).
 * An empty placeholder layer, so that the place exists in every style whatever its labels.
 */
export const ANALYSIS_SLOT = 'analysis-slot';

const SLOT_LAYER: LayerSpecification = { id: ANALYSIS_SLOT, type: 'background', layout: { visibility: 'none' } };

/**
 * The urban villages' outlines, drawn by the map between the analysis under them (density,
 * shortfall, the villages' fill, drawn by deck.gl before this layer) and the catchments and halos
 * over them. Not a deck.gl path: deck.gl draws every segment as an instance, and a software GPU
 * (SwiftShader) pays per instance: a city's 300 villages are 12,900 segments, most of a frame.
 */
export const VILLAGE_OUTLINES = 'village-outlines';

const VILLAGE_OUTLINE_LAYER: LayerSpecification = {
  id: VILLAGE_OUTLINES,
  type: 'line',
  source: 'district-villages',
  paint: { 'line-color': `rgb(${VILLAGE_OUTLINE.join(', ')})`, 'line-width': 2 },
};

/** The style's layers from the district's own over the basemap to the analysis slot. */
const ANALYSIS_LAYERS: LayerSpecification[] = [...DISTRICT_LAYERS, VILLAGE_OUTLINE_LAYER, SLOT_LAYER];

/** Style layer ids behind each entry of the layer panel (road names come and go with the roads). */
export const STYLE_LAYER_GROUPS = {
  roads: ['roads-local', 'roads-secondary', 'roads-arterial', 'labels-roads'],
  boundary: ['district-boundary-line'],
  // Facility names follow the facilities' switch, as road names follow the roads'. Village names
  // stay: until deck.gl draws under the labels, switching the village fill off is how to read them.
  facilities: ['labels-facilities'],
  villages: [VILLAGE_OUTLINES],
} as const;

export function localStyle(data: BasemapData): StyleSpecification {
  return {
    version: 8,
    name: 'Catchmap local',
    // No `glyphs`: every label is drawn in the browser from these font files.
    'font-faces': labelFontFaces(),
    sources: districtSources(data),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }, ...ANALYSIS_LAYERS, ...LABEL_LAYERS],
  };
}

/**
 * A style of basemap layers (raster or vector tiles, already with their sources) with the
 * district's layers over them, the labels on top, and the label font.
 */
export function styleWithDistrict(
  name: string,
  basemap: { sources: Record<string, SourceSpecification>; layers: LayerSpecification[]; above?: LayerSpecification[] },
  data: BasemapData,
): StyleSpecification {
  return {
    version: 8,
    name,
    'font-faces': labelFontFaces(),
    sources: { ...basemap.sources, ...districtSources(data) },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } },
      ...basemap.layers,
      ...ANALYSIS_LAYERS,
      ...(basemap.above ?? []),
      ...LABEL_LAYERS,
    ],
  };
}

/**
 * A basemap style that came from elsewhere (a style URL) with the district's layers, the analysis
 * slot and the labels on top, and the label font added to its own `font-faces` (its glyph server,
 * if any, has no Noto Sans SC). Its own sources and layers are kept; a style that already has the
 * slot (every style built here) is returned as it is.
 */
export function withDistrict(style: StyleSpecification, data: BasemapData): StyleSpecification {
  if (style.layers.some((l) => l.id === ANALYSIS_SLOT)) return style;
  const own = new Set(style.layers.map((l) => l.id));
  const ours = [...ANALYSIS_LAYERS, ...LABEL_LAYERS].filter((l) => !own.has(l.id));
  return {
    ...style,
    'font-faces': { ...(style['font-faces'] ?? {}), ...labelFontFaces() },
    sources: { ...districtSources(data), ...style.sources },
    layers: [...style.layers, ...ours],
  };
}

/** Replaces the district's basemap data in place (a loaded roads, boundary, villages or facilities file). */
export function updateDistrictSources(map: MapLibreMap, data: BasemapData): void {
  for (const [id, source] of Object.entries(districtSources(data))) {
    const current = map.getSource(id);
    if (current instanceof GeoJSONSource && source.type === 'geojson') current.setData(source.data as GeoJSON.GeoJSON);
  }
}
