import { SolidPolygonLayer } from '@deck.gl/layers';
import { area } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PopulationProperties } from '../../../core/schema.ts';
import { densityColour } from '../colour-ramp.ts';
import type { LayerSetting } from '../../state/map-layers.ts';

export interface CellDatum {
  id: string;
  /** Index of the source feature, the key the engine's cell results carry. */
  featureIndex: number;
  /** Rings flattened to [lng, lat, lng, lat, …]; holes start at `holeIndices` (array offsets). */
  polygon: { positions: Float64Array; holeIndices: number[] };
  residents: number;
  densityPerKm2: number;
}

/** Flattens cells to what the layer draws; MultiPolygons become one datum per part. */
export function toCellData(features: Feature<Polygon | MultiPolygon, PopulationProperties>[]): CellDatum[] {
  const cells: CellDatum[] = [];
  features.forEach((f, featureIndex) => {
    const areaKm2 = area(f) / 1e6;
    const residents = f.properties.population;
    const densityPerKm2 = areaKm2 > 0 ? residents / areaKm2 : 0;
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of parts) cells.push({ id: f.properties.id, featureIndex, polygon: flatten(rings), residents, densityPerKm2 });
  });
  return cells;
}

function flatten(rings: number[][][]): CellDatum['polygon'] {
  const positions = new Float64Array(rings.reduce((n, r) => n + r.length * 2, 0));
  const holeIndices: number[] = [];
  let k = 0;
  rings.forEach((ring, i) => {
    if (i > 0) holeIndices.push(k);
    for (const [lng, lat] of ring) {
      positions[k++] = lng;
      positions[k++] = lat;
    }
  });
  return { positions, holeIndices };
}

export function populationLayer(cells: CellDatum[], setting: LayerSetting) {
  return new SolidPolygonLayer<CellDatum>({
    id: 'population',
    data: cells,
    visible: setting.visible,
    opacity: setting.opacity,
    getPolygon: (d) => d.polygon,
    positionFormat: 'XY',
    getFillColor: (d) => densityColour(d.densityPerKm2),
    pickable: true,
  });
}
