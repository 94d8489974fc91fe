import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { localStyle, type BasemapData } from '../district-style.ts';
import { isTileTemplate, type BasemapChoice } from './choice.ts';
import { pmtilesStyle } from './pmtiles.ts';
import { rasterTemplateStyle, tiandituStyle } from './tianditu.ts';

/**
 * The MapLibre style for a basemap choice: a style object built here (local, Tianditu, raster
 * tiles, PMTiles), or a style URL (the district's layers and the label font are added as it loads:
 * see withDistrict).
 */
export async function basemapStyle(choice: BasemapChoice, data: BasemapData): Promise<StyleSpecification | string> {
  switch (choice.kind) {
    case 'local':
      return localStyle(data);
    case 'url':
      return isTileTemplate(choice.url) ? rasterTemplateStyle(choice.url, data) : choice.url;
    case 'tianditu':
      return tiandituStyle(choice.key, data);
    case 'pmtiles':
      return pmtilesStyle(choice.source, data);
  }
}
