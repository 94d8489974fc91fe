import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { createExpression, validateStyleMin, type StyleSpecification, type SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { ANALYSIS_SLOT, STYLE_LAYER_GROUPS, VILLAGE_OUTLINES, localStyle, villageLabelPoints, withDistrict, type BasemapData } from '../../../src/app/map/district-style.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const demo = <T>(name: string): T => JSON.parse(readFileSync(resolve(ROOT, 'data/geo', name), 'utf8')) as T;
const data: BasemapData = {
  boundary: demo('demo-boundary.geojson'),
  roads: demo('demo-roads.geojson'),
  landuse: demo('demo-landuse.geojson'),
  villages: demo('demo-urban-villages.geojson'),
  facilities: demo('demo-facilities.geojson'),
};

const style = localStyle(data);
const layer = (id: string) => style.layers.find((l) => l.id === id) as SymbolLayerSpecification;

/** The text a label layer shows for a feature with these properties (sections joined). */
function labelText(id: string, properties: Record<string, unknown>, zoom = 16): string {
  const parsed = createExpression(layer(id).layout!['text-field'], 'text-field', { type: 'formatted', expression: { interpolated: false, parameters: ['zoom', 'feature'] } } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const value = parsed.value.evaluate({ zoom }, { type: 'Point', properties } as never) as unknown;
  if (typeof value === 'string') return value;
  return (value as { sections: { text: string }[] }).sections.map((s) => s.text).join('');
}

/** Whether a `unicode-range` list (U+4E00-9FFF, U+A5, …) covers a code point. */
function covers(ranges: string[], codePoint: number): boolean {
  return ranges.some((r) => {
    const [a, b] = r.replace(/^U\+/i, '').split('-');
    const lo = parseInt(a, 16);
    const hi = b === undefined ? lo : parseInt(b, 16);
    return codePoint >= lo && codePoint <= hi;
  });
}

describe('the local offline style', () => {
  it('is a valid MapLibre style that fetches no glyphs, sprites or tiles', () => {
    expect(validateStyleMin(style as StyleSpecification)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('labels roads along the lines from zoom 14, villages from 12 and facilities from 15, above everything else', () => {
    const roads = layer('labels-roads');
    expect(roads.type).toBe('symbol');
    expect(roads.source).toBe('district-roads');
    expect(roads.minzoom).toBe(14);
    expect(roads.layout!['symbol-placement']).toBe('line');
    const villages = layer('labels-villages');
    expect(villages.source).toBe('district-village-labels');
    expect(villages.minzoom).toBe(12);
    const facilities = layer('labels-facilities');
    expect(facilities.source).toBe('district-facility-labels');
    expect(facilities.minzoom).toBe(15);
    // Drawn last, over land use, roads and the boundary.
    expect(style.layers.slice(-3).map((l) => l.id).sort()).toEqual(['labels-facilities', 'labels-roads', 'labels-villages']);
    // Collisions are left to MapLibre's placement: nothing forces a label to overlap another.
    for (const l of [roads, villages, facilities]) {
      expect(l.layout!['text-allow-overlap']).toBeUndefined();
      expect(l.layout!['text-ignore-placement']).toBeUndefined();
    }
  });

  it('shows the Chinese name with the Latin name under it, and a name alone when there is only one', () => {
    expect(labelText('labels-facilities', { name: '锦程路幼儿园', name_en: 'Jincheng Road Kindergarten' })).toBe('锦程路幼儿园\nJincheng Road Kindergarten');
    expect(labelText('labels-villages', { name: '宋岗', name_en: 'Songgang', population: 9912 })).toBe('宋岗\nSonggang');
    expect(labelText('labels-villages', { name_en: 'Only Latin' })).toBe('Only Latin');
    expect(labelText('labels-facilities', { name: '同名', name_en: '同名' })).toBe('同名');
    // Road names on one line (along the road).
    expect(labelText('labels-roads', { name: '振兴路', class: 'arterial' })).toBe('振兴路');
    expect(labelText('labels-roads', { name: '振兴路', name_en: 'Zhenxing Road' })).toBe('振兴路  Zhenxing Road');
  });

  it('draws labels from a font shipped with the app, covering Chinese and Latin, named by the label layers', () => {
    const faces = style['font-faces'] as Record<string, { url: string; 'unicode-range': string[] }[]>;
    const fonts = new Set((style.layers.filter((l) => l.type === 'symbol') as SymbolLayerSpecification[]).flatMap((l) => l.layout!['text-font'] as string[]));
    expect([...fonts]).toEqual(['Noto Sans SC']);
    const files = faces['Noto Sans SC'];
    for (const [char, codePoint] of [['A', 0x41], ['é', 0xe9], ['中', 0x4e2d], ['岗', 0x5c97], ['幼', 0x5e7c], ['路', 0x8def], ['园', 0x56ed]] as const) {
      const file = files.find((f) => covers(f['unicode-range'], codePoint));
      expect(file, char).toBeDefined();
      expect(file!.url, char).toMatch(/noto-sans-sc-[\w-]+\.woff2/);
      expect(file!.url, char).not.toMatch(/^https?:/);
    }
    // Every character of the demo's names is covered.
    const names = [...data.facilities!.features, ...data.villages!.features, ...data.roads.features].map((f) => { const p = f.properties as { name?: string; name_en?: string }; return `${p.name ?? ''}${p.name_en ?? ''}`; }).join('');
    const missing = [...new Set(names)].filter((c) => !files.some((f) => covers(f['unicode-range'], c.codePointAt(0)!)));
    expect(missing).toEqual([]);
  });

  it('puts one label point inside each urban village, with its properties', () => {
    const villages = data.villages as FeatureCollection<Polygon | MultiPolygon>;
    const points = villageLabelPoints(villages);
    expect(points.features).toHaveLength(villages.features.length);
    points.features.forEach((p, i) => {
      expect(booleanPointInPolygon(p.geometry, villages.features[i]), String(villages.features[i].properties?.name)).toBe(true);
      expect(p.properties).toEqual(villages.features[i].properties);
    });
    expect(villageLabelPoints(undefined).features).toEqual([]);
  });

  it('hides road names with the roads', () => {
    expect(STYLE_LAYER_GROUPS.roads).toContain('labels-roads');
    const ids = new Set(style.layers.map((l) => l.id));
    for (const id of [...STYLE_LAYER_GROUPS.roads, ...STYLE_LAYER_GROUPS.boundary, ...STYLE_LAYER_GROUPS.facilities]) expect(ids.has(id), id).toBe(true);
  });

  it('keeps a place for the analysis over the roads and the boundary and under every name', () => {
    const ids = style.layers.map((l) => l.id);
    const slot = ids.indexOf(ANALYSIS_SLOT);
    expect(slot).toBe(ids.indexOf('district-boundary-line') + 2);
    expect(ids.slice(slot + 1).sort()).toEqual(['labels-facilities', 'labels-roads', 'labels-villages']);
    // A placeholder: it draws nothing.
    expect(style.layers[slot].layout?.visibility).toBe('none');
  });
});

describe("the urban villages' outlines", () => {
  it('are a line of the style, magenta and 2 px, over the boundary and just before the analysis slot, following the villages switch', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf(VILLAGE_OUTLINES)).toBe(ids.indexOf('district-boundary-line') + 1);
    expect(ids.indexOf(ANALYSIS_SLOT)).toBe(ids.indexOf(VILLAGE_OUTLINES) + 1);
    const outline = style.layers.find((l) => l.id === VILLAGE_OUTLINES)!;
    expect(outline.type).toBe('line');
    expect(outline.paint).toEqual({ 'line-color': 'rgb(197, 27, 125)', 'line-width': 2 });
    expect(style.sources[(outline as { source: string }).source]).toEqual({ type: 'geojson', data: data.villages });
    expect(STYLE_LAYER_GROUPS.villages).toEqual([VILLAGE_OUTLINES]);
  });

  it('are added, with their source, to a style from elsewhere, and an empty source without villages', () => {
    const other = withDistrict({ version: 8, sources: {}, layers: [{ id: 'bg', type: 'background' }] }, { ...data, villages: undefined });
    const ids = other.layers.map((l) => l.id);
    expect(ids.indexOf(ANALYSIS_SLOT)).toBe(ids.indexOf(VILLAGE_OUTLINES) + 1);
    expect(other.sources['district-villages']).toEqual({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  });
});

describe('a style from a URL', () => {
  const url: StyleSpecification = {
    version: 8,
    'font-faces': { 'Their Font': 'https://example.org/font.woff2' },
    sources: { osm: { type: 'raster', tiles: ['https://example.org/{z}/{x}/{y}.png'], tileSize: 256 }, names: { type: 'vector', tiles: ['https://example.org/{z}/{x}/{y}.pbf'] }, 'district-roads': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [{ id: 'osm', type: 'raster', source: 'osm' }, { id: 'place-names', type: 'symbol', source: 'names', 'source-layer': 'places', layout: { 'text-field': 'x' } }],
  };
  const joined = withDistrict(url, data);

  it('gets the district, the analysis slot and the labels on top of its own layers, which it keeps', () => {
    expect(validateStyleMin(joined)).toEqual([]);
    const ids = joined.layers.map((l) => l.id);
    expect(ids.slice(0, 2)).toEqual(['osm', 'place-names']);
    expect(ids.slice(2)).toEqual(style.layers.slice(1).map((l) => l.id));
    // Its own sources win over ours where the names clash; ours are added.
    expect(joined.sources['district-roads']).toBe(url.sources['district-roads']);
    expect(joined.sources['district-boundary']).toBeDefined();
    expect(Object.keys(joined['font-faces']!)).toEqual(['Their Font', ...Object.keys(style['font-faces']!)]);
  });

  it('is joined once: a style that has the slot is returned as it is', () => {
    expect(withDistrict(joined, data)).toBe(joined);
    expect(withDistrict(style, data)).toBe(style);
  });
});
