import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { gridBounds, isFacilityType, type FacilityType, type MappedLayer } from '../../core/index.ts';
import type { DistrictData, DistrictLayer } from './district-data.ts';
import { extentOf, outsideDemo, setAsideDemo, withDefaultBoundary } from './workspace.ts';

const withoutDemo = (data: DistrictData, ...layers: DistrictLayer[]) => data.demoLayers.filter((l) => !layers.includes(l));

export interface MergeOptions {
  /** Facilities: drop the facilities of the types the file holds (else the file adds to them). */
  replaceFacilities: boolean;
}

/**
 * The district with a confirmed file in its role. Facilities replace only the types the file
 * holds (a file of primary schools keeps the clinics), or add to them; exclusion zones add to the
 * land use; everything else replaces its layer. Pure: the previous district is left as it was.
 */
export function mergeLayer(data: DistrictData, layer: MappedLayer, options: MergeOptions = { replaceFacilities: true }): DistrictData {
  const fc = layer.collection as FeatureCollection;
  // Another city: the synthetic district is set aside whole, never analysed with the user's data.
  const base = outsideDemo(data, layer.grid ? gridBounds(layer.grid) : extentOf(fc)) ? setAsideDemo(data) : data;
  const merged = mergeInto(base, layer, fc, options);
  return withDefaultBoundary(layer.role === 'candidates' ? merged : { ...merged, layerFiles: { ...merged.layerFiles, [layerOf(layer.role)]: fileOf(merged, layer) } });
}

const layerOf = (role: Exclude<MappedLayer['role'], 'candidates'>): DistrictLayer => (role === 'exclusions' ? 'landuse' : role);

/** The file a layer now comes from: facilities kept from an earlier file name both. */
function fileOf(merged: DistrictData, layer: MappedLayer): string {
  if (layer.role === 'facilities') return merged.files.facilities;
  if (layer.role === 'exclusions' && merged.layerFiles.landuse) return `${merged.layerFiles.landuse} + ${layer.file}`;
  return layer.file;
}

function mergeInto(data: DistrictData, layer: MappedLayer, fc: FeatureCollection, options: MergeOptions): DistrictData {
  switch (layer.role) {
    case 'population':
      return { ...data, population: fc as DistrictData['population'], populationGrid: layer.grid, demoLayers: withoutDemo(data, 'population'), files: { ...data.files, population: layer.file } };
    case 'villages':
      return { ...data, villages: fc as DistrictData['villages'], demoLayers: withoutDemo(data, 'villages'), files: { ...data.files, villages: layer.file } };
    case 'facilities': {
      const types = new Set<FacilityType>();
      for (const f of fc.features) if (isFacilityType(f.properties?.type)) types.add(f.properties.type);
      const kept = options.replaceFacilities ? data.facilities.features.filter((f) => !types.has(f.properties.type)) : data.facilities.features;
      const facilities = { type: 'FeatureCollection', features: [...kept, ...fc.features] } as DistrictData['facilities'];
      // Demo facilities of other types may remain; the layer stays marked synthetic until none do.
      const demoLeft = data.demoLayers.includes('facilities') && kept.length > 0;
      const file = kept.length > 0 ? `${data.files.facilities} + ${layer.file}` : layer.file;
      return { ...data, facilities, demoLayers: demoLeft ? data.demoLayers : withoutDemo(data, 'facilities'), files: { ...data.files, facilities: file } };
    }
    case 'candidates':
      return { ...data, candidates: fc };
    case 'exclusions': {
      const zones = fc.features.map(
        (f, i): Feature<Geometry, Record<string, unknown>> => ({
          ...f,
          geometry: f.geometry,
          properties: { ...f.properties, id: f.properties?.id ?? `${layer.file}#${i + 1}`, class: 'exclusion' },
        }),
      );
      return { ...data, landuse: { ...data.landuse, features: [...data.landuse.features, ...zones] } as DistrictData['landuse'] };
    }
    case 'roads':
      return { ...data, roads: fc as DistrictData['roads'], demoLayers: withoutDemo(data, 'roads') };
    case 'boundary':
      return { ...data, boundary: fc as DistrictData['boundary'], demoLayers: withoutDemo(data, 'boundary') };
    case 'zones':
      return { ...data, zones: fc as DistrictData['zones'], demoLayers: withoutDemo(data, 'zones') };
  }
}

/**
 * The district with a zone drawn by hand: an exclusion zone joins the land use (as loaded ones
 * do), a candidate parcel joins the candidate sites (the generated grid gives way to them, as
 * with a loaded candidates layer). Each is numbered in its kind: "drawn-exclusion-2".
 */
export function withDrawnZone(data: DistrictData, kind: 'exclusion' | 'candidate', polygon: Polygon): DistrictData {
  if (kind === 'exclusion') {
    const n = data.landuse.features.filter((f) => String(f.properties?.id ?? '').startsWith('drawn-exclusion-')).length + 1;
    const zone = { type: 'Feature', geometry: polygon, properties: { id: `drawn-exclusion-${n}`, class: 'exclusion', name: `drawn-exclusion-${n}` } } as DistrictData['landuse']['features'][number];
    return { ...data, landuse: { ...data.landuse, features: [...data.landuse.features, zone] } };
  }
  const existing = data.candidates?.features ?? [];
  const n = existing.filter((f) => String(f.properties?.id ?? '').startsWith('drawn-candidate-')).length + 1;
  const parcel: Feature = { type: 'Feature', geometry: polygon, properties: { id: `drawn-candidate-${n}`, name: `drawn-candidate-${n}` } };
  return { ...data, candidates: { type: 'FeatureCollection', features: [...existing, parcel] } };
}
