import gcoord from 'gcoord';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { normalise, parseCoordinate, searchEntries, searchNames } from '../../../src/app/search/search.ts';

const point = (lng: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lng, lat] });
const feature = (properties: Record<string, unknown>, geometry: Geometry): Feature<Geometry> => ({ type: 'Feature', properties, geometry });

const entries = searchEntries(
  {
    facilities: [
      feature({ id: 'pri001', name: '明德街小学', name_en: 'Mingde Street Primary School', type: 'primary' }, point(113.63, 34.81)),
      feature({ id: 'pri010', name: '第一小学', name_en: 'No. 1 Primary School', type: 'primary' }, point(113.64, 34.8)),
      feature({ id: 'kg001', name: '明德幼儿园', type: 'kindergarten' }, point(113.62, 34.8)),
    ],
    villages: [feature({ id: 'v1', name: '陈寨', name_en: 'Chenzhai' }, { type: 'Polygon', coordinates: [[[113.6, 34.7], [113.61, 34.7], [113.61, 34.71], [113.6, 34.7]]] })],
    roads: [
      feature({ name: '大学路', class: 'arterial' }, { type: 'LineString', coordinates: [[113.6, 34.7], [113.62, 34.72]] }),
      feature({ name: '大学路', class: 'arterial' }, { type: 'LineString', coordinates: [[113.62, 34.72], [113.65, 34.73]] }),
    ],
  },
  [{ id: 'P1', lngLat: [113.66, 34.76] }],
  'primary',
  (t) => t,
);
const labels = (q: string, py?: (t: string) => string[]) => searchNames(entries, q, 12, py).map((e) => e.label);

describe('search over names', () => {
  it('finds a school by its English name, whatever the case, spacing or width', () => {
    expect(labels('No. 1')).toEqual(['第一小学 (No. 1 Primary School)']);
    expect(labels('ｎｏ１')).toEqual(['第一小学 (No. 1 Primary School)']);
    expect(normalise(' Ａb-c ')).toBe('abc');
  });

  it('ranks an exact name before one that starts with the query, before one that holds it', () => {
    // 明德 starts both 明德街小学 and 明德幼儿园; the shorter label first.
    expect(labels('明德')).toEqual(['明德幼儿园', '明德街小学 (Mingde Street Primary School)']);
    expect(labels('P1')).toEqual(['P1']);
  });

  it('selects the row of a school of the analysed type, and of a village; not of another type', () => {
    const [school] = searchNames(entries, 'pri001');
    expect(school.row).toEqual({ table: 'facilities', id: 'pri001' });
    expect(searchNames(entries, 'kg001')[0].row).toBeUndefined();
    expect(searchNames(entries, 'Chenzhai')[0]).toMatchObject({ kind: 'village', row: { table: 'villages', id: 'v1' }, place: { bounds: [113.6, 34.7, 113.61, 34.71] } });
  });

  it('lists a road once, framed by all its segments', () => {
    const roads = searchNames(entries, '大学路');
    expect(roads).toHaveLength(1);
    expect(roads[0].place).toEqual({ bounds: [113.6, 34.7, 113.65, 34.73] });
  });

  it('matches Chinese names by their pinyin, whole or by initials', () => {
    const py = (t: string) => {
      const s = pinyin(t, { toneType: 'none', type: 'array' });
      return [s.join(''), s.map((x) => x[0]).join('')];
    };
    expect(labels('mingdejie', py)).toEqual(['明德街小学 (Mingde Street Primary School)']);
    expect(labels('czh', py)).toEqual([]);
    expect(labels('cz', py)).toEqual(['陈寨 (Chenzhai)']);
  });
});

describe('parseCoordinate', () => {
  it('reads lon, lat with any separator, and lat, lon when the first cannot be a longitude … but can be a latitude', () => {
    expect(parseCoordinate('113.65, 34.75', 'wgs84')).toEqual([113.65, 34.75]);
    expect(parseCoordinate('113.65，34.75', 'wgs84')).toEqual([113.65, 34.75]);
    expect(parseCoordinate('113.65 34.75', 'wgs84')).toEqual([113.65, 34.75]);
    expect(parseCoordinate('34.75, 113.65', 'wgs84')).toEqual([113.65, 34.75]);
    expect(parseCoordinate('-79.87; 43.25', 'wgs84')).toEqual([-79.87, 43.25]);
    expect(parseCoordinate('200, 95', 'wgs84')).toBeNull();
    expect(parseCoordinate('113.65', 'wgs84')).toBeNull();
    expect(parseCoordinate('No. 1', 'wgs84')).toBeNull();
  });

  it('turns a coordinate copied from Amap (GCJ-02) or Baidu (BD-09) back into WGS84', () => {
    const wgs: [number, number] = [113.65, 34.75];
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const bd = gcoord.transform(wgs, gcoord.WGS84, gcoord.BD09) as [number, number];
    // The shifts are hundreds of metres in Zhengzhou: reading them the wrong way would be far off.
    expect(Math.hypot(gcj[0] - wgs[0], gcj[1] - wgs[1])).toBeGreaterThan(0.004);
    const back = parseCoordinate(`${gcj[0]}, ${gcj[1]}`, 'gcj02')!;
    expect(Math.hypot(back[0] - wgs[0], back[1] - wgs[1])).toBeLessThan(1e-5);
    const fromBaidu = parseCoordinate(`${bd[0]},${bd[1]}`, 'bd09')!;
    expect(Math.hypot(fromBaidu[0] - wgs[0], fromBaidu[1] - wgs[1])).toBeLessThan(1e-5);
  });
});
