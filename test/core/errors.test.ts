import { describe, expect, it } from 'vitest';
import { InputError, noUsableFeatures, readUrbanVillages } from '../../src/core/index.ts';

const w = (feature: string, reason: string) => ({ source: 's', feature, reason });

describe('noUsableFeatures', () => {
  it('lists the first five skipped features with their reasons, then how many more', () => {
    const skipped = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => w(id, `${id} is wrong; skipped`));
    const err = noUsableFeatures('f.geojson', 'population features', skipped, 9);
    expect(err).toBeInstanceOf(InputError);
    expect(err.source).toBe('f.geojson');
    expect(err.reason).toBe('no usable population features (all 9 skipped): a: a is wrong; b: b is wrong; c: c is wrong; d: d is wrong; e: e is wrong; and 2 more');
  });

  it('says just the count when no reason is known', () => {
    expect(noUsableFeatures('f', 'rows', [], 0).reason).toBe('no usable rows (all 0 skipped)');
  });
});

describe('core readers refuse with the reasons', () => {
  it('readUrbanVillages', () => {
    const village = (id: string, geometry: unknown) => ({ type: 'Feature', properties: { id, migrant_share: 2 }, geometry });
    const layer = {
      type: 'FeatureCollection',
      features: [village('v1', { type: 'Point', coordinates: [113.6, 34.7] }), village('v2', null), village('v3', { type: 'Polygon', coordinates: [[[113.6, 34.7]]] })],
    };
    expect(() => readUrbanVillages(layer, 'v.geojson')).toThrow(
      new InputError(
        'v.geojson',
        'no usable urban-village polygons (all 3 skipped): v1: geometry Point is not a valid polygon; v2: no geometry; v3: geometry Polygon is not a valid polygon',
      ),
    );
  });
});
