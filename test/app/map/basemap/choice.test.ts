import { describe, expect, it } from 'vitest';
import { basemapName, basemapOffset, isTileTemplate, knownTileOffset, sameBasemap, withoutKey } from '../../../../src/app/map/basemap/choice.ts';

describe('GCJ-02 and BD-09 basemaps', () => {
  it('knows Amap/Gaode, Tencent and Google China tiles as GCJ-02 and Baidu tiles as BD-09', () => {
    expect(knownTileOffset('https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}')).toBe('gcj02');
    expect(knownTileOffset('https://wprd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}&lang=zh_cn&size=1&scl=1&style=7')).toBe('gcj02');
    expect(knownTileOffset('https://webst0{1-4}.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}')).toBe('gcj02');
    expect(knownTileOffset('https://restapi.amap.com/v3/style.json?key=x')).toBe('gcj02');
    expect(knownTileOffset('https://rt0.map.gtimg.com/tile?z={z}&x={x}&y={y}&styleid=1')).toBe('gcj02');
    expect(knownTileOffset('http://www.google.cn/maps/vt?lyrs=s@189&gl=cn&x={x}&y={y}&z={z}')).toBe('gcj02');
    expect(knownTileOffset('https://maponline0.bdimg.com/tile/?qt=vtile&x={x}&y={y}&z={z}&styles=pl')).toBe('bd09');
    expect(knownTileOffset('https://api.map.baidu.com/customimage/tile?x={x}&y={y}&z={z}')).toBe('bd09');
  });

  it('does not flag WGS84 services, look-alike hosts or things that are not URLs', () => {
    expect(knownTileOffset('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBeNull();
    expect(knownTileOffset('https://t0.tianditu.gov.cn/vec_w/wmts?tk=abc')).toBeNull();
    expect(knownTileOffset('https://demotiles.maplibre.org/style.json')).toBeNull();
    expect(knownTileOffset('https://amap.com.example.org/style.json')).toBeNull();
    expect(knownTileOffset('https://notamap.com/style.json')).toBeNull();
    expect(knownTileOffset('https://example.org/tiles?from=autonavi.com')).toBeNull();
    expect(knownTileOffset('not a url')).toBeNull();
  });

  it('flags a basemap by its host or by the user’s tick, never Tianditu or the local style', () => {
    expect(basemapOffset({ kind: 'url', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', gcj02: false })).toBeNull();
    expect(basemapOffset({ kind: 'url', url: 'https://tiles.example.cn/{z}/{x}/{y}.png', gcj02: true })).toBe('gcj02');
    expect(basemapOffset({ kind: 'url', url: 'https://webrd01.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}', gcj02: false })).toBe('gcj02');
    expect(basemapOffset({ kind: 'pmtiles', name: 'city.pmtiles', source: 'https://webrd01.is.autonavi.com/city.pmtiles' })).toBe('gcj02');
    expect(basemapOffset({ kind: 'pmtiles', name: 'city.pmtiles', source: 'file1-city.pmtiles' })).toBeNull();
    expect(basemapOffset({ kind: 'tianditu', key: '0123456789abcdef0123456789abcdef' })).toBeNull();
    expect(basemapOffset({ kind: 'local' })).toBeNull();
  });
});

describe('basemap choices', () => {
  it('tells tile templates from style URLs', () => {
    expect(isTileTemplate('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileTemplate('https://a/{z}/{x}.png')).toBe(false);
    expect(isTileTemplate('https://demotiles.maplibre.org/style.json')).toBe(false);
  });

  it('never names the Tianditu key, in a choice’s name or in an error message', () => {
    const key = '0123456789abcdef0123456789abcdef';
    expect(basemapName({ kind: 'tianditu', key })).not.toContain(key);
    const message = `Failed to fetch https://t3.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&TILECOL=3&tk=${key} (https://t4.tianditu.gov.cn/cva_w/wmts?tk=${key}&LAYER=cva)`;
    const clean = withoutKey(message);
    expect(clean).not.toContain(key);
    expect(clean).toContain('tk=…');
    expect(clean).toContain('LAYER=cva');
  });

  it('compares choices by value', () => {
    expect(sameBasemap({ kind: 'local' }, { kind: 'local' })).toBe(true);
    expect(sameBasemap({ kind: 'url', url: 'https://a', gcj02: false }, { kind: 'url', url: 'https://a', gcj02: true })).toBe(false);
    expect(sameBasemap({ kind: 'tianditu', key: 'a' }, { kind: 'tianditu', key: 'b' })).toBe(false);
  });
});
