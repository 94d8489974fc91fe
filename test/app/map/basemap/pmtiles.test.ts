import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PbfReader as Protobuf } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';
import { PMTiles, TileType, type Source } from 'pmtiles';
import { validateStyleMin, type FillLayerSpecification, type VectorSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { genericVectorLayers, layerKind, pmtilesStyleFrom, GENERIC_COLOURS } from '../../../../src/app/map/basemap/pmtiles.ts';
import type { BasemapData } from '../../../../src/app/map/district-style.ts';
import { demoArchive, makePmtiles } from '../../../../scripts/make-pmtiles.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const demo = (name: string) => JSON.parse(readFileSync(resolve(ROOT, 'data/geo', name), 'utf8'));
const data: BasemapData = { boundary: demo('demo-boundary.geojson'), roads: demo('demo-roads.geojson'), landuse: demo('demo-landuse.geojson') };

/** A PMTiles reader over bytes in memory. */
const open = (bytes: Uint8Array) => {
  const source: Source = { getKey: () => 'memory', getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }) };
  return new PMTiles(source);
};

/** The tile x, y holding a lon/lat at zoom z (Web Mercator). */
function tileOf([lon, lat]: [number, number], z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

describe('the test archive writer (scripts/make-pmtiles.ts)', () => {
  const box: [number, number, number, number] = [113.55, 34.68, 113.7, 34.82];
  const bytes = demoArchive(box);

  it('writes a PMTiles v3 archive that the pmtiles package reads: header, metadata, tiles', async () => {
    const archive = open(bytes);
    const header = await archive.getHeader();
    expect(header.specVersion).toBe(3);
    expect(header.tileType).toBe(TileType.Mvt);
    expect([header.minZoom, header.maxZoom]).toEqual([10, 14]);
    // The features reach one box-width beyond the box on each side.
    expect(header.minLon).toBeCloseTo(113.4, 5);
    expect(header.maxLat).toBeCloseTo(34.96, 5);
    const metadata = (await archive.getMetadata()) as { vector_layers: { id: string; fields: Record<string, string> }[] };
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(['earth', 'water', 'roads']);
    expect(metadata.vector_layers[1].fields).toEqual({ kind: 'String', name: 'String' });
  });

  it('stores tiles that decode back to the features, where they were', async () => {
    const archive = open(bytes);
    const z = 12;
    const lake: [number, number] = [113.55 - 0.15 * 0.6, 34.75];
    const [x, y] = tileOf(lake, z);
    const tile = await archive.getZxy(z, x, y);
    expect(tile).toBeDefined();
    const vt = new VectorTile(new Protobuf(new Uint8Array(tile!.data)));
    expect(Object.keys(vt.layers).sort()).toEqual(['earth', 'roads', 'water']);
    const water = vt.layers.water.feature(0);
    expect(water.properties).toEqual({ kind: 'lake', name: '测试湖' });
    const geojson = water.toGeoJSON(x, y, z);
    // One polygon (its ring wound as MVT wants an exterior one), with the lake's corners.
    expect(geojson.geometry.type).toBe('Polygon');
    const ring = (geojson.geometry as GeoJSON.Polygon).coordinates[0];
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    expect(Math.min(...lons)).toBeCloseTo(113.55 - 0.15 * 0.9, 3);
    expect(Math.max(...lons)).toBeCloseTo(113.55 - 0.15 * 0.3, 3);
    expect(Math.min(...lats)).toBeCloseTo(34.68 - 0.14 * 0.9, 3);
    const road = vt.layers.roads.feature(0);
    expect(road.properties).toEqual({ kind: 'major_road', name: '测试大道', 'name:en': 'Test Avenue' });
    expect(road.toGeoJSON(x, y, z).geometry.type).toBe('LineString');
    // No tile outside the zoom range.
    expect(await archive.getZxy(9, ...tileOf(lake, 9))).toBeUndefined();
  });

  it('holds a point feature too', async () => {
    const archive = open(makePmtiles({ minZoom: 5, maxZoom: 5, layers: { pois: [{ geometry: { type: 'Point', coordinates: [113.6, 34.7] }, properties: { name: '学校', rank: 3 } }] } }));
    const [x, y] = tileOf([113.6, 34.7], 5);
    const vt = new VectorTile(new Protobuf(new Uint8Array((await archive.getZxy(5, x, y))!.data)));
    const poi = vt.layers.pois.feature(0).toGeoJSON(x, y, 5);
    expect(poi.properties).toEqual({ name: '学校', rank: 3 });
    // Within one tile unit at zoom 5 (11.25° / 4096 ≈ 0.003°).
    expect(Math.abs((poi.geometry as GeoJSON.Point).coordinates[0] - 113.6)).toBeLessThan(0.003);
    expect(Math.abs((poi.geometry as GeoJSON.Point).coordinates[1] - 34.7)).toBeLessThan(0.003);
  });
});

describe('the generic style of a PMTiles archive', () => {
  it('guesses what a layer holds from its name (Protomaps, OpenMapTiles)', () => {
    expect(layerKind('water')).toBe('water');
    expect(layerKind('waterway')).toBe('water');
    expect(layerKind('landcover')).toBe('green');
    expect(layerKind('park')).toBe('green');
    expect(layerKind('buildings')).toBe('building');
    expect(layerKind('transportation')).toBe('road');
    expect(layerKind('roads')).toBe('road');
    expect(layerKind('boundaries')).toBe('boundary');
    expect(layerKind('earth')).toBe('earth');
    expect(layerKind('pois')).toBe('other');
  });

  it('fills polygons, strokes lines and dots points of every layer, land under water under roads, names on top', () => {
    const layers = genericVectorLayers('pmtiles', [{ id: 'roads', fields: { name: 'String' } }, { id: 'water' }, { id: 'earth', fields: { kind: 'String' } }]);
    const ids = layers.map((l) => l.id);
    expect(ids.indexOf('pmtiles-earth-fill')).toBeLessThan(ids.indexOf('pmtiles-water-fill'));
    expect(ids.indexOf('pmtiles-water-fill')).toBeLessThan(ids.indexOf('pmtiles-roads-line'));
    for (const id of ['earth', 'water', 'roads']) {
      const fill = layers.find((l) => l.id === `pmtiles-${id}-fill`) as FillLayerSpecification;
      expect(fill['source-layer']).toBe(id);
      expect(fill.filter).toEqual(['==', ['geometry-type'], 'Polygon']);
    }
    expect((layers.find((l) => l.id === 'pmtiles-water-fill') as FillLayerSpecification).paint!['fill-color']).toBe(GENERIC_COLOURS.water);
    // Names where the layer has a name field, or says nothing of its fields; none for `earth`.
    expect(ids.filter((id) => id.endsWith('-label')).sort()).toEqual(['pmtiles-roads-label', 'pmtiles-water-label']);
    expect(ids.slice(-2).every((id) => id.endsWith('-label'))).toBe(true);
  });

  it('makes a valid style from an archive’s header and metadata, the district over it', async () => {
    const archive = open(demoArchive([113.55, 34.68, 113.7, 34.82]));
    const header = await archive.getHeader();
    const style = pmtilesStyleFrom('file1-test.pmtiles', header, (await archive.getMetadata()) as never, data);
    expect(validateStyleMin(style)).toEqual([]);
    const source = style.sources.pmtiles as VectorSourceSpecification;
    expect(source.type).toBe('vector');
    expect(source.tiles).toEqual(['pmtiles://file1-test.pmtiles/{z}/{x}/{y}']);
    expect([source.minzoom, source.maxzoom]).toEqual([10, 14]);
    expect(source.bounds?.[0]).toBeCloseTo(113.4, 5);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('pmtiles-water-fill')).toBeLessThan(ids.indexOf('landuse-fill'));
    expect(ids.slice(-3).sort()).toEqual(['labels-facilities', 'labels-roads', 'labels-villages']);
  });

  it('draws raster archives as raster, and refuses archives it cannot draw', () => {
    const base = { minZoom: 0, maxZoom: 5, minLon: 0, minLat: 0, maxLon: 1, maxLat: 1 } as never;
    const raster = pmtilesStyleFrom('a', { ...(base as object), tileType: TileType.Png } as never, {}, data);
    expect(raster.layers.find((l) => l.id === 'pmtiles-raster')?.type).toBe('raster');
    expect(() => pmtilesStyleFrom('a', { ...(base as object), tileType: TileType.Mvt } as never, {}, data)).toThrow(/no vector layers/);
    expect(() => pmtilesStyleFrom('a', { ...(base as object), tileType: TileType.Unknown } as never, { vector_layers: [{ id: 'x' }] }, data)).toThrow(/cannot be drawn/);
  });
});
