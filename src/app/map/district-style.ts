import { GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { DistrictData } from '../data/district-data.ts';

/** The layers the basemap draws. */
export type BasemapData = Pick<DistrictData, 'boundary' | 'roads' | 'landuse'>;

/**
 * The offline basemap: a background, land use, roads and the district boundary, all from the
 * district's own GeoJSON. No glyphs or sprites, so nothing is fetched from the network.
 */
export const BACKGROUND_COLOUR = '#f2efe9';

export function districtSources(data: BasemapData): Record<string, SourceSpecification> {
  return {
    'district-boundary': { type: 'geojson', data: data.boundary },
    'district-roads': { type: 'geojson', data: data.roads },
    'district-landuse': { type: 'geojson', data: data.landuse },
  };
}

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

/** Style layer ids behind each entry of the layer panel. */
export const STYLE_LAYER_GROUPS = {
  roads: ['roads-local', 'roads-secondary', 'roads-arterial'],
  boundary: ['district-boundary-line'],
} as const;

export function localStyle(data: BasemapData): StyleSpecification {
  return {
    version: 8,
    name: 'Catchmap local',
    sources: districtSources(data),
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOUR } }, ...DISTRICT_LAYERS],
  };
}

/** Puts the district's own layers on top of an online basemap style. */
export function addDistrictLayers(map: MapLibreMap, data: BasemapData): void {
  for (const [id, source] of Object.entries(districtSources(data))) {
    if (!map.getSource(id)) map.addSource(id, source);
  }
  for (const layer of DISTRICT_LAYERS) {
    if (!map.getLayer(layer.id)) map.addLayer(layer);
  }
}

/** Replaces the district's basemap data in place (a loaded roads or boundary file). */
export function updateDistrictSources(map: MapLibreMap, data: BasemapData): void {
  for (const [id, source] of Object.entries(districtSources(data))) {
    const current = map.getSource(id);
    if (current instanceof GeoJSONSource && source.type === 'geojson') current.setData(source.data as GeoJSON.GeoJSON);
  }
}
