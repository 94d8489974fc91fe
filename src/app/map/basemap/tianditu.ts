import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { styleWithDistrict, type BasemapData } from '../district-style.ts';

/**
 * Tianditu (天地图), China's national map service: its WMTS tiles in Web Mercator (`_w`), on the
 * CGCS2000 datum, which agrees with WGS84 to within a metre, so the district's WGS84 data sit on it
 * without offset (unlike GCJ-02 services). `vec` is the vector map, `cva` its Chinese labels.
 * A key (`tk`) from the Tianditu developer console is needed; it is kept in this browser only.
 */
export type TiandituLayer = 'vec' | 'cva';

/** Tiles are served by t0 … t7.tianditu.gov.cn. */
export const TIANDITU_HOSTS = 8;

export function tiandituTileUrls(layer: TiandituLayer, key: string): string[] {
  const query = [
    'SERVICE=WMTS',
    'REQUEST=GetTile',
    'VERSION=1.0.0',
    `LAYER=${layer}`,
    'STYLE=default',
    'TILEMATRIXSET=w',
    'FORMAT=tiles',
    'TILEMATRIX={z}',
    'TILEROW={y}',
    'TILECOL={x}',
    `tk=${encodeURIComponent(key)}`,
  ].join('&');
  return Array.from({ length: TIANDITU_HOSTS }, (_, i) => `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?${query}`);
}

/** A Tianditu key is 32 hexadecimal characters. */
export function isTiandituKey(key: string): boolean {
  return /^[0-9a-f]{32}$/i.test(key.trim());
}

const ATTRIBUTION = '© 天地图 Tianditu';

export function tiandituStyle(key: string, data: BasemapData): StyleSpecification {
  const source = (layer: TiandituLayer): SourceSpecification => ({
    type: 'raster',
    tiles: tiandituTileUrls(layer, key),
    tileSize: 256,
    minzoom: 1,
    maxzoom: 18,
    attribution: ATTRIBUTION,
  });
  const layers: LayerSpecification[] = [{ id: 'tianditu-vec', type: 'raster', source: 'tianditu-vec' }];
  // Tianditu's labels over the district's land use and roads, under the district's own names.
  const above: LayerSpecification[] = [{ id: 'tianditu-cva', type: 'raster', source: 'tianditu-cva' }];
  return styleWithDistrict('Tianditu', { sources: { 'tianditu-vec': source('vec'), 'tianditu-cva': source('cva') }, layers, above }, data);
}

/** Raster tiles from a URL template (`…/{z}/{x}/{y}.png`), under the district's layers. */
export function rasterTemplateStyle(url: string, data: BasemapData): StyleSpecification {
  return styleWithDistrict(
    'Raster tiles',
    {
      sources: { 'basemap-raster': { type: 'raster', tiles: [url], tileSize: 256, maxzoom: 19 } },
      layers: [{ id: 'basemap-raster', type: 'raster', source: 'basemap-raster' }],
    },
    data,
  );
}
