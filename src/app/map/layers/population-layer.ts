import { ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { area } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import type { PopulationProperties } from '../../../core/schema.ts';
import { densityColour } from '../colour-ramp.ts';
import type { LayerSetting } from '../../state/map-layers.ts';

export interface CellDatum {
  id: string;
  /** Index of the source feature, the key the engine's cell results carry. */
  featureIndex: number;
  /** Rings flattened to [lng, lat, lng, lat, …]; holes start at `holeIndices` (array offsets). Null for a point. */
  polygon: { positions: Float64Array; holeIndices: number[] } | null;
  /** A point population (an address, a building, a raster pixel centre given as a point). */
  position: [number, number] | null;
  residents: number;
  /** Residents per km² of the polygon; null for a point, which has no area. */
  densityPerKm2: number | null;
}

/**
 * Flattens population features to what the layers draw: polygons (MultiPolygons one datum per
 * part) and points; other geometries are not population and are left out (the engine reports them).
 */
export function toCellData(features: Feature<Geometry | null, PopulationProperties>[]): CellDatum[] {
  const cells: CellDatum[] = [];
  features.forEach((f, featureIndex) => {
    const g = f.geometry;
    const residents = Number(f.properties?.population) || 0;
    const id = String(f.properties?.id ?? featureIndex + 1);
    if (g?.type === 'Point') {
      cells.push({ id, featureIndex, polygon: null, position: [g.coordinates[0], g.coordinates[1]], residents, densityPerKm2: null });
      return;
    }
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') return;
    const areaKm2 = area(g) / 1e6;
    const densityPerKm2 = areaKm2 > 0 ? residents / areaKm2 : 0;
    const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const rings of parts) cells.push({ id, featureIndex, polygon: flatten(rings), position: null, residents, densityPerKm2 });
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

/** Point residents: a dot whose area grows with the residents (2 px for one, 12 px for 10,000). */
export const pointRadiusPx = (residents: number): number => Math.min(12, 2 + Math.sqrt(Math.max(0, residents)) / 10);

/** Cells coloured by density; point populations as dots sized by residents (they have no density). */
export function populationLayer(cells: CellDatum[], setting: LayerSetting) {
  const polygons = cells.filter((c) => c.polygon !== null);
  const points = cells.filter((c) => c.position !== null);
  return [
    new SolidPolygonLayer<CellDatum>({
      id: 'population',
      data: polygons,
      visible: setting.visible,
      opacity: setting.opacity,
      getPolygon: (d) => d.polygon!,
      positionFormat: 'XY',
      getFillColor: (d) => densityColour(d.densityPerKm2 ?? 0),
      pickable: true,
    }),
    ...(points.length > 0
      ? [
          new ScatterplotLayer<CellDatum>({
            id: 'population-points',
            data: points,
            visible: setting.visible,
            opacity: setting.opacity,
            getPosition: (d) => d.position!,
            radiusUnits: 'pixels',
            getRadius: (d) => pointRadiusPx(d.residents),
            getFillColor: [204, 76, 2, 200],
            stroked: true,
            getLineColor: [255, 255, 255, 220],
            lineWidthUnits: 'pixels',
            getLineWidth: 0.5,
            pickable: true,
          }),
        ]
      : []),
  ];
}
