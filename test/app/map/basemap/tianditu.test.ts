import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateStyleMin, type RasterSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { isTiandituKey, rasterTemplateStyle, tiandituStyle, tiandituTileUrls } from '../../../../src/app/map/basemap/tianditu.ts';
import type { BasemapData } from '../../../../src/app/map/district-style.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const demo = (name: string) => JSON.parse(readFileSync(resolve(ROOT, 'data/geo', name), 'utf8'));
const data: BasemapData = { boundary: demo('demo-boundary.geojson'), roads: demo('demo-roads.geojson'), landuse: demo('demo-landuse.geojson') };
const KEY = '0123456789abcdef0123456789abcdef';

describe('Tianditu', () => {
  it('asks t0 … t7 for the Web Mercator WMTS tiles of the layer, with the key', () => {
    for (const layer of ['vec', 'cva'] as const) {
      const urls = tiandituTileUrls(layer, KEY);
      expect(urls).toHaveLength(8);
      urls.forEach((u, i) => {
        const url = new URL(u);
        expect(url.protocol).toBe('https:');
        expect(url.hostname).toBe(`t${i}.tianditu.gov.cn`);
        expect(url.pathname).toBe(`/${layer}_w/wmts`);
        const q = url.searchParams;
        expect(q.get('SERVICE')).toBe('WMTS');
        expect(q.get('REQUEST')).toBe('GetTile');
        expect(q.get('LAYER')).toBe(layer);
        expect(q.get('TILEMATRIXSET')).toBe('w');
        expect(q.get('FORMAT')).toBe('tiles');
        expect(q.get('tk')).toBe(KEY);
        // MapLibre fills these in: zoom, row (y) and column (x).
        expect(u).toContain('TILEMATRIX={z}');
        expect(u).toContain('TILEROW={y}');
        expect(u).toContain('TILECOL={x}');
      });
    }
  });

  it('escapes a key that would break the URL', () => {
    const url = new URL(tiandituTileUrls('vec', 'a&b=c d')[0]);
    expect(url.searchParams.get('tk')).toBe('a&b=c d');
    expect(url.searchParams.get('b')).toBeNull();
  });

  it('builds a valid style: the vector map, the district’s layers, Tianditu’s labels, then the district’s names', () => {
    const style = tiandituStyle(KEY, data);
    expect(validateStyleMin(style)).toEqual([]);
    const vec = style.sources['tianditu-vec'] as RasterSourceSpecification;
    const cva = style.sources['tianditu-cva'] as RasterSourceSpecification;
    expect(vec.type).toBe('raster');
    expect(vec.tiles).toEqual(tiandituTileUrls('vec', KEY));
    expect(cva.tiles).toEqual(tiandituTileUrls('cva', KEY));
    expect(vec.tileSize).toBe(256);
    expect(vec.maxzoom).toBe(18);
    expect(vec.attribution).toContain('天地图');
    const ids = style.layers.map((l) => l.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('background')).toBe(0);
    expect(at('tianditu-vec')).toBe(1);
    expect(at('tianditu-vec')).toBeLessThan(at('landuse-fill'));
    expect(at('district-boundary-line')).toBeLessThan(at('tianditu-cva'));
    expect(at('tianditu-cva')).toBeLessThan(at('labels-roads'));
    expect(at('tianditu-cva')).toBeLessThan(at('labels-villages'));
    expect(style['font-faces']).toHaveProperty(['Noto Sans SC']);
  });

  it('recognises a key of 32 hexadecimal characters', () => {
    expect(isTiandituKey(KEY)).toBe(true);
    expect(isTiandituKey(` ${KEY.toUpperCase()} `)).toBe(true);
    expect(isTiandituKey('abc')).toBe(false);
    expect(isTiandituKey(`${KEY.slice(0, 31)}g`)).toBe(false);
  });
});

describe('raster tile templates', () => {
  it('draw the tiles under the district’s layers', () => {
    const style = rasterTemplateStyle('https://tile.openstreetmap.org/{z}/{x}/{y}.png', data);
    expect(validateStyleMin(style)).toEqual([]);
    expect((style.sources['basemap-raster'] as RasterSourceSpecification).tiles).toEqual(['https://tile.openstreetmap.org/{z}/{x}/{y}.png']);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('basemap-raster')).toBeLessThan(ids.indexOf('landuse-fill'));
    expect(ids.at(-1)).toMatch(/^labels-/);
  });
});
