import { describe, expect, it } from 'vitest';
import { initialMapLayers, mapLayersReducer } from '../../../src/app/state/map-layers.ts';

describe('map layers state', () => {
  it('toggles a layer without touching the others or the previous state', () => {
    const next = mapLayersReducer(initialMapLayers, { type: 'toggle-layer', layer: 'villages' });
    expect(next.layers.villages.visible).toBe(false);
    expect(next.layers.population).toBe(initialMapLayers.layers.population);
    expect(initialMapLayers.layers.villages.visible).toBe(true);
  });

  it('clamps opacity to 0..1 and treats NaN as opaque', () => {
    const set = (opacity: number) =>
      mapLayersReducer(initialMapLayers, { type: 'set-opacity', layer: 'roads', opacity }).layers.roads.opacity;
    expect(set(1.7)).toBe(1);
    expect(set(-3)).toBe(0);
    expect(set(Number.NaN)).toBe(1);
    expect(set(0.35)).toBe(0.35);
  });

  it('toggles facility types and catchments independently', () => {
    const a = mapLayersReducer(initialMapLayers, { type: 'toggle-catchment-type', facilityType: 'junior' });
    expect(a.catchmentTypes.junior).toBe(true);
    expect(a.facilityTypes.junior).toBe(true);
    const b = mapLayersReducer(a, { type: 'toggle-facility-type', facilityType: 'junior' });
    expect(b.facilityTypes.junior).toBe(false);
    expect(b.catchmentTypes.junior).toBe(true);
  });
});
